"""Pure checks on single values: character classes, numbers, dates.

Each ``first_*`` function returns the first offending character, or None when
the value passes.
"""

from __future__ import annotations

import datetime as dt
import re

IDEOGRAPHIC_SPACE = "\u3000"
_KATAKANA_EXTRA = frozenset("ー・" + IDEOGRAPHIC_SPACE)
_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_SLASH_DATE = re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})")
_POSTAL = re.compile(r"([0-9]{3})-?([0-9]{4})")
_PHONE = re.compile(r"[0-9]+(?:-[0-9]+)*")


def is_half_width(char: str) -> bool:
    """ASCII (including controls) or half-width katakana (U+FF61–U+FF9F)."""
    return ord(char) < 0x80 or "\uff61" <= char <= "\uff9f"


def first_half_width(value: str) -> str | None:
    """The first ASCII or half-width kana character of ``value``."""
    return next((char for char in value if is_half_width(char)), None)


def is_full_width_katakana(char: str) -> bool:
    """Full-width katakana U+30A1–U+30F6, the long vowel mark, the middle dot, or U+3000."""
    return "\u30a1" <= char <= "\u30f6" or char in _KATAKANA_EXTRA


def first_non_katakana(value: str) -> str | None:
    """The first character of ``value`` that is not full-width katakana."""
    return next((char for char in value if not is_full_width_katakana(char)), None)


def my_number_check_digit(first_eleven: str) -> int:
    """The check digit of an individual number (個人番号) from its first 11 digits."""
    remainder = sum(int(d) * w for d, w in zip(first_eleven, _MY_NUMBER_WEIGHTS, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(value: str) -> bool:
    """Twelve ASCII digits whose last digit is the right check digit."""
    return (
        len(value) == 12
        and value.isascii()
        and value.isdigit()
        and my_number_check_digit(value[:11]) == int(value[11])
    )


def normalize_postal(value: str) -> str | None:
    """``1000001`` from ``100-0001`` or ``1000001``; None for anything else."""
    match = _POSTAL.fullmatch(value)
    return match.group(1) + match.group(2) if match else None


def is_phone(value: str) -> bool:
    """ASCII digits and single hyphens, 10 or 11 digits in all."""
    return _PHONE.fullmatch(value) is not None and len(value.replace("-", "")) in (10, 11)


def parse_slash_date(value: str) -> dt.date | None:
    """The date written as ``YYYY/MM/DD`` (zero-padded); None if malformed or not a real day."""
    match = _SLASH_DATE.fullmatch(value)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
