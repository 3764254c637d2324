"""Whether a furigana can be a reading of a name written in kanji, from each kanji's
dictionary readings (KANJIDIC2: on, kun and nanori).

    >>> reading_fits("山田\u3000太郎", "ヤマダ\u3000タロウ")
    True
    >>> reading_fits("雛形\u3000紬", "ヒナガタ\u3000ツムギ")
    True
    >>> reading_fits("雛形\u3000細", "ヒナガタ\u3000ツムギ")   # 細 is never read ツムギ
    False

A name and its furigana are read from different parts of a form, so a kanji misread
(細 for 紬) rarely still fits the furigana: the check is independent evidence for both.
It allows sound changes at the joins of a compound (rendaku: 形 カタ → ガタ; sokuon:
一 イチ → イッ), the long-vowel mark for a vowel (コーイチ = コウイチ), the stem of a
verb reading of two kana or more and its noun form (試 ため.す → タメ, タメシ), and 々. It cannot know readings
no dictionary gives (many modern given names); those simply do not fit, and the caller
decides as if nothing were known.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from shared.japanese.text import hiragana_to_katakana

__all__ = ["kanji_readings", "reading_fits"]

DATA = Path(__file__).resolve().parent / "data" / "kanji_readings.tsv"
MAX_NAME_LENGTH = 12

_VOICED = dict(zip("カキクケコサシスセソタチツテトハヒフヘホ", "ガギグゲゴザジズゼゾダヂヅデドバビブベボ", strict=True))
_SEMI_VOICED = dict(zip("ハヒフヘホ", "パピプペポ", strict=True))
_I_ROW = dict(zip("ウクグスツヌブムルゥ", "イキギシチニビミリィ", strict=True))
_SOKUON_FROM = set("ツチクキ")
_ROWS = {
    "ア": "アカガサザタダナハバパマヤャラワァ",
    "イ": "イキギシジチヂニヒビピミリィ",
    "ウ": "ウクグスズツヅヌフブプムユュルゥ",
    "エ": "エケゲセゼテデネヘベペメレェ",
    "オ": "オコゴソゾトドノホボポモヨョロヲォ",
}
_VOWEL_OF = {kana: vowel for vowel, row in _ROWS.items() for kana in row}
_SPACES = " \u3000・"


def _canonical(kana: str) -> str:
    """One spelling for the long vowels: ー is the vowel before it, and オウ/オオ, エイ/エエ
    are one sound (コーイチ, コウイチ → コオイチ)."""
    out: list[str] = []
    for char in kana:
        if char == "ー" and out:
            char = _VOWEL_OF.get(out[-1], "ー")
        if out and ((char == "ウ" and _VOWEL_OF.get(out[-1]) == "オ") or (char == "イ" and _VOWEL_OF.get(out[-1]) == "エ")):
            char = _VOWEL_OF[out[-1]]
        out.append(char)
    return "".join(out)


@cache
def kanji_readings() -> dict[str, frozenset[str]]:
    """Each kanji's readings in katakana; a verb reading as the whole verb, its noun form
    and its stem when that is two kana or more (ため.す → タメス, タメシ, タメ; み.る → ミル, ミ)."""
    table: dict[str, frozenset[str]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kanji, _, readings = line.partition("\t")
        forms: set[str] = set()
        for reading in readings.split():
            stem, dot, okurigana = reading.partition(".")
            if len(stem) > 1 or not dot:  # a one-kana stem (閉 と.じる → ト) fits too many misreads
                forms.add(stem)
            if dot:
                forms.add(stem + okurigana)
                if okurigana[-1] == "ル":  # 見 み.る → ミ, 閉 と.じる → トジ, 切 き.る → キリ
                    forms |= {stem + okurigana[:-1], stem + okurigana[:-1] + "リ"}
                elif okurigana[-1] in _I_ROW:  # 試 ため.す → タメシ, 結 ゆ.う → ユイ
                    forms.add(stem + okurigana[:-1] + _I_ROW[okurigana[-1]])
        table[kanji] = frozenset(_canonical(form) for form in forms if form)
    return table


def _variants(reading: str, first: bool, last: bool) -> set[str]:
    """A reading as it may sound inside a name: voiced at a join, its last kana doubled."""
    variants = {reading}
    if not first and reading[0] in _VOICED:
        variants.add(_VOICED[reading[0]] + reading[1:])
        if reading[0] in _SEMI_VOICED:
            variants.add(_SEMI_VOICED[reading[0]] + reading[1:])
    if not last and len(reading) > 1 and reading[-1] in _SOKUON_FROM:
        variants |= {variant[:-1] + "ッ" for variant in list(variants)}
    return variants


def _fits(written: str, kana: str) -> bool:
    table = kanji_readings()

    @lru_cache(maxsize=None)
    def fits_from(i: int, j: int) -> bool:
        if i == len(written):
            return j == len(kana)
        char = written[i]
        if char == "々" and i > 0:
            char = written[i - 1]
        if char in table:
            options = set()
            for reading in table[char]:
                options |= _variants(reading, first=i == 0, last=i == len(written) - 1)
        else:  # kana written in the name itself (さくら, ノブ) stands for itself
            options = {_canonical(char)}
        return any(kana.startswith(option, j) and fits_from(i + 1, j + len(option)) for option in options)

    return fits_from(0, 0)


def _parts(text: str) -> list[str]:
    for space in _SPACES[1:]:
        text = text.replace(space, " ")
    return [part for part in text.split(" ") if part]


def reading_fits(name: str, furigana: str) -> bool:
    """True when ``name`` and ``furigana`` (katakana or hiragana) have the same parts
    (separated by spaces) and each part of the furigana can be read from that of the name."""
    name = hiragana_to_katakana(unicodedata.normalize("NFKC", name))
    kana = hiragana_to_katakana(unicodedata.normalize("NFKC", furigana))
    names, kanas = _parts(name), [_canonical(part) for part in _parts(kana)]
    if not names or not kanas or len("".join(names)) > MAX_NAME_LENGTH:
        return False
    if len(names) != len(kanas):  # a lost or extra space is itself a misreading
        return False
    return all(_fits(written, reading) for written, reading in zip(names, kanas, strict=True))
