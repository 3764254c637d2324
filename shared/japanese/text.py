r"""Character-level helpers for Japanese text: width, dashes, white space, kana.

Each function does one narrow thing, so a field type can pick exactly the ones it needs
(normalization is per field type, never blanket NFKC).

    >>> to_halfwidth_ascii("ＡＢＣ１２３")
    'ABC123'
    >>> map_dashes_in_digit_runs("1ー2−3")
    '1-2-3'
    >>> collapse_spaces("　山田 　太郎 ", "\u3000")
    '山田\u3000太郎'
    >>> hiragana_to_katakana("やまだ")
    'ヤマダ'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "DASHES",
    "collapse_spaces",
    "edit_distances",
    "hiragana_to_katakana",
    "katakana_to_halfwidth",
    "katakana_to_hiragana",
    "map_dashes_in_digit_runs",
    "to_halfwidth_ascii",
]

#: Dash-like characters people and OCR produce for a hyphen or a long-vowel mark:
#: ー (U+30FC), − (U+2212), ‐ (U+2010), – (U+2013), — (U+2014), ― (U+2015),
#: ｰ (U+FF70), － (U+FF0D) and the ASCII hyphen-minus.
DASHES = "ー−‐–—―ｰ－-"

_FULLWIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_DIGIT = "0-9０-９"
_DASH_BETWEEN_DIGITS = re.compile(f"(?<=[{_DIGIT}])[{re.escape(DASHES)}](?=[{_DIGIT}])")
_SPACES = re.compile(r"\s+")  # str patterns: ASCII white space, U+3000 and other Unicode spaces
# ぁ (U+3041) .. ゖ (U+3096) and the iteration marks ゝゞ map 0x60 up to the katakana block.
_HIRAGANA = {code: code + 0x60 for code in (*range(0x3041, 0x3097), 0x309D, 0x309E)}
_KATAKANA = {katakana: hiragana for hiragana, katakana in _HIRAGANA.items()}
_HALF_WIDTH = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}
_HALF_MARKS = {"\u3099": "\uff9e", "\u309a": "\uff9f", "\u3000": " "}


def to_halfwidth_ascii(text: str) -> str:
    """Full-width ASCII (U+FF01–U+FF5E: ！ .. ～, ０-９, Ａ-Ｚ, ａ-ｚ) to ASCII; nothing else.

    The ideographic space U+3000, half-width katakana and kanji are left untouched.
    """
    return text.translate(_FULLWIDTH_ASCII)


def map_dashes_in_digit_runs(text: str) -> str:
    """Each dash-like character (see ``DASHES``) with a digit on both sides becomes ``-``.

    Digits may be ASCII or full-width. Dashes elsewhere (``コーヒー``) are kept.
    """
    return _DASH_BETWEEN_DIGITS.sub("-", text)


def collapse_spaces(text: str, sep: str = " ") -> str:
    """Strip leading and trailing white space and turn each inner run of it into ``sep``.

    White space is any Unicode space: ASCII space, tab, newline, U+3000, ...
    """
    return _SPACES.sub(sep, text.strip())


def hiragana_to_katakana(text: str) -> str:
    """Hiragana ぁ..ゖ (and ゝゞ) to the matching katakana; every other character is kept."""
    return text.translate(_HIRAGANA)


def katakana_to_hiragana(text: str) -> str:
    """Katakana ァ..ヶ (and ヽヾ) to the matching hiragana; every other character is kept."""
    return text.translate(_KATAKANA)


def katakana_to_halfwidth(text: str) -> str:
    """Katakana as half-width kana (ダ → ﾀﾞ, U+3000 → a space); other characters as they are."""
    return "".join(_HALF_WIDTH.get(c) or _HALF_MARKS.get(c, c) for c in unicodedata.normalize("NFD", text))


def edit_distances(a: str, b: str, *, anywhere: bool = False) -> list[int]:
    """Levenshtein distance of ``a`` to every prefix ``b[:k]``, k = 0..len(b); with
    ``anywhere``, to the closest stretch of ``b`` that ends at k (``min`` of the result:
    how near ``a`` comes to appearing in ``b``)."""
    previous = [0] * (len(b) + 1) if anywhere else list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous
