"""An APScheduler 3 trigger over a schedule rule and the site's business-day calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from apscheduler.triggers.base import BaseTrigger

from shared.calendar.days import JST, BusinessCalendar
from shared.calendar.rules import parse_rule

__all__ = ["BusinessDayTrigger"]

_TICK = dt.timedelta(microseconds=1)


class BusinessDayTrigger(BaseTrigger):
    """Fires at the times a rule gives on the site's calendar. Its stored state is plain
    data only (the rule text and the closing days); the rule is read again when loaded."""

    def __init__(self, rule: str, closing_days: Iterable[dt.date] = ()) -> None:
        self._setup(rule, sorted(set(closing_days)))

    def _setup(self, rule: str, closing_days: list[dt.date]) -> None:
        self.rule_text = rule
        self.closing_days = closing_days
        self.rule = parse_rule(rule)
        self.calendar = BusinessCalendar(closing_days)

    def get_next_fire_time(self, previous_fire_time: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
        start = previous_fire_time + _TICK if previous_fire_time is not None else now
        return self.rule.next_fire(start.astimezone(JST), self.calendar)

    def next_times(self, count: int, now: dt.datetime) -> list[dt.datetime]:
        """The next ``count`` fire times from ``now``."""
        times: list[dt.datetime] = []
        previous = None
        while len(times) < count:
            fire = self.get_next_fire_time(previous, now)
            if fire is None:
                break
            times.append(fire)
            previous = fire
        return times

    def __getstate__(self) -> dict:
        return {"version": 1, "rule": self.rule_text, "closing_days": [d.isoformat() for d in self.closing_days]}

    def __setstate__(self, state: dict) -> None:
        self._setup(state["rule"], [dt.date.fromisoformat(d) for d in state["closing_days"]])

    def __str__(self) -> str:
        return f"business_day[{self.rule_text}]"

    def __repr__(self) -> str:
        return f"<BusinessDayTrigger (rule={self.rule_text!r}, closing_days={len(self.closing_days)})>"
