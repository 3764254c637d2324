"""Creating and upgrading tables safely when several processes open one database at once.

Two ``run`` processes started together on an empty PostgreSQL database would both find the
tables missing and both create them (one fails with ``UniqueViolation``); on SQLite the second
``CREATE TABLE`` fails with "table already exists". Here the check and the creation happen
under one lock held across processes: PostgreSQL's transaction advisory lock, SQLite's own
write lock (``BEGIN IMMEDIATE``). The second process waits, then finds the tables there.

    with schema_transaction(engine) as conn:
        metadata.create_all(conn)
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import MetaData, inspect, text
from sqlalchemy.engine import Connection, Engine

__all__ = ["SCHEMA_LOCK", "create_tables", "schema_transaction", "tables_present"]

SCHEMA_LOCK = zlib.crc32(b"robot-runner schema")
"""The PostgreSQL advisory lock key every schema change of the library takes."""


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the database's schema lock: no other process of the library
    checks or changes the schema until it ends (committed on success, rolled back on error)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as raw:
            conn = raw.execution_options(isolation_level="AUTOCOMMIT")  # the driver begins nothing itself
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits (busy timeout) for another writer
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        yield conn


def tables_present(engine: Engine, metadata: MetaData) -> bool:
    """Every table of ``metadata`` is there (no lock is needed, nothing will be written)."""
    names = set(inspect(engine).get_table_names())
    return all(name in names for name in metadata.tables)


def create_tables(engine: Engine, metadata: MetaData) -> None:
    """The tables of ``metadata`` that are missing, created under the schema lock (a database
    that has them all is only looked at: a read-only copy opens as before)."""
    if tables_present(engine, metadata):
        return
    with schema_transaction(engine) as conn:
        metadata.create_all(conn)
