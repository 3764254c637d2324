"""Pairing labels with values on a filled form: in ruled tables (a label cell left of its
value cell, or a column heading above and a row number left) and on free lines (a label
before an underline, tick boxes on a line, a lone check box before a sentence)."""

from __future__ import annotations

import re
from typing import Any

from robots.authoring.proposal import ProposedField, make_field
from robots.authoring.words import Box, Cell, Word

__all__ = ["cell_fields", "loose_fields"]

VALUE_INSET = 2.0
LINE_MIN = 60.0  # an underline to write on is at least this long
CHECKBOX_LABEL_MAX = 40
OPTION_PAD = 2.0
TICK_PAD = 1.0


def _is_row_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9０-９]{1,2}|[（(]?[0-9０-９]{1,2}[)）]?", text))


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.6 * min(a[3] - a[1], b[3] - b[1])


def _same_column(a: Box, b: Box) -> bool:
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    return overlap > 0.6 * min(a[2] - a[0], b[2] - b[0])


def _left_of(cell: Cell, cells: list[Cell]) -> Cell | None:
    return next((c for c in cells if _same_row(c.box, cell.box) and abs(c.box[2] - cell.box[0]) < 2.5), None)


def _heading_above(cell: Cell, cells: list[Cell]) -> Cell | None:
    above = [c for c in cells if _same_column(c.box, cell.box) and c.box[3] <= cell.box[1] + 1]
    for candidate in sorted(above, key=lambda c: -c.box[3]):
        if candidate.kind == "label" and not _is_row_number(candidate.text):
            return candidate
    return None


def _inset(box: Box) -> Box:
    return (box[0] + VALUE_INSET, box[1] + VALUE_INSET, box[2] - VALUE_INSET, box[3] - VALUE_INSET)


def _words_box(words: list[Word], pad: float) -> Box:
    return (min(w.box[0] for w in words) - pad, min(w.box[1] for w in words) - pad,
            max(w.box[2] for w in words) + pad, max(w.box[3] for w in words) + pad)


def _circled_options(cell: Cell) -> dict[str, Box]:
    options: dict[str, Box] = {}
    for word in sorted(cell.printed, key=lambda w: w.box[0]):
        for part in word.text.split("・"):
            if part:  # a word holding several options is split evenly by characters
                share = (word.box[2] - word.box[0]) / max(1, len(word.text))
                start = word.box[0] + share * word.text.index(part)
                options[part] = (start - OPTION_PAD, word.box[1] - OPTION_PAD,
                                 start + share * len(part) + OPTION_PAD, word.box[3] + OPTION_PAD)
    return options


def _ticked_options(squares: list[Box], words: list[Word]) -> dict[str, Box]:
    """Each tick square with the printed text right after it on its line."""
    options: dict[str, Box] = {}
    ordered = sorted(squares, key=lambda s: s[0])
    for index, square in enumerate(ordered):
        limit = ordered[index + 1][0] if index + 1 < len(ordered) else float("inf")
        after = [w for w in words if w.printed and square[2] - 1 <= w.box[0] < limit and _same_row(w.box, square)]
        text = "".join(w.text for w in sorted(after, key=lambda w: w.box[0]))
        if text:
            options[text] = (square[0] - TICK_PAD, square[1] - TICK_PAD, square[2] + TICK_PAD, square[3] + TICK_PAD)
    return options


def _row_start(cell: Cell, cells: list[Cell]) -> Cell | None:
    """The first label cell left of ``cell`` in its row, passing over value cells."""
    left = _left_of(cell, cells)
    while left is not None and left.kind in ("value", "empty"):
        left = _left_of(left, cells)
    return left


def _label_for(cell: Cell, cells: list[Cell]) -> tuple[str | None, int | None]:
    left = _left_of(cell, cells)
    if left is not None and left.kind in ("value", "empty"):
        start = _row_start(cell, cells)
        if start is not None and start.kind == "label" and _is_row_number(start.text):
            left = start  # a table row: its number on the left, the column heading above
    if left is not None and left.kind == "label":
        if not _is_row_number(left.text):
            return left.text, None
        heading = _heading_above(cell, cells)
        row = int(left.text.strip("()（）").translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        return (f"{heading.text}（{row}）", row) if heading else (None, None)
    if left is None or left.kind in ("value", "empty"):
        heading = _heading_above(cell, cells)
        if heading is not None and left is None:
            return heading.text, None
    return None, None


def cell_fields(cells: list[Cell], page: int, taken: set[str]) -> list[ProposedField]:
    """Fields in ruled cells, in reading order (top to bottom, left to right)."""
    fields = []
    for cell in sorted(cells, key=lambda c: (round(c.box[1]), c.box[0])):
        if cell.kind == "label":
            continue
        label, row = _label_for(cell, cells)
        if label is None:
            continue
        if cell.kind == "circled":
            options = _circled_options(cell)
            fields.append(make_field(label, None, page, taken, read="circled", options=options, filled=True))
        elif cell.kind == "ticked":
            options = _ticked_options(cell.squares, cell.printed)
            fields.append(make_field(label, None, page, taken, read="ticked", options=options, filled=True))
        else:
            value = "".join(w.text for w in cell.filled) or None
            fields.append(make_field(label, value, page, taken, box=_inset(cell.box), row=row, filled=bool(value)))
    return fields


def _near_left(words: list[Word], box: Box, reach: float = 160.0) -> Word | None:
    """The printed word just left of ``box`` on its line."""
    candidates = [w for w in words if w.printed and w.box[2] <= box[0] + 2 and box[0] - w.box[2] < reach
                  and w.box[3] >= box[1] and w.box[1] <= box[3]]
    return max(candidates, key=lambda w: w.box[2], default=None)


def loose_fields(words: list[Word], squares: list[Box], lines: list[dict[str, Any]], page: int, taken: set[str],
                 found: list[ProposedField]) -> list[ProposedField]:
    """Fields outside ruled cells: underlines, tick boxes on a line, lone check boxes,
    and values written after a label with nothing drawn."""
    fields: list[ProposedField] = []
    rows: dict[int, list[Box]] = {}
    for square in squares:
        rows.setdefault(round((square[1] + square[3]) / 2 / 4), []).append(square)
    for row_squares in rows.values():
        options = _ticked_options(row_squares, words)
        if len(row_squares) >= 2 and options:
            label = _near_left(words, row_squares[0])
            name = label.text if label else "選択"
            fields.append(make_field(name, None, page, taken, read="ticked", options=options, filled=True))
        else:
            for square, text in ((s, t) for s in row_squares for t in [next(iter(_ticked_options([s], words)), "")]):
                if text:
                    box = (square[0] - 1, square[1] - 1, square[2] + 1, square[3] + 1)
                    fields.append(make_field(text[:CHECKBOX_LABEL_MAX], None, page, taken, read="checkbox", box=box, filled=True))
    for line in lines:
        if abs(line["top"] - line["bottom"]) > 1 or line["x1"] - line["x0"] < LINE_MIN:
            continue
        label = _near_left(words, (line["x0"], line["top"] - 16, line["x1"], line["top"]))
        if label is None:
            continue
        box = (line["x0"], line["top"] - 18, line["x1"], line["top"] + 1)
        value = "".join(w.text for w in words if not w.printed and _inside_box(w, box)) or None
        fields.append(make_field(label.text, value, page, taken, box=box, filled=bool(value)))
    used = [f.box for f in [*found, *fields] if f.box] + [b for f in [*found, *fields] for b in (f.options or {}).values()]
    free = [w for w in words if not w.printed and not any(_inside_box(w, b) for b in used)]
    for word in free:
        label = _near_left(words, word.box)
        if label is not None:
            box = (word.box[0] - 3, word.box[1] - 3, word.box[2] + 40, word.box[3] + 3)
            fields.append(make_field(label.text, word.text, page, taken, box=box, filled=True))
    return fields


def _inside_box(word: Word, box: Box) -> bool:
    x, y = word.center
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]
