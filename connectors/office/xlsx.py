"""Read Excel workbooks (.xlsx/.xlsm) cell by cell: by address, named range, a label in the
sheet, or as a list sheet with a header row. Nothing in the file is ever run: macros are
not loaded and formulas are not calculated (their cached values are read)."""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from connectors.office.cells import CellValue
from connectors.office.sniff import check_package
from shared.errors import InputFileError

__all__ = ["ExcelBook", "ListSheet", "open_workbook", "squash"]


def squash(text: str) -> str:
    """``text`` without spaces (of any width) and without a trailing colon, for comparing labels."""
    return "".join(str(text).split()).rstrip(":：")


class ListSheet:
    """A list sheet: the header row (found by column titles) and the data rows under it."""

    def __init__(self, book: ExcelBook, sheet: str, header_row: int, columns: dict[str, int]) -> None:
        self.book = book
        self.sheet = sheet
        self.header_row = header_row
        self.columns = columns  # title -> column index

    def rows(self) -> Iterator[tuple[int, dict[str, CellValue]]]:
        """(row number, title -> cell) for each row under the header that is not empty."""
        ws = self.book.values[self.sheet]
        for row in range(self.header_row + 1, ws.max_row + 1):
            cells = {title: self.book.cell(self.sheet, f"{get_column_letter(col)}{row}")
                     for title, col in self.columns.items()}
            if any(c.value is not None or c.formula_without_value for c in cells.values()):
                yield row, cells

    def texts(self, row: int) -> list[str]:
        """The texts of every cell of ``row`` (bound to a field or not), left to right."""
        ws = self.book.values[self.sheet]
        found = (self.book.cell(self.sheet, f"{get_column_letter(col)}{row}").text for col in range(1, ws.max_column + 1))
        return [text for text in found if text]


class ExcelBook:
    """An open workbook: cached values and formulas side by side, merged cells resolved."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        check_package(self.path, "xl/workbook.xml", "xlsx")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "extension is not supported" and similar
                self.values = load_workbook(self.path, data_only=True, keep_vba=False, keep_links=False)
                self.formulas = load_workbook(self.path, data_only=False, keep_vba=False, keep_links=False)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise InputFileError("office.not_office", file=self.name, expected="xlsx") from exc
        self._merged: dict[str, dict[str, tuple[int, int, int, int]]] = {}

    def close(self) -> None:
        self.values.close()
        self.formulas.close()

    def __enter__(self) -> ExcelBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def sheet_names(self) -> list[str]:
        return list(self.values.sheetnames)

    def sheet_text(self, sheet: str) -> str:
        """Every text in the sheet, squashed (for fingerprints)."""
        return "".join(squash(v) for row in self.values[sheet].iter_rows(values_only=True) for v in row
                       if isinstance(v, str))

    def find_sheet(self, wanted: str | None, keywords: Sequence[str]) -> str:
        """The sheet named ``wanted``; if there is none (renamed), the one sheet whose text
        holds every keyword. Raises ``InputFileError`` naming the sheets found."""
        if wanted is not None and wanted in self.values.sheetnames:
            sheet = wanted
        else:
            matching = [s for s in self.sheet_names if all(squash(k) in self.sheet_text(s) for k in keywords)]
            if len(matching) != 1:
                raise InputFileError("xlsx.sheet_missing", file=self.name, sheet=wanted or "",
                                     found="、".join(self.sheet_names))
            return matching[0]
        missing = [k for k in keywords if squash(k) not in self.sheet_text(sheet)]
        if missing:
            raise InputFileError("xlsx.wrong_form", file=self.name, sheet=sheet, keyword=missing[0])
        return sheet

    def _ranges(self, sheet: str) -> dict[str, tuple[int, int, int, int]]:
        if sheet not in self._merged:
            merged: dict[str, tuple[int, int, int, int]] = {}
            for rng in self.values[sheet].merged_cells.ranges:
                bounds = range_boundaries(rng.coord)
                for row in range(bounds[1], bounds[3] + 1):
                    for col in range(bounds[0], bounds[2] + 1):
                        merged[f"{get_column_letter(col)}{row}"] = bounds
            self._merged[sheet] = merged
        return self._merged[sheet]

    def bounds(self, sheet: str, coord: str) -> tuple[int, int, int, int]:
        """(min_col, min_row, max_col, max_row) of the cell, or of the merged range holding it."""
        coord = coord.replace("$", "")
        found = self._ranges(sheet).get(coord)
        if found is not None:
            return found
        letters, row = coordinate_from_string(coord)
        col = column_index_from_string(letters)
        return col, row, col, row

    def cell(self, sheet: str, coord: str) -> CellValue:
        """The value shown at ``coord`` (a merged cell shows its first cell's value)."""
        min_col, min_row, _, _ = self.bounds(sheet, coord)
        first = f"{get_column_letter(min_col)}{min_row}"
        value = self.values[sheet][first].value
        formula = self.formulas[sheet][first].value
        is_formula = isinstance(formula, str) and formula.startswith("=") or type(formula).__name__ == "ArrayFormula"
        return CellValue(sheet, first, value, formula_without_value=bool(is_formula and value is None),
                         formula=bool(is_formula))

    def named(self, name: str) -> CellValue | None:
        """The one cell a named range (workbook or sheet scope) points to, or None."""
        found = self.values.defined_names.get(name)
        if found is None:
            for ws in self.values.worksheets:
                found = ws.defined_names.get(name)
                if found is not None:
                    break
        if found is None:
            return None
        for sheet, coord in found.destinations:
            if sheet in self.values.sheetnames:
                return self.cell(sheet, coord.split(":")[0])
        return None

    def find_label(self, sheet: str, label: str) -> list[str]:
        """Addresses of the cells whose text is ``label`` (spaces and a trailing colon ignored)."""
        target = squash(label)
        return [c.coordinate for row in self.values[sheet].iter_rows() for c in row
                if isinstance(c.value, str) and squash(c.value) == target]

    def beside(self, sheet: str, coord: str, direction: Literal["right", "below"]) -> CellValue:
        """The cell right of (or below) the cell at ``coord``, past its merged range."""
        min_col, min_row, max_col, max_row = self.bounds(sheet, coord)
        if direction == "right":
            return self.cell(sheet, f"{get_column_letter(max_col + 1)}{min_row}")
        return self.cell(sheet, f"{get_column_letter(min_col)}{max_row + 1}")

    def list_sheet(self, sheet: str, titles: Sequence[str], search_rows: int) -> ListSheet:
        """Find the header row (the first of ``search_rows`` rows holding every title)."""
        ws: Worksheet = self.values[sheet]
        wanted = {squash(t): t for t in titles}
        best: set[str] = set()
        for row in ws.iter_rows(min_row=1, max_row=min(search_rows, ws.max_row)):
            found = {squash(c.value): c.column for c in row if isinstance(c.value, str) and squash(c.value) in wanted}
            if len(found) == len(wanted):
                return ListSheet(self, sheet, row[0].row, {wanted[k]: col for k, col in found.items()})
            if len(found) > len(best):
                best = set(found)
        missing = [title for key, title in wanted.items() if key not in best]
        raise InputFileError("xlsx.header_not_found", file=self.name, sheet=sheet, rows=search_rows,
                             titles="、".join(missing))


def open_workbook(path: Path) -> ExcelBook:
    """Open ``path`` for reading; raises ``InputFileError`` (encrypted, old .xls, not a workbook)."""
    return ExcelBook(path)
