"""The hash-chained audit store: an append-only table in the ledger's own database.

Each record is the canonical JSON of one event (sorted keys, no spaces, UTF-8) holding its
sequence number and time; its hash is SHA-256 over (previous record's hash + this JSON).
A one-row head table holds the last sequence number and hash (so removing the newest
records is seen too) and, after archiving, where the chain in the table begins.

The table lives in the same database as the ledger so that ``append_in`` writes the
record in the very transaction of the ledger change it describes (SQLite: one file, one
WAL, one atomic commit; PostgreSQL: one database). Rewriting the whole chain from some
record on is caught by signed checkpoints (``shared.audit.checkpoint``) kept elsewhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, Text, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from shared.audit.base import AuditStore
from shared.database import create_tables
from shared.errors import ApplicationError
from shared.redact import redactor

__all__ = ["GENESIS", "ChainAuditStore", "Finding", "canonical", "chain_hash", "verify_rows"]

GENESIS = "0" * 64
_ATTEMPTS = 100

metadata = MetaData()
records_table = Table(
    "audit_records", metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("time", String(40), nullable=False, index=True),
    Column("body", Text, nullable=False),
    Column("hash", String(64), nullable=False),
)
head_table = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("base_seq", BigInteger, nullable=False),
    Column("base_hash", String(64), nullable=False),
)


def canonical(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def chain_hash(previous: str, body: str) -> str:
    return hashlib.sha256(bytes.fromhex(previous) + body.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Finding:
    """The first record that is not as it was written: ``kind`` is changed, removed,
    moved (inserted, removed or reordered before it), rewritten (differs from a checkpoint),
    or a disagreement with the ledger or the checkpoint files (``shared.audit.verify``);
    ``params`` are the ids the message names (item and run ids, states; never personal data)."""

    seq: int
    kind: str
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


def verify_rows(rows: Iterator[tuple[int, str, str, str]], base_seq: int, base_hash: str) -> tuple[int, str, int, Finding | None]:
    """Check ``(seq, time, body, hash)`` rows in order; returns (last seq, last hash, count, first finding)."""
    expected, previous = base_seq + 1, bytes.fromhex(base_hash)
    sha256 = hashlib.sha256
    for seq, time, body, stored in rows:
        if seq != expected:
            return expected - 1, previous.hex(), expected - 1 - base_seq, Finding(expected, "removed")
        digest = sha256(previous + body.encode("utf-8"))
        if digest.hexdigest() != stored or ('"time":"' + time + '"') not in body:
            return seq - 1, previous.hex(), seq - 1 - base_seq, Finding(seq, "changed" if f'"seq":{seq},' in body else "moved")
        previous = digest.digest()
        expected += 1
    return expected - 1, previous.hex(), expected - 1 - base_seq, None


class ChainAuditStore(AuditStore):
    """Audit records chained by SHA-256 in the tables ``audit_records`` and ``audit_head``."""

    def __init__(self, engine: Engine, actor: Mapping[str, str] | None = None) -> None:
        self.engine = engine
        self.actor = dict(actor) if actor else None
        self._sqlite = engine.dialect.name == "sqlite"
        database = engine.url.database if self._sqlite else None
        self._lock_path = Path(database + ".audit-lock") if database and database != ":memory:" else None
        self._turn = threading.Condition()
        self._waiting: list[_Pending] = []
        self._writing = False
        try:
            create_tables(engine, metadata)  # under the schema lock: processes opening an empty database at once
            with engine.begin() as conn:
                if conn.execute(select(head_table.c.id)).first() is None:
                    conn.execute(insert(head_table).values(id=1, seq=0, hash=GENESIS, base_seq=0, base_hash=GENESIS))
        except IntegrityError:
            pass  # another process created the head first
        except OperationalError as exc:
            raise ApplicationError("audit.unavailable", kind=type(exc).__name__) from exc

    # -- writing ---------------------------------------------------------------------------
    def append(self, event: str, **fields: Any) -> None:
        """Append one record and return once it is committed. Callers in several threads
        share commits (group commit): one writes every waiting record in one transaction."""
        entry = _Pending(event, fields)
        with self._turn:
            self._waiting.append(entry)
            while entry.result is None:
                if self._writing:
                    self._turn.wait()
                    continue
                self._writing = True
                batch, self._waiting = self._waiting, []
                self._turn.release()
                try:
                    result: object = self._commit(batch)
                except Exception as exc:  # handed to every caller of the batch
                    result = exc
                finally:
                    self._turn.acquire()
                    for pending in batch:
                        pending.result = result
                    self._writing = False
                    self._turn.notify_all()
        if isinstance(entry.result, Exception):
            raise entry.result

    def append_in(self, conn: Connection, event: str, **fields: Any) -> int:
        """Append inside the caller's transaction (committed or rolled back with it); returns the seq."""
        dbapi_connection = conn.connection.dbapi_connection
        assert dbapi_connection is not None  # None only once the connection is closed
        cursor = dbapi_connection.cursor()
        try:
            return self._write(cursor, [_Pending(event, fields)])
        finally:
            cursor.close()

    def _commit(self, batch: list[_Pending]) -> bool:
        dbapi = self.engine.dialect.dbapi
        assert dbapi is not None  # every dialect of an engine has its driver module
        errors = (dbapi.IntegrityError, _Conflict)
        for _ in range(_ATTEMPTS):  # another process may take the next number first
            with _writer_turn(self._lock_path):
                raw = self.engine.raw_connection()
                try:
                    cursor = raw.cursor()
                    if self._sqlite:
                        cursor.execute("BEGIN IMMEDIATE")
                    self._write(cursor, batch)
                    raw.commit()
                    return True
                except errors:
                    raw.rollback()
                except dbapi.OperationalError as exc:
                    raw.rollback()
                    raise ApplicationError("audit.unavailable", kind=type(exc).__name__) from exc
                finally:
                    raw.close()
        raise ApplicationError("audit.contended")

    def _write(self, cursor: Any, batch: list[_Pending]) -> int:
        mark = "?" if self._sqlite else "%s"
        cursor.execute("SELECT seq, hash FROM audit_head WHERE id = 1" + ("" if self._sqlite else " FOR UPDATE"))
        first, previous = cursor.fetchone()
        seq, rows = first, []
        for pending in batch:
            seq += 1
            record = redactor.scrub(pending.fields)
            if self.actor is not None and "actor" not in record:
                record["actor"] = self.actor
            record.update(seq=seq, time=_now(), event=pending.event)
            body = canonical(record)
            previous = chain_hash(previous, body)
            rows.append((seq, record["time"], body, previous))
        cursor.executemany(f"INSERT INTO audit_records (seq, time, body, hash) VALUES ({mark}, {mark}, {mark}, {mark})", rows)
        cursor.execute(f"UPDATE audit_head SET seq = {mark}, hash = {mark} WHERE id = 1 AND seq = {mark}", (seq, previous, first))
        if cursor.rowcount != 1:
            raise _Conflict
        return first + 1

    # -- reading ---------------------------------------------------------------------------
    def records(self, start: str | None = None, end: str | None = None) -> Iterator[Mapping[str, Any]]:
        """Records oldest first, optionally with ``start <= time < end`` (ISO UTC strings)."""
        query = select(records_table.c.body).order_by(records_table.c.seq)
        if start is not None:
            query = query.where(records_table.c.time >= start)
        if end is not None:
            query = query.where(records_table.c.time < end)
        with self.engine.connect() as conn:
            for (body,) in conn.execute(query):
                yield json.loads(body)

    def head(self) -> Mapping[str, Any]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(head_table).where(head_table.c.id == 1)).mappings().one())

    def rows(self, after: int = 0, upto: int | None = None) -> Iterator[tuple[int, str, str, str]]:
        """``(seq, time, body, hash)`` of the table's records with ``after < seq <= upto``, in order."""
        query = select(records_table.c.seq, records_table.c.time, records_table.c.body, records_table.c.hash)
        query = query.where(records_table.c.seq > after).order_by(records_table.c.seq)
        if upto is not None:
            query = query.where(records_table.c.seq <= upto)
        with self.engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=5000)):
                yield row[0], row[1], row[2], row[3]

    def hash_at(self, seq: int) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(records_table.c.hash).where(records_table.c.seq == seq)).scalar()

    def verify(self) -> tuple[int, Finding | None]:
        """(records checked, the first record not as written or None)."""
        head = self.head()
        raw = self.engine.raw_connection()
        try:
            # PostgreSQL: a server-side cursor, so a long trail is not held in memory at once.
            cursor = raw.cursor() if self._sqlite else raw.cursor(name="audit_verify")
            cursor.execute("SELECT seq, time, body, hash FROM audit_records ORDER BY seq")
            last, last_hash, count, finding = verify_rows(_batches(cursor), head["base_seq"], head["base_hash"])
            cursor.close()
        finally:
            raw.close()
        if finding is None and (last, last_hash) != (head["seq"], head["hash"]):
            finding = Finding(last + 1, "removed") if head["seq"] > last else Finding(min(last, head["seq"] + 1), "moved")
        return count, finding


@contextmanager
def _writer_turn(path: Path | None) -> Iterator[None]:
    """Processes appending to one SQLite file take turns on a lock file beside it.

    SQLite itself never makes a writer wait in line: a writer that finds the database locked
    sleeps and tries again (1, 2, 5 ... 100 ms apart) until its busy timeout, while a process
    appending in a loop takes the lock again within microseconds of letting it go. The
    sleeping writer rarely finds the lock free and gives up ("database is locked") although
    the trail is making progress. A blocking OS lock wakes the waiting process when the lock
    is released and never times out, so each writer gets its turn; SQLite's lock is then free
    when the transaction begins. (Windows: ``msvcrt.locking`` waits in one-second steps.)
    """
    if path is None:
        yield
        return
    from shared.files import ensure_private_file

    ensure_private_file(path)  # beside the ledger, owner-only as every file the robot writes
    with path.open("a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after ten tries a second apart: keep waiting
                    continue
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _batches(cursor: Any) -> Iterator[tuple[int, str, str, str]]:
    while rows := cursor.fetchmany(5000):
        yield from rows


@dataclass
class _Pending:
    event: str
    fields: dict[str, Any]
    result: object = None


class _Conflict(Exception):
    """The head moved between reading it and writing the next record."""
