"""Read one input file with a scenario's template, from Python: no ledger, no audit, no
inbox. The same readers a run uses (digital PDF, scan, Excel/Word, online exports)."""

from __future__ import annotations

import fnmatch
import hashlib
import tempfile
from collections.abc import Mapping
from pathlib import Path

from connectors.ocr import OcrEngine, engine
from robots.reading.office_form import OFFICE_SUFFIXES, read_office_file
from robots.reading.online import ExportForm, read_export
from robots.reading.online.attached import read_attached
from robots.reading.pdf_form import FormRecord
from robots.reading.reader import read_pdf_or_scan
from robots.reading.scan.reader import read_scan
from shared.config import FormTemplate, LoadedScenario

__all__ = ["read_file", "template_for"]


def template_for(loaded: LoadedScenario, path: Path, template: str | None = None) -> FormTemplate:
    """The template named ``template`` (its file name in the scenario), else that of the first
    input whose glob's file pattern matches the file's name (without regard to case, as intake
    does), else the first input's."""
    if template is not None:
        return loaded.templates[template]
    for spec in loaded.scenario.inputs:
        if fnmatch.fnmatch(path.name.lower(), spec.glob.rsplit("/", 1)[-1].lower()):
            return loaded.templates[spec.template]
    return loaded.templates[loaded.scenario.inputs[0].template]


def read_file(path: Path, loaded: LoadedScenario, *, template: str | None = None, ocr: OcrEngine | None = None,
              postal: Mapping[str, str] | None = None, second: OcrEngine | None = None) -> list[FormRecord]:
    """The form records of one file: one for a PDF form or a scan, one per row of a list
    workbook. Each field is a ``FieldValue`` (value, original text, state, reason). A file
    that is not the template's form raises ``InputFileError`` naming the file.

    ``ocr``: an engine to read scans with (not closed here); without one, a Tesseract engine
    is started for a scan and closed afterwards. ``second``: an independent second engine
    (not closed here); with it a value read by OCR is used only when the two agree or a
    check between fields confirms it."""
    path = Path(path)
    form_template = template_for(loaded, path, template)
    fields = loaded.scenario.fields
    if form_template.is_structured:  # an online application's export: one record per application
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        export = read_export(path, form_template, fields, name=path.name, sha256=sha256)
        failed = next((form.problem for form in export.forms if form.problem is not None), None)
        if failed is not None:
            raise failed
        return [_joined(form, form_template, loaded, ocr, postal, second, path.name) for form in export.forms]
    if path.suffix.lower() in OFFICE_SUFFIXES:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        office = read_office_file(path, form_template, fields, name=path.name, sha256=sha256)
        return [form.record for form in office.forms]
    return [_read_form(path, form_template, loaded, ocr, postal, second)]


def _read_form(path: Path, template: FormTemplate, loaded: LoadedScenario, ocr: OcrEngine | None,
               postal: Mapping[str, str] | None, second: OcrEngine | None) -> FormRecord:
    fields = loaded.scenario.fields

    def scan() -> FormRecord:
        if ocr is not None:
            return read_scan(path, template, loaded.folder, fields, ocr, postal, second=second)
        with engine("tesseract") as started:
            return read_scan(path, template, loaded.folder, fields, started, postal, second=second)

    return read_pdf_or_scan(path, template, fields, scan)


def _joined(form: ExportForm, template: FormTemplate, loaded: LoadedScenario, ocr: OcrEngine | None,
            postal: Mapping[str, str] | None, second: OcrEngine | None, file: str) -> FormRecord:
    """An application's record with the attached forms its template reads (in a folder of its own)."""
    spec = template.export.attachments if template.export else None
    if spec is None or not spec.read:
        return form.record
    with tempfile.TemporaryDirectory() as folder:
        stored = {}
        for index, attachment in enumerate(form.attachments, 1):
            if attachment.data is not None:
                stored[attachment.name] = Path(folder) / f"{index:03d}{Path(attachment.name).suffix.lower()[:8]}"
                stored[attachment.name].write_bytes(attachment.data)
        return read_attached(form, template, loaded.templates, stored,
                             lambda path, other: _read_form(path, other, loaded, ocr, postal, second), file=file)
