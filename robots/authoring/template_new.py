"""Propose a form template from one filled sample PDF (``template new``): find the printed
labels and the values written next to them, the boxes they sit in, circled and ticked
options and check boxes, and guess each field's type. The result is a draft for a person
to check and edit: the template, a scenario skeleton and an inspection picture.

Printed text and filled-in text are told apart by their font and colour (a form is printed
in one style; what is written on it is in another).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from connectors.pdf import open_pdf
from robots.authoring.layout import cell_fields, loose_fields
from robots.authoring.proposal import Proposal, ProposedField
from robots.authoring.words import Box, Cell, Word
from shared.errors import InputFileError

__all__ = ["Proposal", "ProposedField", "propose"]

CELL_MIN = 14.0  # a ruled cell is at least this big; smaller squares are tick boxes or マス目
SQUARE = (6.0, 16.0)


def _inside(point: tuple[float, float], box: Box, pad: float = 0.0) -> bool:
    return box[0] - pad <= point[0] <= box[2] + pad and box[1] - pad <= point[1] <= box[3] + pad


def _contains(outer: Box, inner: Box) -> bool:
    return outer != inner and outer[0] <= inner[0] + 0.5 and outer[1] <= inner[1] + 0.5 and \
        outer[2] >= inner[2] - 0.5 and outer[3] >= inner[3] - 0.5


def _rect_box(obj: dict) -> Box:
    return (obj["x0"], obj["top"], obj["x1"], obj["bottom"])


def _style(char_or_word: dict) -> tuple[str, str]:
    return char_or_word.get("fontname", ""), str(char_or_word.get("non_stroking_color"))


def propose(path: Path) -> Proposal:
    """Analyse the filled sample PDF at ``path``; raises ``InputFileError`` when it is not a
    readable digital PDF."""
    path = Path(path)
    with open_pdf(path) as checked:  # the same checks as reading (encrypted, broken, too big)
        pages = checked.page_count
        if pages == 0 or not checked.page_text(1).strip():
            raise InputFileError("template_new.no_text", file=path.name)
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            printed_style = _printed_style(pdf.pages[0])
            fields: list[ProposedField] = []
            taken: set[str] = set()
            for number, page in enumerate(pdf.pages, start=1):
                fields += _page_fields(page, number, printed_style, taken)
            title_words = _title(pdf.pages[0], printed_style)
    except InputFileError:
        raise
    except Exception as exc:  # pdfminer has no exception root: any failure is a damaged file
        raise InputFileError("pdf.broken", file=path.name) from exc
    if not fields:
        raise InputFileError("template_new.nothing_found", file=path.name)
    return Proposal(path, "".join(title_words) or path.stem, title_words[:3] or [path.stem], pages, fields)


def _printed_style(page: Any) -> tuple[str, str]:
    """The style of the printed form: the style of the topmost text (form code, title)."""
    top = sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))[:12]
    return Counter(_style(c) for c in top).most_common(1)[0][0]


def _title(page: Any, printed_style: tuple[str, str]) -> list[str]:
    words = [w for w in page.extract_words(extra_attrs=["fontname", "non_stroking_color", "size"])
             if _style(w) == printed_style]
    if not words:
        return []
    biggest = max(w["size"] for w in words)
    return [w["text"] for w in words if w["size"] >= biggest - 0.5 and w["top"] < page.height / 3]


def _words(page: Any, printed_style: tuple[str, str]) -> list[Word]:
    return [Word(w["text"], _rect_box(w), _style(w) == printed_style, w["size"])
            for w in page.extract_words(extra_attrs=["fontname", "non_stroking_color", "size"])]


def _page_fields(page: Any, number: int, printed_style: tuple[str, str], taken: set[str]) -> list[ProposedField]:
    rects = [_rect_box(r) for r in page.rects]
    big = [r for r in rects if r[2] - r[0] >= CELL_MIN and r[3] - r[1] >= CELL_MIN]
    cells = [Cell(r) for r in big if not any(_contains(o, r) for o in big)]
    squares = [r for r in rects if SQUARE[0] <= r[2] - r[0] <= SQUARE[1] and SQUARE[0] <= r[3] - r[1] <= SQUARE[1]
               and abs((r[2] - r[0]) - (r[3] - r[1])) < 3]
    words = _words(page, printed_style)
    loose_words: list[Word] = []
    loose_squares: list[Box] = []
    for word in words:
        cell = next((c for c in cells if _inside(word.center, c.box)), None)
        if cell is None:
            loose_words.append(word)
        else:
            (cell.printed if word.printed else cell.filled).append(word)
    for square in squares:
        center = ((square[0] + square[2]) / 2, (square[1] + square[3]) / 2)
        cell = next((c for c in cells if _inside(center, c.box)), None)
        (cell.squares if cell is not None else loose_squares).append(square)
    for curve in page.curves:
        center = ((curve["x0"] + curve["x1"]) / 2, (curve["top"] + curve["bottom"]) / 2)
        cell = next((c for c in cells if _inside(center, c.box)), None)
        if cell is not None:
            cell.curves += 1
    for cell in cells:
        cell.kind = _classify(cell)
    fields = cell_fields(cells, number, taken)
    fields += loose_fields(loose_words, loose_squares, page.lines, number, taken, [f for f in fields])
    return sorted(fields, key=_reading_order)


def _reading_order(proposed: ProposedField) -> tuple[float, float]:
    boxes = list(proposed.options.values()) if proposed.options else [proposed.box] if proposed.box else []
    return (round(min(b[1] for b in boxes) / 4), min(b[0] for b in boxes)) if boxes else (0.0, 0.0)


def _classify(cell: Cell) -> str:
    if cell.squares and cell.printed:
        return "ticked"
    text = cell.text
    if "・" in text and not cell.filled and cell.curves:
        return "circled"
    if cell.filled:
        return "value"
    if cell.printed:
        return "label"
    return "empty"
