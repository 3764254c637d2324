"""Read a filled form (digital PDF) into a record, field by field, with the template."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from connectors.pdf import PdfDocument, open_pdf
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue, normalize

__all__ = ["FormRecord", "read_form"]

Box = tuple[float, float, float, float]

MAX_EXTRA_PAGES = 2
"""Pages past the template's that are tolerated (a blank back page); more pages are most
likely several claims scanned into one file, and only the first would be read."""
_PAGE_MARK = re.compile(r"\((\d{1,2})/(\d{1,2})\)")  # a printed page mark like （1／2）, after NFKC


@dataclass
class FormRecord:
    """The fields read from one form. Values never leave this object except to the
    record store, the review sheet and the target system."""

    source: Path
    template_id: str
    fields: dict[str, FieldValue] = field(default_factory=dict)

    @property
    def problems(self) -> dict[str, FieldValue]:
        return {name: value for name, value in self.fields.items() if not value.ok}

    @property
    def ok(self) -> bool:
        return not self.problems

    def values(self) -> dict[str, object]:
        return {name: value.value for name, value in self.fields.items()}

    def json_values(self) -> dict[str, object]:
        return {name: value.json_value() for name, value in self.fields.items()}


def read_form(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec]) -> FormRecord:
    """Read ``path`` with ``template`` and normalize each of ``fields``.

    Raises ``InputFileError`` when the file is not a readable PDF of this form; field
    problems do not raise, they are in ``FormRecord.problems``.
    """
    with open_pdf(path) as pdf:
        _check_form(pdf, template)
        record = FormRecord(Path(path), template.id)
        for name, spec in fields.items():
            binding = template.fields[name]
            record.fields[name] = _read_field(pdf, binding, spec)
        return record


def _squash(text: str) -> str:
    return "".join(text.split())


def _check_form(pdf: PdfDocument, template: FormTemplate) -> None:
    name = pdf.path.name
    fingerprint = template.fingerprint
    if pdf.page_count == 0:
        raise InputFileError("pdf.page_missing", file=name, expected=template.pages, actual=0)
    text = _squash(pdf.page_text(fingerprint.page)) if pdf.page_count >= fingerprint.page else ""
    if not text and pdf.page_count >= fingerprint.page:
        key = "pdf.no_text" if pdf.has_images(fingerprint.page) else "pdf.blank_page"
        raise InputFileError(key, file=name, page=fingerprint.page, template=template.title)
    for keyword in fingerprint.keywords:
        if _squash(keyword) not in text:
            raise InputFileError("pdf.wrong_form", file=name, template=template.title, keyword=keyword)
    if pdf.page_count < template.pages:
        raise InputFileError("pdf.page_missing", file=name, expected=template.pages, actual=pdf.page_count)
    if pdf.page_count > template.pages + MAX_EXTRA_PAGES:
        raise InputFileError("pdf.too_many_pages", file=name, expected=template.pages, actual=pdf.page_count)
    _check_page_order(pdf, template)


def _check_page_order(pdf: PdfDocument, template: FormTemplate) -> None:
    """A page whose printed page marks (（2／2）) all name another page of the form is out of
    order; forms without such marks are not checked."""
    for number in range(1, template.pages + 1):
        text = unicodedata.normalize("NFKC", _squash(pdf.page_text(number)))
        marked = {int(page) for page, total in _PAGE_MARK.findall(text) if int(total) == template.pages}
        if marked and number not in marked:
            raise InputFileError("pdf.page_order", file=pdf.path.name, page=number, printed=min(marked))


def _read_field(pdf: PdfDocument, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    page = binding.page
    if binding.read == "checkbox":
        assert binding.box is not None
        return normalize(spec.type, _is_marked(pdf, page, binding.box), required=spec.required, options=spec.options)
    if binding.read in ("circled", "ticked"):
        assert isinstance(binding.options, dict)  # a box per option (the template checks it for PDFs)
        test = _is_circled if binding.read == "circled" else _is_marked
        chosen = [option for option, box in binding.options.items() if test(pdf, page, box)]
        if len(chosen) > 1:
            return FieldValue("・".join(chosen), None, "invalid", "pdf.choice_many", {"options": "・".join(chosen)})
        raw = chosen[0] if chosen else None
        return normalize(spec.type, raw, required=spec.required, options=spec.options)
    box = binding.box if binding.box is not None else _anchor_box(pdf, binding)
    if box is None:
        return FieldValue(None, None, "missing", "pdf.anchor_not_found", {"label": binding.anchor.label, "page": page})  # type: ignore[union-attr]
    text = "".join(line.strip() for line in pdf.text_in_box(page, box).splitlines())
    return normalize(spec.type, text or None, required=spec.required, options=spec.options)


def _center(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _is_circled(pdf: PdfDocument, page: int, box: Box) -> bool:
    """A curved path drawn around the printed option (not much larger than the option)."""
    cx, cy = _center(box)
    width, height = box[2] - box[0], box[3] - box[1]
    for shape in pdf.shapes(page):
        sx0, stop, sx1, sbottom = shape.box
        if not shape.curved or not _inside((cx, cy), shape.box):
            continue
        if sx1 - sx0 <= 3 * width + 12 and sbottom - stop <= 3 * height + 12:
            return True
    return False


def _is_marked(pdf: PdfDocument, page: int, box: Box) -> bool:
    """A glyph (レ ✓ ■ ×) or a drawn mark (tick, cross, fill) inside a tick box."""
    inset = (box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1)
    if pdf.text_in_box(page, inset).strip():
        return True
    for shape in pdf.shapes(page):
        if (shape.diagonal or shape.filled or shape.curved) and _inside(_center(shape.box), box):
            if (shape.box[2] - shape.box[0]) <= (box[2] - box[0]) * 1.5:
                return True
    return False


def _anchor_box(pdf: PdfDocument, binding: FieldBinding) -> Box | None:
    anchor = binding.anchor
    assert anchor is not None
    target = _squash(anchor.label)
    for word in pdf.words(binding.page):
        if _squash(word["text"]).startswith(target):
            x0, top, x1, bottom = word["x0"], word["top"], word["x1"], word["bottom"]
            if anchor.direction == "right":
                extent = anchor.height or (bottom - top)
                middle = (top + bottom) / 2
                return (x1 + 1, middle - extent / 2 - 1, x1 + anchor.max_distance, middle + extent / 2 + 1)
            extent = anchor.height or (x1 - x0)
            return (x0 - 1, bottom + 1, x0 + max(extent, x1 - x0) + 1, bottom + anchor.max_distance)
    return None
