"""A plain append-only JSON-lines audit file, flushed to disk on every event."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from shared.audit.base import AuditStore
from shared.files import ensure_private_file

__all__ = ["JsonlAuditStore"]


class JsonlAuditStore(AuditStore):
    def __init__(self, path: Path) -> None:
        self.path = ensure_private_file(Path(path))
        self._handle = self.path.open("a", encoding="utf-8")

    def append(self, event: str, **fields: Any) -> None:
        record = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"), "event": event, **fields}
        self._handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def records(self) -> Iterator[Mapping[str, Any]]:
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.close()
