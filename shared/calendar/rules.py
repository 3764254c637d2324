"""Schedule rules written the way staff say them, and cron.

    毎営業日 08:30                      every business day
    毎月第3営業日 09:00                 the 3rd business day of each month
    毎月最終営業日 17:00                the last business day of each month
    毎週月曜 09:00 (祝日なら翌営業日)    every Monday; on a closed day, the next business day
    毎月25日 10:00 (休日なら前営業日)    a day of the month; shift (翌営業日 / 前営業日 / 実行しない)
    cron: 30 8 * * 1-5                  a cron expression (minute hour day month weekday), Japan time;
                                        weekdays as crontab counts them: 0 and 7 Sunday, 1–5 Monday–Friday

Times may be written 8:30, 08:30, ８：３０, 8時30分, 8時半; without a time a rule fires at 09:00.
A weekly or day-of-month rule without a shift does not run on a closed day.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass

from shared.calendar.cron import cron_triggers, next_cron_fire
from shared.calendar.days import JST, BusinessCalendar
from shared.errors import BusinessError

__all__ = ["Rule", "RuleError", "parse_rule"]

DEFAULT_TIME = dt.time(9, 0)
WEEKDAYS = "月火水木金土日"
_SEARCH_MONTHS = 60
_SEARCH_WEEKS = 260


class RuleError(BusinessError):
    """A schedule rule cannot be read."""


@dataclass(frozen=True)
class Rule(ABC):
    """A schedule rule; ``next_fire`` gives the first fire time at or after ``start``."""

    text: str

    @abstractmethod
    def next_fire(self, start: dt.datetime, calendar: BusinessCalendar) -> dt.datetime | None: ...


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, JST)


def _shifted(day: dt.date, shift: str, calendar: BusinessCalendar) -> dt.date | None:
    if calendar.is_business_day(day):
        return day
    if shift == "next":
        return calendar.next_business_day(day)
    if shift == "previous":
        return calendar.previous_business_day(day)
    return None


def _months(start: dt.date):
    year, month = start.year, start.month
    for _ in range(_SEARCH_MONTHS):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class DailyRule(Rule):
    time: dt.time = DEFAULT_TIME

    def next_fire(self, start, calendar):
        day = start.date()
        if _at(day, self.time) < start:
            day += dt.timedelta(days=1)
        return _at(calendar.next_business_day(day), self.time)


@dataclass(frozen=True)
class NthBusinessDayRule(Rule):
    n: int = 1
    time: dt.time = DEFAULT_TIME
    last: bool = False

    def next_fire(self, start, calendar):
        for year, month in _months(start.date()):
            day = calendar.last_business_day(year, month) if self.last else calendar.nth_business_day(year, month, self.n)
            if day is not None and _at(day, self.time) >= start:
                return _at(day, self.time)
        return None


@dataclass(frozen=True)
class ShiftedRule(Rule):
    """A nominal day (a weekday each week, or a day of each month) moved off closed days."""

    weekday: int | None = None
    day_of_month: int | None = None
    time: dt.time = DEFAULT_TIME
    shift: str = "skip"

    def _nominal_days(self, start: dt.date):
        if self.weekday is not None:
            day = start - dt.timedelta(days=(start.weekday() - self.weekday) % 7 + 14)
            for _ in range(_SEARCH_WEEKS):
                yield day
                day += dt.timedelta(days=7)
        else:
            first = (start.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            for year, month in _months(first):
                yield dt.date(year, month, min(self.day_of_month or 1, _cal.monthrange(year, month)[1]))

    def next_fire(self, start, calendar):
        best: dt.datetime | None = None
        for nominal in self._nominal_days(start.date()):
            if best is not None and _at(nominal, self.time) - dt.timedelta(days=14) > best:
                break
            day = _shifted(nominal, self.shift, calendar)
            if day is not None and _at(day, self.time) >= start:
                candidate = _at(day, self.time)
                best = candidate if best is None or candidate < best else best
        return best


@dataclass(frozen=True)
class CronRule(Rule):
    expression: str = ""

    def next_fire(self, start, calendar):
        return next_cron_fire(cron_triggers(self.expression, JST), start)


_TIME = re.compile(r"(\d{1,2}):(\d{2})|(\d{1,2})時(?:(\d{1,2})分|(半))?")
_SHIFT = re.compile(r"\((?:祝日|休日|祝休日)(?:の場合は|なら|は)(翌営業日|前営業日|実行しない|休み)\)")
_CRON = re.compile(r"^(?:cron:?\s*)?((?:\S+\s+){4}\S+)$", re.IGNORECASE)
_SHIFTS = {"翌営業日": "next", "前営業日": "previous", "実行しない": "skip", "休み": "skip"}


def _fail(text: str) -> RuleError:
    return RuleError("schedule.bad_rule", rule=text)


def parse_rule(text: str) -> Rule:
    """Read a rule; raises ``RuleError`` (naming the rule and showing the forms) when it cannot."""
    original = text
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    cron = _CRON.match(text)
    if cron and not re.search(r"[^\x00-\x7f]", text):
        try:
            cron_triggers(cron.group(1), JST)
        except ValueError:
            raise _fail(original) from None
        return CronRule(original, expression=cron.group(1))
    shift = "skip"
    if found := _SHIFT.search(text):
        shift = _SHIFTS[found.group(1)]
        text = text[:found.start()] + text[found.end():]
    time = DEFAULT_TIME
    if found := _TIME.search(text):
        hour = int(found.group(1) or found.group(3))
        minute = int(found.group(2) or found.group(4) or (30 if found.group(5) else 0))
        if hour > 23 or minute > 59:
            raise _fail(original)
        time = dt.time(hour, minute)
        text = text[:found.start()] + text[found.end():]
    head = text.replace(" ", "")
    if head == "毎営業日":
        rule: Rule = DailyRule(original, time=time)
    elif head == "毎月最終営業日":
        rule = NthBusinessDayRule(original, time=time, last=True)
    elif (m := re.fullmatch(r"毎月第(\d{1,2})営業日", head)) and 1 <= int(m.group(1)) <= 23:
        rule = NthBusinessDayRule(original, n=int(m.group(1)), time=time)
    elif m := re.fullmatch(r"毎週([月火水木金土日])曜日?", head):
        rule = ShiftedRule(original, weekday=WEEKDAYS.index(m.group(1)), time=time, shift=shift)
    elif (m := re.fullmatch(r"毎月(\d{1,2})日", head)) and 1 <= int(m.group(1)) <= 31:
        rule = ShiftedRule(original, day_of_month=int(m.group(1)), time=time, shift=shift)
    else:
        raise _fail(original)
    if shift != "skip" and not isinstance(rule, ShiftedRule):
        raise _fail(original)
    return rule
