"""Open the ledger and its audit trail together, on one database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Connection

from shared.audit.base import actor
from shared.audit.chain import ChainAuditStore
from shared.ledger import Item, KeyRing, SqlLedger, open_ledger
from shared.redact import redactor

__all__ = ["audit_records", "item_state_writer", "open_audited_ledger"]


def item_state_writer(audit: ChainAuditStore, masked: Iterable[str] = ()):
    """The ledger hook that writes an ``item_state`` record in the ledger's own transaction."""
    masked = frozenset(masked)

    def write(conn: Connection, item: Item) -> None:
        if masked and item.values:
            redactor.remember(masked, item.values)  # so logs and notices can scrub these values too
        audit.append_in(conn, "item_state", item_id=item.id, state=item.state.value, attempt=item.attempt,
                        key_hash=item.key_hash, run_id=item.run_id)

    return write


@contextmanager
def open_audited_ledger(target: str | Path, robot: str, masked: Iterable[str] = (),
                        keys: KeyRing | None = None) -> Iterator[tuple[SqlLedger, ChainAuditStore]]:
    """The ledger at ``target`` (a SQLite path or a database URL), sealing personal values
    with ``keys`` (the site's ``site_keys``), and the audit trail in the same database; every
    state change and its audit record commit in one transaction."""
    masked = frozenset(masked)
    redactor.remember(masked)  # log fields named like masked fields are scrubbed from the start
    ledger = open_ledger(target, keys=keys)
    try:
        audit = ChainAuditStore(ledger.engine, actor=actor(robot))
        ledger.in_transaction = item_state_writer(audit, masked)
        yield ledger, audit
    finally:
        ledger.close()


def audit_records(target: str | Path) -> list[dict]:
    """Every audit record of the ledger database at ``target`` (a SQLite path or URL), oldest first."""
    with open_audited_ledger(target, "reader") as (_ledger, audit):
        return [dict(record) for record in audit.records()]
