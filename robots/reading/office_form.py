"""Read Excel and Word forms into records with a template, through the same field
normalization and checks as PDFs. A list workbook (one row per applicant) becomes one
work item per row, keyed by the file's hash and the row."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from connectors.office import CellValue, ExcelBook, WordDocument, open_document, open_workbook
from robots.reading.pdf_form import FormRecord
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue, normalize
from shared.messages import Msg

__all__ = ["OFFICE_SUFFIXES", "OfficeForm", "read_excel_form", "read_excel_list", "read_office_file", "read_word_form",
           "row_key"]

OFFICE_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}


def row_key(file_sha256: str, sheet: str, row: int) -> str:
    """The source key of one row of a list workbook (64 hex digits, like a file's hash)."""
    return hashlib.sha256(f"{file_sha256}\n{sheet}\n{row}".encode()).hexdigest()


def _located(result: FieldValue, where: Msg) -> FieldValue:
    """``result`` with its problem message prefixed by where the value was read."""
    if result.ok:
        return result
    reason = Msg(result.code or "", **result.params)
    return FieldValue(result.original, result.value, result.status, "office.field_at",
                      {"where": where, "reason": reason}, result.confidence)


def _from_cell(cell: CellValue | None, spec: FieldSpec, where: Msg) -> FieldValue:
    if cell is None:
        return FieldValue(None, None, "missing", "office.field_at", {"where": where, "reason": Msg("office.not_found")})
    if cell.formula_without_value:
        return FieldValue(None, None, "needs_review", "office.field_at",
                          {"where": Msg("office.where.cell", sheet=cell.sheet, cell=cell.cell),
                           "reason": Msg("xlsx.formula_no_value")})
    raw: str | bool | None = cell.value if isinstance(cell.value, bool) else cell.text
    return _located(normalize(spec.type, raw, required=spec.required, options=spec.options),
                    Msg("office.where.cell", sheet=cell.sheet, cell=cell.cell))


def _excel_field(book: ExcelBook, sheet: str, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    sheet = binding.sheet if binding.sheet and binding.sheet in book.sheet_names else sheet
    if binding.cell is not None:
        return _from_cell(book.cell(sheet, binding.cell), spec, Msg("office.where.cell", sheet=sheet, cell=binding.cell))
    if binding.range_name is not None:
        return _from_cell(book.named(binding.range_name), spec, Msg("office.where.name", name=binding.range_name))
    assert binding.anchor is not None
    where = Msg("office.where.label", sheet=sheet, label=binding.anchor.label)
    found = book.find_label(sheet, binding.anchor.label)
    if len(found) != 1:
        key = "office.label_ambiguous" if found else "office.label_not_found"
        return FieldValue(None, None, "missing", "office.field_at", {"where": where, "reason": Msg(key, count=len(found))})
    return _from_cell(book.beside(sheet, found[0], binding.anchor.direction), spec, where)


def read_excel_form(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec], name: str | None = None) -> FormRecord:
    """Read one filled Excel form. Raises ``InputFileError`` when the file cannot be read
    as this form (encrypted, old .xls, the sheet missing, another form)."""
    try:
        with open_workbook(path) as book:
            sheet = book.find_sheet(template.sheet, template.fingerprint.keywords)
            record = FormRecord(Path(path), template.id)
            for field, spec in fields.items():
                record.fields[field] = _excel_field(book, sheet, template.fields[field], spec)
            return record
    except InputFileError as exc:
        exc.file = name or exc.file
        raise


def read_excel_list(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec],
                    name: str | None = None) -> tuple[str, list[tuple[int, FormRecord]]]:
    """Read a list sheet: (sheet, [(row number, record), ...]), one record per non-empty row."""
    try:
        with open_workbook(path) as book:
            sheet = book.find_sheet(template.sheet, template.fingerprint.keywords)
            titles = {field: template.fields[field].column for field in fields}
            table = book.list_sheet(sheet, [t for t in titles.values() if t], template.header_rows)
            records = []
            for row, cells in table.rows():
                record = FormRecord(Path(path), template.id)
                for field, spec in fields.items():
                    record.fields[field] = _from_cell(cells[titles[field] or ""], spec,
                                                      Msg("office.where.cell", sheet=sheet, cell=f"{row}"))
                records.append((row, record))
            return sheet, records
    except InputFileError as exc:
        exc.file = name or exc.file
        raise


def _word_field(doc: WordDocument, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    if binding.control is not None:
        key, value = ("tag", binding.control.tag) if binding.control.tag else ("title", binding.control.title)
        where = Msg("office.where.control", key=key, name=value)
        found = doc.find_controls(binding.control.tag, binding.control.title)
        if len(found) != 1:
            reason = Msg("office.label_ambiguous" if found else "docx.control_missing", count=len(found))
            return FieldValue(None, None, "missing", "office.field_at", {"where": where, "reason": reason})
        control = found[0]
        raw: str | bool | None = control.checked if control.checked is not None else control.text
        return _located(normalize(spec.type, raw, required=spec.required, options=spec.options), where)
    if binding.table_cell is not None:
        table, row, column = binding.table_cell
        where = Msg("office.where.table", table=table, row=row, column=column)
        text = doc.table_cell(table, row, column)
        if text is False:
            return FieldValue(None, None, "missing", "office.field_at", {"where": where, "reason": Msg("docx.table_cell_missing")})
        return _located(normalize(spec.type, text, required=spec.required, options=spec.options), where)
    assert binding.anchor is not None
    where = Msg("office.where.word_label", label=binding.anchor.label)
    values = doc.beside_label(binding.anchor.label, binding.anchor.direction)
    if len(values) != 1:
        key = "office.label_ambiguous" if values else "office.label_not_found"
        return FieldValue(None, None, "missing", "office.field_at", {"where": where, "reason": Msg(key, count=len(values))})
    return _located(normalize(spec.type, values[0], required=spec.required, options=spec.options), where)


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
            for field, spec in fields.items():
                record.fields[field] = _word_field(doc, template.fields[field], spec)
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


def read_office_file(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec], *, name: str,
                     sha256: str) -> list[OfficeForm]:
    """The forms of an Excel/Word file received as ``name`` with hash ``sha256`` (and
    archived at ``path``): one per file, or one per row of a list workbook. Raises
    ``InputFileError`` (naming the file) when it cannot be read as ``template``'s form."""
    problem = _wrong_format(path, template, name)
    if problem is not None:
        raise problem
    if template.is_list:
        sheet, rows = read_excel_list(path, template, fields, name)
        return [OfficeForm(row_key(sha256, sheet, row), f"{name}（{sheet} {row}行目）", form) for row, form in rows]
    if template.format == "xlsx":
        return [OfficeForm(sha256, name, read_excel_form(path, template, fields, name))]
    return [OfficeForm(sha256, name, read_word_form(path, template, fields, name))]
