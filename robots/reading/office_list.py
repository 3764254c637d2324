"""List workbooks (申請者一覧: one applicant per row under a header row). Totals and summary
rows (合計, 小計, 計 …, or a row whose required fields are all empty while numbers are
filled) are not applicants: they are skipped with a message naming the row, never read as
a record that fails for its empty fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from connectors.office import CellValue, open_workbook
from robots.reading.office_values import from_cell, unbound
from robots.reading.pdf_form import FormRecord
from shared.config.scenario import FieldSpec
from shared.config.template import FormTemplate
from shared.errors import InputFileError
from shared.messages import Msg

__all__ = ["ListRead", "SkippedRow", "read_excel_list", "summary_row", "total_label"]

_TOTAL_WORDS = ("総合計", "合計", "小計", "中計", "総計", "累計")
_MAX_AFTER_WORD = 6  # 「合計金額」「合計（人）」; a longer text starting with 合計 is a value, not a label
_KEI = re.compile(r"計(?:[(（].{0,6}[)）])?")


def total_label(text: str) -> str | None:
    """The totals word ``text`` is a label of (合計, 小計, 計 …), or None."""
    compact = "".join(unicodedata.normalize("NFKC", text).split()).rstrip(":：")
    if _KEI.fullmatch(compact):
        return "計"
    for word in _TOTAL_WORDS:
        if compact.startswith(word) and len(compact) <= len(word) + _MAX_AFTER_WORD:
            return word
    return None


def _empty(cell: CellValue) -> bool:
    return cell.text is None and not cell.formula_without_value


def _number(cell: CellValue) -> bool:
    return cell.formula or (isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool))


def summary_row(texts: Sequence[str], cells: Mapping[str, CellValue], required: Sequence[str]) -> tuple[str, str] | None:
    """Why a row is a totals row, or None for an applicant's row. ``texts``: every cell's text
    in the row; ``cells``: column title -> cell of the bound columns; ``required``: the titles
    of required fields. ``("label", "合計")`` when a totals word labels the row and the required
    fields are empty (but for the one holding the word); ``("numbers", "")`` when every required
    field is empty while a bound cell holds a number or a formula."""
    for text in texts:
        word = total_label(text)
        if word is None:
            continue
        others = [t for t in required if t in cells and total_label(cells[t].text or "") is None]
        if all(_empty(cells[t]) for t in others):
            return "label", word
    present = [t for t in required if t in cells]
    if present and all(_empty(cells[t]) for t in present) and any(_number(c) for c in cells.values()):
        return "numbers", ""
    return None


@dataclass(frozen=True)
class SkippedRow:
    """A row of a list sheet not read as a record, and why (a catalog message)."""

    sheet: str
    row: int
    reason: Msg


@dataclass
class ListRead:
    """A list sheet read: its name, one record per applicant's row, the rows skipped."""

    sheet: str
    rows: list[tuple[int, FormRecord]] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)


def _skip_reason(kind: str, word: str, file: str, sheet: str, row: int, required: Sequence[str]) -> Msg:
    if kind == "label":
        return Msg("office.list_total_row", file=file, sheet=sheet, row=row, label=word)
    return Msg("office.list_numbers_only_row", file=file, sheet=sheet, row=row, fields="・".join(required))


def read_excel_list(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec],
                    name: str | None = None) -> ListRead:
    """Read a list sheet: one record per row that is not empty and not a totals row."""
    file = name or Path(path).name
    try:
        with open_workbook(path) as book:
            sheet = book.find_sheet(template.sheet, template.fingerprint.keywords)
            titles = {f: b.column for f, b in template.fields.items() if f in fields and b.column}
            table = book.list_sheet(sheet, list(titles.values()), template.header_rows)
            required = [titles[f] for f, spec in fields.items() if spec.required and f in titles]
            labels = [fields[f].label for f, spec in fields.items() if spec.required and f in titles]
            read = ListRead(sheet)
            for row, cells in table.rows():
                why = summary_row(table.texts(row), cells, required)
                if why is not None:
                    read.skipped.append(SkippedRow(sheet, row, _skip_reason(*why, file, sheet, row, labels)))
                    continue
                record = FormRecord(Path(path), template.id)
                for f, spec in fields.items():
                    if f not in titles:
                        record.fields[f] = unbound(spec, template.title)
                        continue
                    binding = template.fields[f]
                    record.fields[f] = from_cell(cells[titles[f]], binding, spec,
                                                 Msg("office.where.cell", sheet=sheet, cell=f"{row}"))
                read.rows.append((row, record))
            return read
    except InputFileError as exc:
        exc.file = name or exc.file
        raise
