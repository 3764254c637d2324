"""SQLite storage of 認定請求 records.

Every function opens its own connection and closes it, so the threaded server
and the tests can share one database file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

RECEIPT_PREFIX = "JT-"

COLUMNS: tuple[str, ...] = (
    "receipt_no",
    "applicant_name",
    "applicant_kana",
    "birth_era",
    "birth_year",
    "birth_month",
    "birth_day",
    "birth_date",
    "gender",
    "my_number",
    "postal_code",
    "address_town",
    "address_street",
    "phone",
    "pension",
    "bank_name",
    "branch_name",
    "account_type",
    "account_number",
    "account_holder_kana",
    "child1_name",
    "child1_kana",
    "child1_birth",
    "child2_name",
    "child2_kana",
    "child2_birth",
    "child3_name",
    "child3_kana",
    "child3_birth",
    "created_at",
)
_INTEGER_COLUMNS = frozenset({"birth_year", "birth_month", "birth_day"})
_REQUIRED_COLUMNS = frozenset(COLUMNS) - {f"child{n}_{part}" for n in (2, 3) for part in ("name", "kana", "birth")}


def _column_sql(name: str) -> str:
    kind = "INTEGER" if name in _INTEGER_COLUMNS else "TEXT"
    unique = " UNIQUE" if name == "receipt_no" else ""
    # receipt_no is filled right after the insert, from the row id.
    not_null = " NOT NULL" if name in _REQUIRED_COLUMNS and name != "receipt_no" else ""
    return f"{name} {kind}{not_null}{unique}"


SCHEMA = (
    "CREATE TABLE IF NOT EXISTS applications (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  "
    + ",\n  ".join(_column_sql(name) for name in COLUMNS)
    + "\n)"
)


@contextlib.contextmanager
def connect(db_path: str | Path) -> Iterator[sqlite3.Connection]:
    """A connection to ``db_path`` returning rows as :class:`sqlite3.Row`; closed on exit."""
    connection = sqlite3.connect(db_path, timeout=10, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        yield connection
    finally:
        connection.close()


ATTACHMENTS_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS attachments (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  token TEXT NOT NULL,\n"
    "  receipt_no TEXT,\n  name TEXT NOT NULL,\n  sha256 TEXT NOT NULL,\n  size INTEGER NOT NULL\n)"
)
MAX_ATTACHMENT_BYTES = 10_000_000


def init_db(db_path: str | Path) -> None:
    """Create the schema if it is missing."""
    with connect(db_path) as connection:
        connection.execute(SCHEMA)
        connection.execute(ATTACHMENTS_SCHEMA)


def add_attachment(db_path: str | Path, token: str, name: str, data: bytes) -> None:
    """Keep an uploaded file's name, hash and size under the entry form's ``token`` (not yet a record's)."""
    with connect(db_path) as connection:
        connection.execute(ATTACHMENTS_SCHEMA)
        connection.execute("INSERT INTO attachments (token, name, sha256, size) VALUES (?, ?, ?, ?)",
                           (token, name, hashlib.sha256(data).hexdigest(), len(data)))


def attachment_names(db_path: str | Path, token: str) -> list[str]:
    with connect(db_path) as connection:
        connection.execute(ATTACHMENTS_SCHEMA)
        rows = connection.execute("SELECT name FROM attachments WHERE token = ? AND receipt_no IS NULL ORDER BY id",
                                  (token,)).fetchall()
    return [row["name"] for row in rows]


def claim_attachments(db_path: str | Path, token: str, receipt_no: str) -> None:
    """The files uploaded under ``token`` belong to the record ``receipt_no`` now."""
    with connect(db_path) as connection:
        connection.execute(ATTACHMENTS_SCHEMA)
        connection.execute("UPDATE attachments SET receipt_no = ? WHERE token = ? AND receipt_no IS NULL",
                           (receipt_no, token))


def fetch_attachments(db_path: str | Path) -> list[dict[str, object]]:
    """Every file stored with a record: receipt_no, name, sha256, size."""
    with connect(db_path) as connection:
        connection.execute(ATTACHMENTS_SCHEMA)
        rows = connection.execute("SELECT receipt_no, name, sha256, size FROM attachments WHERE receipt_no IS NOT NULL "
                                  "ORDER BY id").fetchall()
    return [dict(row) for row in rows]


def insert_application(db_path: str | Path, record: Mapping[str, object]) -> str:
    """Store one record and return its receipt number, e.g. ``JT-000001``."""
    data = {name: record.get(name) for name in COLUMNS if name not in ("receipt_no", "created_at")}
    data["created_at"] = dt.datetime.now().isoformat(timespec="seconds")
    names = ", ".join(data)
    marks = ", ".join(f":{name}" for name in data)
    with connect(db_path) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            row_id = connection.execute(f"INSERT INTO applications ({names}) VALUES ({marks})", data).lastrowid
            receipt_no = f"{RECEIPT_PREFIX}{row_id:06d}"
            connection.execute("UPDATE applications SET receipt_no = ? WHERE id = ?", (receipt_no, row_id))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return receipt_no


def count_records(db_path: str | Path) -> int:
    """How many records the database holds (0 if the schema does not exist yet)."""
    with connect(db_path) as connection:
        if not _has_table(connection):
            return 0
        return int(connection.execute("SELECT COUNT(*) FROM applications").fetchone()[0])


def fetch_records(db_path: str | Path) -> list[dict[str, object]]:
    """Every record in receipt order, as column name -> value (dates as ``YYYY-MM-DD``)."""
    with connect(db_path) as connection:
        if not _has_table(connection):
            return []
        rows = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM applications ORDER BY id").fetchall()
    return [dict(row) for row in rows]


def search_applications(
    db_path: str | Path, name: str | None, birth_date: dt.date | None, my_number: str | None = None
) -> list[dict[str, object]]:
    """Records whose name contains ``name`` (spaces ignored), born on ``birth_date``,
    and/or with exactly the individual number ``my_number``; every given criterion must match."""
    clauses: list[str] = []
    params: list[object] = []
    if name:
        clauses.append("REPLACE(REPLACE(applicant_name, '\u3000', ''), ' ', '') LIKE ? ESCAPE '\\'")
        plain = name.replace("\u3000", "").replace(" ", "")
        params.append("%" + plain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if birth_date:
        clauses.append("birth_date = ?")
        params.append(birth_date.isoformat())
    if my_number:
        clauses.append("my_number = ?")
        params.append(my_number)
    where = " AND ".join(clauses) or "1"
    with connect(db_path) as connection:
        rows = connection.execute(
            f"SELECT receipt_no, applicant_name, birth_date FROM applications WHERE {where} ORDER BY id",
            params,
        ).fetchall()
    return [dict(row) for row in rows]


def _has_table(connection: sqlite3.Connection) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'applications'"
    return connection.execute(query).fetchone() is not None


def snapshot(db_path: str | Path) -> sqlite3.Connection:
    """A copy of the whole database in memory (schema, rows and the receipt counter), for
    :func:`restore`; the caller closes it."""
    image = sqlite3.connect(":memory:", check_same_thread=False)
    with connect(db_path) as connection:
        connection.backup(image)
    return image


def restore(db_path: str | Path, image: sqlite3.Connection) -> None:
    """Overwrite the database with ``image`` (from :func:`snapshot`): later records and
    receipt numbers are gone, the next receipt is the one that came next at snapshot time."""
    with connect(db_path) as connection:
        image.backup(connection)
