"""``ledger rotate-key``: seal every value the ledger keeps again with a new key.

For a file store (the site's secrets file, or ``work/keys/ledger.keys``) a new key is put in
front of the ring first (the old ones still open every value if anything stops half-way),
every item is sealed again in one transaction with its audit record, and then the old keys are
taken out of the ring. For an ``env:`` or ``keyring:`` store a person puts the new key first in
``ledger_key`` beforehand; the values are sealed again with it, and the person then takes the
old keys out. A ledger written before sealing gets every value sealed the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from robots.core.context import RunPaths
from shared.audit import actor, open_audited_ledger
from shared.config import load_site
from shared.ledger import KeyRing, key_source
from shared.ledger.sealing import new_key_text

__all__ = ["Rotation", "rotate_ledger_key"]


@dataclass(frozen=True)
class Rotation:
    """What a rotation did: items sealed again, the key now used, the keys no longer used and
    whether they were taken out of the store (a file store) or are left for a person to remove."""

    items: int
    key_id: str
    retired: tuple[str, ...]
    removed: bool


def rotate_ledger_key(site_path: Path, by: str | None = None) -> Rotation:
    """Rotate the ledger key of the site at ``site_path`` (see the module's text)."""
    site = load_site(site_path)
    paths = RunPaths.of(site, Path(site_path))
    paths.work.mkdir(parents=True, exist_ok=True)
    source = key_source(site, Path(site_path))
    with source.locked():  # no run makes a first key meanwhile
        old = source.read()
        who = actor("ledger")
        if by:
            who["person"] = by
        # opened with the keys it was sealed with (a ring that does not fit stops here, unchanged)
        with open_audited_ledger(site.ledger_url or paths.ledger, "ledger", keys=old) as (ledger, audit):
            if source.writable:
                ring = old.with_new_key() if old is not None else KeyRing.parse(new_key_text())
                source.write(ring)  # new key first; the old ones still open every value
            else:
                assert old is not None  # a store other than a file raises when it has no ring
                ring = old
            new = ring.only_current()
            retired = tuple(kid for kid in ring.ids() if kid != new.current_id)
            with ledger.engine.begin() as conn:
                count = ledger.reseal(conn, new)
                audit.append_in(conn, "ledger_key_rotated", key_id=new.current_id, retired=list(retired), items=count,
                                actor=who)
            if ledger.engine.dialect.name == "sqlite":
                _compact(ledger.engine)
        if source.writable:
            source.write(new)
    return Rotation(count, new.current_id, retired, source.writable)


def _compact(engine: Engine) -> None:
    """Rewrite the SQLite file and empty its write-ahead log: no page keeps a value as it was
    before it was sealed again."""
    with engine.connect() as raw:
        conn = raw.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("VACUUM"))
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
