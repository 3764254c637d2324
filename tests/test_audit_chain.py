"""The hash-chained audit store: every change to a 10,000-record trail is found and named,
records commit in the same transaction as the ledger change they describe (also across a
kill -9), checkpoints are signed, archives are verified, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from shared.audit import ChainAuditStore, open_audited_ledger
from shared.audit.archive import archive_before
from shared.audit.chain import canonical, chain_hash
from shared.audit.checkpoint import make_checkpoint, new_signing_key, private_key_from
from shared.audit.verify import verify_trail
from shared.ledger import State
from tests.postgres import empty_postgres  # noqa: F401  (the fixture)

N = 10_000


def _sqlite(path: Path) -> ChainAuditStore:
    return ChainAuditStore(create_engine(f"sqlite:///{path.as_posix()}"))


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> Path:
    """A 10,000-record trail built through the store, checkpointed into one file."""
    path = tmp_path_factory.mktemp("audit") / "trail.sqlite3"
    store = _sqlite(path)
    with store.engine.begin() as conn:
        for i in range(N):
            store.append_in(conn, "item_state", item_id=i % 97, state=random.Random(i).choice(list(State)).value,
                            key_hash=f"{i:064x}", run_id="r1")
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.engine.dispose()
    return path


def _rows(db: sqlite3.Connection) -> dict[int, tuple]:
    return {r[0]: r[1:] for r in db.execute("SELECT seq, time, body, hash FROM audit_records")}


def _shift(db: sqlite3.Connection, from_seq: int, by: int) -> None:
    db.execute("UPDATE audit_records SET seq = -(seq + ?) WHERE seq >= ?", (by, from_seq))
    db.execute("UPDATE audit_records SET seq = -seq WHERE seq < 0")


def _flip(value: str, rng: random.Random) -> str:
    i = rng.randrange(len(value))
    return value[:i] + ("1" if value[i] != "1" else "2") + value[i + 1:]


def tamper(db: sqlite3.Connection, kind: str, rng: random.Random) -> int:
    """Change the trail the way an intruder with the database file could; returns the first affected seq."""
    k = rng.randint(1, N)
    rows = _rows(db)
    if kind in ("flip_body", "flip_hash", "flip_time"):
        column = kind.split("_")[1]
        index = {"time": 0, "body": 1, "hash": 2}[column]
        db.execute(f"UPDATE audit_records SET {column} = ? WHERE seq = ?", (_flip(rows[k][index], rng), k))
    elif kind == "delete":
        db.execute("DELETE FROM audit_records WHERE seq = ?", (k,))
    elif kind == "delete_renumber":
        db.execute("DELETE FROM audit_records WHERE seq = ?", (k,))
        _shift(db, k + 1, -1)
    elif kind == "insert":
        j = rng.randint(1, N)
        _shift(db, k, 1)
        db.execute("INSERT INTO audit_records VALUES (?, ?, ?, ?)", (k, *rows[j]))
    elif kind == "reorder":
        j = rng.choice([x for x in range(max(1, k - 50), min(N, k + 50) + 1) if x != k])
        k, j = min(k, j), max(k, j)
        for a, b in ((k, j), (j, k)):
            db.execute("UPDATE audit_records SET time = ?, body = ?, hash = ? WHERE seq = ?", (*rows[b], a))
    db.commit()
    return k


KINDS = ["flip_body", "flip_hash", "flip_time", "delete", "delete_renumber", "insert", "reorder"]


@pytest.mark.parametrize("seed", range(42))
def test_every_change_is_found_and_the_first_affected_record_named(big_store, tmp_path, seed):
    rng = random.Random(seed)
    kind = KINDS[seed % len(KINDS)]
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(big_store, copy)
    with sqlite3.connect(copy) as db:
        expected = tamper(db, kind, rng)
    count, finding = _sqlite(copy).verify()
    assert finding is not None, kind
    assert finding.seq == expected, (kind, finding)


def test_untouched_trail_verifies(big_store, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(big_store, copy)
    assert _sqlite(copy).verify() == (N, None)


def test_removing_the_newest_records_is_found(big_store, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(big_store, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DELETE FROM audit_records WHERE seq > ?", (N - 3,))
    count, finding = _sqlite(copy).verify()
    assert (finding.seq, finding.kind) == (N - 2, "removed")


def test_a_forged_record_with_a_valid_hash_breaks_the_link_to_the_next(big_store, tmp_path):
    """An inserted record hashed correctly onto its predecessor is caught at the record after it."""
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(big_store, copy)
    k = 5000
    with sqlite3.connect(copy) as db:
        previous = db.execute("SELECT hash FROM audit_records WHERE seq = ?", (k - 1,)).fetchone()[0]
        _shift(db, k, 1)
        body = canonical({"event": "item_state", "seq": k, "time": "2026-01-01T00:00:00+00:00", "state": "done"})
        db.execute("INSERT INTO audit_records VALUES (?, ?, ?, ?)", (k, "2026-01-01T00:00:00+00:00", body,
                                                                   chain_hash(previous, body)))
    count, finding = _sqlite(copy).verify()
    assert (finding.seq, finding.kind) == (k + 1, "moved")


def test_a_rewritten_chain_is_caught_by_a_signed_checkpoint(big_store, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(big_store, copy)
    private, public = new_signing_key()
    store = _sqlite(copy)
    checkpoint = tmp_path / "checkpoint.json"
    import json

    checkpoint.write_text(json.dumps(make_checkpoint(store, private_key_from(private, "k"), "city")), encoding="utf-8")
    assert verify_trail(store, None, [checkpoint], public, cross_check=False).ok  # a trail without a ledger
    with sqlite3.connect(copy) as db:  # change record 7000 and recompute every hash after it
        rows = _rows(db)
        previous = rows[6999][2]
        for seq in range(7000, N + 1):
            body = rows[seq][1].replace('"state":"', '"state":"x') if seq == 7000 else rows[seq][1]
            previous = chain_hash(previous, body)
            db.execute("UPDATE audit_records SET body = ?, hash = ? WHERE seq = ?", (body, previous, seq))
        db.execute("UPDATE audit_head SET hash = ?", (previous,))
    store = _sqlite(copy)
    assert store.verify() == (N, None)  # the chain alone cannot tell
    report = verify_trail(store, None, [checkpoint], public, cross_check=False)
    assert (report.finding.seq, report.finding.kind) == (7000, "rewritten_here")  # the first rewritten record
    other_private, other_public = new_signing_key()
    assert verify_trail(store, None, [checkpoint], other_public, cross_check=False).bad_signatures == ["checkpoint.json"]


def test_record_is_rolled_back_with_the_ledger_change(tmp_path):
    with open_audited_ledger(tmp_path / "ledger.sqlite3", "robot") as (ledger, audit):
        item = ledger.add("s", "a.pdf", "0" * 64, "r1")
        writer = ledger.in_transaction

        def crash_before_commit(conn, changed):
            writer(conn, changed)  # the audit record is written ...
            raise RuntimeError("power cut")  # ... and the transaction never commits

        ledger.in_transaction = crash_before_commit
        with pytest.raises(RuntimeError):
            ledger.transition(item.id, State.RESERVED)
        ledger.in_transaction = writer
        assert ledger.get(item.id).state == State.NEW
        assert [r["state"] for r in audit.records() if r["event"] == "item_state"] == ["new"]  # only the creation
        ledger.transition(item.id, State.RESERVED)
        assert [r["state"] for r in audit.records()] == ["new", "reserved"]
        assert audit.verify() == (2, None)


CHILD = """
import sys
from shared.audit import open_audited_ledger
from shared.ledger import State
with open_audited_ledger(sys.argv[1], "child") as (ledger, audit):
    cycle = [State.RESERVED, State.NEW]
    items = [ledger.add("s", f"{i}.pdf", f"{i:064x}", "r").id for i in range(5)]
    print("ready", flush=True)
    n = 0
    while True:
        ledger.transition(items[n % 5], cycle[(n // 5) % 2])
        audit.append("tick", n=n)
        n += 1
"""


def test_kill_9_leaves_ledger_and_audit_consistent(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[1])
    assert child.stdout.readline().strip() == "ready"
    engine = create_engine(f"sqlite:///{path.as_posix()}")
    while True:  # wait on a condition: enough records committed
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM audit_records")).scalar() >= 300:
                break
    child.kill()
    child.wait()
    engine.dispose()
    with open_audited_ledger(path, "checker") as (ledger, audit):
        count, finding = audit.verify()
        assert finding is None and count >= 300
        last = {}
        for record in audit.records():
            if record["event"] == "item_state":
                last[record["item_id"]] = record["state"]
        assert {i.id: i.state.value for i in ledger.items() if i.id in last} == last
        assert all(i.state == State.NEW for i in ledger.items() if i.id not in last)


def test_threads_share_commits_and_the_chain_stays_whole(tmp_path):
    store = _sqlite(tmp_path / "trail.sqlite3")
    threads = [threading.Thread(target=lambda n=n: [store.append("tick", thread=n, i=i) for i in range(100)])
               for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.verify() == (600, None)


def test_two_processes_append_to_one_trail(tmp_path):
    path = tmp_path / "trail.sqlite3"
    _sqlite(path)
    code = ("import sys; from sqlalchemy import create_engine; from shared.audit import ChainAuditStore\n"
            "s = ChainAuditStore(create_engine('sqlite:///' + sys.argv[1]))\n"
            "[s.append('tick', i=i) for i in range(200)]")
    children = [subprocess.Popen([sys.executable, "-c", code, path.as_posix()], cwd=Path(__file__).resolve().parents[1])
                for _ in range(2)]
    assert [c.wait() for c in children] == [0, 0]
    assert _sqlite(path).verify() == (400, None)


def test_personal_data_never_reaches_a_record(tmp_path):
    store = _sqlite(tmp_path / "trail.sqlite3")
    store.append("item_failed", reason="field.my_number.check_digit", note="番号 1234-5678-9018 は誤り")
    [record] = list(store.records())
    assert "1234-5678-9018" not in canonical(record) and "[個人番号]" in record["note"]


def test_archive_moves_old_records_to_a_verified_file(tmp_path):
    store = _sqlite(tmp_path / "trail.sqlite3")
    for i in range(50):
        store.append("tick", i=i)
    folder = tmp_path / "archive"
    path = archive_before(store, "9999", folder)
    assert path is not None and path.name == "audit-0000000001-0000000050.jsonl"
    store.append("tick", i=50)
    report = verify_trail(store, folder)
    assert report.ok and report.records == 52  # 50 archived + the archive record + one more
    assert store.head()["base_seq"] == 50
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:10] + lines[11:]) + "\n", encoding="utf-8")
    assert verify_trail(store, folder).finding.seq == 11


def test_postgresql_same_transaction_and_concurrent_appends(tmp_path, empty_postgres):
    url = empty_postgres
    with open_audited_ledger(url, "robot") as (ledger, audit):
        item = ledger.add("s", "a.pdf", "0" * 64, "r1")
        writer = ledger.in_transaction
        ledger.in_transaction = lambda conn, changed: (writer(conn, changed), 1 / 0)
        with pytest.raises(ZeroDivisionError):
            ledger.transition(item.id, State.RESERVED)
        ledger.in_transaction = writer
        assert ledger.get(item.id).state == State.NEW and [r["state"] for r in audit.records()] == ["new"]
        threads = [threading.Thread(target=lambda: [audit.append("tick", i=i) for i in range(50)]) for _ in range(4)]
        for thread in threads:
            thread.start()
        ledger.transition(item.id, State.RESERVED)
        for thread in threads:
            thread.join()
        assert audit.verify() == (202, None)
