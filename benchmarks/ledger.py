"""Ledger overhead: the durable bookkeeping one record's entry costs (reserve, committing,
done — each a committed transaction with its audit events, SQLite in WAL mode with full
fsync), as a share of the time the web robot needs to enter one record."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from shared.audit import open_audited_ledger
from shared.ledger import State

__all__ = ["GOAL_SHARE", "LedgerResult", "measure_ledger"]

GOAL_SHARE = 0.05
LEASE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class LedgerResult:
    items: int
    ms_per_item: float
    entry_ms_per_record: float

    @property
    def share(self) -> float:
        return self.ms_per_item / self.entry_ms_per_record

    @property
    def meets_goal(self) -> bool:
        return self.share < GOAL_SHARE

    def as_json(self) -> dict[str, object]:
        return {"items": self.items, "ms_per_item": self.ms_per_item, "entry_ms_per_record": self.entry_ms_per_record,
                "share": self.share, "goal_share": GOAL_SHARE, "meets_goal": self.meets_goal}


def _one_item_lifecycle(ledger, audit, item_id: int) -> None:
    """What the entry phase writes for one record (see robots/web/entry.py)."""
    item = ledger.reserve_next("bench", "worker", LEASE, 5)
    assert item is not None and item.id == item_id
    ledger.transition(item.id, State.COMMITTING)
    audit.append("item_committing", item_id=item.id, key_hash=item.key_hash)
    ledger.transition(item.id, State.DONE, receipt_no="JT-0", values=None, worker=None, lease_expires_at=None)
    audit.append("item_entered", item_id=item.id, key_hash=item.key_hash, receipt_no="JT-0")


def measure_ledger(items: int, entry_s_per_record: float) -> LedgerResult:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # The hash-chained audit in the ledger's own transaction, as runs do (issue 6).
        with open_audited_ledger(work / "ledger.sqlite3", "bench") as (ledger, audit):
            ids = []
            for index in range(items):
                item = ledger.add("bench", f"f{index}.pdf", f"{index:064d}", "run")
                ledger.update(item.id, values={"name": "x" * 20}, key_hash=f"{index:064x}")
                ids.append(item.id)
            start = time.perf_counter()
            for item_id in ids:
                _one_item_lifecycle(ledger, audit, item_id)
            elapsed = time.perf_counter() - start
    return LedgerResult(items, elapsed * 1000 / items, entry_s_per_record * 1000)
