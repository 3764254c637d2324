"""The listeners of a run's item events, each keeping one record of what happened: the
ledger (the item's state and columns), the audit trail, the operational log, the run's
summary, and the values of entered items (in memory only, for outputs allowed to hold
them). A run gives them to its context in this order: the ledger moves the item first
(writing its ``item_state`` audit record in the same transaction), then the audit trail
records the event."""

from __future__ import annotations

from collections.abc import Callable

from robots.core.events import ItemEvent
from robots.core.summary import Outcome, RunSummary
from shared.audit import ChainAuditStore
from shared.ledger import Ledger, State
from shared.logs import logger
from shared.messages import t

__all__ = ["AuditListener", "EnteredValues", "LedgerListener", "LogListener", "SummaryListener"]


class LedgerListener:
    """Moves the item to the event's state, with the columns that state change sets."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def __call__(self, event: ItemEvent) -> None:
        columns = self._columns(event)
        if columns is not None:
            assert event.state is not None
            self.ledger.transition(event.item.id, event.state, **columns)

    @staticmethod
    def _columns(event: ItemEvent) -> dict[str, object] | None:
        """The ledger columns the event sets besides the state; None: the event does not move the item."""
        kind, error = event.kind, event.error
        if kind in ("failed", "needs_review"):
            assert error is not None
            params = {"message": event.reason, "message_en": error.message("en")}
            changes = dict(event.changes)
            if event.state == State.FAILED_BUSINESS:
                changes["values"] = None  # bad data is not kept: the person fixes the form
            return {"reason_key": error.key, "reason_params": params, "worker": None, "lease_expires_at": None,
                    **changes}
        if kind == "committing":
            return {}
        if kind == "released":
            return {"worker": None, "lease_expires_at": None}
        if kind == "uncertain":  # the count of submits not confirmed travels in reason_params (robots/web/entry.py)
            assert error is not None
            return {"worker": None, "lease_expires_at": None, "reason_key": error.key,
                    "reason_params": {"message": error.message(), "message_en": error.message("en"),
                                      **_params(event)}}
        if kind == "entered":
            return {"receipt_no": event.receipt, "values": None, "worker": None, "lease_expires_at": None,
                    "reason_key": None, "reason_params": {}}
        if kind == "recorded":  # final: the personal values are not kept past the outputs of this run
            return {"values": None, "worker": None, "lease_expires_at": None, "reason_key": None, "reason_params": {}}
        if kind == "found":
            return {"receipt_no": event.receipt, "values": None, "reason_key": None, "reason_params": {}}
        if kind == "not_found":
            return {"reason_key": None, "reason_params": _params(event)}
        if kind == "superseded":  # closed: nothing of it is kept for entry
            assert error is not None
            return {"values": None, "worker": None, "lease_expires_at": None, "reason_key": error.key,
                    "reason_params": {"message": event.reason, "message_en": error.message("en"),
                                      "by": event.superseded_by}}
        return None  # recovered (moved by the ledger's recovery), read, validated, aborted


def _params(event: ItemEvent) -> dict[str, object]:
    """The ``reason_params`` an event carries in its changes (e.g. the enterer's count of
    submits not confirmed), or none."""
    params = event.changes.get("reason_params")
    return dict(params) if isinstance(params, dict) else {}


class AuditListener:
    """One audit record per event (two when an uncertain item is found: found, then entered);
    items are named by id and keyed hash only."""

    def __init__(self, audit: ChainAuditStore, run_id: str) -> None:
        self.audit = audit
        self.run_id = run_id

    def __call__(self, event: ItemEvent) -> None:
        append, run_id, item = self.audit.append, self.run_id, event.item
        kind, error = event.kind, event.error
        if kind == "recovered":
            append("item_recovered", run_id=run_id, item_id=item.id, state=item.state.value)
        elif kind == "read":
            append("item_extracted", run_id=run_id, item_id=item.id, template=event.template)
        elif kind == "validated":
            append("item_validated", run_id=run_id, item_id=item.id, key_hash=item.key_hash)
        elif kind in ("failed", "needs_review"):
            assert error is not None and event.state is not None
            fields = list(event.fields) or ([error.field] if error.field else [])
            append("item_failed", run_id=run_id, item_id=item.id, key_hash=item.key_hash, state=event.state.value,
                   reason=error.key, fields=fields)
        elif kind == "committing":
            append("item_committing", run_id=run_id, item_id=item.id, key_hash=item.key_hash)
        elif kind == "uncertain":
            assert error is not None
            append("item_uncertain", run_id=run_id, item_id=item.id, key_hash=item.key_hash, reason=error.key)
        elif kind == "found":
            append("item_found_by_lookup", run_id=run_id, item_id=item.id, receipt_no=event.receipt)
            append("item_entered", run_id=run_id, item_id=item.id, key_hash=item.key_hash, receipt_no=event.receipt)
        elif kind == "entered":
            append("item_entered", run_id=run_id, item_id=item.id, key_hash=item.key_hash, receipt_no=event.receipt)
        elif kind == "recorded":
            append("item_recorded", run_id=run_id, item_id=item.id, key_hash=item.key_hash)
        elif kind == "not_found":
            append("item_not_found_by_lookup", run_id=run_id, item_id=item.id)
        elif kind == "superseded":
            append("item_superseded", run_id=run_id, item_id=item.id, key_hash=item.key_hash,
                   state=item.state.value, by_item=event.superseded_by)


class LogListener:
    """The operational log line of each event of an item: what happened, the step at fault and
    the reason key, the attempt and the time of the retry — ids and catalog keys, never values."""

    def __call__(self, event: ItemEvent) -> None:
        kind, error, item = event.kind, event.error, event.item
        if kind in ("failed", "needs_review"):
            assert error is not None and event.state is not None
            retry = event.changes.get("next_attempt_at")
            if event.state == State.FAILED_APPLICATION and retry is not None:
                logger.warning("item failed: will be retried", item_id=item.id, step=error.step, reason=error.key,
                               attempt=item.attempt, next_attempt_at=str(retry))
            else:
                logger.warning("item failed", item_id=item.id, state=event.state.value, step=error.step,
                               reason=error.key, fields=list(event.fields) or None)
        elif kind == "uncertain":
            assert error is not None
            logger.warning("item uncertain", item_id=item.id, step=error.step, reason=error.key)
        elif kind in ("entered", "found"):
            logger.info("item entered", item_id=item.id, receipt_no=event.receipt, by_lookup=kind == "found")
        elif kind == "recorded":
            logger.info("item read", item_id=item.id)
        elif kind == "read":
            logger.info("item extracted", item_id=item.id, template=event.template)
        elif kind == "validated":
            logger.info("item validated", item_id=item.id)
        elif kind == "committing":
            logger.info("item committing", item_id=item.id, attempt=item.attempt)
        elif kind == "released":
            logger.info("item released", item_id=item.id)
        elif kind == "not_found":
            logger.info("item not found by lookup: entered again", item_id=item.id)
        elif kind == "recovered":
            logger.info("item recovered", item_id=item.id, state=item.state.value)
        elif kind == "superseded":
            logger.info("item superseded by a file dropped again", item_id=item.id, was=item.state.value,
                        by_item=event.superseded_by)


class SummaryListener:
    """The run summary's outcome of each item: failed, entered, read (a reading-only
    scenario), or left by an aborted run."""

    def __init__(self, summary: RunSummary, on_outcome: Callable[[Outcome], None] | None = None) -> None:
        self.summary = summary
        self.on_outcome = on_outcome  # told each outcome as it happens (the CLI's line per item)

    def __call__(self, event: ItemEvent) -> None:
        item = event.item
        if event.kind in ("failed", "needs_review"):
            assert event.state is not None
            self._add(Outcome(item.id, item.source_name, event.state, None, event.reason))
        elif event.kind == "aborted":  # the reason is the run's (said once), not the item's
            assert event.state is not None
            self.summary.outcomes.append(Outcome(item.id, item.source_name, event.state, None, event.reason, left=True))
        elif event.kind in ("entered", "found"):
            self._add(Outcome(item.id, item.source_name, State.DONE, event.receipt))
        elif event.kind == "recorded":
            self._add(Outcome(item.id, item.source_name, State.READ))
        elif event.kind == "superseded":  # a note, not an outcome: the new item has the outcome
            self.summary.notes.append(t("summary.superseded", file=item.source_name, old=item.id,
                                        by=event.superseded_by))

    def _add(self, outcome: Outcome) -> None:
        self.summary.outcomes.append(outcome)
        if self.on_outcome is not None:
            self.on_outcome(outcome)


class EnteredValues:
    """The values of the items entered (or, without ``web``, read) by this run, and of those it
    flagged as bad data (as read, a flagged field as its text), by item id — in memory only:
    the ledger forgets them once an item is done, read or failed; outputs allowed to hold them
    use these."""

    def __init__(self) -> None:
        self.values: dict[int, dict[str, object]] = {}

    def __call__(self, event: ItemEvent) -> None:
        if event.kind in ("entered", "found", "recorded"):
            self.values[event.item.id] = event.item.values or {}
        elif event.kind == "failed" and event.state == State.FAILED_BUSINESS:
            shown = event.changes.get("values") or event.item.values  # as read, or as refused by the target system
            if isinstance(shown, dict):
                self.values[event.item.id] = dict(shown)
