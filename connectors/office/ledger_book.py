"""Excel ledgers (台帳) appended across runs: styled header, fitted widths, frozen header
row, filters, drop-down validation for choice columns. Rows written before are never
rewritten: a hidden sheet records which rows the workbook already holds, so the same
row is never appended twice, even if people sort or filter the visible sheets.

A row's values are keyed by column key (a field's name), and ``columns`` gives each key its
header: two fields of the same label never share a column. A workbook written before is
continued by its header row: each key goes to the column headed by its title (people may
have moved columns), and a title not yet there is added at the right."""

from __future__ import annotations

import os
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from connectors.office.locks import check_not_locked
from shared.errors import ApplicationError
from shared.files import ensure_private_file, private_folder

__all__ = ["REGISTRY_SHEET", "LedgerRow", "append_ledger", "sheet_title"]

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="999999")
BORDER = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
REGISTRY_SHEET = "_written"
"""Hidden sheet: one line per row written (its key and sheet). Never shown to people."""
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class LedgerRow:
    """One row to append: ``key`` identifies it (the same key is never appended twice);
    ``values`` are keyed by column key (``append_ledger``'s ``columns``)."""

    key: str
    sheet: str
    values: Mapping[str, object]


def sheet_title(name: str) -> str:
    """``name`` as a valid sheet name (no []:*?/\\, at most 31 characters)."""
    return (name.translate(_BAD_SHEET_CHARS).strip("'") or "Sheet")[:31]


def _width(value: object) -> float:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _style_header(cell) -> None:
    cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center")


def _add_choice(ws: Worksheet, column: int, options: Sequence[str]) -> None:
    letter = get_column_letter(column)
    formula = '"' + ",".join(o.replace('"', "") for o in options) + '"'
    if len(formula) > 255:  # Excel's limit for a literal list
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
    validation.add(f"{letter}2:{letter}1048576")
    ws.add_data_validation(validation)


def _columns(ws: Worksheet, columns: Mapping[str, str], choices: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Column key -> column of ``ws``, found by its title in the header row; titles not yet
    there are added at the right."""
    existing = {str(c.value): c.column for c in ws[1] if c.value is not None} if ws.max_row >= 1 else {}
    found: dict[str, int] = {}
    for key, title in columns.items():
        if title in existing:
            found[key] = existing[title]
            continue
        column = max(existing.values(), default=0) + 1
        cell = ws.cell(row=1, column=column, value=title)
        _style_header(cell)
        ws.column_dimensions[get_column_letter(column)].width = min(max(_width(title) + 2, 8), 60)
        if key in choices:
            _add_choice(ws, column, choices[key])
        existing[title] = found[key] = column
    ws.freeze_panes = "A2"
    return found


def _open(path: Path) -> Workbook:
    if not path.exists():
        workbook = Workbook()
        workbook.remove(workbook.active)
        return workbook
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ApplicationError("output.unreadable", file=path.name) from exc


def _legacy_keys(workbook: Workbook, rows: Sequence[LedgerRow], columns: Mapping[str, str],
                 identity: Sequence[str]) -> set[str]:
    """Keys of ``rows`` already present in a ledger written before the hidden sheet existed,
    matched on the ``identity`` columns (by their titles)."""
    if not identity:
        return set()
    wanted = [columns[key] for key in identity]
    present: set[tuple] = set()
    for ws in workbook.worksheets:
        titles = {str(c.value): c.column for c in ws[1] if c.value is not None}
        if all(t in titles for t in wanted):
            for line in ws.iter_rows(min_row=2, values_only=True):
                present.add(tuple(str(line[titles[t] - 1]) for t in wanted))
    return {row.key for row in rows if tuple(str(row.values.get(key)) for key in identity) in present}


def append_ledger(path: Path, columns: Mapping[str, str], rows: Sequence[LedgerRow],
                  choices: Mapping[str, Sequence[str]] | None = None, identity: Sequence[str] = ()) -> int:
    """Append the ``rows`` not yet in the workbook at ``path``; returns how many were added.
    ``columns``: column key -> header title, in order (titles must differ: ``ValueError``
    otherwise, as two keys would share a column). ``choices``: column key -> options (a
    drop-down list). ``identity``: column keys that identify a row in a ledger made before
    rows were recorded in the hidden sheet (an older version's ledger is continued, not
    duplicated).

    Raises ``ApplicationError`` (``output.locked``) when another program holds the file
    (a lock file of Excel or LibreOffice, or the file cannot be replaced): nothing is
    written, and the next run appends the same rows.
    """
    if len(set(columns.values())) != len(columns):
        raise ValueError("two ledger columns have the same title")
    unknown = {name for row in rows for name in row.values} - set(columns)
    if unknown:
        raise ValueError(f"values for columns not in the header: {sorted(unknown)}")
    check_not_locked(path)
    workbook = _open(path)
    registry = workbook[REGISTRY_SHEET] if REGISTRY_SHEET in workbook.sheetnames else None
    if registry is not None:
        written = {str(r[0]) for r in registry.iter_rows(min_row=1, values_only=True)}
    else:
        written = _legacy_keys(workbook, rows, columns, identity) if path.exists() else set()
    new_rows = [row for row in rows if row.key not in written]
    if not new_rows:
        return 0  # nothing to add (a workbook of only the hidden sheet would not be valid)
    if registry is None:
        registry = workbook.create_sheet(REGISTRY_SHEET)
        registry.sheet_state = "hidden"
        for key in sorted(written):
            registry.append([key, ""])
    for row in new_rows:
        title = sheet_title(row.sheet)
        ws = workbook[title] if title in workbook.sheetnames else workbook.create_sheet(title, index=0)
        places = _columns(ws, columns, choices or {})
        line = ws.max_row + 1 if ws.max_row > 1 or ws["A2"].value is not None else 2
        for name, value in row.values.items():
            cell = ws.cell(row=line, column=places[name], value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed by a resident is never turned into a formula
            cell.border = BORDER
            letter = get_column_letter(places[name])
            wanted = min(max(_width(value) + 2, 8), 60)
            if (ws.column_dimensions[letter].width or 0) < wanted:
                ws.column_dimensions[letter].width = wanted
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{line}"
        registry.append([row.key, title])
    if workbook.sheetnames[0] == REGISTRY_SHEET:
        workbook.move_sheet(REGISTRY_SHEET, offset=len(workbook.sheetnames) - 1)
    workbook.active = 0
    _save(workbook, path)
    return len(new_rows)


def _save(workbook: Workbook, path: Path) -> None:
    private_folder(path.parent)
    temporary = path.with_name(path.name + ".partial")
    ensure_private_file(temporary)
    workbook.save(temporary)
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    try:
        os.replace(temporary, path)
    except PermissionError as exc:  # open in Excel on Windows
        temporary.unlink(missing_ok=True)
        raise ApplicationError("output.locked", file=path.name) from exc
