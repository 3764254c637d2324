"""The audit store interface (a tamper-evident store replaces the plain one later)."""

from __future__ import annotations

import getpass
import socket
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["AuditStore", "actor"]


class AuditStore(ABC):
    """Append-only store of audit events."""

    @abstractmethod
    def append(self, event: str, **fields: Any) -> None:
        """Record ``event`` with ``fields`` (JSON-serializable, no personal data)."""

    @abstractmethod
    def records(self) -> Iterator[Mapping[str, Any]]:
        """All records, oldest first."""

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> AuditStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def actor(robot: str) -> dict[str, str]:
    """Who acts: the OS account, the machine and the robot."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name (service accounts, containers)
        user = "unknown"
    return {"os_user": user, "host": socket.gethostname(), "robot": robot}
