"""Undo what OCR does to printed numbers, the same for every engine's reading."""

from __future__ import annotations

import re

__all__ = ["tidy_ocr_text"]

_NUMERIC_TYPES = {"address", "phone", "postal_code", "my_number", "digits", "wareki_date", "date", "number", "money"}
_DASH_BETWEEN_DIGITS = re.compile(r"(?<=[0-9０-９])\s*[一ー－―‐−–—-]\s*(?=[0-9０-９])")
_KANA_FOR_NUMERALS = str.maketrans("ニハ", "二八")  # katakana read for the kanji numerals of 五十二年
_SPACE_BETWEEN_DIGITS = re.compile(r"(?<=[0-9０-９])\s+(?=[0-9０-９])")


def tidy_ocr_text(field_type: str, text: str) -> str:
    """Undo what OCR does to printed numbers: spaces inside digit runs, a dash between
    digits read as the kanji 一 (address 1-2-3 read as 1一2一3), and katakana ニ, ハ read
    for the kanji numerals 二, 八 in dates."""
    text = text.strip()
    if field_type in ("wareki_date", "date"):
        text = text.translate(_KANA_FOR_NUMERALS)
    if field_type in _NUMERIC_TYPES:
        if field_type in ("address", "phone", "postal_code"):
            text = _DASH_BETWEEN_DIGITS.sub("-", text)
        text = _SPACE_BETWEEN_DIGITS.sub("", text)
    return text
