r"""Katakana (furigana) fields: normalize what people and OCR write, then check it.

    >>> normalize_katakana("ﾔﾏﾀﾞ ﾀﾛｳ")
    'ヤマダ\u3000タロウ'
    >>> normalize_katakana("コ－ヒ―")
    'コーヒー'
    >>> is_katakana("ヤマダ\u3000タロウ")
    True
"""

from __future__ import annotations

import re
import unicodedata

from shared.japanese.text import DASHES, collapse_spaces, hiragana_to_katakana

__all__ = ["KATAKANA_LONG_VOWEL", "is_katakana", "normalize_katakana"]

KATAKANA_LONG_VOWEL = "ー"  # U+30FC
_MIDDLE_DOT = "・"  # U+30FB
_IDEOGRAPHIC_SPACE = "\u3000"
_ANY_DASH = re.compile(f"[{re.escape(DASHES)}]")
_KATAKANA_ONLY = re.compile(f"[\u30a1-\u30f6{KATAKANA_LONG_VOWEL}{_MIDDLE_DOT}{_IDEOGRAPHIC_SPACE}]+")


def _is_kana(char: str) -> bool:
    """Hiragana or katakana letter (U+3041–U+30FA), or the long-vowel mark."""
    return "\u3041" <= char <= "\u30fa" or char == KATAKANA_LONG_VOWEL


def _dashes_after_kana_to_long_vowel(text: str) -> str:
    if not _ANY_DASH.search(text):
        return text  # the usual case: nothing to look at character by character
    out: list[str] = []
    for char in text:
        if char in DASHES and out and _is_kana(out[-1]):
            char = KATAKANA_LONG_VOWEL
        out.append(char)
    return "".join(out)


def normalize_katakana(text: str) -> str:
    """Normalize a katakana field: NFKC (half-width kana to full-width), hiragana to
    katakana, a dash-like character directly after a kana to ``ー``, white space trimmed and
    each inner run made one U+3000.

    Small kana (ァィゥェォッャュョヮ) are kept as written; the result is not validated,
    see ``is_katakana``.
    """
    text = hiragana_to_katakana(unicodedata.normalize("NFKC", text))
    return collapse_spaces(_dashes_after_kana_to_long_vowel(text), _IDEOGRAPHIC_SPACE)


def is_katakana(text: str) -> bool:
    """True when ``text`` is not empty and every character is katakana U+30A1–U+30F6,
    ``ー``, ``・`` or the ideographic space U+3000."""
    return _KATAKANA_ONLY.fullmatch(text) is not None
