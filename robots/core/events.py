"""Item events: what a run announces about an item, the way APScheduler hands
``JobExecutionEvent``s to its listeners. The reader and the enterer say what happened;
the listeners (robots/run/listeners.py) move the item in the ledger, write the audit
record and the log line, and keep the run's summary.

    context.announce(ItemEvent.failed(item, error, State.FAILED_BUSINESS))

Kinds, and what each one means for the item:

    recovered      a dead worker's item was put back (``reserved`` → ``new``, ``committing`` → ``uncertain``)
    read           its form was read from the file (nothing checked yet)
    validated      every field passed its checks; the values are about to be kept for entry
    needs_review   doubtful fields: a person looks at them (``needs_review``)
    failed         bad data or system trouble (``failed_business`` / ``failed_application``)
    committing     the final submit is about to happen (``committing``)
    released       the target system could not be reached before the final submit (``new`` again)
    uncertain      the final submit may or may not have gone through (``uncertain``)
    entered        the record is in the target system, with its receipt number (``done``)
    recorded       a reading-only scenario (no ``web``) keeps the checked record: nothing to enter (``read``)
    found          an uncertain item was found in the target system (``done``)
    not_found      an uncertain item was not found in the target system (``new`` again)
    aborted        the run stopped (login failed, system unreachable): the item waits for the next run
    superseded     a file of the same name was dropped again and is read as a new item: this older one,
                   waiting for a person, is closed (``abandoned``, ``item.superseded`` naming the new item)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from shared.errors import BusinessError, RpaError
from shared.ledger import Item, State

__all__ = ["EventKind", "ItemEvent", "Listener"]

EventKind = Literal["recovered", "read", "validated", "needs_review", "failed", "committing", "released",
                    "uncertain", "entered", "recorded", "found", "not_found", "aborted", "superseded"]


@dataclass(frozen=True)
class ItemEvent:
    """Something that happened to ``item`` (the item as it was before the event).

    ``state`` is the item's state after the event; ``error`` why it failed; ``fields``
    the fields at fault; ``receipt`` the target system's receipt number; ``template`` the
    form template it was read with; ``reason`` the message a person reads (the error's,
    or why the run stopped); ``changes`` further ledger columns the event sets (the
    values kept for review, the time of the next attempt); ``superseded_by`` the item that
    replaces this one."""

    kind: EventKind
    item: Item
    state: State | None = None
    error: RpaError | None = None
    fields: tuple[str, ...] = ()
    receipt: str | None = None
    template: str | None = None
    reason: str | None = None
    changes: Mapping[str, object] = field(default_factory=dict)
    superseded_by: int | None = None

    @classmethod
    def failed(cls, item: Item, error: RpaError, state: State, fields: list[str] | None = None,
               **changes: object) -> ItemEvent:
        """``item`` failed with ``error`` and goes to ``state`` (``needs_review`` or a
        ``failed_*`` state); the error names the item's file when it names none."""
        error.file = error.file or item.source_name
        kind: EventKind = "needs_review" if state == State.NEEDS_REVIEW else "failed"
        return cls(kind, item, state, error, tuple(fields or ()), reason=error.message(), changes=changes)

    @classmethod
    def superseded(cls, item: Item, by: Item) -> ItemEvent:
        """``item`` (failed or needing review) is replaced by ``by``, the item of a file with the
        same name dropped again: closed as ``abandoned``."""
        error = BusinessError("item.superseded", file=item.source_name, by=str(by.id))
        return cls("superseded", item, State.ABANDONED, error, reason=error.message(), superseded_by=by.id)


Listener = Callable[[ItemEvent], None]
"""Called with each event, in the order the listeners were given to the run."""
