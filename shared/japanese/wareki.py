"""Japanese era dates (和暦): parse every common spelling to ``datetime.date``, and back.

    >>> parse_wareki("令和元年5月1日")
    datetime.date(2019, 5, 1)
    >>> parse_wareki("R06/04/01"), parse_wareki("㍻2.3.4"), parse_wareki("5060401")
    (datetime.date(2024, 4, 1), datetime.date(1990, 3, 4), datetime.date(2024, 4, 1))
    >>> format_wareki(datetime.date(2019, 5, 1))
    '令和元年5月1日'

A date outside its era's span (``平成31年5月1日``), before 明治 began (1868-01-25) or
impossible (``2月30日``) raises ``WarekiError``; it is never silently converted.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from shared.japanese.errors import DataError

__all__ = [
    "ERAS",
    "Era",
    "WarekiError",
    "find_era",
    "format_wareki",
    "parse_date",
    "parse_wareki",
    "to_wareki",
    "wareki_to_date",
]


class WarekiError(DataError):
    """A date that cannot be read, does not exist, or lies outside its era.

    ``code`` is one of the catalog keys ``field.wareki.format``, ``field.date.format``,
    ``field.date.impossible``, ``field.wareki.before_era_start`` (params ``era``,
    ``first``), ``field.wareki.out_of_era`` (params ``era``, ``last``) and
    ``field.wareki.before_meiji``. Parameters never include the date that was read.
    """


@dataclass(frozen=True)
class Era:
    """One era: its name, Latin initial, GYYMMDD code and first and last day (``None``:
    the current era)."""

    name: str
    letter: str
    code: int
    start: datetime.date
    end: datetime.date | None


def _eras() -> tuple[Era, ...]:
    rows = [  # name, letter, code, first day
        ("明治", "M", 1, datetime.date(1868, 1, 25)),
        ("大正", "T", 2, datetime.date(1912, 7, 30)),
        ("昭和", "S", 3, datetime.date(1926, 12, 25)),
        ("平成", "H", 4, datetime.date(1989, 1, 8)),
        ("令和", "R", 5, datetime.date(2019, 5, 1)),
    ]
    ends = [start - datetime.timedelta(days=1) for *_, start in rows[1:]] + [None]
    return tuple(Era(*row, end) for row, end in zip(rows, ends, strict=False))


#: The eras from 明治 to 令和, oldest first. Dates before ``ERAS[0].start`` are invalid.
ERAS: tuple[Era, ...] = _eras()

_ERA_KEYS = {key: era for era in ERAS
             for key in (era.name, era.name[0], era.letter, era.letter.lower(), str(era.code))}
_ERA_KEYS.update({"㍾": ERAS[0], "㍽": ERAS[1], "㍼": ERAS[2], "㍻": ERAS[3], "㋿": ERAS[4]})

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_NUM = "[0-9]+|[〇零一二三四五六七八九十]+"
_ERA = "明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr]"
_WAREKI_PATTERNS = (
    re.compile(f"(?P<era>{_ERA})(?P<y>元|{_NUM})年(?P<m>{_NUM})月(?P<d>{_NUM})日"),
    re.compile(f"(?P<era>{_ERA})(?P<y>元|{_NUM})(?P<sep>[./-])(?P<m>{_NUM})(?P=sep)(?P<d>{_NUM})"),
    re.compile("(?P<era>[1-5])(?P<y>[0-9]{2})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),  # GYYMMDD
)
_GREGORIAN_PATTERNS = (
    re.compile("(?P<y>[0-9]{4})(?P<sep>[-/])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"),
    re.compile(f"(?P<y>{_NUM})年(?P<m>{_NUM})月(?P<d>{_NUM})日"),
)
_SPACES = re.compile(r"\s+")


def find_era(key: str) -> Era:
    """The era named by ``key``: its name (``令和``), first kanji (``令``), Latin initial
    (``R``/``r``), single-character form (``㋿``) or GYYMMDD code (``5``).

    Raises ``WarekiError('field.wareki.format')`` for anything else.
    """
    try:
        return _ERA_KEYS[key]
    except KeyError:
        raise WarekiError("field.wareki.format") from None


def _kanji_number(token: str) -> int | None:
    """``十``=10, ``二十``=20, ``三十一``=31, ``六十四``=64; without 十, digit by digit
    (``二〇二四``=2024). ``None`` when the token is not a number spelled this way."""
    if "十" not in token:
        return int("".join(str(_KANJI_DIGITS[c]) for c in token))
    tens, _, ones = token.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones or "〇" in tens + ones or "零" in tens + ones:
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def _number(token: str, format_code: str) -> int:
    if token == "元":
        return 1
    if token.isascii():
        return int(token)
    value = _kanji_number(token)
    if value is None:
        raise WarekiError(format_code)
    return value


def _gregorian(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise WarekiError("field.date.impossible") from None


def wareki_to_date(era: str | Era, year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of ``era`` year ``year`` (1 = 元年), ``month``, ``day``.

    ``era`` is an ``Era`` or any key ``find_era`` accepts (``令和``, ``令``, ``R``, ``㋿``,
    ``5``). Raises ``WarekiError`` when the date does not exist or lies outside the era.
    """
    era = era if isinstance(era, Era) else find_era(era)
    if year < 1:
        raise WarekiError("field.wareki.before_era_start", era=era.name,
                          first=format_wareki(era.start))
    if era.end is not None and era.start.year + year - 1 > era.end.year:
        raise WarekiError("field.wareki.out_of_era", era=era.name, last=format_wareki(era.end))
    date = _gregorian(era.start.year + year - 1, month, day)
    if date < era.start:
        raise WarekiError("field.wareki.before_era_start", era=era.name,
                          first=format_wareki(era.start))
    if era.end is not None and date > era.end:
        raise WarekiError("field.wareki.out_of_era", era=era.name, last=format_wareki(era.end))
    return date


def _prepare(text: str) -> str:
    """NFKC (full-width digits and Latin letters, ㍻ → 平成, ㋿ → 令和), white space removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def _match_gregorian(text: str) -> datetime.date | None:
    for pattern in _GREGORIAN_PATTERNS:
        if m := pattern.fullmatch(text):
            year = _number(m["y"], "field.date.format")
            if year < 1000:  # "6年4月1日" without an era is ambiguous, not year 6
                raise WarekiError("field.date.format")
            return _gregorian(year, _number(m["m"], "field.date.format"),
                              _number(m["d"], "field.date.format"))
    return None


def parse_date(text: str) -> datetime.date:
    """A Gregorian date: ``2024-04-01``, ``2024/4/1``, ``2024年4月1日`` (full-width digits
    and kanji numerals too).

    Raises ``WarekiError`` with ``field.date.format`` (not a date in these spellings) or
    ``field.date.impossible`` (``2024-02-30``).
    """
    date = _match_gregorian(_prepare(text))
    if date is None:
        raise WarekiError("field.date.format")
    return date


def parse_wareki(text: str) -> datetime.date:
    """An era date in any common spelling, or a Gregorian date as ``parse_date`` reads it.

    Era spellings: ``令和6年4月1日``, ``令和元年5月1日``, ``R6.4.1``, ``R06/04/01``,
    ``令6.4.1``, ``㋿6.4.1`` (also ㍻㍼㍽㍾), ``H2.3.4``, ``S60/05/03``, ``平成２年３月４日``,
    ``昭和五十年十月一日`` and the 7-digit code ``GYYMMDD`` (1=明治 … 5=令和,
    ``5060401``). Dates before 1868-01-25 are invalid.

    Raises ``WarekiError`` (a ``ValueError``); see its docstring for the codes.
    """
    prepared = _prepare(text)
    for pattern in _WAREKI_PATTERNS:
        if m := pattern.fullmatch(prepared):
            return wareki_to_date(m["era"], _number(m["y"], "field.wareki.format"),
                                  _number(m["m"], "field.wareki.format"),
                                  _number(m["d"], "field.wareki.format"))
    try:
        date = _match_gregorian(prepared)
    except WarekiError as exc:
        if exc.code == "field.date.format":
            raise WarekiError("field.wareki.format") from None
        raise
    if date is None:
        raise WarekiError("field.wareki.format")
    if date < ERAS[0].start:
        raise WarekiError("field.wareki.before_meiji")
    return date


def _era_of(date: datetime.date) -> Era:
    if isinstance(date, datetime.datetime):
        date = date.date()
    for era in reversed(ERAS):
        if date >= era.start:
            return era
    raise WarekiError("field.wareki.before_meiji")


def to_wareki(date: datetime.date) -> tuple[str, int]:
    """``(era name, era year)`` of ``date``: ``2019-05-01`` → ``('令和', 1)``.

    Raises ``WarekiError('field.wareki.before_meiji')`` before 1868-01-25.
    """
    era = _era_of(date)
    return era.name, date.year - era.start.year + 1


def format_wareki(date: datetime.date) -> str:
    """``2024-04-01`` → ``'令和6年4月1日'``; the first year of an era is written 元年."""
    name, year = to_wareki(date)
    return f"{name}{'元' if year == 1 else year}年{date.month}月{date.day}日"
