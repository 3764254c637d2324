"""Cron expressions read as crontab reads them (``man 5 crontab``), over APScheduler 3's
``CronTrigger``.

APScheduler 3 numbers weekdays 0 = Monday … 6 = Sunday and refuses 7 (its
``CronTrigger.from_crontab`` keeps that numbering); crontab numbers them 0 = Sunday,
1 = Monday … 6 = Saturday, 7 = Sunday again. The weekday field is therefore translated
into APScheduler's weekday names before a trigger is built:

    >>> apscheduler_weekdays("1-5")
    'mon,tue,wed,thu,fri'
    >>> apscheduler_weekdays("0,7")
    'sun'

Like crontab, when both the day of the month and the weekday are restricted (neither
starts with ``*``), a time matching either of them fires (``0 9 1 * 1``: the 1st of each
month, and every Monday).
"""

from __future__ import annotations

import datetime as dt
import re

from apscheduler.triggers.cron import CronTrigger

__all__ = ["apscheduler_weekdays", "cron_triggers", "next_cron_fire"]

_CRONTAB_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_APSCHEDULER_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ELEMENT = re.compile(r"^(?:(?P<star>\*)|(?P<first>\w+)(?:-(?P<last>\w+))?)(?:/(?P<step>\d+))?$")
_HIGH = 7  # crontab's weekday numbers run 0–7 (both ends are Sunday)


def _weekday_number(text: str) -> int:
    if text.isdigit():
        number = int(text)
        if 0 <= number <= _HIGH:
            return number
    elif text.lower() in _CRONTAB_NAMES:
        return _CRONTAB_NAMES.index(text.lower())
    raise ValueError(f"weekday {text!r} is not 0–7 or sun–sat")


def _crontab_days(field: str) -> set[int]:
    """The weekdays (crontab numbers, 0 = Sunday … 6 = Saturday) a crontab weekday field names."""
    days: set[int] = set()
    for element in field.split(","):
        found = _ELEMENT.match(element.strip())
        if found is None or not element.strip():
            raise ValueError(f"weekday element {element!r} cannot be read")
        step = int(found["step"]) if found["step"] else 1
        if step < 1:
            raise ValueError("a step must be 1 or more")
        if found["star"]:
            first, last = 0, _HIGH
        else:
            first = _weekday_number(found["first"])
            # ``N/step`` runs from N to the end of the field, as crontab reads it
            last = _weekday_number(found["last"]) if found["last"] else (_HIGH if found["step"] else first)
            if last < first:
                raise ValueError(f"weekday range {element!r} runs backwards")
        days.update(number % 7 for number in range(first, last + 1, step))
    return days


def apscheduler_weekdays(field: str) -> str:
    """A crontab weekday field as APScheduler 3's ``day_of_week`` (weekday names, Monday first)."""
    if field.strip() == "*":
        return "*"
    days = _crontab_days(field)
    return ",".join(name for name in _APSCHEDULER_NAMES if _CRONTAB_NAMES.index(name) in days)


def cron_triggers(expression: str, timezone: dt.tzinfo) -> list[CronTrigger]:
    """The triggers of a 5-field crontab expression (minute hour day month weekday): one, or
    two when both the day and the weekday are restricted (a time matching either fires).
    Raises ``ValueError`` when the expression cannot be read."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"a cron expression has 5 fields, not {len(fields)}")
    minute, hour, day, month, weekday = fields
    weekdays = apscheduler_weekdays(weekday)
    common = {"minute": minute, "hour": hour, "month": month, "timezone": timezone}
    if day.startswith("*") or weekday.startswith("*"):
        return [CronTrigger(day=day, day_of_week=weekdays, **common)]
    return [CronTrigger(day=day, day_of_week="*", **common), CronTrigger(day="*", day_of_week=weekdays, **common)]


def next_cron_fire(triggers: list[CronTrigger], start: dt.datetime) -> dt.datetime | None:
    """The first time at or after ``start`` any of ``triggers`` fires."""
    times = [fire for trigger in triggers if (fire := trigger.get_next_fire_time(None, start)) is not None]
    return min(times) if times else None
