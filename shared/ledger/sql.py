"""The ledger on SQLAlchemy 2: SQLite (embedded default) or PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from shared.files import ensure_private_file
from shared.ledger.base import Item, Ledger, State

__all__ = ["SqlLedger", "open_ledger"]

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
    Column("reason_params", JSON),
    Column("values_json", Text),  # personal data: only while the item is open
    Column("public_json", JSON),  # fields not marked mask, kept for ledgers and reports
    Column("run_id", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class SqlLedger(Ledger):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def add(self, scenario_id: str, source_name: str, source_sha256: str, run_id: str) -> Item:
        now = _now()
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(items).values(
                    scenario_id=scenario_id, source_name=source_name, source_sha256=source_sha256,
                    state=State.NEW.value, run_id=run_id, created_at=now, updated_at=now, reason_params={},
                )
            )
            item_id = result.inserted_primary_key[0]
        return self.get(item_id)

    def get(self, item_id: int) -> Item:
        with self.engine.connect() as conn:
            row = conn.execute(select(items).where(items.c.id == item_id)).mappings().one()
        return _item(row)

    def find_source(self, scenario_id: str, source_sha256: str) -> Item | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(items).where(items.c.scenario_id == scenario_id, items.c.source_sha256 == source_sha256)
                .order_by(items.c.id.desc()).limit(1)
            ).mappings().first()
        return _item(row) if row else None

    def find_key(self, scenario_id: str, key_hash: str, exclude_id: int) -> Item | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(items).where(
                    items.c.scenario_id == scenario_id, items.c.key_hash == key_hash, items.c.id != exclude_id,
                    items.c.state.in_([State.DONE.value, State.NEW.value]),
                ).order_by(items.c.id).limit(1)
            ).mappings().first()
        return _item(row) if row else None

    def update(self, item_id: int, **changes: Any) -> Item:
        values: dict[str, Any] = {"updated_at": _now()}
        for name, value in changes.items():
            if name == "values":
                values["values_json"] = None if value is None else json.dumps(value, ensure_ascii=False, default=str)
            elif name == "public":
                values["public_json"] = value
            elif name == "state":
                values["state"] = State(value).value
            else:
                values[name] = value
        with self.engine.begin() as conn:
            conn.execute(update(items).where(items.c.id == item_id).values(**values))
        return self.get(item_id)

    def items(self, scenario_id: str | None = None) -> list[Item]:
        query = select(items).order_by(items.c.id)
        if scenario_id is not None:
            query = query.where(items.c.scenario_id == scenario_id)
        with self.engine.connect() as conn:
            return [_item(row) for row in conn.execute(query).mappings()]

    def close(self) -> None:
        self.engine.dispose()


def _item(row: Any) -> Item:
    return Item(
        id=row["id"], scenario_id=row["scenario_id"], source_name=row["source_name"],
        source_sha256=row["source_sha256"], state=State(row["state"]), key_hash=row["key_hash"],
        receipt_no=row["receipt_no"], reason_key=row["reason_key"], reason_params=row["reason_params"] or {},
        values=json.loads(row["values_json"]) if row["values_json"] else None, run_id=row["run_id"],
        updated_at=row["updated_at"], public=row["public_json"] or {},
    )


def open_ledger(url_or_path: str | Path) -> SqlLedger:
    """A ledger at a SQLAlchemy URL (``postgresql+psycopg://...``) or a SQLite file path.
    A SQLite file is created owner-only and used in WAL mode with full fsync."""
    text = str(url_or_path)
    if "://" not in text:
        path = Path(text)
        ensure_private_file(path)
        engine = create_engine(f"sqlite:///{path.as_posix()}")

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

        return SqlLedger(engine)
    return SqlLedger(create_engine(text))
