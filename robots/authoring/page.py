"""The drawing of one PDF page as ``template new`` sees it: words (printed or written), ruled
rectangles (drawn as rectangles or as lines of a table), tick squares, rows of マス目,
underlines, and the filler's rings and tick strokes. Works the same on a blank form and on
a filled one; what was written is told from what was printed by its font and colour."""

from __future__ import annotations

from statistics import pstdev
from typing import Any

from robots.authoring.geometry import Box, center, height, inside, width
from robots.authoring.words import PageView, Word

__all__ = ["CELL_MIN", "read_page", "style"]

CELL_MIN = 14.0  # a rectangle to write in is at least this big; smaller squares are tick boxes
SQUARE = (6.0, 16.0)  # a tick box's side
DIGIT_WIDTH = (8.0, 34.0)  # one マス目
DIGIT_HEIGHT = (10.0, 40.0)
DIGIT_GAP = 4.0  # neighbouring マス目 touch or nearly
DIGITS_MIN = 3
THIN = 1.6  # a rectangle thinner than this is a rule (a line)
UNDERLINE_MIN = 40.0
RING_MIN = 8.0
TICK_MAX = 22.0


def style(obj: dict) -> tuple[str, str]:
    """The printing style of a character or word: font and fill colour."""
    return obj.get("fontname", ""), str(obj.get("non_stroking_color"))


def _box(obj: dict) -> Box:
    return (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def _words(page: Any, printed_style: tuple[str, str]) -> list[Word]:
    words = []
    for w in page.extract_words(extra_attrs=["fontname", "non_stroking_color", "size"], return_chars=True):
        chars = tuple((c["text"], _box(c)) for c in w["chars"])
        box = _box(w)
        vertical = not w.get("upright", True) or (len(w["text"]) > 1 and height(box) > 1.5 * width(box))
        words.append(Word(w["text"], box, style(w) == printed_style, float(w["size"]), chars, vertical))
    return _join_vertical(words)


def _join_vertical(words: list[Word]) -> list[Word]:
    """Printed single characters stacked top to bottom become one vertical word (a heading
    written 縦書き), so they are not taken for labels."""
    singles = sorted((w for w in words if w.printed and len(w.text) == 1), key=lambda w: (round(w.center[0]), w.box[1]))
    used: set[int] = set()
    joined: list[Word] = []
    for start in singles:
        if id(start) in used:
            continue
        run = [start]
        for other in singles:
            last = run[-1]
            if id(other) in used or other is last or other.box[1] <= last.box[1]:
                continue
            if abs(other.center[0] - last.center[0]) <= 1.5 and -0.5 <= other.box[1] - last.box[3] <= 0.8 * last.size \
                    and _alone(other, words):
                run.append(other)
        if len(run) >= 2 and _alone(start, words):
            used.update(id(w) for w in run)
            box = (min(w.box[0] for w in run), run[0].box[1], max(w.box[2] for w in run), run[-1].box[3])
            chars = tuple(c for w in run for c in w.chars)
            joined.append(Word("".join(w.text for w in run), box, True, run[0].size, chars, vertical=True))
    return [w for w in words if id(w) not in used] + joined


def _alone(word: Word, words: list[Word]) -> bool:
    """Whether no other word is printed close left or right of ``word`` on its line."""
    reach = word.size
    return not any(o is not word and abs(o.center[1] - word.center[1]) < 0.5 * word.size
                   and (0 <= word.box[0] - o.box[2] <= reach or 0 <= o.box[0] - word.box[2] <= reach) for o in words)


def _rules(page: Any) -> tuple[list[Box], list[Box], list[Box]]:
    """Stroked rectangles, horizontal and vertical rules (lines, or rectangles that thin)."""
    rects, horizontal, vertical = [], [], []
    for rect in page.rects:
        box = _box(rect)
        if width(box) < THIN and height(box) >= THIN:
            vertical.append(box)
        elif height(box) < THIN and width(box) >= THIN:
            horizontal.append(box)
        elif rect.get("stroke", True) or rect.get("fill"):
            rects.append(box)
    for line in page.lines:
        box = _box(line)
        if height(box) <= THIN:
            horizontal.append(box)
        elif width(box) <= THIN:
            vertical.append(box)
    return rects, horizontal, vertical


def _table_cells(page: Any, horizontal: list[Box], vertical: list[Box]) -> list[Box]:
    """Cells of tables ruled with lines (not rectangles), found by pdfplumber's table finder."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    lines_only = page.filter(lambda o: o.get("object_type") == "line")
    cells: list[Box] = []
    for table in lines_only.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        cells += [tuple(float(v) for v in cell) for cell in table.cells if cell]  # type: ignore[misc]
    return cells


def _digit_rows(rects: list[Box], vertical: list[Box], words: list[Word]) -> list[list[Box]]:
    """Rows of equal small boxes side by side (マス目), as rectangles in a row or as one
    rectangle divided by evenly spaced vertical rules; each row as its boxes, left to right.
    Boxes with printed text in them are cells of a table, not マス目."""
    printed = [w.center for w in words if w.printed]
    fits = [r for r in rects if DIGIT_WIDTH[0] <= width(r) <= DIGIT_WIDTH[1]
            and DIGIT_HEIGHT[0] <= height(r) <= DIGIT_HEIGHT[1] and not any(inside(c, r) for c in printed)]
    rows: list[list[Box]] = []
    used: set[Box] = set()
    for start in sorted(fits):
        if start in used:
            continue
        row = [start]
        while True:
            last = row[-1]
            follow = [r for r in fits if r not in used and r not in row and 0 <= r[0] - last[2] + 0.5 <= DIGIT_GAP
                      and abs(r[1] - last[1]) <= 1.5 and abs(r[3] - last[3]) <= 1.5 and abs(width(r) - width(last)) <= 3]
            if not follow:
                break
            row.append(min(follow, key=lambda r: r[0]))
        if len(row) >= DIGITS_MIN:
            rows.append(row)
            used.update(row)
    for rect in rects:
        if rect in used or not DIGIT_HEIGHT[0] <= height(rect) <= DIGIT_HEIGHT[1] or any(inside(c, rect) for c in printed):
            continue
        cuts = sorted({round(v[0], 1) for v in vertical if rect[0] + 3 < v[0] < rect[2] - 3
                       and v[1] <= rect[1] + 1.5 and v[3] >= rect[3] - 1.5})
        edges = [rect[0], *cuts, rect[2]]
        spans = [b - a for a, b in zip(edges, edges[1:], strict=False)]
        if len(spans) >= DIGITS_MIN and all(DIGIT_WIDTH[0] <= s <= DIGIT_WIDTH[1] for s in spans) and pstdev(spans) < 2:
            rows.append([(a, rect[1], b, rect[3]) for a, b in zip(edges, edges[1:], strict=False)])
            used.add(rect)
    return rows


def _is_underline(line: Box, rects: list[Box], vertical: list[Box]) -> bool:
    """A horizontal rule long enough to write on that is not the edge of a box or a table."""
    if width(line) < UNDERLINE_MIN:
        return False
    y = (line[1] + line[3]) / 2
    for rect in rects:
        if rect[0] - 2 <= line[0] and line[2] <= rect[2] + 2 and (abs(rect[1] - y) <= 2 or abs(rect[3] - y) <= 2):
            return False
    return not any(v[1] - 2 <= y <= v[3] + 2 and line[0] - 2 <= v[0] <= line[2] + 2 for v in vertical)


def read_page(page: Any, number: int, printed_style: tuple[str, str]) -> PageView:
    """What is drawn and written on one pdfplumber page."""
    words = _words(page, printed_style)
    rects, horizontal, vertical = _rules(page)
    rects += [c for c in _table_cells(page, horizontal, vertical) if not any(_same_box(c, r) for r in rects)]
    digit_rows = _digit_rows(rects, vertical, words)
    in_rows = {box for row in digit_rows for box in row}
    squares = [r for r in rects if r not in in_rows and SQUARE[0] <= width(r) <= SQUARE[1]
               and SQUARE[0] <= height(r) <= SQUARE[1] and abs(width(r) - height(r)) < 3]
    row_frames = {r for r in rects for row in digit_rows if _frames(r, row)}
    big = [r for r in rects if r not in in_rows and r not in row_frames and r not in squares and width(r) >= CELL_MIN and height(r) >= CELL_MIN]
    underlines = [line for line in horizontal if _is_underline(line, rects, vertical)]
    rings, ticks = [], []
    for curve in page.curves:
        box = _box(curve)
        if width(box) >= RING_MIN and height(box) >= RING_MIN:
            rings.append(box)
        if max(width(box), height(box)) <= TICK_MAX:
            ticks.append(box)
    for line in page.lines:
        box = _box(line)
        if width(box) > THIN and height(box) > THIN and max(width(box), height(box)) <= TICK_MAX:
            ticks.append(box)  # a diagonal stroke: half of a cross, or a tick
    ticks += [r for r in (_box(r) for r in page.rects) if r not in squares and max(width(r), height(r)) <= TICK_MAX
              and any(inside(center(r), s) for s in squares)]
    return PageView(number, words, big, squares, digit_rows, underlines, rings, ticks)


def _same_box(a: Box, b: Box) -> bool:
    return all(abs(p - q) <= 1.5 for p, q in zip(a, b, strict=True))


def _frames(rect: Box, row: list[Box]) -> bool:
    """Whether ``rect`` is the outline of the マス目 row (drawn around its boxes)."""
    return abs(rect[0] - row[0][0]) <= 1.5 and abs(rect[2] - row[-1][2]) <= 1.5 and \
        abs(rect[1] - row[0][1]) <= 1.5 and abs(rect[3] - row[0][3]) <= 1.5
