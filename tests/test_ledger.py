"""The work-item ledger, the same suite on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import stat
import sys

import pytest
from sqlalchemy import create_engine

from shared.ledger import TRANSITIONS, IllegalTransition, State, open_ledger
from shared.ledger.sql import metadata
from tests.postgres import POSTGRES_URL, postgres_reason

LEASE = dt.timedelta(minutes=5)


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request, tmp_path):
    if request.param == "sqlite":
        store = open_ledger(tmp_path / "work" / "ledger.sqlite3")
    else:
        reason = postgres_reason()
        if reason:
            pytest.skip(reason)
        metadata.drop_all(create_engine(POSTGRES_URL))
        store = open_ledger(POSTGRES_URL)
    yield store
    store.close()
    if request.param == "postgresql":
        metadata.drop_all(create_engine(POSTGRES_URL))


def add(ledger, n=1, scenario="s"):
    return [ledger.add(scenario, f"f{i}.pdf", f"{i:064d}", "run") for i in range(n)]


def test_states_follow_the_table(ledger):
    [item] = add(ledger)
    ledger.update(item.id, values={"a": 1})
    item = ledger.reserve_next("s", "w", LEASE, 3)
    assert item.state == State.RESERVED and item.attempt == 1 and item.worker == "w"
    with pytest.raises(IllegalTransition):
        ledger.transition(item.id, State.DONE)  # done only after committing
    ledger.transition(item.id, State.COMMITTING)
    done = ledger.transition(item.id, State.DONE, receipt_no="JT-1", values=None)
    assert (done.state, done.receipt_no, done.values) == (State.DONE, "JT-1", None)
    for target in State:
        with pytest.raises(IllegalTransition):
            ledger.transition(item.id, target)  # done is final


def test_every_state_is_in_the_table():
    assert set(TRANSITIONS) == set(State)
    assert not TRANSITIONS[State.DONE] and not TRANSITIONS[State.ABANDONED]


def test_reserve_takes_oldest_once_and_respects_backoff(ledger):
    a, b = add(ledger, 2)
    first = ledger.reserve_next("s", "w1", LEASE, 3)
    second = ledger.reserve_next("s", "w2", LEASE, 3)
    assert (first.id, second.id) == (a.id, b.id)
    assert ledger.reserve_next("s", "w3", LEASE, 3) is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    ledger.transition(a.id, State.FAILED_APPLICATION, next_attempt_at=later)
    assert ledger.reserve_next("s", "w3", LEASE, 3) is None  # backoff not over
    ledger.update(a.id, next_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    again = ledger.reserve_next("s", "w3", LEASE, 3)
    assert again.id == a.id and again.attempt == 2
    ledger.transition(a.id, State.FAILED_APPLICATION, next_attempt_at=None)
    assert ledger.reserve_next("s", "w3", LEASE, 2) is None  # no attempts left


def test_two_ledgers_never_reserve_the_same_item(ledger, tmp_path):
    add(ledger, 5)
    other = open_ledger(ledger.engine.url.render_as_string(hide_password=False))
    taken = []
    for _ in range(5):
        for store in (ledger, other):
            item = store.reserve_next("s", str(id(store)), LEASE, 3)
            if item:
                taken.append(item.id)
    other.close()
    assert sorted(taken) == sorted(set(taken)) and len(taken) == 5


def test_recover_dead_workers(ledger):
    a, b, c = add(ledger, 3)
    ledger.reserve_next("s", "dead", LEASE, 3)
    ledger.reserve_next("s", "dead", LEASE, 3)
    ledger.reserve_next("s", "alive", LEASE, 3)
    ledger.transition(b.id, State.COMMITTING)
    recovered = ledger.recover("s", lambda worker: worker == "dead")
    assert {(i.id, i.state) for i in recovered} == {(a.id, State.NEW), (b.id, State.UNCERTAIN)}
    assert ledger.get(c.id).state == State.RESERVED


def test_expired_lease_is_recovered(ledger):
    [a] = add(ledger)
    ledger.reserve_next("s", "w", dt.timedelta(seconds=-1), 3)
    assert [i.state for i in ledger.recover("s", lambda w: False)] == [State.NEW]


def test_duplicate_keys_are_found_but_not_among_failed(ledger):
    a, b, c = add(ledger, 3)
    ledger.update(a.id, key_hash="k")
    ledger.update(b.id, key_hash="k")
    assert ledger.find_key("s", "k", exclude_id=b.id).id == a.id
    ledger.transition(a.id, State.FAILED_BUSINESS)
    assert ledger.find_key("s", "k", exclude_id=b.id) is None


def test_files_are_registered_once(ledger):
    record, created = ledger.add_file("a" * 64, "x.pdf", "archive/aa/x.pdf", "template.yaml")
    again, created_again = ledger.add_file("a" * 64, "copy.pdf", "archive/aa/x.pdf", "template.yaml")
    assert created and not created_again and again.name == "x.pdf"
    ledger.set_file_state("a" * 64, "read")
    assert [f.state for f in ledger.files()] == ["read"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_sqlite_file_is_owner_only(tmp_path):
    path = tmp_path / "work" / "ledger.sqlite3"
    open_ledger(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
