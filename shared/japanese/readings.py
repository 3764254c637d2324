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
from functools import cache
from pathlib import Path

from shared.japanese.text import edit_distances, hiragana_to_katakana

__all__ = ["kanji_readings", "kanji_that_fit", "mark_variants", "name_kanji", "reading_fits", "repair_furigana",
           "spellings_near"]

DATA = Path(__file__).resolve().parent / "data" / "kanji_readings.tsv"
MAX_NAME_LENGTH = 12
MAX_REPAIRS = 2

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
# Variant forms (異体字) are read as their common form; KANJIDIC2 lists few of them.
_SAME_AS = {"髙": "高", "﨑": "崎", "嵜": "崎", "𠮷": "吉", "邉": "辺", "邊": "辺", "齋": "斎", "齊": "斉",
            "澤": "沢", "濱": "浜", "櫻": "桜", "龍": "竜", "國": "国", "嶌": "島", "德": "徳", "惠": "恵",
            "廣": "広", "瀨": "瀬", "\uf9dc": "隆", "\ufa26": "都"}
# Readings common in given names today that KANJIDIC2 does not list (陽翔 ハルト).
_NAME_READINGS = {"翔": ("ト",), "心": ("ココ",), "愛": ("ア",)}


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
def spelled_readings() -> dict[str, frozenset[str]]:
    """Each kanji's readings in katakana as spelled (コウ), variant forms sharing their
    common form's and a few readings of modern given names added; a verb reading as the
    whole verb, its noun form and its stem when that is two kana or more (ため.す → タメス,
    タメシ, タメ; み.る → ミル, ミ)."""
    table: dict[str, frozenset[str]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kanji, readings, *_ = line.split("\t")
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
        table[kanji] = frozenset(form for form in forms if form)
    for kanji, extra in _NAME_READINGS.items():
        table[kanji] = table.get(kanji, frozenset()) | frozenset(extra)
    for variant, common in _SAME_AS.items():
        table[variant] = table.get(variant, frozenset()) | table.get(common, frozenset())
    return table


@cache
def kanji_readings() -> dict[str, frozenset[str]]:
    """``spelled_readings`` in one spelling of long vowels (コウ, コー → コオ), as compared."""
    return {kanji: frozenset(map(_canonical, forms)) for kanji, forms in spelled_readings().items()}


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


def _fits(written: str, kana: str, *, starts: bool = True, ends: bool = True) -> bool:
    """Whether ``kana`` reads ``written``; ``starts``/``ends``: whether ``written`` begins
    or ends its part of the name (sound changes happen only inside)."""
    table = kanji_readings()

    @cache
    def fits_from(i: int, j: int) -> bool:
        if i == len(written):
            return j == len(kana)
        char = written[i]
        if char == "々" and i > 0:
            char = written[i - 1]
        if char in table:
            options = set()
            for reading in table[char]:
                options |= _variants(reading, first=starts and i == 0, last=ends and i == len(written) - 1)
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


_SMALL = dict(zip("ァィゥェォッャュョヮ", "アイウエオツヤユヨワ", strict=True))
_MARKED = {**_VOICED, **{v: k for k, v in _VOICED.items()}, **_SEMI_VOICED, **{v: k for k, v in _SEMI_VOICED.items()},
           **_SMALL, **{v: k for k, v in _SMALL.items()}}


def _respellings(kana: str, budget: int) -> list[set[str]]:
    """``kana`` with 0, 1, … ``budget`` marks changed: a voiced mark lost or added (タ/ダ),
    a small kana read large or the other way (ョ/ヨ)."""
    levels, seen = [{kana}], {kana}
    for _ in range(budget):
        level = {word[:i] + other + word[i + 1:] for word in levels[-1] for i, char in enumerate(word)
                 for other in _alternatives(char)} - seen
        seen |= level
        levels.append(level)
    return levels


def mark_variants(kana: str, budget: int = 1) -> set[str]:
    """``kana`` and its spellings with up to ``budget`` marks changed (ツムキ → ツムギ)."""
    return set().union(*_respellings(hiragana_to_katakana(kana), budget))


def _alternatives(char: str) -> list[str]:
    alternatives = [_MARKED[char]] if char in _MARKED else []
    if char in _SEMI_VOICED:
        alternatives.append(_SEMI_VOICED[char])
    return alternatives


def repair_furigana(name: str, furigana: str, *, marks_doubtful: bool = False) -> str | None:
    """The spelling of ``furigana`` that fits ``name`` once what OCR gets wrong about kana
    is set right: spaces dropped or invented, and up to two marks (voiced marks, small
    kana). The fewest changes win and must give one spelling; when the reading may have
    lost marks (half-width ﾀﾞ), every spelling within reach counts, so ヤマタ for 山田 (also
    ヤマダ) gives nothing. Parts are joined by U+3000; ``None`` when no one spelling fits."""
    name = hiragana_to_katakana(unicodedata.normalize("NFKC", name))
    kana = hiragana_to_katakana(unicodedata.normalize("NFKC", furigana))
    names = _parts(name)
    letters = "".join(_parts(kana)).replace("・", "")
    if not names or not letters or len("".join(names)) > MAX_NAME_LENGTH or len(letters) > 2 * MAX_NAME_LENGTH:
        return None
    fitting: set[str] = set()
    for level in _respellings(letters, MAX_REPAIRS):
        for spelling in level:
            for split in _splits(spelling, len(names)):
                if all(_fits(written, _canonical(read)) for written, read in zip(names, split, strict=True)):
                    fitting.add("\u3000".join(split))
        if fitting and not marks_doubtful:
            break
    return fitting.pop() if len(fitting) == 1 else None


def _splits(text: str, count: int) -> list[list[str]]:
    if count == 1:
        return [[text]]
    return [[text[:cut], *rest] for cut in range(1, len(text)) for rest in _splits(text[cut:], count - 1)]


@cache
def name_kanji() -> frozenset[str]:
    """The kanji a given name may be written with (常用漢字 and 人名用漢字)."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line.endswith("\tname"))


def kanji_that_fit(part: str, index: int, furigana: str) -> list[str]:
    """The name kanji that, put at ``index`` of ``part`` (one part of a name), make the
    part fit ``furigana``: what a misread kanji may really be (細 → 紬 for ツムギ)."""
    kana = _canonical(hiragana_to_katakana(unicodedata.normalize("NFKC", furigana)))
    written = hiragana_to_katakana(unicodedata.normalize("NFKC", part))
    if not kana or not 0 <= index < len(written) or len(written) > MAX_NAME_LENGTH:
        return []
    before, after = written[:index], written[index + 1:]
    found: set[str] = set()
    for start in range(len(kana)):
        if not _fits(before, kana[:start], ends=False):
            continue
        for stop in range(start + 1, len(kana) + 1):
            if _fits(after, kana[stop:], starts=False):
                found |= _kanji_read_as(kana[start:stop], first=index == 0, last=index == len(written) - 1)
    return sorted(found)


def _kanji_read_as(sound: str, first: bool, last: bool) -> set[str]:
    index = _name_kanji_by_reading()
    found = set(index.get(sound, ()))
    unvoiced = {v: k for k, v in {**_VOICED, **_SEMI_VOICED}.items()}
    if not first and sound[0] in unvoiced:
        found |= index.get(unvoiced[sound[0]] + sound[1:], set())
    if not last and len(sound) > 1 and sound[-1] == "ッ":
        for ending in _SOKUON_FROM:
            found |= index.get(sound[:-1] + ending, set())
    return found


@cache
def _name_kanji_by_reading() -> dict[str, set[str]]:
    table = kanji_readings()
    index: dict[str, set[str]] = {}
    for kanji in name_kanji():
        for reading in table.get(kanji, ()):
            index.setdefault(reading, set()).add(kanji)
    return index


MAX_SPELLINGS = 5000


def _spellings(part: str) -> set[str]:
    """Every way ``part`` (one part of a name) may be spelled in katakana from its kanji's
    readings, with the sound changes at joins and long vowels written ー (コウ, コー)."""
    spelled = spelled_readings()
    found: set[str] = {""}
    for i, char in enumerate(part):
        if char == "々" and i > 0:
            char = part[i - 1]
        options: set[str] = set()
        for reading in spelled.get(char, {hiragana_to_katakana(char)}):
            options |= _variants(reading, first=i == 0, last=i == len(part) - 1)
        found = {a + b for a in found for b in options}
        if len(found) > MAX_SPELLINGS:
            return set()
    return found | {_long_marks(spelling) for spelling in found}


def _long_marks(kana: str) -> str:
    out: list[str] = []
    for char in kana:
        if out and ((char == "ウ" and _VOWEL_OF.get(out[-1], "") in ("オ", "ウ")) or (char == "イ" and _VOWEL_OF.get(out[-1]) == "エ")):
            char = "ー"
        out.append(char)
    return "".join(out)


def spellings_near(part: str, read: str, max_edits: int = 2, *, within: bool = False) -> list[str]:
    """The spellings of ``part`` (one part of a name) within ``max_edits`` kana of ``read``,
    the furigana OCR read for it: what it may really say (ヤマタ → ヤマダ, ヤマタ). With
    ``within``, of some stretch of ``read`` (the whole furigana, its parts not known)."""
    written = hiragana_to_katakana(unicodedata.normalize("NFKC", part))
    read = hiragana_to_katakana(unicodedata.normalize("NFKC", read))
    if not written or len(written) > MAX_NAME_LENGTH:
        return []
    def distance(spelling: str) -> int:
        row = edit_distances(spelling, read, anywhere=within)
        return min(row) if within else row[-1]

    return sorted(s for s in _spellings(written) if distance(s) <= max_edits)
