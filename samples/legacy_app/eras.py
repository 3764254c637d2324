"""Japanese eras (元号) and conversion of era dates to the Western calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    """One era: its name and its first and last day (``last`` is None for the current one)."""

    name: str
    first: dt.date
    last: dt.date | None

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within this era."""
        return self.first <= day and (self.last is None or day <= self.last)

    def describe(self) -> str:
        """The era's span in words, e.g. ``昭和は1926年12月25日から1989年1月7日まで``."""
        start = f"{self.first.year}年{self.first.month}月{self.first.day}日から"
        end = "" if self.last is None else f"{self.last.year}年{self.last.month}月{self.last.day}日まで"
        return f"{self.name}は{start}{end}"


ERAS: tuple[Era, ...] = (
    Era("明治", dt.date(1868, 1, 25), dt.date(1912, 7, 29)),
    Era("大正", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", dt.date(2019, 5, 1), None),
)
ERA_NAMES: tuple[str, ...] = tuple(era.name for era in ERAS)
MAX_ERA_YEAR = 64


def era_named(name: str) -> Era:
    """The era called ``name``; raises KeyError for an unknown name."""
    for era in ERAS:
        if era.name == name:
            return era
    raise KeyError(name)


def to_western(era: Era, year: int, month: int, day: int) -> dt.date:
    """The date of ``era`` ``year`` (1 = 元年) ``month`` ``day``; ValueError if it does not exist."""
    return dt.date(era.first.year + year - 1, month, day)


def to_wareki(day: dt.date) -> str:
    """A date written in the Japanese calendar, e.g. ``昭和60年4月1日`` (元年 for year 1)."""
    for era in reversed(ERAS):
        if era.contains(day):
            year = day.year - era.first.year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{era.name}{year_text}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
