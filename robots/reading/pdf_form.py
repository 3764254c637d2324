"""Read a filled form (digital PDF) into a record, field by field, with the template."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from connectors.pdf import PdfDocument, open_pdf
from robots.reading.pdf_marks import is_circled, is_ticked, marks_near_options, text_astride
from shared.composite import assemble
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue, normalize
from shared.messages import Msg
from shared.text_order import Direction

__all__ = ["FormRecord", "read_form", "read_pdf_form"]

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
        return read_pdf_form(pdf, template, fields)


def read_pdf_form(pdf: PdfDocument, template: FormTemplate, fields: Mapping[str, FieldSpec]) -> FormRecord:
    """``read_form`` of a PDF already open (the caller closes it)."""
    _check_form(pdf, template)
    record = FormRecord(pdf.path, template.id)
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
    if binding.parts:
        return _read_composite(pdf, binding, spec)
    if binding.read == "checkbox":
        assert binding.box is not None
        value = normalize(spec.type, is_ticked(pdf, page, binding.box), required=spec.required, options=spec.options)
        return _suspect_choice(pdf, page, [binding.box], False, value)
    if binding.read in ("circled", "ticked"):
        assert isinstance(binding.options, dict)  # a box per option (the template checks it for PDFs)
        circled = binding.read == "circled"
        test = is_circled if circled else is_ticked
        chosen = [option for option, box in binding.options.items() if test(pdf, page, box)]
        if len(chosen) > 1:
            return FieldValue("・".join(chosen), None, "invalid", "pdf.choice_many", {"options": "・".join(chosen)})
        raw = chosen[0] if chosen else None
        value = normalize(spec.type, raw, required=spec.required, options=spec.options)
        return _suspect_choice(pdf, page, list(binding.options.values()), circled, value)
    box = binding.box if binding.box is not None else _anchor_box(pdf, binding)
    if box is None:
        return FieldValue(None, None, "missing", "pdf.anchor_not_found", {"label": binding.anchor.label, "page": page})  # type: ignore[union-attr]
    value = normalize(spec.type, _text(pdf, page, box, binding.direction), required=spec.required, options=spec.options)
    if value.code == "field.required" and text_astride(pdf, page, box):
        return dataclasses.replace(value, status="invalid", code="template_suspect.text")
    return value


def _text(pdf: PdfDocument, page: int, box: Box, direction: Direction = "horizontal") -> str | None:
    """The text in ``box``, its lines joined (a value wrapped over two lines is one value)."""
    return "".join(line.strip() for line in pdf.text_in_box(page, box, direction).splitlines()) or None


def _suspect_choice(pdf: PdfDocument, page: int, boxes: list[Box], circled: bool, value: FieldValue) -> FieldValue:
    """A required choice or checkbox found unmarked although a mark lies near its boxes: the
    template's boxes are the likely cause, not the applicant."""
    if value.code in ("field.required", "field.checkbox.required") and marks_near_options(pdf, page, boxes, circled):
        return dataclasses.replace(value, status="invalid", code="template_suspect.choice", params={})
    return value


def _read_composite(pdf: PdfDocument, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    """A field written in several boxes: each part read, then checked and validated as one."""
    assert binding.parts is not None
    page, fixed = binding.page, []
    texts: dict[str, str | None] = {}
    for name, part in binding.parts.items():
        if part.value is not None:
            texts[name] = part.value
            fixed.append(name)
        elif part.options is not None:
            chosen = [option for option, box in part.options.items() if is_circled(pdf, page, box)]
            if len(chosen) > 1:
                return FieldValue("・".join(chosen), None, "invalid", "composite.era_many",
                                  {"part": Msg(f"part.{name}"), "options": "・".join(chosen)})
            texts[name] = chosen[0] if chosen else None
        else:
            assert part.box is not None
            texts[name] = _text(pdf, page, part.box)
    value = assemble(spec.type, texts, required=spec.required, fixed=fixed)
    circled_missing = value.code == "composite.part_missing" and any(
        part.options is not None and texts[name] is None for name, part in binding.parts.items())
    if circled_missing:
        return dataclasses.replace(value, code="composite.era_none", params={"part": Msg("part.era")})
    return value


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
