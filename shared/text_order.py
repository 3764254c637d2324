"""Reading order of characters placed on a page: the text of a box as a person reads it,
whatever order the characters were drawn (or recognized) in.

Characters are grouped into lines by their position, lines read top to bottom and the
characters of a line left to right; a space is put where the writer left one (a space
character) or where two characters stand apart by more than ``SPACE_GAP`` of the line's
height. A gap with no space character in it (pdfium, for one, keeps no U+3000 of a digital
PDF: it makes up an ASCII space there) is an ideographic space U+3000 when both characters
beside it are full-width and it is about a full-width character wide (``FULL_WIDTH_GAP``),
as a U+3000 typed between them leaves it; any other gap is an ASCII space. Field types that
fold white space (name, katakana, address, digits, …) read both alike; ``text`` keeps the
one the writer typed. ``direction="vertical"`` reads 縦書き: columns right to left, each
top to bottom.

    >>> arrange([("8", (436, 0, 442, 11)), ("令", (401, 0, 411, 11)), ("和", (411, 0, 422, 11)),
    ...          ("年", (454, 0, 464, 11))])
    '令和 8 年'
    >>> arrange([("二", (0, 12, 10, 22)), ("一", (0, 0, 10, 10))], direction="vertical")
    '一二'
    >>> arrange([("本", (21, 0, 31, 10)), ("金", (0, 0, 10, 10)), ("庫", (10, 0, 20, 10)), ("店", (41, 0, 51, 10))])
    '金庫本\u3000店'

Pure functions on plain data: a character is ``(text, (x0, top, x1, bottom))`` with a
top-left origin (PDF points or pixels alike).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal
from unicodedata import east_asian_width

__all__ = ["DIRECTIONS", "FULL_WIDTH_GAP", "SPACE_GAP", "Direction", "arrange", "lines_of"]

Box = tuple[float, float, float, float]
Direction = Literal["horizontal", "vertical"]
DIRECTIONS: tuple[Direction, ...] = ("horizontal", "vertical")

SPACE_GAP = 0.2
"""A gap wider than this share of the line's height (its width, in a vertical column)
between two characters reads as a space. Characters of one word stand edge to edge
(their boxes are the font's advance), words written apart stand a full character apart."""
SAME_LINE = 0.5
"""Two characters are on one line when they overlap across it by at least this share of
the smaller one's height (width, in a vertical column)."""
FULL_WIDTH_GAP = 0.75
"""A gap between two full-width characters at least this share of their width (a
full-width character is as wide as it is high: one em) reads as U+3000 rather than ' '.
An ASCII space in a Japanese font is a quarter to a half of an em."""
IDEOGRAPHIC_SPACE = "\u3000"


@dataclass
class _Line:
    start: float  # across the reading direction: a line's top, a column's right edge (negated)
    end: float
    members: list[tuple[str, Box]] = field(default_factory=list)

    def overlap(self, start: float, end: float) -> float:
        return min(self.end, end) - max(self.start, start)


def _across(box: Box, vertical: bool) -> tuple[float, float]:
    """Where a box lies across the reading direction: its vertical span on a horizontal
    line; in a vertical column its horizontal span, negated (columns read right to left)."""
    return (-box[2], -box[0]) if vertical else (box[1], box[3])


def _along(box: Box, vertical: bool) -> tuple[float, float]:
    return (box[1], box[3]) if vertical else (box[0], box[2])


def _find_line(lines: list[_Line], start: float, end: float) -> _Line | None:
    """The line a character spanning ``start..end`` across belongs to (the one it overlaps
    most, by at least ``SAME_LINE`` of the smaller size), or None."""
    size = max(end - start, 1e-6)
    best, best_overlap = None, 0.0
    for line in lines:
        overlap = line.overlap(start, end)
        if overlap >= SAME_LINE * min(size, max(line.end - line.start, 1e-6)) and overlap > best_overlap:
            best, best_overlap = line, overlap
    return best


def _lines(chars: Iterable[tuple[str, Box]], vertical: bool) -> list[_Line]:
    ink = sorted((c for c in chars if c[0].strip()), key=lambda c: sum(_across(c[1], vertical)))
    lines: list[_Line] = []
    for text, box in ink:
        start, end = _across(box, vertical)
        line = _find_line(lines, start, end)
        if line is None:
            lines.append(_Line(start, end, [(text, box)]))
        else:
            line.start, line.end = min(line.start, start), max(line.end, end)
            line.members.append((text, box))
    lines.sort(key=lambda line: line.start)
    for line in lines:
        line.members.sort(key=lambda c: sum(_along(c[1], vertical)))
    return lines


def lines_of(chars: Iterable[tuple[str, Box]], direction: Direction = "horizontal") -> list[list[tuple[str, Box]]]:
    """The characters (white space left out) grouped into lines in reading order, each line's
    characters in reading order."""
    return [line.members for line in _lines(chars, direction == "vertical")]


def arrange(chars: Iterable[tuple[str, Box]], direction: Direction = "horizontal") -> str:
    """The text of ``chars`` in reading order: lines joined by ``\\n``; a space between two
    characters where a written space stands between them (``U+3000`` when it was one, else
    ``' '``) or where they stand apart by more than ``SPACE_GAP`` of the line's size."""
    vertical = direction == "vertical"
    ink: list[tuple[str, Box]] = []
    written: list[tuple[str, Box]] = []
    for char in chars:
        text, box = char
        if text.strip():
            ink.append(char)
        elif text and box[2] - box[0] + box[3] - box[1] > 0:
            written.append(char)
    if not ink:
        return ""
    if not vertical:  # the usual box: one line, read left to right
        tops, bottoms = [b[1] for _, b in ink], [b[3] for _, b in ink]
        top, bottom = max(tops), min(bottoms)
        if bottom - top >= SAME_LINE * min(map(operator.sub, bottoms, tops)):
            ink.sort(key=_horizontal_middle)
            return _one_line(ink, min(tops), max(bottoms), [(t, (b[0] + b[2]) / 2) for t, b in written])
    lines = _lines(ink, vertical)
    spaces: dict[int, list[tuple[str, float]]] = {}
    for text, box in written:
        line = _find_line(lines, *_across(box, vertical))
        if line is not None:
            spaces.setdefault(id(line), []).append((text, sum(_along(box, vertical)) / 2))
    return "\n".join(_line_text(line, spaces.get(id(line), []), vertical) for line in lines)


def _horizontal_middle(char: tuple[str, Box]) -> float:
    box = char[1]
    return box[0] + box[2]


def _one_line(members: list[tuple[str, Box]], start: float, end: float, spaces: list[tuple[str, float]]) -> str:
    """``_line_text`` of one horizontal line (``members`` in reading order), written out."""
    if spaces:
        return _line_text(_Line(start, end, members), spaces, False)
    gap = SPACE_GAP * (end - start)
    out: list[str] = []
    previous: Box | None = None
    for text, box in members:
        if previous is not None and box[0] - previous[2] > gap:
            out.append(_gap(out[-1], text, box[0] - previous[2], (previous[2] - previous[0] + box[2] - box[0]) / 2))
        out.append(text)
        previous = box
    return "".join(out)


def _line_text(line: _Line, spaces: list[tuple[str, float]], vertical: bool) -> str:
    size = line.end - line.start
    out: list[str] = []
    previous: tuple[float, float] | None = None
    for text, box in line.members:
        start, end = _along(box, vertical)
        if previous is not None:
            left, right = sum(previous) / 2, (start + end) / 2
            written = [s for s, middle in spaces if left < middle < right]
            if written:
                out.append(IDEOGRAPHIC_SPACE if IDEOGRAPHIC_SPACE in written else " ")
            elif start - previous[1] > SPACE_GAP * size:
                out.append(_gap(out[-1], text, start - previous[1], (previous[1] - previous[0] + end - start) / 2))
        out.append(text)
        previous = (start, end)
    return "".join(out)


def _full_width(char: str) -> bool:
    return east_asian_width(char) in ("W", "F")


def _gap(before: str, after: str, gap: float, width: float) -> str:
    """The space a gap with no space character in it stands for: U+3000 between two
    full-width characters when it is about as wide as they are, else an ASCII space."""
    if _full_width(before) and _full_width(after) and gap >= FULL_WIDTH_GAP * width:
        return IDEOGRAPHIC_SPACE
    return " "
