"""The ledger on SQLAlchemy 2: SQLite (embedded default) or PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from shared.database import schema_transaction, tables_present
from shared.errors import ApplicationError
from shared.files import ensure_private_file
from shared.ledger.base import TRANSITIONS, FileRecord, IllegalTransition, Item, Ledger, State
from shared.ledger.keys import keys_beside
from shared.ledger.sealing import KeyRing, LedgerKeyError, is_sealed, open_json, seal_json, sealed_key_id
from shared.messages import Msg

__all__ = ["InTransaction", "Observer", "SqlLedger", "open_ledger"]

Observer = Callable[[Item], None]
"""Called after every committed state change."""

InTransaction = Callable[[Connection, Item], None]
"""Called inside the transaction of every state change, before it commits (the audit trail
writes its record here: both are committed together or neither is)."""

metadata = MetaData()

items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario_id", String(64), nullable=False, index=True),
    Column("source_name", String(255), nullable=False),
    Column("source_sha256", String(64), nullable=False, index=True),
    Column("key_hash", String(64), index=True),
    Column("state", String(32), nullable=False, index=True),
    Column("receipt_no", String(64)),
    Column("reason_key", String(128)),
    Column("reason_params", JSON),  # sealed (its message may quote what was read)
    Column("values_json", Text),  # personal data, sealed: only while the item is open
    Column("public_json", JSON),  # fields not marked mask, kept for ledgers and reports; sealed
    Column("attempt", Integer, nullable=False, default=0),
    Column("worker", String(128)),
    Column("lease_expires_at", DateTime(timezone=True)),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("run_id", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

UNIQUE_SOURCE = Index("uq_items_scenario_source", items.c.scenario_id, items.c.source_sha256, unique=True)
"""One source (a file's hash, or a list row's key) is one item of a scenario, however many
processes read it at once."""

files = Table(
    "files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("name", String(255), nullable=False),
    Column("archived_as", String(512), nullable=False),
    Column("template", String(255)),
    Column("state", String(32), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)


SEALED = ("values_json", "public_json", "reason_params")
"""The columns of an item whose values a ledger with a key ring seals (shared.ledger.sealing)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _columns(changes: dict[str, Any], ring: KeyRing | None, item_id: int) -> dict[str, Any]:
    values: dict[str, Any] = {"updated_at": _now()}
    for name, value in changes.items():
        column = {"values": "values_json", "public": "public_json"}.get(name, name)
        if column in SEALED:
            values[column] = seal_json(ring, column, item_id, value)
        elif name == "state":
            raise ValueError("use transition() to change the state")
        else:
            values[name] = value
    return values


class SqlLedger(Ledger):
    """The ledger in a database. With ``keys`` (the site's ledger key ring) the personal values
    of items are sealed when written and opened when read; a ledger opened without keys
    writes them as they are and refuses to read a sealed one (``LedgerKeyError``)."""

    def __init__(self, engine: Engine, observer: Observer | None = None, in_transaction: InTransaction | None = None,
                 keys: KeyRing | None = None) -> None:
        self.engine = engine
        self.observer = observer
        self.in_transaction = in_transaction
        self.keys = keys
        try:
            if not _schema_complete(engine):
                with schema_transaction(engine) as conn:  # one process at a time creates or upgrades the tables
                    metadata.create_all(conn)
                    _check_columns(conn)
                    _add_unique_source(conn)
            _check_columns(engine)
            if keys is not None:
                _check_keys(engine, keys)
        except OperationalError as exc:
            raise ApplicationError("ledger.unavailable", kind=type(exc).__name__) from exc

    # -- files -------------------------------------------------------------------------
    def add_file(self, sha256: str, name: str, archived_as: str, template: str | None = None) -> tuple[FileRecord, bool]:
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(files).values(sha256=sha256, name=name, archived_as=archived_as, template=template,
                                                  state="received", received_at=_now()))
            created = True
        except IntegrityError:
            created = False
        with self.engine.connect() as conn:
            row = conn.execute(select(files).where(files.c.sha256 == sha256)).mappings().one()
        return _file(row), created

    def set_file_state(self, sha256: str, state: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(files).where(files.c.sha256 == sha256).values(state=state))

    def files(self, state: str | None = None) -> list[FileRecord]:
        query = select(files).order_by(files.c.received_at, files.c.name)
        if state is not None:
            query = query.where(files.c.state == state)
        with self.engine.connect() as conn:
            return [_file(row) for row in conn.execute(query).mappings().all()]

    # -- items ---------------------------------------------------------------------------
    def add(self, scenario_id: str, source_name: str, source_sha256: str, run_id: str) -> Item:
        now = _now()
        with self.engine.begin() as conn:
            result = conn.execute(insert(items).values(
                scenario_id=scenario_id, source_name=source_name, source_sha256=source_sha256, attempt=0,
                state=State.NEW.value, run_id=run_id, created_at=now, updated_at=now, reason_params={},
            ))
            key = result.inserted_primary_key
            assert key is not None  # typed optional; a one-row insert always has it
            item_id = key[0]
            self._within(conn, item_id, 1)  # a new item has its audit record from the start
        return self.get(item_id)

    def add_or_get(self, scenario_id: str, source_name: str, source_sha256: str, run_id: str,
                   worker: str | None = None, lease: dt.timedelta | None = None) -> tuple[Item, bool]:
        now = _now()
        try:
            with self.engine.begin() as conn:
                result = conn.execute(insert(items).values(
                    scenario_id=scenario_id, source_name=source_name, source_sha256=source_sha256, attempt=0,
                    state=State.NEW.value, run_id=run_id, created_at=now, updated_at=now, reason_params={},
                    worker=worker, lease_expires_at=now + lease if worker and lease else None,
                ))
                key = result.inserted_primary_key
                assert key is not None  # typed optional; a one-row insert always has it
                self._within(conn, key[0], 1)  # a new item has its audit record from the start
            return self.get(key[0]), True
        except IntegrityError:  # the unique source: another process added it first (committed)
            found = self.find_source(scenario_id, source_sha256)
            if found is None:
                raise
            return found, False

    def get(self, item_id: int) -> Item:
        with self.engine.connect() as conn:
            row = conn.execute(select(items).where(items.c.id == item_id)).mappings().one_or_none()
        if row is None:
            raise KeyError(item_id)
        return self._item(row)

    def find_source(self, scenario_id: str, source_sha256: str) -> Item | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(items).where(items.c.scenario_id == scenario_id, items.c.source_sha256 == source_sha256)
                .order_by(items.c.id.desc()).limit(1)
            ).mappings().first()
        return self._item(row) if row else None

    def find_key(self, scenario_id: str, key_hash: str, exclude_id: int) -> Item | None:
        blocking = [s.value for s in State if s not in (State.FAILED_BUSINESS, State.ABANDONED)]
        with self.engine.connect() as conn:
            row = conn.execute(
                select(items).where(
                    items.c.scenario_id == scenario_id, items.c.key_hash == key_hash, items.c.id != exclude_id,
                    items.c.state.in_(blocking),
                ).order_by(items.c.id).limit(1)
            ).mappings().first()
        return self._item(row) if row else None

    def update(self, item_id: int, **changes: Any) -> Item:
        with self.engine.begin() as conn:
            conn.execute(update(items).where(items.c.id == item_id).values(**_columns(changes, self.keys, item_id)))
        return self.get(item_id)

    def transition(self, item_id: int, to: State, **changes: Any) -> Item:
        allowed_from = [s.value for s, targets in TRANSITIONS.items() if to in targets]
        values = _columns(changes, self.keys, item_id)
        values["state"] = State(to).value
        with self.engine.begin() as conn:
            result = conn.execute(
                update(items).where(items.c.id == item_id, items.c.state.in_(allowed_from)).values(**values)
            )
            self._within(conn, item_id, result.rowcount)
        if result.rowcount != 1:
            current = self.get(item_id).state
            raise IllegalTransition("ledger.illegal_transition", item=str(item_id), current=Msg(f"state.{current.value}"),
                                    target=Msg(f"state.{State(to).value}"))
        item = self.get(item_id)
        self._observe(item)
        return item

    def _within(self, conn: Connection, item_id: int, rowcount: int) -> None:
        if self.in_transaction is not None and rowcount == 1:
            self.in_transaction(conn, self._item(conn.execute(select(items).where(items.c.id == item_id)).mappings().one()))

    def _observe(self, item: Item) -> None:
        if self.observer is not None:
            self.observer(item)

    def items(self, scenario_id: str | None = None, states: Iterable[State] | None = None) -> list[Item]:
        query = select(items).order_by(items.c.id)
        if scenario_id is not None:
            query = query.where(items.c.scenario_id == scenario_id)
        if states is not None:
            query = query.where(items.c.state.in_([State(s).value for s in states]))
        with self.engine.connect() as conn:
            return [self._item(row) for row in conn.execute(query).mappings()]

    def reserve_next(self, scenario_id: str, worker: str, lease: dt.timedelta, max_attempts: int) -> Item | None:
        now = _now()
        due = or_(  # a new item still being read (no values yet, held by its reader) is not due
            (items.c.state == State.NEW.value) & (items.c.values_json.is_not(None) | items.c.worker.is_(None)),
            (items.c.state == State.FAILED_APPLICATION.value) & (items.c.attempt < max_attempts)
            & ((items.c.next_attempt_at.is_(None)) | (items.c.next_attempt_at <= now)),
        )
        for _ in range(20):  # another worker may take the candidate first
            with self.engine.connect() as conn:
                row = conn.execute(
                    select(items.c.id, items.c.state).where(items.c.scenario_id == scenario_id, due)
                    .order_by(items.c.id).limit(1)
                ).first()
            if row is None:
                return None
            with self.engine.begin() as conn:
                result = conn.execute(
                    update(items).where(items.c.id == row.id, items.c.state == row.state).values(
                        state=State.RESERVED.value, worker=worker, lease_expires_at=now + lease,
                        attempt=items.c.attempt + 1, updated_at=now,
                    )
                )
                self._within(conn, row.id, result.rowcount)
            if result.rowcount == 1:
                item = self.get(row.id)
                self._observe(item)
                return item
        return None

    def renew_lease(self, item_id: int, worker: str, lease: dt.timedelta) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(items).where(items.c.id == item_id, items.c.worker == worker)
                         .values(lease_expires_at=_now() + lease))

    def _item(self, row: Any) -> Item:
        return _item(row, self.keys)

    def reseal(self, conn: Connection, keys: KeyRing) -> int:
        """Within ``conn``'s transaction, seal every stored value again with the current key of
        ``keys`` (opening each with this ledger's ring, or as it is when not sealed); returns how
        many items were sealed again. The ledger uses ``keys`` from then on."""
        count = 0
        for row in conn.execute(select(items.c.id, *(items.c[c] for c in SEALED))).mappings().all():
            stored = {c: row[c] for c in SEALED if row[c] is not None and row[c] != {}}
            if not stored:
                continue
            plain = {c: open_json(self.keys, c, row["id"], v) for c, v in stored.items()}
            conn.execute(update(items).where(items.c.id == row["id"])
                         .values(**{c: seal_json(keys, c, row["id"], v) for c, v in plain.items()}))
            count += 1
        self.keys = keys
        return count

    def close(self) -> None:
        self.engine.dispose()


def _schema_complete(engine: Engine) -> bool:
    """The tables and the unique source are there: nothing to create, no lock to take."""
    return tables_present(engine, metadata) and UNIQUE_SOURCE.name in {
        index["name"] for index in inspect(engine).get_indexes("items")}


def _check_columns(bind: Engine | Connection) -> None:
    if {c["name"] for c in inspect(bind).get_columns("items")} != {c.name for c in items.columns}:
        raise ApplicationError("ledger.schema_mismatch")


def _add_unique_source(conn: Connection) -> None:
    """A ledger made before the unique source gets it now; one holding two items of one source
    (made by two runs at once before it existed) is refused, naming them and what to do."""
    if UNIQUE_SOURCE.name in {index["name"] for index in inspect(conn).get_indexes("items")}:
        return
    twice = conn.execute(
        select(items.c.scenario_id, items.c.source_sha256, func.count().label("n"))
        .group_by(items.c.scenario_id, items.c.source_sha256).having(func.count() > 1)
        .order_by(items.c.scenario_id, items.c.source_sha256)
    ).all()
    if twice:
        first = twice[0]
        ids = conn.execute(select(items.c.id).where(items.c.scenario_id == first.scenario_id,
                                                    items.c.source_sha256 == first.source_sha256)
                           .order_by(items.c.id)).scalars().all()
        raise ApplicationError("ledger.duplicate_sources", count=len(twice), scenario=first.scenario_id,
                               items=", ".join(str(i) for i in ids))
    UNIQUE_SOURCE.create(conn)


def _check_keys(engine: Engine, keys: KeyRing) -> None:
    """The latest sealed values open with ``keys``: a ledger sealed with another key (copied
    from another site, or a key replaced by mistake) is refused at once, naming the key."""
    with engine.connect() as conn:
        rows = conn.execute(select(items.c.values_json, items.c.public_json).order_by(items.c.id.desc()).limit(20)).all()
    known = keys.ids()
    for value in (v for row in rows for v in row):
        if is_sealed(value) and sealed_key_id(value) not in known:
            raise LedgerKeyError("ledger.key_unknown", kid=sealed_key_id(value), known=", ".join(known))


def _file(row: Any) -> FileRecord:
    return FileRecord(row["sha256"], row["name"], row["archived_as"], row["state"], row["received_at"], row["template"])


def _item(row: Any, keys: KeyRing | None) -> Item:
    item_id = row["id"]
    values = open_json(keys, "values_json", item_id, row["values_json"])
    public = open_json(keys, "public_json", item_id, row["public_json"])
    params = open_json(keys, "reason_params", item_id, row["reason_params"])
    return Item(
        id=row["id"], scenario_id=row["scenario_id"], source_name=row["source_name"],
        source_sha256=row["source_sha256"], state=State(row["state"]), key_hash=row["key_hash"],
        receipt_no=row["receipt_no"], reason_key=row["reason_key"], reason_params=params or {},
        values=values, public=public or {},
        attempt=row["attempt"] or 0, worker=row["worker"], lease_expires_at=row["lease_expires_at"],
        next_attempt_at=row["next_attempt_at"], run_id=row["run_id"], created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def open_ledger(url_or_path: str | Path, observer: Observer | None = None,
                in_transaction: InTransaction | None = None, keys: KeyRing | None = None) -> SqlLedger:
    """A ledger at a SQLAlchemy URL (``postgresql+psycopg://...``) or a SQLite file path,
    sealing personal values with ``keys`` (see ``SqlLedger``; a SQLite file opened without them
    uses the ring of its work folder, ``keys_beside``, if there is one). A SQLite file is created
    owner-only and used in WAL mode with full fsync; what it deletes is overwritten."""
    text = str(url_or_path)
    if "://" not in text:
        path = Path(text)
        keys = keys if keys is not None else keys_beside(path)
        ensure_private_file(path)
        engine = create_engine(f"sqlite:///{path.as_posix()}")

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA secure_delete=ON")  # a value replaced or cleared leaves no copy behind
            cursor.close()

        return SqlLedger(engine, observer, in_transaction, keys)
    return SqlLedger(create_engine(text, pool_pre_ping=True), observer, in_transaction, keys)
