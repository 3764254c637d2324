"""Office files: read Excel and Word forms, write Word notices and CSV exports
(Excel ledgers are in ``connectors.office.ledger_book``). Nothing in an input file is ever run."""

from connectors.office.cells import CellValue
from connectors.office.csvfile import write_csv
from connectors.office.docx import Control, FormField, WordDocument, open_document
from connectors.office.locks import check_not_locked, lock_files
from connectors.office.notice import placeholders, render_notice
from connectors.office.sniff import sniff
from connectors.office.ticks import Ticks, has_marks, read_ticks
from connectors.office.xlsx import ExcelBook, ListSheet, open_workbook

__all__ = [
    "CellValue", "Control", "ExcelBook", "FormField", "ListSheet", "Ticks", "WordDocument", "check_not_locked",
    "has_marks", "lock_files", "open_document", "open_workbook", "placeholders", "read_ticks", "render_notice", "sniff",
    "write_csv",
]
