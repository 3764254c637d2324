"""The ledger against its trail: every item's state is the state of its last ``item_state``
record, every finished run (a row of ``runs``) has its ``run_outcome`` record, and no record
names an item or a run the ledger does not have.

A hash chain cannot tell that its newest records were removed when the head row was moved
back with them, nor that the whole trail was emptied; the ledger, which the removed records
described, still can. Both are read in one snapshot, so a run writing meanwhile is not taken
for tampering. Findings name record numbers, item ids, run ids and states only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from shared.audit.chain import ChainAuditStore, Finding

__all__ = ["TrailScan", "ledger_findings", "scan_trail"]

_EVENTS = ('"event":"item_state"', '"event":"run_outcome"', '"event":"audit_checkpoint"')


@dataclass
class TrailScan:
    """What the trail says (last item states, run outcomes, recorded checkpoints) and what the
    ledger holds, read together."""

    end: int = 0  # the last record's number
    last_state: dict[int, tuple[int, str]] = field(default_factory=dict)  # item id -> (seq, state)
    outcomes: dict[str, tuple[int, str]] = field(default_factory=dict)  # run id -> (seq, outcome)
    checkpoints: list[tuple[int, int, str]] = field(default_factory=list)  # (seq, tree_size, head_hash)
    items: dict[int, str] | None = None  # item id -> state (None: no ledger in this database)
    runs: dict[str, str] = field(default_factory=dict)  # run id -> outcome

    def add(self, seq: int, body: str) -> None:
        self.end = max(self.end, seq)
        if not any(event in body for event in _EVENTS):
            return
        try:
            record = json.loads(body)
        except ValueError:
            return  # a broken record: the chain check names it
        event = record.get("event")
        if event == "item_state" and isinstance(record.get("item_id"), int):
            self.last_state[record["item_id"]] = (seq, str(record.get("state")))
        elif event == "run_outcome" and record.get("run_id") is not None:
            self.outcomes[str(record["run_id"])] = (seq, str(record.get("outcome")))
        elif event == "audit_checkpoint":
            try:
                self.checkpoints.append((seq, int(record["tree_size"]), str(record["head_hash"])))
            except (KeyError, TypeError, ValueError):
                return


@contextmanager
def _snapshot(audit: ChainAuditStore) -> Iterator[Connection]:
    """One connection reading one consistent state of the database."""
    with audit.engine.connect() as conn:
        if audit.engine.dialect.name == "sqlite":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # pysqlite begins nothing for reads
            conn.exec_driver_sql("BEGIN")  # the snapshot is taken at the first read and held to the end
            try:
                yield conn
            finally:
                conn.exec_driver_sql("ROLLBACK")
            return
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def scan_trail(audit: ChainAuditStore, archived: Iterable[tuple[int, str]] = ()) -> TrailScan:
    """The archived records ``(seq, body)`` and the table's, with the ledger's items and runs."""
    scan = TrailScan()
    for seq, body in archived:
        scan.add(seq, body)
    with _snapshot(audit) as conn:
        tables = set(inspect(conn).get_table_names())
        for seq, body in conn.exec_driver_sql("SELECT seq, body FROM audit_records ORDER BY seq"):
            scan.add(int(seq), body)
        if "items" in tables:
            scan.items = {int(i): str(s) for i, s in conn.exec_driver_sql("SELECT id, state FROM items")}
        if "runs" in tables:
            scan.runs = {str(r): str(o) for r, o in conn.exec_driver_sql("SELECT run_id, outcome FROM runs")}
    return scan


def ledger_findings(scan: TrailScan) -> list[Finding]:
    """Each disagreement between the ledger and the trail, oldest record first. A ledger entry
    the trail does not account for is named at the record after the trail's end: either the
    records from there on were removed, or the ledger was changed without one."""
    after = scan.end + 1
    found: list[Finding] = []
    items: dict[int, Any] = scan.items or {}
    for item, state in sorted(items.items()):
        if item not in scan.last_state:
            found.append(Finding(after, "item_unrecorded", {"item": item, "state": state}))
        elif scan.last_state[item][1] != state:
            seq, recorded = scan.last_state[item]
            found.append(Finding(after, "item_differs", {"item": item, "state": state, "recorded": recorded, "last": seq}))
    for item, (seq, _state) in scan.last_state.items():
        if item not in items:
            found.append(Finding(seq, "item_not_in_ledger", {"item": item}))
    for run, outcome in sorted(scan.runs.items()):
        if run not in scan.outcomes:
            found.append(Finding(after, "run_unrecorded", {"run": run, "outcome": outcome}))
        elif scan.outcomes[run][1] != outcome:
            seq, recorded = scan.outcomes[run]
            found.append(Finding(after, "run_differs", {"run": run, "outcome": outcome, "recorded": recorded, "last": seq}))
    for run, (seq, _outcome) in scan.outcomes.items():
        if run not in scan.runs:
            found.append(Finding(seq, "run_not_in_ledger", {"run": run}))
    return sorted(found, key=lambda f: f.seq)
