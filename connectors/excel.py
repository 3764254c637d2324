"""Excel output: a ledger workbook with a styled header, fitted widths and filters."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from shared.errors import ApplicationError

__all__ = ["write_ledger"]

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="999999")


def _width(value: object) -> float:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_ledger(path: Path, sheet: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """Write ``rows`` under ``header`` to ``path`` (replacing it atomically)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    for index, title in enumerate(header, start=1):
        widest = max([_width(title), *(_width(r[index - 1]) for r in rows)])
        ws.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    wb.save(temporary)
    try:
        os.replace(temporary, path)
    except PermissionError as exc:  # open in Excel on Windows
        raise ApplicationError("output.locked", file=path.name) from exc
    return path
