"""Item states and the ledger interface."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["FINAL_STATES", "Item", "Ledger", "State"]


class State(StrEnum):
    NEW = "new"
    DONE = "done"
    FAILED_BUSINESS = "failed_business"
    FAILED_APPLICATION = "failed_application"


FINAL_STATES = frozenset({State.DONE, State.FAILED_BUSINESS})


@dataclass
class Item:
    """One work item: a record read from an input file."""

    id: int
    scenario_id: str
    source_name: str
    source_sha256: str
    state: State
    key_hash: str | None = None
    receipt_no: str | None = None
    reason_key: str | None = None
    reason_params: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] | None = None
    public: dict[str, Any] = field(default_factory=dict)
    run_id: str | None = None
    updated_at: dt.datetime | None = None


class Ledger(ABC):
    """Durable store of work items. Each method is one committed transaction."""

    @abstractmethod
    def add(self, scenario_id: str, source_name: str, source_sha256: str, run_id: str) -> Item: ...

    @abstractmethod
    def find_source(self, scenario_id: str, source_sha256: str) -> Item | None: ...

    @abstractmethod
    def find_key(self, scenario_id: str, key_hash: str, exclude_id: int) -> Item | None: ...

    @abstractmethod
    def update(self, item_id: int, **changes: Any) -> Item: ...

    @abstractmethod
    def items(self, scenario_id: str | None = None) -> list[Item]: ...

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
