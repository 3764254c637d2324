"""Entering items into the target system under the commit protocol:

- ``committing`` is written durably just before the step marked ``final``;
- ``done`` (with the receipt number) just after the entry steps end;
- an item that fails after ``committing`` is ``uncertain``: it is looked up in the target
  system (check-before-create) — found → ``done``, not found → ``new`` — and never blindly
  entered again. Without lookup steps it goes to a person (``needs_review``);
- an item the system refused after the final submit (its error area shown) is
  ``failed_business`` with the system's message: the screen says it was not stored;
- an item whose final submit the robot saw fail (no completion screen, no refusal it can
  read) ``retry.max_submits_not_found`` times, and which the lookup never finds, goes to a
  person (``needs_review``) instead of ``new``: the "uncertain → not found → new" cycle is
  bounded. The count (``reason_params["unconfirmed"]``) goes up only for a failure the robot
  saw, not for a crash inside the submit (recovered as uncertain by the next run);
- a stop request (Ctrl-C, SIGTERM) is honoured between steps before the final submit (the
  item goes back to ``new``) and between items;
- an item whose step does not find its element (a ``ScenarioError``) is not retried: it is
  parked ``failed_application`` for ``queue retry`` once the scenario is fixed, and the same
  step failing on ``retry.stop_after_scenario_errors`` items in a row stops the run with
  those items ``new`` again (robots/web/failfast.py).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from typing import Protocol

from robots.core.attachments import attachment_folder
from robots.core.context import RunContext
from robots.core.events import ItemEvent
from robots.core.stop import RunStopped
from robots.reading.reader import typed_values
from robots.web.failfast import ScenarioStreak, stop_error
from robots.web.robot import WebEntryRobot
from shared.errors import (
    ApplicationError,
    BusinessError,
    RpaError,
    ScenarioError,
    TargetRejectedError,
    TargetUnavailableError,
)
from shared.ledger import IllegalTransition, Item, State
from shared.logs import logger
from shared.workers import worker_id

__all__ = ["Enterer", "ItemQueue", "item_label"]


class ItemQueue(Protocol):
    """Where the enterer takes its items from: the ledger, or a ``robots.run.hours.GuardedLedger``
    that stops handing them out before the target system closes."""

    def items(self, scenario_id: str | None = None, states: Iterable[State] | None = None) -> list[Item]: ...

    def reserve_next(self, scenario_id: str, worker: str, lease: dt.timedelta, max_attempts: int) -> Item | None: ...


def _unconfirmed(item: Item) -> int:
    """How many of the item's final submits the robot saw fail and the lookup did not find."""
    count = (item.reason_params or {}).get("unconfirmed", 0)
    return count if isinstance(count, int) else 0


def item_label(item: Item) -> str:
    """The robot's name for an item in screenshots and errors (no personal data)."""
    return f"item-{item.id:05d}"


class Enterer:
    """Takes items from the ledger and enters them with one robot (one browser); says what
    happened to each through the run's item events.

        Enterer(context, queue=guarded, progress=step).run(robot)
    """

    def __init__(self, context: RunContext, *, queue: ItemQueue | None = None,
                 progress: Callable[[], None] | None = None, limit: int | None = None) -> None:
        self.context = context
        self.scenario = context.scenario
        self.queue: ItemQueue = queue if queue is not None else context.ledger
        self.progress = progress or (lambda: None)
        self.worker = worker_id()
        self.retry = context.site.retry
        self.limit = limit  # enter at most this many items (``run --limit``); the rest stay new
        self.streak = ScenarioStreak(self.retry.stop_after_scenario_errors)
        self._wake = threading.Event()
        self.stop = context.resources.stop
        if self.stop is not None:
            self.stop.on_request(self._wake.set)  # a stop ends a back-off wait at once

    def _raise_if_stopped(self) -> None:
        if self.stop is not None:
            self.stop.raise_if_requested()

    def run(self, robot: WebEntryRobot) -> None:
        try:
            self._run(robot)
        except BaseException:
            self._release_held()  # the run stops: the held items wait for the next one
            raise
        self._settle_held()

    def _run(self, robot: WebEntryRobot) -> None:
        for uncertain in self.queue.items(self.scenario.id, [State.UNCERTAIN]):
            self._raise_if_stopped()
            self.resolve_uncertain(robot, uncertain)
        lease = dt.timedelta(seconds=self.retry.lease_seconds)
        taken = 0
        while self.limit is None or taken < self.limit:
            self._raise_if_stopped()  # between items: the last one is finished
            item = self.queue.reserve_next(self.scenario.id, self.worker, lease, self.retry.max_attempts)
            if item is None:
                self._settle_held()  # nothing comes after them now: the streak has ended
                wait = self._next_retry_in()
                if wait is None:
                    return
                self._wake.wait(wait)  # backoff before retrying items that failed for system reasons
                continue
            taken += 1
            self.enter(robot, item)
            self.progress()

    def _next_retry_in(self) -> float | None:
        now = dt.datetime.now(dt.UTC)
        waiting = [
            i.next_attempt_at for i in self.queue.items(self.scenario.id, [State.FAILED_APPLICATION])
            if i.attempt < self.retry.max_attempts and i.next_attempt_at is not None
        ]
        if not waiting:
            return None
        soonest = min(w if w.tzinfo else w.replace(tzinfo=dt.UTC) for w in waiting)
        return max(0.0, (soonest - now).total_seconds())

    def enter(self, robot: WebEntryRobot, item: Item) -> None:
        committed = False
        announce = self.context.announce

        def before_final() -> None:
            nonlocal committed
            announce(ItemEvent("committing", item, State.COMMITTING))
            committed = True

        values = typed_values(self.context.loaded, item.values or {})
        try:
            result = robot.enter(values, item_label(item), before_final,
                                 attachments=attachment_folder(self.context.paths.work, item.source_sha256))
        except KeyboardInterrupt:  # stopped at once (a second Ctrl-C): not submitted → new again
            if not committed:
                announce(ItemEvent("released", item, State.NEW))
            raise  # submitted: left committing, the next run's recovery makes it uncertain and looks it up
        except ScenarioError as exc:
            if committed:
                self._settle_held()
                self._uncertain(robot, item, exc)
            else:
                self._scenario_error(item, exc)
            return
        except RpaError as exc:
            self._settle_held()
            if committed and isinstance(exc, TargetRejectedError):
                # The screen after the final submit shows the system's refusal (its error area):
                # nothing was stored, and entering it again would be refused again.
                refused = TargetRejectedError("web.rejected_after_submit", step=exc.step, item=exc.item,
                                              detail=exc.params.get("detail", ""))
                announce(ItemEvent.failed(item, refused, State.FAILED_BUSINESS))
            elif committed:
                self._uncertain(robot, item, exc)
            elif isinstance(exc, TargetUnavailableError | RunStopped):
                announce(ItemEvent("released", item, State.NEW))
                raise
            elif isinstance(exc, BusinessError):
                announce(ItemEvent.failed(item, exc, State.FAILED_BUSINESS))
            else:
                self._failed_application(item, exc)
            return
        self._settle_held()
        announce(ItemEvent("entered", item, State.DONE, receipt=str(result.get("receipt_no") or "")))

    def _scenario_error(self, item: Item, exc: ScenarioError) -> None:
        """Hold ``item`` in the streak of its step; the streak's limit stops the run (a
        broken login stops it at once), with the held items ``new`` again."""
        if (exc.step or "").startswith("login"):
            self._release_held()
            self.context.announce(ItemEvent("released", item, State.NEW))
            raise exc
        if not self.streak.continues(exc):
            self._settle_held()
        if self.streak.add(item, exc):
            held = self.streak.held[:]
            self._release_held()
            logger.error("scenario errors in a row", step=exc.step, items=len(held), reason=exc.key)
            raise stop_error(held)

    def _settle_held(self) -> None:
        """The streak ended short of its limit: each held item failed because of its own
        screen; parked (no automatic retry) until a person runs ``queue retry``."""
        for item, exc in self.streak.take():
            self.context.announce(ItemEvent.failed(item, exc, State.FAILED_APPLICATION, attempt=self.retry.max_attempts,
                                                   next_attempt_at=None))

    def _release_held(self) -> None:
        for item, _ in self.streak.take():
            self.context.announce(ItemEvent("released", item, State.NEW))

    def _failed_application(self, item: Item, exc: RpaError) -> None:
        attempt = self.context.ledger.get(item.id).attempt
        delay = min(self.retry.max_backoff_seconds, self.retry.backoff_seconds * 2 ** max(0, attempt - 1))
        self.context.announce(ItemEvent.failed(item, exc, State.FAILED_APPLICATION,
                                               next_attempt_at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)))

    def _uncertain(self, robot: WebEntryRobot, item: Item, exc: RpaError) -> None:
        unconfirmed = _unconfirmed(item) + 1  # submits whose outcome the robot saw fail, not found since
        self.context.announce(ItemEvent("uncertain", item, State.UNCERTAIN, exc,
                                        changes={"reason_params": {"unconfirmed": unconfirmed}}))
        if isinstance(exc, TargetUnavailableError):
            raise exc
        self.resolve_uncertain(robot, self.context.ledger.get(item.id))

    def _lookup(self, robot: WebEntryRobot, item: Item) -> str | None:
        """The receipt number found ('' when the record is not there), or None when the
        lookup itself kept failing. A lookup only reads, so system errors are retried."""
        values = typed_values(self.context.loaded, item.values or {})
        for attempt in range(self.retry.max_attempts):
            logger.info("lookup", item_id=item.id, attempt=attempt + 1)
            try:
                found = robot.lookup(values, item_label(item)) or ""
                logger.info("lookup " + ("found" if found else "not found"), item_id=item.id, receipt_no=found or None)
                return found
            except (TargetUnavailableError, RunStopped):
                raise
            except (BusinessError, ScenarioError) as exc:
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
            error = BusinessError("item.uncertain_no_lookup", file=item.source_name)
            self.context.announce(ItemEvent.failed(item, error, State.NEEDS_REVIEW))
            return
        receipt = self._lookup(robot, item)
        if receipt is None:
            return  # stays uncertain: looked up again next time, never entered blindly
        try:
            if receipt:
                self.context.announce(ItemEvent("found", item, State.DONE, receipt=receipt))
            elif _unconfirmed(item) >= self.retry.max_submits_not_found:
                # Submitted this many times and never found: something the robot cannot see
                # (a refusal outside the scenario's error_area, a lookup that cannot find it).
                error = BusinessError("item.unconfirmed_too_often", file=item.source_name, attempts=_unconfirmed(item))
                self.context.announce(ItemEvent.failed(item, error, State.NEEDS_REVIEW))
            else:
                self.context.announce(ItemEvent("not_found", item, State.NEW,
                                                changes={"reason_params": {"unconfirmed": _unconfirmed(item)}}))
        except IllegalTransition:
            pass  # another worker settled it first
