"""Operating hours and maintenance windows of target systems: a run never starts while a
system is closed, and stops taking new items shortly before it closes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from shared.calendar import JST, BusinessCalendar
from shared.config.operations import SystemHours
from shared.ledger import Item, Ledger, State
from shared.messages import Msg

__all__ = ["GuardedLedger", "RunGuard"]

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _jst(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=JST) if value.tzinfo is None else value.astimezone(JST)


class RunGuard:
    """When one target system may be used."""

    def __init__(self, system: str, hours: SystemHours | None, calendar: BusinessCalendar) -> None:
        self.system = system
        self.hours = hours
        self.calendar = calendar

    def _windows(self, now: dt.datetime) -> Iterable[tuple[dt.datetime, dt.datetime]]:
        """Closed periods around ``now``: maintenance windows and the nights outside opening hours."""
        hours = self.hours
        assert hours is not None
        for window in hours.maintenance:
            yield _jst(window.start), _jst(window.end)
        for offset in range(-1, 8):
            day = now.date() + dt.timedelta(days=offset)
            for weekly in hours.weekly_maintenance:
                if _WEEKDAYS[day.weekday()] == weekly.weekday:
                    start = dt.datetime.combine(day, weekly.start, JST)
                    end = dt.datetime.combine(day + dt.timedelta(days=1 if weekly.end <= weekly.start else 0), weekly.end, JST)
                    yield start, end
            opens = dt.datetime.combine(day, hours.open, JST)
            if hours.business_days_only and not self.calendar.is_business_day(day):
                yield dt.datetime.combine(day, dt.time(0), JST), dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), JST)
            if opens.time() > dt.time(0):
                yield dt.datetime.combine(day, dt.time(0), JST), opens
            if hours.close is not None:
                yield dt.datetime.combine(day, hours.close, JST), dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), JST)

    def closed(self, now: dt.datetime) -> Msg | None:
        """Why the system cannot be used at ``now`` (None when it can)."""
        if self.hours is None:
            return None
        now = _jst(now)
        for start, end in self._windows(now):
            if start <= now < end:
                return Msg("ops.system_closed", system=self.system, start=f"{start:%m/%d %H:%M}", end=f"{end:%m/%d %H:%M}")
        return None

    def stop_at(self, now: dt.datetime) -> dt.datetime | None:
        """When to stop taking new items: shortly before the next closed period begins."""
        if self.hours is None:
            return None
        now = _jst(now)
        starts = [start for start, end in self._windows(now) if start > now]
        if not starts:
            return None
        return min(starts) - dt.timedelta(minutes=self.hours.stop_before_minutes)


class GuardedLedger:
    """The items a run takes from a ledger, with no new ones handed out after ``stop_at``
    (they stay ``new`` for the next run); ``stopped`` tells whether that happened."""

    def __init__(self, ledger: Ledger, stop_at: dt.datetime | None,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self._ledger = ledger
        self._stop_at = stop_at
        self._clock = clock or (lambda: dt.datetime.now(JST))
        self.stopped = False

    def reserve_next(self, scenario_id: str, worker: str, lease: dt.timedelta, max_attempts: int) -> Item | None:
        if self._stop_at is not None and self._clock() >= self._stop_at:
            self.stopped = True
            return None
        return self._ledger.reserve_next(scenario_id, worker, lease, max_attempts)

    def items(self, scenario_id: str | None = None, states: Iterable[State] | None = None) -> list[Item]:
        states = list(states) if states is not None else None
        if self.stopped and states == [State.FAILED_APPLICATION]:
            return []  # no waiting for retries: the run is stopping
        return self._ledger.items(scenario_id, states)
