"""Shapes a value read from a scan cannot have: checks that need no second reading. Each
catches a class of silent misreading seen on scans, whatever the engine's confidence:

- an address holding an ASCII bracket or symbol (a ruled line at the edge of the zone read
  as ``]``: 「…23番1　]号サンプルハイツ…」 at 0.98), or a block word (丁目・番地・番・号)
  that follows no number;
- a name and its furigana with different numbers of parts (a given name lost:
  「山田　紬」 read 「山田」 at 0.996, its furigana ヤマダ　ツムギ), or a name of three
  characters or more read as one part (the space lost: 緑丘　真理 read 緑丘真理);
- a name part and its reading whose lengths cannot go together (more kanji than morae, or
  over four morae a kanji);
- a voiced or semi-voiced mark the engine may have lost or confused (サンプル → サンブル,
  ﾔﾏｻﾞｷ → サキ, やまだ → ヤマタ): any mark read from half-width ﾞ ﾟ, and
  any the engine was unsure of (゜ and ゛ on パ/バ-row kana look alike: unless it was
  very sure). Such a value goes to a person unless its furigana and name confirm each
  other (the one spelling among the mark variants that fits the name);
- a bracket read in ASCII inside Japanese text, or a space beside Japanese words (the width
  written is not known to the engines: 「医療法人社団　雛形会」 read with ASCII spaces by both)
  — unless the gaps in the zone's ink show it (``spaces_as_written``: a full-width space
  leaves a gap wider than the writing is high, a half-width one half that);
- digits in a text field (a 記号 「８７６」 read 876 by both engines, kept as written): their
  width is taken from the ink (``digits_as_written``: full-width digits stand apart), or a
  person decides.

Pure functions on strings; ``doubt_shapes`` applies them to the readings of one form.

    >>> address_problem("東京都八王子市横山町1丁目23番1　]号サンプルハイツ")
    'scan.shape.address_symbol'
    >>> parts_differ("山田", "ヤマダ\\u3000ツムギ")
    True
    >>> doubtful_marks("サンブル", "サンブル")
    'ブ'
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from shared.japanese.readings import mark_variants, reading_fits
from shared.japanese.text import hiragana_to_katakana

if TYPE_CHECKING:
    from robots.reading.scan.checks import Reading
    from shared.config.scenario import FieldSpec

__all__ = ["address_problem", "digits_as_written", "doubt_shapes", "doubtful_marks", "ink_gaps", "length_plausible",
           "marks_confirmed", "morae", "parts_differ", "space_unseen", "spaces_as_written", "text_problem"]

# ASCII symbols never written in a Japanese address ('-' between digits is; '.' never is)
ADDRESS_SYMBOLS = set("[]{}()<>|\\/^_`~@#$%&*+=;:!?\"',.")
_BLOCK_WORD = re.compile(r"(丁目|番地|番|号)")
_NUMBER_BEFORE = re.compile(r"[0-9０-９〇一二三四五六七八九十百千]$")
_CONFUSABLE = re.compile(r"(?<=[0-9-])[lIOo]|[lIOo](?=[0-9-])")  # l/I for 1, O/o for 0 beside digits
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々]")
TEXT_BRACKETS = set("()[]{}<>")  # in Japanese text a bracket is full-width; OCR gives both widths alike
_PARTS = re.compile(r"[ \u3000]+")
SEMI_VOICED_PAIRS = set("パピプペポバビブベボ")  # ゜ and ゛ look alike when small
MARK_SURE = 0.97  # a character with a mark read with less confidence than this may have lost or changed it
SEMI_VOICED_SURE = 0.99
VOICEABLE = set("カキクケコサシスセソタチツテトハヒフヘホガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ")
SMALL = set("ァィゥェォャュョヮぁぃぅぇぉゃゅょゎ")
MORAE_PER_KANJI = 4  # 志 ココロザシ (5) is rare enough for a person to check
# Gaps between ink columns over the ink's height, measured on iryohi scans (tuning seeds 60917,
# 4242, 1234; five fonts): a full-width space 1.17-1.45, a half-width one 0.35-0.82, gaps inside
# or between Japanese characters up to 0.73; between full-width digits 0.57-1.00, half-width
# 0.11-0.29. Between the bounds nothing is decided.
SPACE_FULL = 1.05
SPACE_HALF = 0.95
SPACE_SEEN = 0.3  # a half-width space leaves at least this gap
DIGIT_FULL = 0.45
DIGIT_HALF = 0.35
_DIGITS = re.compile(r"^[0-9０-９]+$")
_TO_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_TO_HALF = str.maketrans("０１２３４５６７８９", "0123456789")


def _parts(text: str) -> list[str]:
    return [part for part in _PARTS.split(text.strip()) if part]


def address_problem(address: str) -> str | None:
    """The message key of what is wrong with the shape of ``address`` as read, or None:
    an ASCII bracket or symbol, a Latin letter l/I/O/o beside a digit, a block word
    (丁目・番地・番・号) that follows no number."""
    if set(address) & ADDRESS_SYMBOLS:
        return "scan.shape.address_symbol"
    if _CONFUSABLE.search(address):
        return "scan.shape.address_symbol"
    for found in _BLOCK_WORD.finditer(address):
        before = address[:found.start()].rstrip()
        if not _NUMBER_BEFORE.search(before):
            return "scan.shape.block_number"
    return None


def text_problem(text: str) -> str | None:
    """A bracket read in ASCII next to Japanese text (「出産（予定）」 read 「出産 (予定)」), or a
    space between Japanese words (「医療法人社団　雛形会」 read with an ASCII space by both
    engines, at 0.98; 「見本銀行 駅前支店」 is written with one): the engines give both widths
    alike, so which was written is not known."""
    for index, char in enumerate(text):
        if char in TEXT_BRACKETS and _JAPANESE.search(text[max(0, index - 2):index + 3]):
            return "scan.shape.text_bracket"
    for index, char in enumerate(text):
        if char in " \u3000" and _JAPANESE.search(text[max(0, index - 1):index] + text[index + 1:index + 2]):
            return "scan.shape.text_space"
    return None


def ink_gaps(zone: np.ndarray | None) -> list[float]:
    """The gaps between the columns of ink of a one-line zone (dark on white), each over the
    ink's height, widest first; empty without ink."""
    if zone is None:
        return []
    ink: np.ndarray = np.asarray(zone) < 128
    rows = np.flatnonzero(ink.any(axis=1))
    columns = [bool(column) for column in np.asarray(ink.any(axis=0))]
    if not len(rows):
        return []
    height = int(rows[-1] - rows[0] + 1)
    inked = [i for i, column in enumerate(columns) if column]
    gaps: list[float] = []
    run = 0
    for column in columns[inked[0]:inked[-1] + 1]:
        if column:
            if run:
                gaps.append(run / height)
            run = 0
        else:
            run += 1
    return sorted(gaps, reverse=True)


def spaces_as_written(text: str, zone: np.ndarray | None) -> str | None:
    """``text`` with each run of spaces set to the width its gap in ``zone`` shows (all
    full-width: as many gaps wider than the writing is high as runs of spaces; all half-width:
    none that wide, and a gap seen for each), or None when the ink does not tell."""
    runs = len(re.findall(r"[ \u3000]+", text))
    gaps = ink_gaps(zone)
    if not runs or len(gaps) < runs or any(SPACE_HALF <= gap < SPACE_FULL for gap in gaps):
        return None
    wide = sum(gap >= SPACE_FULL for gap in gaps)
    if wide == runs:
        return re.sub(r"[ \u3000]+", "\u3000", text)
    if wide == 0 and gaps[runs - 1] >= SPACE_SEEN:
        return re.sub(r"[ \u3000]+", " ", text)
    return None


def digits_as_written(text: str, zone: np.ndarray | None) -> str | None:
    """A text of digits only in the width its ink shows (full-width digits stand apart: every
    gap between them wide; half-width ones close), or None when the ink does not tell."""
    if not _DIGITS.match(text):
        return None
    gaps = ink_gaps(zone)
    if len(text) == 1 or len(gaps) < len(text) - 1:
        return None
    between = gaps[:len(text) - 1]
    if min(between) >= DIGIT_FULL:
        return text.translate(_TO_FULL)
    if max(gaps) < DIGIT_HALF:
        return text.translate(_TO_HALF)
    return None


def parts_differ(name: str, kana: str) -> bool:
    """A name and its furigana read with different numbers of parts (family, given)."""
    return bool(name.strip()) and bool(kana.strip()) and len(_parts(name)) != len(_parts(kana))


def space_unseen(name: str) -> bool:
    """A name read as one part of three characters or more: the space between family and
    given name (緑丘　真理 read 緑丘真理, its furigana likewise) is often lost by the engine,
    and whether one was written only the image shows."""
    return len(_parts(name)) == 1 and len(name.strip()) >= 3


def morae(kana: str) -> int:
    """Morae of a reading: each kana but the small ones (キョ is one; ッ and ー count)."""
    return sum(1 for char in kana if not char.isspace() and char not in SMALL and char != "・")


def length_plausible(name_part: str, kana_part: str) -> bool:
    """Whether ``kana_part`` can be as long as a reading of ``name_part``: each kanji is one
    to ``MORAE_PER_KANJI`` morae, each kana in the name itself one."""
    kanji = sum(1 for char in name_part if unicodedata.category(char) == "Lo" and not _is_kana(char))
    kana_in_name = sum(1 for char in name_part if _is_kana(char) and char not in SMALL)
    count = morae(kana_part)
    return kanji + kana_in_name <= count <= MORAE_PER_KANJI * kanji + kana_in_name


def _is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f"


def doubtful_marks(text: str, original: str | None, symbols: Sequence[tuple[str, float]] = ()) -> str:
    """The characters of ``text`` (normalized) whose voiced or semi-voiced mark may be wrong:
    every kana that has or can take a mark when the writing was read as half-width (ﾞ ﾟ are
    separate glyphs); a kana (or hiragana) with a mark, or able to take one, that the engine was
    less than ``MARK_SURE`` sure of (パ/バ-row kana, whose ゜ and ゛ look alike: less than
    ``SEMI_VOICED_SURE``, or always when the engine gave no characters)."""
    voiceable = {char for char in text if _has_mark_variant(char)}
    doubtful: set[str] = set()
    written = original or ""
    if any("\uff66" <= char <= "\uff9f" for char in written):
        doubtful |= voiceable
    if not symbols:
        doubtful |= {char for char in text if char in SEMI_VOICED_PAIRS}
    for char, confidence in symbols:
        char = hiragana_to_katakana(unicodedata.normalize("NFKC", char))
        if confidence < (SEMI_VOICED_SURE if char in SEMI_VOICED_PAIRS else MARK_SURE) and _has_mark_variant(char):
            doubtful.add(char)
    return "".join(sorted(doubtful & voiceable))


def _has_mark_variant(char: str) -> bool:
    return char in VOICEABLE


def marks_confirmed(name: str, kana: str, doubtful: str) -> bool:
    """The name confirms the marks of its furigana: the reading fits the name, and no
    spelling with the mark of a ``doubtful`` character added, dropped or swapped fits it."""
    if not reading_fits(name, kana):
        return False
    others = {variant for variant in mark_variants(kana, budget=1) if variant != kana
              and any(a != b and a in doubtful for a, b in zip(kana, variant, strict=False))}
    return not any(reading_fits(name, variant) for variant in others)


def _text_as_written(text: str, zone: np.ndarray | None) -> tuple[str | None, str]:
    """The problem of a text value as read, and the value with the widths the ink shows."""
    problem = text_problem(text)
    if problem == "scan.shape.text_space" and (spaced := spaces_as_written(text, zone)) is not None:
        text, problem = spaced, None
    if problem is None and re.search(r"[0-9０-９]", text):
        written = digits_as_written(text, zone)
        if written is None:
            return "scan.shape.text_width", text
        text = written
    return problem, text


def doubt_shapes(readings: Mapping[str, Reading], fields: Mapping[str, FieldSpec]) -> None:
    """Send to review each accepted value of a shape it cannot have (see the module's
    docstring); the value is kept, with the reason."""
    for name, reading in readings.items():
        value, spec = reading.value, fields[name]
        if value.status != "ok" or not isinstance(value.value, str):
            continue
        text = value.value
        problem = address_problem(text) if spec.type == "address" else None
        if spec.type == "text":
            problem, text = _text_as_written(text, reading.cleaned)
            if text != value.value:
                value = dataclasses.replace(value, value=text)
                reading.value = value
        if problem is None and spec.type in ("katakana", "address", "text"):
            name_of = readings.get(spec.reading_of or "")  # the name this furigana reads
            named = name_of.value.value if name_of is not None and isinstance(name_of.value.value, str) else None
            marks = doubtful_marks(text, value.original, reading.symbols)
            if marks and not (named is not None and marks_confirmed(named, text, marks)):
                problem = "scan.shape.marks"
        if problem is None and spec.type == "katakana" and spec.reading_of is not None and spec.reading_of in readings:
            written = readings[spec.reading_of].value.value
            if isinstance(written, str) and written.strip():
                if parts_differ(written, text):
                    problem = "scan.shape.parts"
                elif not all(length_plausible(w, k) for w, k in zip(_parts(written), _parts(text), strict=True)):
                    problem = "scan.shape.length"
        if problem is None and spec.type == "name":
            furigana = [readings[k] for k, s in fields.items() if s.reading_of == name and k in readings]
            if any(isinstance(f.value.value, str) and parts_differ(text, f.value.value) for f in furigana):
                problem = "scan.shape.parts"
            elif space_unseen(text):
                problem = "scan.shape.no_space"
        if problem is None and spec.type == "katakana" and spec.reading_of is not None:
            written = readings[spec.reading_of].value.value if spec.reading_of in readings else None
            if isinstance(written, str) and space_unseen(written) and len(_parts(text)) == 1:
                problem = "scan.shape.no_space"
        if problem is not None:
            reading.value = dataclasses.replace(value, status="needs_review", code=problem, params={})
