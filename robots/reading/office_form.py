"""Read Excel and Word forms into records with a template, through the same field
normalization and checks as PDFs. A list workbook (one row per applicant) becomes one
work item per row, keyed by the file's hash and the row; its totals rows are skipped
(``robots.reading.office_list``)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from connectors.office import ExcelBook, WordDocument, open_document, open_workbook
from robots.reading.office_list import ListRead, SkippedRow, read_excel_list
from robots.reading.office_values import from_cell, from_raw, unbound
from robots.reading.pdf_form import FormRecord
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue
from shared.messages import Msg

__all__ = ["OFFICE_SUFFIXES", "ListRead", "OfficeFile", "OfficeForm", "SkippedRow", "read_excel_form", "read_excel_list",
           "read_office_file", "read_word_form", "row_key"]

OFFICE_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}


def row_key(file_sha256: str, sheet: str, row: int) -> str:
    """The source key of one row of a list workbook (64 hex digits, like a file's hash)."""
    return hashlib.sha256(f"{file_sha256}\n{sheet}\n{row}".encode()).hexdigest()


def _missing(where: Msg, key: str, count: int = 0) -> FieldValue:
    return FieldValue(None, None, "missing", "office.field_at", {"where": where, "reason": Msg(key, count=count)})


def _excel_field(book: ExcelBook, sheet: str, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    sheet = binding.sheet if binding.sheet and binding.sheet in book.sheet_names else sheet
    if binding.cell is not None:
        return from_cell(book.cell(sheet, binding.cell), binding, spec, Msg("office.where.cell", sheet=sheet, cell=binding.cell))
    if binding.range_name is not None:
        return from_cell(book.named(binding.range_name), binding, spec, Msg("office.where.name", name=binding.range_name))
    assert binding.anchor is not None
    where = Msg("office.where.label", sheet=sheet, label=binding.anchor.label)
    found = book.find_label(sheet, binding.anchor.label)
    if len(found) != 1:
        return _missing(where, "office.label_ambiguous" if found else "office.label_not_found", len(found))
    return from_cell(book.beside(sheet, found[0], binding.anchor.direction), binding, spec, where)


def read_excel_form(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec], name: str | None = None) -> FormRecord:
    """Read one filled Excel form. Raises ``InputFileError`` when the file cannot be read
    as this form (encrypted, old .xls, the sheet missing, another form)."""
    try:
        with open_workbook(path) as book:
            sheet = book.find_sheet(template.sheet, template.fingerprint.keywords)
            record = FormRecord(Path(path), template.id)
            for field_name, spec in fields.items():
                binding = template.fields.get(field_name)
                record.fields[field_name] = (unbound(spec, template.title) if binding is None
                                        else _excel_field(book, sheet, binding, spec))
            return record
    except InputFileError as exc:
        exc.file = name or exc.file
        raise


def _word_field(doc: WordDocument, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    if binding.control is not None:
        key, value = ("tag", binding.control.tag) if binding.control.tag else ("title", binding.control.title)
        where = Msg("office.where.control", key=key, name=value)
        found = doc.find_controls(binding.control.tag, binding.control.title)
        if len(found) != 1:
            return _missing(where, "office.label_ambiguous" if found else "docx.control_missing", len(found))
        control = found[0]
        return from_raw(control.checked if control.checked is not None else control.text, binding, spec, where)
    if binding.form_field is not None:
        ref = binding.form_field
        where = (Msg("office.where.form_field", name=ref.name) if ref.name is not None
                 else Msg("office.where.form_field_at", index=ref.index))
        fields = doc.find_form_fields(ref.name, ref.index)
        if len(fields) != 1:
            return _missing(where, "office.label_ambiguous" if fields else "docx.form_field_missing", len(fields))
        form_field = fields[0]
        return from_raw(form_field.checked if form_field.kind == "checkbox" else form_field.text, binding, spec, where)
    if binding.table_cell is not None:
        table, row, column = binding.table_cell
        where = Msg("office.where.table", table=table, row=row, column=column)
        text = doc.table_cell(table, row, column)
        if text is False:
            return _missing(where, "docx.table_cell_missing")
        return from_raw(text, binding, spec, where)
    assert binding.anchor is not None
    where = Msg("office.where.word_label", label=binding.anchor.label)
    values = doc.beside_label(binding.anchor.label, binding.anchor.direction)
    if len(values) != 1:
        return _missing(where, "office.label_ambiguous" if values else "office.label_not_found", len(values))
    return from_raw(values[0], binding, spec, where)


def read_word_form(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec], name: str | None = None) -> FormRecord:
    """Read one filled Word form. Raises ``InputFileError`` when the file cannot be read
    as this form (a .doc renamed .docx, encrypted, another form)."""
    try:
        with open_document(path) as doc:
            text = doc.text()
            for keyword in template.fingerprint.keywords:
                if "".join(keyword.split()) not in text:
                    raise InputFileError("docx.wrong_form", file=doc.name, template=template.title, keyword=keyword)
            record = FormRecord(Path(path), template.id)
            for field_name, spec in fields.items():
                binding = template.fields.get(field_name)
                record.fields[field_name] = unbound(spec, template.title) if binding is None else _word_field(doc, binding, spec)
            return record
    except InputFileError as exc:
        exc.file = name or exc.file
        raise


def _wrong_format(path: Path, template: FormTemplate, name: str) -> InputFileError | None:
    kind = OFFICE_SUFFIXES[path.suffix.lower()]
    if template.format != kind:
        return InputFileError("office.template_format", file=name, template=template.title, expected=template.format)
    return None


@dataclass(frozen=True)
class OfficeForm:
    """One form of an Excel/Word file: the whole file, or one row of a list workbook."""

    key: str  # the source key of its work item: the file's hash, or the row's (``row_key``)
    name: str  # the item's source name: the file's, or the file's with the sheet and row
    record: FormRecord


@dataclass(frozen=True)
class OfficeFile:
    """What an Excel/Word file holds: its forms, and the rows of a list that are not forms
    (totals rows), each with the message that names it."""

    forms: list[OfficeForm]
    skipped: list[SkippedRow] = field(default_factory=list)


def read_office_file(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec], *, name: str,
                     sha256: str) -> OfficeFile:
    """The forms of an Excel/Word file received as ``name`` with hash ``sha256`` (and
    archived at ``path``): one per file, or one per row of a list workbook. Raises
    ``InputFileError`` (naming the file) when it cannot be read as ``template``'s form."""
    problem = _wrong_format(path, template, name)
    if problem is not None:
        raise problem
    if template.is_list:
        read = read_excel_list(path, template, fields, name)
        forms = [OfficeForm(row_key(sha256, read.sheet, row), f"{name}（{read.sheet} {row}行目）", form)
                 for row, form in read.rows]
        return OfficeFile(forms, read.skipped)
    if template.format == "xlsx":
        return OfficeFile([OfficeForm(sha256, name, read_excel_form(path, template, fields, name))])
    return OfficeFile([OfficeForm(sha256, name, read_word_form(path, template, fields, name))])
