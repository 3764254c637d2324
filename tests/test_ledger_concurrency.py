"""Several processes on one ledger: the schema is created once on an empty database (SQLite
and a fresh PostgreSQL database), one source never becomes two items however many add it at
once, a ledger made before the unique source gets it, and one already holding two items of a
source is refused with a message saying what to do. Concurrency comes from separate engines
(separate database connections) in threads; the database does the waiting."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, inspect, text

from shared.audit import open_audited_ledger
from shared.errors import ApplicationError
from shared.ledger import State, open_ledger
from tests.postgres import empty_postgres_database, postgres_reason

THREADS = 6


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path) -> Iterator[str]:
    """The URL (or path) of a database with no table in it."""
    if request.param == "sqlite":
        yield str(tmp_path / "work" / "ledger.sqlite3")
        return
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    with empty_postgres_database("rpa_ledger") as url:
        yield url


def at_once(work: Callable[[int], object], count: int = THREADS) -> list[object]:
    """Run ``work(n)`` in ``count`` threads released together; their results (or exceptions)."""
    gate = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(n: int) -> None:
        gate.wait()
        try:
            results[n] = work(n)
        except Exception as exc:  # collected: the test asserts there is none
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def test_the_schema_is_created_once_when_processes_open_an_empty_database_together(empty_database):
    def open_and_add(n: int) -> int:
        with open_audited_ledger(empty_database, f"robot-{n}") as (ledger, audit):
            audit.append("opened", n=n)
            return ledger.add_or_get("s", f"{n}.pdf", f"{n:064x}", "run")[0].id

    results = at_once(open_and_add)
    assert not [r for r in results if isinstance(r, Exception)], results
    with open_audited_ledger(empty_database, "checker") as (ledger, audit):
        assert len(ledger.items("s")) == THREADS
        assert audit.verify() == (2 * THREADS, None)  # each "opened" and each item's creation, in one chain


def test_one_source_is_one_item_however_many_add_it_at_once(empty_database):
    open_ledger(empty_database).close()  # the schema exists: this is about adding
    ledgers = [open_ledger(empty_database) for _ in range(THREADS)]
    try:
        for round_ in range(5):
            sha = f"{round_:064x}"
            results = at_once(lambda n, sha=sha: ledgers[n].add_or_get("s", "form.pdf", sha, f"run-{n}"))
            assert not [r for r in results if isinstance(r, Exception)], results
            assert len({item.id for item, _added in results}) == 1  # type: ignore[misc]
            assert sorted(added for _item, added in results) == [False] * (THREADS - 1) + [True]  # type: ignore[misc]
        assert len(ledgers[0].items("s")) == 5
        # the same source in another scenario is another item
        assert ledgers[0].add_or_get("other", "form.pdf", f"{0:064x}", "run")[1] is True
    finally:
        for ledger in ledgers:
            ledger.close()


def test_an_item_being_read_is_not_reserved_until_it_has_values(empty_database):
    with open_ledger(empty_database) as ledger:
        held, _ = ledger.add_or_get("s", "a.pdf", "a" * 64, "run-1", worker="host:1:1", lease=dt.timedelta(minutes=5))
        assert held.worker == "host:1:1" and held.lease_expires_at is not None
        assert ledger.reserve_next("s", "w2", dt.timedelta(minutes=5), 3) is None
        ledger.update(held.id, values={"a": 1}, worker=None, lease_expires_at=None)
        assert ledger.reserve_next("s", "w2", dt.timedelta(minutes=5), 3).id == held.id


def _old_sqlite_ledger(path, duplicate: bool) -> None:
    """A ledger as the versions before the unique source made it, with two items of one source."""
    open_ledger(path).close()
    engine = create_engine(f"sqlite:///{path.as_posix()}")
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX uq_items_scenario_source"))
        for n, sha in enumerate(["a" * 64, "b" * 64, "a" * 64 if duplicate else "c" * 64]):
            conn.execute(text(
                "INSERT INTO items (scenario_id, source_name, source_sha256, state, attempt, created_at, updated_at)"
                " VALUES ('jidou', :name, :sha, 'done', 1, '2026-01-01', '2026-01-01')"), {"name": f"{n}.pdf", "sha": sha})
    engine.dispose()


def _indexes(path) -> set[str]:
    engine = create_engine(f"sqlite:///{path.as_posix()}")
    names = {index["name"] for index in inspect(engine).get_indexes("items")}
    engine.dispose()
    return names


def test_an_old_ledger_gets_the_unique_source(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    _old_sqlite_ledger(path, duplicate=False)
    assert "uq_items_scenario_source" not in _indexes(path)
    with open_ledger(path) as ledger:
        assert [i.state for i in ledger.items("jidou")] == [State.DONE] * 3
        assert ledger.add_or_get("jidou", "again.pdf", "a" * 64, "run")[1] is False
    assert "uq_items_scenario_source" in _indexes(path)


def test_an_old_ledger_with_two_items_of_one_source_is_refused_saying_what_to_do(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    _old_sqlite_ledger(path, duplicate=True)
    with pytest.raises(ApplicationError) as refused:
        open_ledger(path)
    message = refused.value.message("ja")
    assert "重複" in message and "申請 1, 3" in message and "jidou" in message
    assert "バックアップ" in message and "docs/scheduler.md" in message
    assert "items 1, 3" in refused.value.message("en")
    assert "uq_items_scenario_source" not in _indexes(path)  # nothing changed
