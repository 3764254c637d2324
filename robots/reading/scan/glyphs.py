"""Decide by shape what OCR cannot read on a scan: which variant of a kanji a name is
written with (高 or 髙), which era mark begins a date (㍻ read as 翌), which kanji a misread
one in a name really is (among those its furigana allows), and which spelling of a name a
misread furigana is. Each decision needs a close match and a clear lead of one drawn
candidate over the others; otherwise the field stays flagged for a person.
``font_familiarity`` tells whether a form is printed in a font these drawings stand for."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import numpy as np

from connectors.ocr.glyphs import GlyphMatcher, character_cells, default_fonts, split_at_gaps
from shared.japanese.readings import kanji_that_fit, mark_variants, reading_fits, spellings_near
from shared.japanese.text import hiragana_to_katakana

__all__ = ["ERA_MARKS", "LOOK_ALIKES", "VARIANTS", "look_alikes_in", "era_by_shape", "font_familiarity", "mend_furigana", "mend_name",
           "resolve_variants"]

# What OCR reads → every form that is written (異体字). A name holding one of these keys
# is checked by shape; a form no font on this computer can draw (𠮷) keeps it flagged.
VARIANTS: dict[str, str] = {
    "高": "高髙", "崎": "崎﨑嵜", "吉": "吉𠮷", "剥": "剥剝", "辺": "辺邊邉", "邉": "辺邊邉", "邊": "辺邊邉",
    "斎": "斎齋齊斉", "斉": "斉齊斎齋", "齋": "斎齋齊斉", "沢": "沢澤", "澤": "沢澤", "浜": "浜濱", "濱": "浜濱",
    "桜": "桜櫻", "櫻": "桜櫻", "竜": "竜龍", "龍": "竜龍", "国": "国國", "國": "国國", "島": "島嶋嶌",
    "嶋": "嶋島嶌", "隆": "隆\uf9dc", "徳": "徳德", "恵": "恵惠", "廣": "広廣", "広": "広廣", "瀬": "瀬瀨",
    "都": "都\ufa26",
    # read either way by PP-OCRv5 (the second engine) as well as written either way
    "凛": "凛凜", "凜": "凜凛", "横": "横橫", "橫": "橫横", "髙": "高髙", "﨑": "崎﨑嵜",
}
# 見/见: the second engine may read 见 for 見, but it is kept to JIS X 0208/0213 for names, so
# it cannot; 见 is not kept here, since no font drawn here has it and every 見 would go to a person.


def _groups(*groups: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for group in groups:
        for char in group:
            table[char] = "".join(dict.fromkeys(table.get(char, char) + group))
    return table


# Different kanji that look alike (類似字形), most of them read alike too, so a furigana cannot
# tell them apart and an engine reads one for the other however sure: 一朗 for 一郎 at 0.996
# on IPAex Mincho (its furigana イチロウ fits both), 痢子 for 莉子, 目営業 and 日営業 for 自営業.
# A value holding one is decided by its shape on a form printed in a font drawn here, or by a
# person; read by Tesseract alone, neither its confidence nor the furigana settles it.
LOOK_ALIKES: dict[str, str] = _groups(
    "郎朗", "莉痢", "祐佑侑", "裕祐", "健建", "蓮漣", "義儀議", "輔補", "晴睛", "織識", "沙砂",
    "崇祟", "陽暘", "則側測", "功巧", "剛鋼", "奈柰", "悠攸", "自目日白", "未末", "士土", "己已巳",
    "人入八", "千干", "天夭", "衣依", "問間", "侍待持", "微徴", "綱網", "壁璧", "貨貸")


def look_alikes_in(text: str) -> str:
    """The characters of ``text`` that have a look-alike in ``LOOK_ALIKES``."""
    return "".join(sorted({c for c in text if c in LOOK_ALIKES}))


ERA_MARKS = "令平昭大明㋿㍻㍼㍽㍾RHSTM"
# A drawing decides only when it matches the writing this closely (the form was printed in
# one of the fonts drawn, or one very like it). Measured: printed in IPAex and compared with
# IPAex drawings, 0.94-0.99 (median 0.98); printed in VL Gothic, 0.69-0.96 (median 0.90).
SHAPE_MATCH = 0.93
MIN_MEASURED = 8  # characters measured before a form's font is judged
GLYPH_LEAD = 0.02  # cosine-similarity lead of the best candidate (measured: right ones lead by 0.04-0.08)
MEND_LEAD = 0.03  # a kanji replacing the one OCR read must look this much more like the glyph
MAX_CANDIDATES = 150
KANA_LEAD = 0.02  # a spelling of the name must look this much more like the furigana than the others
READ_LEAD = 0.005  # ... and more than what OCR read, which is no spelling of the name
CLOSE_MATCH = 0.95  # ... or, when OCR's reading cannot be cut into the same parts, match this closely
_SPACES = re.compile(r"[ \u3000]")


@cache
def matcher() -> GlyphMatcher:
    """One matcher per process, drawing in the fonts the scan pipeline was measured on."""
    return GlyphMatcher(default_fonts())


def font_familiarity(lines: Iterable[tuple[np.ndarray, str]]) -> float | None:
    """How closely the characters of a form, as read, match their drawings in the fonts
    known here (the median over every character of ``lines``, each a one-line image and
    its text); ``None`` when no line could be measured."""
    scores = [score for image, text in lines for score in matcher().character_scores(image, text)]
    return float(np.median(scores)) if len(scores) >= MIN_MEASURED else None


def resolve_variants(zone: np.ndarray, text: str, table: dict[str, str] = VARIANTS) -> tuple[str, str]:
    """``text`` (one line read from ``zone``) with each variant-prone character (a key of
    ``table``) replaced by the form its shape shows among ``table``'s, and the characters that
    could not be decided."""
    chars = [c for c in text if not _SPACES.match(c)]
    if not any(c in table for c in chars):
        return text, ""
    cells = character_cells(zone)
    if cells is None or len(cells) != len(chars):
        return text, "".join(sorted({c for c in chars if c in table}))
    undecided, decided = set(), {}
    for index, char in enumerate(chars):
        if char not in table:
            continue
        left, right = cells[index]
        chosen = _choose(zone[:, left:right], table[char])
        if chosen is None:
            undecided.add(char)
        else:
            decided[index] = chosen
    out, index = [], 0
    for char in text:
        if _SPACES.match(char):
            out.append(char)
            continue
        out.append(decided.get(index, char))
        index += 1
    return "".join(out), "".join(sorted(undecided))


def _choose(glyph: np.ndarray, candidates: str) -> str | None:
    scores = matcher().scores(glyph, candidates)
    if len(scores) != len(candidates):  # a form that cannot be drawn cannot be ruled out
        return None
    ranked = sorted(scores.values(), reverse=True)
    best = max(scores, key=scores.__getitem__)
    return best if ranked[0] >= SHAPE_MATCH and ranked[0] - ranked[1] >= GLYPH_LEAD else None


def era_by_shape(zone: np.ndarray, texts: Iterable[str]) -> list[str]:
    """Date texts with their first mark replaced by the era mark its shape shows: one
    per reading in ``texts`` (the part after the era as each reading has it). Empty when
    the mark cannot be decided."""
    cells = character_cells(zone)
    if not cells:
        return []
    left, right = cells[0]
    era = _choose(zone[:, left:right], ERA_MARKS)
    if era is None:
        return []
    return [era + re.sub(r"^[^0-9０-９元]+", "", text) for text in texts]


def mend_name(zone: np.ndarray, name: str, furigana: str) -> str | None:
    """``name`` (read from ``zone``) with a misread kanji replaced, in each part that does
    not fit its ``furigana``: among the kanji that would make the part fit (the furigana
    also read with one voiced or small mark changed), the one whose shape is clearly
    closest to the glyph, and clearly closer than what OCR read (細 → 紬 for ツムギ). Parts
    that cannot be mended stay as read; ``None`` when nothing was mended."""
    names = [p for p in _SPACES.split(name) if p]
    kanas = [p for p in _SPACES.split(furigana) if p]
    chars = "".join(names)
    cells = character_cells(zone)
    if len(names) != len(kanas) or cells is None or len(cells) != len(chars):
        return None
    mended, offset, changed = [], 0, False
    for part, kana in zip(names, kanas, strict=True):
        if not reading_fits(part, kana):
            best = _best_replacement(zone, cells[offset: offset + len(part)], part, kana)
            if best is not None:
                index, kanji = best
                part, changed = part[:index] + kanji + part[index + 1:], True
        mended.append(part)
        offset += len(part)
    return "\u3000".join(mended) if changed else None


def _best_replacement(zone: np.ndarray, cells: list[tuple[int, int]], part: str, kana: str) -> tuple[int, str] | None:
    best: tuple[float, int, str] | None = None
    for index, read in enumerate(part):
        candidates = sorted({k for spelling in mark_variants(kana) for k in kanji_that_fit(part, index, spelling)})
        if not candidates or len(candidates) > MAX_CANDIDATES:
            continue
        left, right = cells[index]
        scores = matcher().scores(zone[:, left:right], [*candidates, read])
        ranked = sorted(((score, kanji) for kanji, score in scores.items() if kanji in candidates), reverse=True)
        if not ranked:
            continue
        rival = max(scores.get(read, 0.0), ranked[1][0] if len(ranked) > 1 else 0.0)
        lead = ranked[0][0] - rival
        if ranked[0][0] >= SHAPE_MATCH and lead >= MEND_LEAD and (best is None or lead > best[0]):
            best = (lead, index, ranked[0][1])
    return None if best is None else (best[1], best[2])


def mend_furigana(zone: np.ndarray, name: str, furigana: str) -> str | None:
    """The furigana in ``zone`` as the spelling of ``name`` it clearly looks most like,
    part by part, among the spellings within two kana of what OCR read (``furigana``),
    and clearly more than OCR's reading itself (ﾔﾏﾀﾞ read as ヤマタ; ヤマダ drawn matches).
    When OCR split the furigana into other parts than the name has (ﾀﾞ read as タ and a
    space), the image is cut at its widest gaps and each drawing must match closely.
    ``None`` when a part cannot be decided."""
    names = [p for p in _SPACES.split(name) if p]
    reads = [p for p in _SPACES.split(furigana) if p]
    segments = split_at_gaps(zone, len(names))
    if segments is None or not reads:
        return None
    split_alike = len(names) == len(reads)
    letters = "".join(reads)
    mended = []
    for index, (part, segment) in enumerate(zip(names, segments, strict=True)):
        read = reads[index] if split_alike else letters
        candidates = spellings_near(part, read, within=not split_alike)
        if not candidates:
            return None
        scores = matcher().text_scores(segment, [*candidates, read] if split_alike else candidates)
        ranked = sorted(((score, text) for text, score in scores.items() if text in candidates), reverse=True)
        if not ranked:
            return None
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if split_alike:
            as_read = 0.0 if hiragana_to_katakana(read) in candidates else scores.get(read, 0.0)
            if ranked[0][0] - as_read < READ_LEAD:
                return None
        elif ranked[0][0] < CLOSE_MATCH:
            return None
        if ranked[0][0] < SHAPE_MATCH:
            return None
        if ranked[0][0] - runner_up < KANA_LEAD:
            return None
        mended.append(ranked[0][1])
    return "\u3000".join(mended)
