"""Cell values of a workbook as the reader sees them: merged cells resolved to their first
cell, formulas resolved to their cached value (or flagged when none is cached)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["CellValue", "cell_text"]


@dataclass(frozen=True)
class CellValue:
    """One cell's value with where it came from (sheet and cell address, for messages);
    ``formula``: the cell holds a formula (its cached value is ``value``)."""

    sheet: str
    cell: str
    value: object
    formula_without_value: bool = False
    formula: bool = False

    @property
    def text(self) -> str | None:
        return cell_text(self.value)


def cell_text(value: object) -> str | None:
    """A cell value as text: whole numbers without '.0', dates as 2024年11月3日."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "☑" if value else "☐"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    text = str(value).strip()
    return text or None
