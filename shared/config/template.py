"""Form template: where each field sits on a form (a shareable file)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, ValidationInfo, field_validator, model_validator

from shared.composite import COMPOSITE_SHAPES, shape_of
from shared.config.base import Box, StrictModel, union_box
from shared.config.export import ExportSpec, FormIdCheck, VersionCheck
from shared.config.scenario import FieldType
from shared.text_order import Direction

__all__ = ["Anchor", "ContentControl", "Fingerprint", "FieldBinding", "FormTemplate", "LegacyFormField", "PartBinding"]

CELL_PATTERN = r"^\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}$"
OFFICE_LOCATIONS = ("cell", "range_name", "control", "form_field", "table_cell", "column", "path")
FORMAT_LOCATIONS = {
    "pdf": ("box", "anchor"),
    "xlsx": ("cell", "range_name", "anchor", "column"),
    "docx": ("control", "form_field", "table_cell", "anchor"),
    "xml": ("path", "parts"),
    "json": ("path", "parts"),
    "csv": ("path", "column", "parts"),
}
STRUCTURED_FORMATS = ("xml", "json", "csv")


class Fingerprint(StrictModel):
    """What identifies the form: words on the page (PDF, scans, Excel, Word), or the form id and
    version an export states (XML, JSON, CSV); a file without them is refused as another form."""

    keywords: list[str] = Field(default_factory=list, description="each must appear in the page's text")
    page: int = Field(1, ge=1)
    form_id: FormIdCheck | None = Field(None, description="xml/json/csv: where the export names its form "
                                        "(様式ID, 手続ID) and the id this template is for")
    version: VersionCheck | None = Field(None, description="xml/json/csv: where the export states the form's "
                                         "version (様式バージョン) and the versions this template maps")

    @model_validator(mode="after")
    def _something(self) -> Fingerprint:
        if not self.keywords and self.form_id is None:
            raise ValueError("config.template.fingerprint_empty")
        return self


class Anchor(StrictModel):
    """Find the value next to a printed label instead of at a fixed box. In Excel and Word
    the value is the next cell right (or below), past a merged label; the distances apply
    to PDFs only."""

    label: str = Field(min_length=1, description="printed label text to look for")
    direction: Literal["right", "below"] = "right"
    max_distance: float = Field(200.0, gt=0, description="how far from the label the value may reach, in points")
    height: float | None = Field(None, gt=0, description="value area height (right) or width (below); default: the label's")


class ContentControl(StrictModel):
    """A Word content control (w:sdt), found by its tag or its title; exactly one of them."""

    tag: str | None = Field(None, min_length=1)
    title: str | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _one_key(self) -> ContentControl:
        if (self.tag is None) == (self.title is None):
            raise ValueError("config.template.control_tag_or_title")
        return self


class LegacyFormField(StrictModel):
    """A legacy Word form field (FORMTEXT, FORMCHECKBOX or FORMDROPDOWN), by name or place.
    The name is the bookmark name Word gives the field; the place counts every form field
    of the document from 1. Give exactly one of them."""

    name: str | None = Field(None, min_length=1, description="the field's name (its bookmark, e.g. Text1)")
    index: int | None = Field(None, ge=1, description="the field's place among all form fields, counted from 1")

    @model_validator(mode="after")
    def _one_key(self) -> LegacyFormField:
        if (self.name is None) == (self.index is None):
            raise ValueError("config.template.form_field_name_or_index")
        return self


class PartBinding(StrictModel):
    """One part of a composite field: a box to read, a circled era, or an era printed on the form.

    PDF and scans: a ``box`` to read text in; for the era of a date also ``read: circled``
    with ``options`` (明・大・昭・平・令 circled), or a ``value`` printed on the form
    (``令和``) that is the same on every form."""

    read: Literal["text", "circled"] = Field("text", description="text: the text in the box; circled: which option is circled (era only)")
    box: Box | None = None
    options: dict[str, Box] | None = Field(
        None, description="read: circled: printed option text -> box of the printed option (see docs/templates.md)"
    )
    value: str | None = Field(None, min_length=1, description="era only: the era printed on the form, e.g. 令和")
    path: str | None = Field(None, min_length=1, description="xml/json/csv: the element (XPath), JSON Pointer or "
                             "column title holding the part, relative to the record")

    @model_validator(mode="after")
    def _one_place(self) -> PartBinding:
        places = [self.box is not None, self.options is not None, self.value is not None, self.path is not None]
        if sum(places) != 1 or (self.read == "circled") != (self.options is not None):
            raise ValueError("config.template.part_location")
        return self

    @property
    def boxes(self) -> list[Box]:
        """The boxes this part is read from (none for a fixed value)."""
        return list(self.options.values()) if self.options else [self.box] if self.box is not None else []


class FieldBinding(StrictModel):
    """Where one record field is read from: a box, a label, options, parts, a cell or a control.

    PDF: ``box`` or ``anchor`` (or ``options``, or ``parts`` for a field written in several
    boxes);
    Excel: ``cell``, ``range_name``, ``anchor`` (a label in the sheet) or ``column`` (list
    sheet); Word: ``control``, ``form_field``, ``table_cell`` or ``anchor`` (a label in the
    text). In Excel and Word, ``read: ticked`` reads which of the printed ``options`` (a list
    of texts) has a ticked box (■ ☑ ✓ レ) before it in the text found there (「■国内　□国外」)."""

    page: int = Field(1, ge=1)
    read: Literal["text", "circled", "ticked", "checkbox"] = Field(
        "text",
        description="text: the text in the box; circled: which printed option is circled; "
        "ticked: which option's tick box is marked; checkbox: whether the box is marked",
    )
    box: Box | None = None
    anchor: Anchor | None = None
    options: dict[str, Box] | list[str] | None = Field(
        None, description="circled/ticked: printed option text -> a box around the printed option (circled) or its "
        "printed square (ticked); see docs/templates.md for the area each reader looks at. "
        "Excel/Word ticked: the printed option texts, each after its box in the text (no boxes)"
    )
    sheet: str | None = Field(None, min_length=1, description="Excel: the sheet (default: the template's sheet)")
    cell: str | None = Field(None, pattern=CELL_PATTERN, description="Excel: cell address such as B4 (merged: any cell of it)")
    range_name: str | None = Field(None, min_length=1, description="Excel: a named range (名前の定義) of one cell")
    control: ContentControl | None = Field(None, description="Word: a content control, by tag or title")
    form_field: LegacyFormField | None = Field(
        None, description="Word: a legacy form field (FORMTEXT/FORMCHECKBOX/FORMDROPDOWN), by name or index"
    )
    table_cell: tuple[int, int, int] | None = Field(
        None, description="Word: [table, row, column], each counted from 1 in document order"
    )
    column: str | None = Field(
        None, min_length=1, description="Excel list sheet or CSV: the column title in the header row (one row per record)"
    )
    path: str | None = Field(
        None, min_length=1, description="xml: an XPath (prefixes from export.namespaces); json: a JSON Pointer "
        "(RFC 6901, e.g. /申請者/氏名); csv: a column title. Relative to the record",
    )
    parts: dict[str, PartBinding] | None = Field(
        None,
        description="PDF and scans: a composite field read from several boxes and validated as one value: a date "
        "(era, year, month, day; era circled, printed or fixed), a phone (area, local, number), a postal code "
        "(first, last) or a name (family, given). See docs/templates.md",
    )
    direction: Direction = Field(
        "horizontal", description="text in the box: horizontal (lines top to bottom, read left to right) or "
        "vertical (縦書き: columns right to left, read top to bottom)",
    )

    @model_validator(mode="after")
    def _check_shape(self) -> FieldBinding:
        if self.parts is not None:
            if self.read != "text" or any(getattr(self, n) is not None for n in ("box", "anchor", "options", *OFFICE_LOCATIONS)):
                raise ValueError("config.template.parts_alone")
            if shape_of(self.parts) is None:
                raise ValueError(f"config.template.parts_shape:{', '.join(self.parts)}")
            if any(part.read == "circled" or part.value is not None for name, part in self.parts.items() if name != "era"):
                raise ValueError("config.template.part_location")
            return self
        if self.read in ("circled", "ticked"):
            if not self.options:
                raise ValueError("config.template.options_required")
            if isinstance(self.options, dict):
                return self
            if self.read == "circled":
                raise ValueError("config.template.circled_needs_boxes")
        elif isinstance(self.options, list):
            raise ValueError("config.template.option_texts_ticked_only")
        if self.table_cell is not None and min(self.table_cell) < 1:
            raise ValueError("config.template.table_cell_from_one")
        given = [name for name in ("box", "anchor", *OFFICE_LOCATIONS) if getattr(self, name) is not None]
        if len(given) != 1:
            office = isinstance(self.options, list) or any(getattr(self, name) is not None for name in OFFICE_LOCATIONS)
            raise ValueError("config.template.one_location" if office else "config.template.box_or_anchor")
        return self

    @property
    def area(self) -> Box | None:
        """The whole area of the field on its page (its box, options or parts together), for
        crops and pictures; None for a field found by a label or in an office file."""
        boxes = [self.box] if self.box is not None else []
        boxes += list(self.options.values()) if isinstance(self.options, dict) else []
        boxes += [b for part in self.part_boxes.values() for b in part]
        if not boxes:
            return None
        return union_box(boxes)

    @property
    def part_boxes(self) -> dict[str, list[Box]]:
        """Composite field: part name -> the boxes it is read from, in reading order."""
        if not self.parts:
            return {}
        order = [n for shape in COMPOSITE_SHAPES.values() for n in shape]
        return {name: self.parts[name].boxes for name in sorted(self.parts, key=order.index)}

    @property
    def location(self) -> str:
        """Which kind of location this binding uses (box, anchor, cell, ...; ``options``: a
        box per option; ``parts``: a composite field)."""
        if self.parts is not None:
            return "parts"
        if self.read in ("circled", "ticked") and isinstance(self.options, dict):
            return "options"
        return next(name for name in ("box", "anchor", *OFFICE_LOCATIONS) if getattr(self, name) is not None)


# Measured on scans of the sample claim in two fonts (docs/scans.md): below 0.90 values read
# wrong are accepted that 0.95 sends to a person; above 1.0 is no confidence.
MIN_CONFIDENCE_SAFE = (0.90, 1.0)


class FormTemplate(StrictModel):
    """A form template: fingerprint and field bindings of one form."""

    schema_version: Literal[1] = 1
    format: Literal["pdf", "xlsx", "docx", "xml", "json", "csv"] = Field(
        "pdf", description="pdf: PDF or scan; xlsx: Excel workbook (.xlsx/.xlsm); docx: Word document; "
        "xml, json, csv: an online application's export (alone, or in a .zip with its attachments)"
    )
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    pages: int = Field(1, ge=1, description="number of pages the form has")
    fingerprint: Fingerprint
    blank_form: str | None = Field(
        None, description="the blank form (PDF) next to this file; scans are aligned to it"
    )
    min_confidence: dict[str, float] = Field(
        default_factory=dict,
        description="scans: field type -> confidence below which a value goes to a person (default 0.95; "
        f"measured safe range {MIN_CONFIDENCE_SAFE[0]}..{MIN_CONFIDENCE_SAFE[1]}, see docs/scans.md)",
    )
    sheet: str | None = Field(
        None, min_length=1,
        description="Excel: the sheet to read; if it was renamed, the one sheet holding the fingerprint is used",
    )
    header_rows: int = Field(
        30, ge=1, le=1000, description="Excel list sheet: how many rows from the top to search for the header row"
    )
    export: ExportSpec | None = Field(
        None, description="xml/json/csv: where the records, the receipt number and the attachments are"
    )
    fields: dict[str, FieldBinding] = Field(min_length=1)

    @field_validator("blank_form")
    @classmethod
    def _relative_blank_form(cls, value: str | None) -> str | None:
        """A path next to the template, never outside the package (``../../etc/passwd``)."""
        if value is not None and (value.startswith(("/", "\\")) or ":" in value
                                  or ".." in value.replace("\\", "/").split("/")):
            raise ValueError("config.scenario.path_not_relative")
        return value

    @field_validator("min_confidence")
    @classmethod
    def _confidence_in_safe_range(cls, thresholds: dict[str, float]) -> dict[str, float]:
        """Below the measured safe range wrong readings are accepted without a person
        (docs/scans.md); a type name that is no field type would silently do nothing."""
        unknown = [name for name in thresholds if name not in get_args(FieldType)]
        if unknown:
            raise ValueError(f"config.template.min_confidence_type:{','.join(unknown)}")
        low, high = MIN_CONFIDENCE_SAFE
        unsafe = [f"{name}={value}" for name, value in thresholds.items() if not low <= value <= high]
        if unsafe:
            raise ValueError(f"config.template.min_confidence_range:{','.join(unsafe)}")
        return thresholds

    @field_validator("fields")
    @classmethod
    def _locations_fit_format(cls, fields: dict[str, FieldBinding], info: ValidationInfo) -> dict[str, FieldBinding]:
        kind = info.data.get("format", "pdf")
        allowed = FORMAT_LOCATIONS[kind] + (("options", "parts") if kind == "pdf" else ())
        if kind in STRUCTURED_FORMATS:
            return _structured_fields(fields, allowed)
        wrong = [name for name, binding in fields.items() if binding.location not in allowed]
        if wrong:
            raise ValueError(f"config.template.location_not_for_format:{','.join(wrong)}")
        texts = [name for name, binding in fields.items() if kind == "pdf" and isinstance(binding.options, list)]
        if texts:
            raise ValueError(f"config.template.ticked_texts_office_only:{','.join(texts)}")
        columns = [name for name, binding in fields.items() if binding.location == "column"]
        if columns and len(columns) != len(fields):
            others = [name for name in fields if name not in columns]
            raise ValueError(f"config.template.list_all_columns:{','.join(others)}")
        return fields

    @model_validator(mode="after")
    def _export_needs_id(self) -> FormTemplate:
        structured = self.format in STRUCTURED_FORMATS
        if structured and (self.export is None or self.fingerprint.form_id is None):
            raise ValueError("config.template.export_needs_form_id")
        if not structured and (self.export is not None or not self.fingerprint.keywords):
            raise ValueError("config.template.keywords_needed")
        return self

    @property
    def is_list(self) -> bool:
        """An Excel list sheet: one row per record."""
        return self.format == "xlsx" and any(binding.location == "column" for binding in self.fields.values())

    @property
    def is_structured(self) -> bool:
        """An export of an application-management system (XML, JSON, CSV): read without OCR."""
        return self.format in STRUCTURED_FORMATS


def _structured_fields(fields: dict[str, FieldBinding], allowed: tuple[str, ...]) -> dict[str, FieldBinding]:
    """Each field of an export is at a path (or, composite, its parts are), nothing else."""
    wrong = [name for name, binding in fields.items() if binding.location not in allowed or binding.read != "text"
             or any(part.path is None and part.value is None for part in (binding.parts or {}).values())]
    if wrong:
        raise ValueError(f"config.template.location_not_for_format:{','.join(wrong)}")
    return fields
