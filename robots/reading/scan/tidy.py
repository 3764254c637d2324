"""Undo what OCR does to printed numbers, the same for every engine's reading."""

from __future__ import annotations

import re

__all__ = ["tidy_ocr_text"]

_NUMERIC_TYPES = {"address", "phone", "postal_code", "my_number", "digits", "wareki_date", "date", "number", "money"}
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=[0-9０-９])\s*[一ー－―‐−–—-]\s*(?=[0-9０-９])")
_KANA_FOR_NUMERALS = str.maketrans("ニハ", "二八")  # katakana read for the kanji numerals of 五十二年
_SPACE_BETWEEN_DIGITS = re.compile(r"(?<=[0-9０-９])\s+(?=[0-9０-９])")
# The last 日 of a date read as H or HH (日 printed narrow): only right after 月 and its day, so
# no other character becomes 日.
_DAY_MARK = re.compile(r"(月\s*[0-9０-９]{1,2})\s*[HＨ]{1,2}$")
_YEN = str.maketrans({"\\": "¥"})  # the yen sign of JIS X 0201 is the backslash's code in ASCII
# Dashes after an amount: the underline it is written on, read on past the writing (¥300 ーー),
# or the dash some write after an amount (¥300-)
_TRAILING_DASHES = re.compile(r"(?<=[0-9０-９円])\s*[ー－―‐−–—_＿-]+$")
# A thousands comma read as a point (or as a comma and a point: 432,.000), and a yen sign read
# as a dot before the amount (・432,000): yen amounts have no decimals
_GROUP_MARK = re.compile(r"(?<=[0-9])[.．・,，]+(?=[0-9]{3}(?![0-9]))")
_LEADING_DOT = re.compile(r"^[・.．]+\s*(?=[0-9])")


def tidy_ocr_text(field_type: str, text: str) -> str:
    """Undo what OCR does to printed numbers: spaces inside digit runs, a dash between
    digits read as the kanji 一 (address 1-2-3 read as 1一2一3), katakana ニ, ハ read
    for the kanji numerals 二, 八 in dates, a date's last 日 read as H after its month and
    day, and in an amount a yen sign read as a backslash or a dot, a thousands comma read as a
    point, and the dashes after it."""
    text = text.strip()
    if field_type in ("wareki_date", "date"):
        text = text.translate(_KANA_FOR_NUMERALS)
        text = _DAY_MARK.sub(r"\1日", text)
    if field_type == "money":
        text = _TRAILING_DASHES.sub("", text.translate(_YEN))
        text = _LEADING_DOT.sub("", _GROUP_MARK.sub(",", text))
    if field_type in _NUMERIC_TYPES:
        if field_type in ("address", "phone", "postal_code"):
            text = _DASH_BETWEEN_DIGITS.sub("-", text)
        text = _SPACE_BETWEEN_DIGITS.sub("", text)
    return text
