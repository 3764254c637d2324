"""Marks found from a form's printed drawing, the same on a blank form and on a filled one:
tick boxes (one box and its sentence, or a group of options each with its box), circled
option groups (男・女, 明・大・昭・平・令, はい　いいえ), rows of マス目 and date lines
(「令和　年　月　日」, or a circled era with 年・月・日 boxes)."""

from __future__ import annotations

import re

from robots.authoring.geometry import Box, center, contains, height, inside, pad, same_row, union, width
from robots.authoring.words import Mark, PageView, Word

__all__ = ["CLOSE_BRACKETS", "ERAS", "OPEN_BRACKETS", "find_marks", "option_text"]

OPTION_PAD = 2.0  # an option's box: its glyphs and this much around them
TICK_PAD = 1.0  # a tick option's box: its printed square and this much around it
OPTION_GAP = 4.0  # sizes of a character: the most space between options of one group
SEPARATORS = "・･"
OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
DASHES = "-－ー−‐–—"
ERAS = {"明治": "明", "大正": "大", "昭和": "昭", "平成": "平", "令和": "令"}
ERA_WORDS = {*ERAS, *ERAS.values(), "西暦"}
OPTION_SETS = (  # common groups printed with spaces only (with ・ any short words are options)
    {"男", "女"}, {"はい", "いいえ"}, {"有", "無"}, {"あり", "なし"}, {"有り", "無し"}, {"入院", "通院"},
    {"可", "否"}, {"要", "不要"}, {"本人", "代理人"}, {"普通", "当座"}, set(ERAS), set(ERAS.values()),
)
LABEL_WORDS = ("氏名", "名前", "住所", "電話", "番号", "年月日", "性別", "続柄", "職業", "年齢", "フリガナ", "ふりがな",
               "の別", "区分", "種別", "有無")
_OPTION_TEXT = re.compile(r"^[\u3041-\u309f\u30a1-\u30ff\u4e00-\u9fffー々〆]{1,6}$")
DIGIT_GROUP_GAP = 12.0  # マス目 rows this close on one line are one number written in groups
SENTENCE = 16  # a tick box's text this long is a sentence of its own (a check box), not an option
PREDICATES = ("する", "します", "ます", "です", "ません", "いる", "ある", "ない", "ください", "。")
"""A tick box's text ending so states something a person agrees to (「…の記載を希望する」): a check
box of its own. Options of a choice are nouns (転入, 年金, 社会保険の資格喪失)."""
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def _tokens(word: Word) -> list[tuple[str, Box]]:
    """The parts of a printed word between option separators, each with its box; a lone
    separator is returned as itself."""
    if word.text in SEPARATORS:
        return [(word.text, word.box)]
    parts: list[list[tuple[str, Box]]] = [[]]
    for text, box in word.chars:
        if text in SEPARATORS:
            parts += [[(text, box)], []]
        else:
            parts[-1].append((text, box))
    return [("".join(t for t, _ in part), union(b for _, b in part)) for part in parts if part]


def _lines(words: list[Word]) -> list[list[Word]]:
    """Printed horizontal words grouped into text lines, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        line = next((ln for ln in lines if same_row(union(w.box for w in ln), word.box, 0.5)), None)
        if line is None:
            lines.append([word])
        else:
            line.append(word)
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _ringed(box: Box, rings: list[Box]) -> bool:
    """Whether a ring drawn by the filler encloses ``box`` (and is not much larger)."""
    cx, cy = center(box)
    return any(inside((cx, cy), r) and width(r) <= 3 * width(box) + 12 and height(r) <= 3 * height(box) + 12
               for r in rings)


def _option_group(run: list[tuple[str, Box, Word]], spaced: bool, rings: list[Box]) -> Mark | None:
    names = [text for text, _, _ in run]
    if len(names) < 2 or len(set(names)) != len(names) or not all(_OPTION_TEXT.match(n) for n in names):
        return None
    if any(word in name for name in names for word in LABEL_WORDS):
        return None
    boxes = {text: pad(box, OPTION_PAD) for text, box, _ in run}
    if spaced and not any(set(names) <= options for options in OPTION_SETS) and \
            sum(_ringed(b, rings) for b in boxes.values()) != 1:
        return None
    chosen = [name for name, box in boxes.items() if _ringed(box, rings)]
    words = list({id(w): w for _, _, w in run}.values())
    return Mark("circled", union(boxes.values()), options=boxes, value=chosen[0] if len(chosen) == 1 else None,
                words=words)


def _circled(line: list[Word], taken: set[int], rings: list[Box]) -> list[Mark]:
    """Option groups on one printed line: short words joined by ・ (男・女, 明・大・昭・平・令),
    or short words spaced apart that are a known group or of which the filler circled one."""
    items = [(text, box, w) for w in line if id(w) not in taken for text, box in _tokens(w)]
    marks: list[Mark] = []
    singles: list[list[tuple[str, Box, Word]]] = [[]]  # runs of options not joined by ・
    chain: list[tuple[str, Box, Word]] = []
    joined = False
    last: Box | None = None

    def finish() -> None:
        nonlocal chain, joined
        mark = _option_group(chain, False, rings) if len(chain) >= 2 else None
        if mark is not None:
            marks.append(mark)
            singles.append([])
        elif len(chain) == 1:
            singles[-1].append(chain[0])
        else:
            singles.append([])
        chain, joined = [], False

    for item in items:
        text, box, word = item
        near = last is not None and box[0] - last[2] <= OPTION_GAP * word.size
        if text in SEPARATORS:
            if chain and near:
                joined = True
            else:
                finish()
        elif _OPTION_TEXT.match(text):
            if not (chain and joined and near):
                finish()
                if not near:
                    singles.append([])
            chain.append(item)
            joined = False
        else:
            finish()
            singles.append([])
        last = box
    finish()
    for run in singles:
        marks += _spaced(run, rings)
    return marks


def _spaced(run: list[tuple[str, Box, Word]], rings: list[Box]) -> list[Mark]:
    """The longest stretch of ``run`` that is an option group written with spaces only."""
    for size in range(len(run), 1, -1):
        for start in range(len(run) - size + 1):
            mark = _option_group(run[start:start + size], True, rings)
            if mark is not None:
                return [mark, *_spaced(run[start + size:], rings)]
    return []


def _square_text(square: Box, squares: list[Box], words: list[Word], taken: set[int]) -> list[Word]:
    """The printed words right after a tick box on its line, up to the next box or a wide gap."""
    following = sorted((w for w in words if id(w) not in taken and w.printed and not w.vertical
                        and w.box[0] >= square[2] - 1 and same_row(w.box, square, 0.3)), key=lambda w: w.box[0])
    limit = min((s[0] for s in squares if s[0] > square[2] and same_row(s, square)), default=float("inf"))
    text: list[Word] = []
    edge = square[2]
    for word in following:
        if word.box[0] >= limit or word.box[0] - edge > (14 if not text else 2.5 * word.size):
            break
        if text and word.text.strip() in OPEN_BRACKETS:
            break  # 「その他（　　）」: the room in the brackets is a field of its own
        text.append(word)
        edge = word.box[2]
    return text


def option_text(words: list[Word]) -> str:
    """A tick option's text, without an opening bracket it ends in (「その他（」 → その他)."""
    return "".join(w.text for w in words).rstrip(OPEN_BRACKETS + " \u3000") or "".join(w.text for w in words)


def _container(box: Box, rects: list[Box]) -> Box | None:
    holders = [r for r in rects if contains(r, box)]
    return min(holders, key=lambda r: width(r) * height(r), default=None)


def _ticked(view: PageView, taken: set[int]) -> list[Mark]:
    """Tick boxes: a lone box and its sentence is a check box; boxes on one line (or in one
    ruled box) are the options of one choice."""
    found = []
    for square in view.squares:
        text = _square_text(square, view.squares, view.words, taken)
        if text:
            found.append((square, text))
    groups: list[list[tuple[Box, list[Word]]]] = []
    for square, text in sorted(found, key=lambda f: (f[0][1], f[0][0])):
        holder = _container(square, view.rects)
        group = next((g for g in groups if same_row(g[-1][0], square) or _next_row(g, square, holder, view.rects)), None)
        if group is None:
            groups.append([(square, text)])
        else:
            group.append((square, text))
    marks = []
    for group in groups:
        texts = [option_text(text) for _, text in group]
        for _, text in group:
            taken.update(id(w) for w in text)
        if len(group) == 1 or all(len(t) >= SENTENCE or _statement(t) for t in texts):
            for (square, text), sentence in zip(group, texts, strict=True):
                marks.append(Mark("checkbox", pad(square, TICK_PAD), label=sentence, value=_ticked_value(square, view),
                                  words=text))
            continue
        options = {t: pad(square, TICK_PAD) for (square, _), t in zip(group, texts, strict=True)}
        chosen = [t for (square, _), t in zip(group, texts, strict=True) if _ticked_value(square, view)]
        marks.append(Mark("ticked", union(options.values()), options=options,
                          value=chosen[0] if len(chosen) == 1 else None, words=[w for _, text in group for w in text]))
    return marks


def _statement(text: str) -> bool:
    """Whether a tick box's text is a statement (it ends in a predicate, a note in brackets aside)."""
    return _NOTE.sub("", text.strip()).endswith(PREDICATES)


def _next_row(group: list[tuple[Box, list[Word]]], square: Box, holder: Box | None, rects: list[Box]) -> bool:
    """Whether ``square`` starts the next line of the options of ``group``: in the same ruled
    box, or (outside any) under the group's first box when the group has several on a line."""
    if not 0 < square[1] - group[-1][0][3] <= 30:
        return False
    if holder is not None:
        return _container(group[-1][0], rects) == holder
    first = group[0][0]
    return _container(first, rects) is None and len(group) >= 2 and same_row(group[1][0], first) \
        and abs(square[0] - first[0]) <= 3


def _ticked_value(square: Box, view: PageView) -> str | None:
    inner = pad(square, -0.5)
    if any(not w.printed and inside(w.center, inner) for w in view.words):
        return "✓"
    return "✓" if any(inside(center(t), square) for t in view.ticks) else None


def _digits(view: PageView) -> list[Mark]:
    """Rows of マス目; rows on one line joined by a printed dash (〒 3 + 4) are one row."""
    rows = sorted(view.digit_rows, key=lambda r: (r[0][1], r[0][0]))
    joined: list[list[list[Box]]] = []
    for row in rows:
        last = joined[-1][-1] if joined else None
        gap = row[0][0] - last[-1][2] if last is not None else -1.0
        dash = last is not None and any(w.printed and w.text in DASHES and last[-1][2] - 1 <= w.box[0]
                                        and w.box[2] <= row[0][0] + 1 for w in view.words)
        if last is not None and same_row(last[-1], row[0]) and abs(height(last[-1]) - height(row[0])) <= 2 and \
                (0 < gap <= DIGIT_GROUP_GAP or (dash and 0 < gap <= 24)):
            joined[-1].append(row)
        else:
            joined.append([row])
    marks = []
    for group in joined:
        boxes = [b for row in group for b in row]
        box = union(boxes)
        value = "".join(w.text for w in sorted(view.words, key=lambda w: w.box[0])
                        if not w.printed and inside(w.center, box)) or None
        marks.append(Mark("digits", box, value=value, count=len(boxes), parts={"groups": [len(r) for r in group]}))
    return marks


def find_marks(view: PageView) -> tuple[list[Mark], set[int]]:
    """The marks on a page and the ids of the printed words they are made of."""
    from robots.authoring.dates import find_dates
    from robots.authoring.parts import find_split_boxes

    taken: set[int] = set()
    marks = _ticked(view, taken)
    marks += _digits(view)
    marks += find_split_boxes(view, taken)
    printed = [w for w in view.words if w.printed and not w.vertical]
    circled = [m for line in _lines(printed) for m in _circled(line, taken, view.rings)]
    for mark in circled:
        taken.update(id(w) for w in mark.words)
    dates, circled = find_dates(view, printed, circled, marks, taken)
    return marks + circled + dates, taken
