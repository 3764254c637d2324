"""Reading: files to form records, and the ledger steps of reading them in a run.

    from robots.reading import read_file
    from shared.config import load_scenario

    loaded = load_scenario(Path("scenarios/jidou-teate-nintei"))
    [record] = read_file(Path("claim-001.pdf"), loaded)
    record.fields["claimant_name"].value, record.problems

``read_file`` reads one file (digital PDF, scan, Excel/Word, an online application's export) with no ledger;
``read_export`` gives an export's applications with their receipt numbers and attachments; ``Reader`` is what
a run uses (one item per form, checks, duplicates, the review sheet)."""

from robots.reading.files import read_file, template_for
from robots.reading.office_form import OFFICE_SUFFIXES, OfficeForm, read_office_file
from robots.reading.online import ExportFile, ExportForm, read_export
from robots.reading.pdf_form import FormRecord, read_form
from robots.reading.reader import Reader, is_scan, typed_values
from robots.reading.review_sheet import ReviewRow, import_review_sheet, write_review_sheet
from robots.reading.scan import ScanRecord, align_pages, read_scan

__all__ = [
    "OFFICE_SUFFIXES", "ExportFile", "ExportForm", "FormRecord", "OfficeForm", "Reader", "ReviewRow", "ScanRecord", "align_pages",
    "import_review_sheet", "is_scan", "read_export", "read_file", "read_form", "read_office_file", "read_scan", "template_for",
    "typed_values", "write_review_sheet",
]
