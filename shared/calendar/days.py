"""Business days: not Saturday or Sunday, not a national holiday (jpholiday, including
振替休日 and 国民の休日), not 12/29–1/3 (年末年始), not one of the site's own closing days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import jpholiday

__all__ = ["JST", "BusinessCalendar"]

JST = dt.timezone(dt.timedelta(hours=9), "JST")
"""Japan has no daylight saving time: a fixed offset works the same on Windows (no tz database needed)."""

_ONE_DAY = dt.timedelta(days=1)


def _year_end(day: dt.date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


class BusinessCalendar:
    """Which days the office is open."""

    def __init__(self, closing_days: Iterable[dt.date] = ()) -> None:
        self.closing_days = frozenset(closing_days)

    def is_business_day(self, day: dt.date) -> bool:
        return not (day.weekday() >= 5 or _year_end(day) or day in self.closing_days or jpholiday.is_holiday(day))

    def next_business_day(self, day: dt.date, *, inclusive: bool = True) -> dt.date:
        """The first business day on or after ``day`` (after it when ``inclusive`` is False)."""
        day = day if inclusive else day + _ONE_DAY
        while not self.is_business_day(day):
            day += _ONE_DAY
        return day

    def previous_business_day(self, day: dt.date, *, inclusive: bool = True) -> dt.date:
        day = day if inclusive else day - _ONE_DAY
        while not self.is_business_day(day):
            day -= _ONE_DAY
        return day

    def business_days(self, year: int, month: int) -> list[dt.date]:
        """The business days of a month, in order."""
        day = dt.date(year, month, 1)
        days = []
        while day.month == month:
            if self.is_business_day(day):
                days.append(day)
            day += _ONE_DAY
        return days

    def nth_business_day(self, year: int, month: int, n: int) -> dt.date | None:
        """The ``n``-th business day of the month (1-based), None if the month has fewer."""
        days = self.business_days(year, month)
        return days[n - 1] if 0 < n <= len(days) else None

    def last_business_day(self, year: int, month: int) -> dt.date:
        return self.business_days(year, month)[-1]

    def __repr__(self) -> str:
        return f"BusinessCalendar({len(self.closing_days)} closing days)"
