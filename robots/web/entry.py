"""Entering items into the target system under the commit protocol:

- ``committing`` is written durably just before the step marked ``final``;
- ``done`` (with the receipt number) just after the entry steps end;
- an item that fails after ``committing`` is ``uncertain``: it is looked up in the target
  system (check-before-create) — found → ``done``, not found → ``new`` — and never blindly
  entered again. Without lookup steps it goes to a person (``needs_review``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from robots.reading.reader import typed_values
from robots.web import WebEntryRobot
from shared.audit import AuditStore
from shared.config import LoadedScenario, SiteProfile
from shared.errors import ApplicationError, BusinessError, RpaError, TargetUnavailableError
from shared.ledger import IllegalTransition, Item, Ledger, State
from shared.logs import logger
from shared.workers import worker_id

__all__ = ["Enterer"]

Fail = Callable[..., None]
Done = Callable[[Item, str], None]


class Enterer:
    """Takes items from the ledger and enters them with one robot (one browser)."""

    def __init__(self, loaded: LoadedScenario, site: SiteProfile, ledger: Ledger, audit: AuditStore,
                 run_id: str, fail: Fail, done: Done, progress: Callable[[], None]) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.site = site
        self.ledger = ledger
        self.audit = audit
        self.run_id = run_id
        self.fail = fail
        self.done = done
        self.progress = progress
        self.worker = worker_id()
        self.retry = site.retry
        self._wake = threading.Event()

    def run(self, robot: WebEntryRobot) -> None:
        for item in self.ledger.items(self.scenario.id, [State.UNCERTAIN]):
            self.resolve_uncertain(robot, item)
        lease = dt.timedelta(seconds=self.retry.lease_seconds)
        while True:
            item = self.ledger.reserve_next(self.scenario.id, self.worker, lease, self.retry.max_attempts)
            if item is None:
                wait = self._next_retry_in()
                if wait is None:
                    return
                self._wake.wait(wait)  # backoff before retrying items that failed for system reasons
                continue
            self.enter(robot, item)
            self.progress()

    def _next_retry_in(self) -> float | None:
        now = dt.datetime.now(dt.UTC)
        waiting = [
            i.next_attempt_at for i in self.ledger.items(self.scenario.id, [State.FAILED_APPLICATION])
            if i.attempt < self.retry.max_attempts and i.next_attempt_at is not None
        ]
        if not waiting:
            return None
        soonest = min(w if w.tzinfo else w.replace(tzinfo=dt.UTC) for w in waiting)
        return max(0.0, (soonest - now).total_seconds())

    def _label(self, item: Item) -> str:
        return f"item-{item.id:05d}"

    def enter(self, robot: WebEntryRobot, item: Item) -> None:
        committed = False

        def before_final() -> None:
            nonlocal committed
            self.ledger.transition(item.id, State.COMMITTING)
            self.audit.append("item_committing", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash)
            committed = True

        values = typed_values(self.loaded, item.values or {})
        try:
            result = robot.enter(values, self._label(item), before_final)
        except RpaError as exc:
            if committed:
                self._uncertain(robot, item, exc)
            elif isinstance(exc, TargetUnavailableError):
                self.ledger.transition(item.id, State.NEW, worker=None, lease_expires_at=None)
                raise
            elif isinstance(exc, BusinessError):
                self.fail(item, exc, State.FAILED_BUSINESS)
            else:
                self._failed_application(item, exc)
            return
        receipt = str(result.get("receipt_no") or "")
        self.ledger.transition(item.id, State.DONE, receipt_no=receipt, values=None, worker=None,
                               lease_expires_at=None, reason_key=None, reason_params={})
        self.done(item, receipt)

    def _failed_application(self, item: Item, exc: RpaError) -> None:
        attempt = self.ledger.get(item.id).attempt
        delay = min(self.retry.max_backoff_seconds, self.retry.backoff_seconds * 2 ** max(0, attempt - 1))
        self.fail(item, exc, State.FAILED_APPLICATION,
                  next_attempt_at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay))

    def _uncertain(self, robot: WebEntryRobot, item: Item, exc: RpaError) -> None:
        self.ledger.transition(item.id, State.UNCERTAIN, worker=None, lease_expires_at=None,
                               reason_key=exc.key, reason_params={"message": exc.message(), "message_en": exc.message("en")})
        self.audit.append("item_uncertain", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash, reason=exc.key)
        logger.warning("item uncertain", item_id=item.id, reason=exc.key)
        if isinstance(exc, TargetUnavailableError):
            raise exc
        self.resolve_uncertain(robot, self.ledger.get(item.id))

    def _lookup(self, robot: WebEntryRobot, item: Item) -> str | None:
        """The receipt number found ('' when the record is not there), or None when the
        lookup itself kept failing. A lookup only reads, so system errors are retried."""
        values = typed_values(self.loaded, item.values or {})
        for attempt in range(self.retry.max_attempts):
            try:
                return robot.lookup(values, self._label(item)) or ""
            except TargetUnavailableError:
                raise
            except BusinessError as exc:
                logger.warning("lookup failed", item_id=item.id, reason=exc.key)
                return None
            except ApplicationError as exc:
                logger.warning("lookup failed", item_id=item.id, reason=exc.key, attempt=attempt + 1)
                if attempt + 1 < self.retry.max_attempts:
                    self._wake.wait(min(self.retry.max_backoff_seconds, self.retry.backoff_seconds * 2 ** attempt))
        return None

    def resolve_uncertain(self, robot: WebEntryRobot, item: Item) -> None:
        """Check-before-create: look the record up in the target system."""
        if not self.scenario.web or not self.scenario.web.lookup:
            self.fail(item, BusinessError("item.uncertain_no_lookup", file=item.source_name), State.NEEDS_REVIEW)
            return
        receipt = self._lookup(robot, item)
        if receipt is None:
            return  # stays uncertain: looked up again next time, never entered blindly
        try:
            if receipt:
                self.ledger.transition(item.id, State.DONE, receipt_no=receipt, values=None,
                                       reason_key=None, reason_params={})
                self.audit.append("item_found_by_lookup", run_id=self.run_id, item_id=item.id, receipt_no=receipt)
                self.done(item, receipt)
            else:
                self.ledger.transition(item.id, State.NEW, reason_key=None, reason_params={})
                self.audit.append("item_not_found_by_lookup", run_id=self.run_id, item_id=item.id)
        except IllegalTransition:
            pass  # another worker settled it first
