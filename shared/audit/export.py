"""Audit records as CSV rows for auditors: one row per record, who did it, the rest as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = ["COLUMNS", "export_rows"]

COLUMNS = ("seq", "time", "event", "run_id", "scenario_id", "item_id", "key_hash", "state", "os_user", "robot",
           "person", "details")


def export_rows(records: Iterable[Mapping[str, Any]]) -> Iterator[list[str]]:
    """CSV rows (without the header) of audit records, in the order of COLUMNS."""
    for source in records:
        record = dict(source)
        who = record.pop("actor", None) or {}
        row = [record.pop(name, "") for name in COLUMNS[:8]]
        row += [who.get("os_user", ""), who.get("robot", ""), record.pop("person", "") or who.get("person", "")]
        row.append(json.dumps(record, ensure_ascii=False, sort_keys=True) if record else "")
        yield ["" if value is None else str(value) for value in row]
