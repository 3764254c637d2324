"""Propose a form template from one sample PDF, filled or blank (``template new``): find the
printed labels and the value areas beside them (cells, boxes, underlines, the room after a
label), the marks a value is made in (circled options, tick boxes, マス目, date lines), and
guess each field's type from its label and, on a filled sample, from what is written. The
result is a draft for a person to check and edit: the template, a scenario skeleton and an
inspection picture.

Printed text and filled-in text are told apart by their font and colour (a form is printed
in one style; what is written on it is in another).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from connectors.pdf import open_pdf
from robots.authoring.guess import guess_type
from robots.authoring.layout import Pairing, pair_page
from robots.authoring.marks import find_marks
from robots.authoring.page import read_page, style
from robots.authoring.parts import name_parts
from robots.authoring.proposal import Proposal, ProposedField, make_field
from shared.errors import InputFileError

__all__ = ["Proposal", "ProposedField", "propose"]

NUMBER_TYPES = ("my_number", "postal_code", "phone", "digits", "number", "money")


def propose(path: Path) -> Proposal:
    """Analyse the sample PDF at ``path`` (filled or blank); raises ``InputFileError`` when it
    is not a readable digital PDF or nothing to fill in is found."""
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
            written = False
            for number, page in enumerate(pdf.pages, start=1):
                found, anything = _page_fields(page, number, printed_style, taken)
                fields += found
                written = written or anything
            title_words = _title(pdf.pages[0], printed_style)
    except InputFileError:
        raise
    except Exception as exc:  # pdfminer has no exception root: any failure is a damaged file
        raise InputFileError("pdf.broken", file=path.name) from exc
    if not fields:
        raise InputFileError("template_new.nothing_found", file=path.name)
    return Proposal(path, "".join(title_words) or path.stem, title_words[:3] or [path.stem], pages, fields,
                    blank=not written)


def _printed_style(page: Any) -> tuple[str, str]:
    """The style of the printed form: the style of the topmost text (form code, title)."""
    top = sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))[:12]
    return Counter(style(c) for c in top).most_common(1)[0][0]


def _title(page: Any, printed_style: tuple[str, str]) -> list[str]:
    words = [w for w in page.extract_words(extra_attrs=["fontname", "non_stroking_color", "size"])
             if style(w) == printed_style]
    if not words:
        return []
    biggest = max(w["size"] for w in words)
    return [w["text"] for w in words if w["size"] >= biggest - 0.5 and w["top"] < page.height / 3]


def _page_fields(page: Any, number: int, printed_style: tuple[str, str],
                 taken: set[str]) -> tuple[list[ProposedField], bool]:
    """The fields of one page, and whether anything is written on it."""
    view = read_page(page, number, printed_style)
    marks, used = find_marks(view)
    written = any(not w.printed for w in view.words) or bool(view.rings) or bool(view.ticks)
    return [_field(pairing, number, taken) for pairing in pair_page(view, marks, used)], written


def _field(pairing: Pairing, page: int, taken: set[str]) -> ProposedField:
    slot, label = pairing.slot, pairing.label
    if pairing.row is not None:
        label = f"{label}（{pairing.row}）"
    mark = slot.mark
    filled = bool(slot.value)
    if mark is None:
        return make_field(label, slot.value, page, taken, box=slot.box, row=pairing.row, filled=filled)
    if mark.kind in ("circled", "ticked"):
        return make_field(label, None, page, taken, read=mark.kind, options=mark.options, filled=filled)
    if mark.kind == "checkbox":
        return make_field(label, None, page, taken, read="checkbox", box=mark.box, filled=filled)
    if mark.kind == "digits":
        return make_field(label, slot.value, page, taken, box=mark.box, filled=filled,
                          field_type=_digits_type(label, slot.value, mark.count, (mark.parts or {}).get("groups", [])))
    if mark.kind == "era_date":
        parts = dict(mark.parts or {})
        era = parts["era"]
        parts["era"] = {"read": "circled", "options": era["options"]}
        return make_field(label, slot.value, page, taken, filled=filled or bool(era.get("value")),
                          field_type="wareki_date", parts=parts)
    if mark.kind == "split":
        field_type = guess_type(label, slot.value)
        if (mark.parts or {}).get("named") and field_type == "text":
            field_type = "name"
        split = name_parts(mark, field_type)
        if split is None:
            return make_field(label, slot.value, page, taken, box=mark.box, filled=filled, field_type=field_type)
        return make_field(label, slot.value, page, taken, filled=filled, field_type=field_type, parts=split)
    field_type = "date" if mark.gregorian else "wareki_date"
    return make_field(label, slot.value, page, taken, box=mark.box, filled=filled, field_type=field_type)


def _digits_type(label: str, value: str | None, count: int, groups: list[int]) -> str:
    """A マス目 row's type: what its label names, else what the number of boxes suggests."""
    named = guess_type(label, value)
    if named in NUMBER_TYPES:
        return "digits" if named == "number" and count > 3 else named
    if count == 12:
        return "my_number"
    if groups == [3, 4]:
        return "postal_code"
    return "digits"
