"""Work-item states, the one table of allowed transitions, and the ledger interface.

    new ──► reserved ──► committing ──► done
     │▲        │  │           ├──► failed_business  (refused by the system after the final submit)
     ││        │  │           └──► uncertain ──► done | new | needs_review
     ││        │  ├──► failed_business     (bad data: never retried automatically)
     ││        │  ├──► failed_application  (system trouble: retried with backoff)
     ││        │  └──► needs_review        (a person must look)
     │└────────┘ (lease of a dead worker expired before committing)
     └──► read   (a reading-only scenario, without ``web``: the record was read and
                  checked; there is nothing to enter, the outputs hold it)

``done`` and ``read`` are the two ends of a record that went well; ``abandoned`` the end
of one a person gave up. A person settles ``failed_*``, ``needs_review`` and
``uncertain`` items with ``queue resolve`` (→ done or abandoned) or ``queue retry`` (→ new).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from shared.errors import RpaError

__all__ = [
    "FINAL_STATES", "OPEN_STATES", "TRANSITIONS", "FileRecord", "IllegalTransition", "Item", "Ledger", "State",
]


class State(StrEnum):
    NEW = "new"
    RESERVED = "reserved"
    COMMITTING = "committing"
    DONE = "done"
    FAILED_BUSINESS = "failed_business"
    FAILED_APPLICATION = "failed_application"
    NEEDS_REVIEW = "needs_review"
    UNCERTAIN = "uncertain"
    ABANDONED = "abandoned"
    READ = "read"


S = State
TRANSITIONS: dict[State, frozenset[State]] = {
    S.NEW: frozenset({S.RESERVED, S.FAILED_BUSINESS, S.NEEDS_REVIEW, S.READ}),
    S.RESERVED: frozenset({S.COMMITTING, S.FAILED_BUSINESS, S.FAILED_APPLICATION, S.NEEDS_REVIEW, S.NEW}),
    S.COMMITTING: frozenset({S.DONE, S.UNCERTAIN, S.FAILED_BUSINESS}),
    S.UNCERTAIN: frozenset({S.RESERVED, S.DONE, S.NEW, S.NEEDS_REVIEW, S.ABANDONED}),
    S.FAILED_APPLICATION: frozenset({S.RESERVED, S.NEW, S.DONE, S.ABANDONED}),
    S.FAILED_BUSINESS: frozenset({S.DONE, S.ABANDONED, S.NEW}),
    S.NEEDS_REVIEW: frozenset({S.NEW, S.DONE, S.ABANDONED}),
    S.DONE: frozenset(),
    S.ABANDONED: frozenset(),
    S.READ: frozenset(),
}
"""state -> the states it may move to. Every state change in the ledger checks this table."""

FINAL_STATES = frozenset({S.DONE, S.READ, S.ABANDONED})
OPEN_STATES = frozenset(set(State) - FINAL_STATES)


class IllegalTransition(RpaError):
    """An item is not in a state from which the requested change is allowed."""


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
    attempt: int = 0
    worker: str | None = None
    lease_expires_at: dt.datetime | None = None
    next_attempt_at: dt.datetime | None = None
    run_id: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass
class FileRecord:
    """An input file taken in: its hash, its name and where its archived copy lies."""

    sha256: str
    name: str
    archived_as: str
    state: str
    received_at: dt.datetime | None = None
    template: str | None = None


class Ledger(ABC):
    """Durable store of work items and input files. Each method is one committed transaction."""

    # -- files ---------------------------------------------------------------------
    @abstractmethod
    def add_file(self, sha256: str, name: str, archived_as: str, template: str | None = None) -> tuple[FileRecord, bool]:
        """Register a file (and the template it is read with); returns the record and
        whether it was new."""

    @abstractmethod
    def set_file_state(self, sha256: str, state: str) -> None: ...

    @abstractmethod
    def files(self, state: str | None = None) -> list[FileRecord]: ...

    # -- items -----------------------------------------------------------------------
    @abstractmethod
    def add(self, scenario_id: str, source_name: str, source_sha256: str, run_id: str) -> Item: ...

    @abstractmethod
    def add_or_get(self, scenario_id: str, source_name: str, source_sha256: str, run_id: str,
                   worker: str | None = None, lease: dt.timedelta | None = None) -> tuple[Item, bool]:
        """The item of a source, added (``new``, held by ``worker`` for ``lease`` while it is read)
        unless it is there: one atomic step, safe when several processes add the same source at
        once. Returns the item and whether this call added it."""

    @abstractmethod
    def get(self, item_id: int) -> Item: ...

    @abstractmethod
    def find_source(self, scenario_id: str, source_sha256: str) -> Item | None: ...

    @abstractmethod
    def find_key(self, scenario_id: str, key_hash: str, exclude_id: int) -> Item | None:
        """Another open or done item with the same key (a duplicate record)."""

    @abstractmethod
    def update(self, item_id: int, **changes: Any) -> Item:
        """Change fields other than ``state`` (use ``transition`` for the state)."""

    @abstractmethod
    def transition(self, item_id: int, to: State, **changes: Any) -> Item:
        """Move an item to ``to`` if ``TRANSITIONS`` allows it from its current state;
        raises ``IllegalTransition`` otherwise (also when another worker moved it first)."""

    @abstractmethod
    def items(self, scenario_id: str | None = None, states: Iterable[State] | None = None) -> list[Item]: ...

    @abstractmethod
    def reserve_next(self, scenario_id: str, worker: str, lease: dt.timedelta, max_attempts: int) -> Item | None:
        """Reserve the oldest ``new`` item (not one a reader still holds), or a
        ``failed_application`` item whose backoff has passed and which has attempts left."""

    @abstractmethod
    def renew_lease(self, item_id: int, worker: str, lease: dt.timedelta) -> None: ...

    def recover(self, scenario_id: str, is_dead: Callable[[str], bool]) -> list[Item]:
        """Items held by dead workers (lease expired, or the worker's process is gone):
        ``reserved`` → ``new`` (nothing was submitted), ``committing`` → ``uncertain``."""
        now = dt.datetime.now(dt.UTC)
        recovered = []
        for item in self.items(scenario_id, [State.RESERVED, State.COMMITTING]):
            expired = item.lease_expires_at is not None and _aware(item.lease_expires_at) < now
            if expired or (item.worker and is_dead(item.worker)):
                target = State.NEW if item.state == State.RESERVED else State.UNCERTAIN
                try:
                    recovered.append(self.transition(item.id, target, worker=None, lease_expires_at=None))
                except IllegalTransition:
                    continue
        return recovered

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
