"""Online applications' exports (XML, JSON, CSV, or a zip of one with its attachments) read
into form records by a template: no OCR, the same field types and checks as every form.

    from robots.reading.online import read_export
    read = read_export(path, template, fields, name="export.xml", sha256=digest)
    [(form.receipt, form.record.fields["claimant_name"].value) for form in read.forms]
"""

from robots.reading.online.export import EXPORT_SUFFIXES, Attachment, ExportFile, ExportForm, read_export, receipt_key
from robots.reading.online.pointer import MISSING, PointerError, resolve

__all__ = ["EXPORT_SUFFIXES", "MISSING", "Attachment", "ExportFile", "ExportForm", "PointerError", "read_export",
           "receipt_key", "resolve"]
