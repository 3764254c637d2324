"""The test PostgreSQL server: its URL, why it is absent, and empty databases on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

POSTGRES_URL = os.environ.get("RPA_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def postgres_reason() -> str | None:
    """Why the tests cannot use PostgreSQL here, or None when they can."""
    try:
        with create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3}).connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # any failure to connect means: no server here
        return f"PostgreSQL not reachable at {POSTGRES_URL} ({type(exc).__name__}); set RPA_TEST_POSTGRES"
    return None


@contextmanager
def empty_postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a new database with no table in it, dropped afterwards."""
    server = POSTGRES_URL.rsplit("/", 1)[0]
    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"{server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """The URL of a database of this test's own on the test server (skips where it is absent)."""
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    with empty_postgres_database("rpa_test") as url:
        yield url
