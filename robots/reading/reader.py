"""Turn a received file into a work item: read the form, check every field, detect
duplicates and characters the target system cannot take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from connectors.pdf import open_pdf
from connectors.scan import IMAGE_SUFFIXES
from robots.intake.inbox import quarantine
from robots.reading.office_form import OFFICE_SUFFIXES, read_office_file
from robots.reading.pdf_form import FormRecord, read_form
from robots.reading.review_sheet import ReviewRow
from robots.reading.scan.reader import ScanRecord, read_scan
from shared.audit import AuditStore
from shared.config import LoadedScenario, SiteProfile
from shared.errors import BusinessError, InputFileError, RpaError
from shared.identity import key_hash
from shared.japanese.encoding import unencodable_chars
from shared.ledger import FileRecord, Item, Ledger, State
from shared.messages import Msg

__all__ = ["Reader", "is_scan", "typed_values"]


def is_scan(path: Path, template) -> bool:
    """Images are scans; so is a PDF whose fingerprint page has no text (an image-only PDF)."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return True
    if suffix != ".pdf":
        return False
    try:
        with open_pdf(path) as pdf:
            page = template.fingerprint.page
            return pdf.page_count >= page and not pdf.page_text(page).strip() and pdf.has_images(page)
    except InputFileError:
        return False  # the PDF reader gives the reason


def typed_values(loaded: LoadedScenario, values: dict[str, object]) -> dict[str, object]:
    """Values from the record store with dates as ``datetime.date`` again."""
    typed = dict(values)
    for name, spec in loaded.scenario.fields.items():
        if spec.type in ("date", "wareki_date") and isinstance(typed.get(name), str):
            typed[name] = dt.date.fromisoformat(typed[name])  # type: ignore[arg-type]
    return typed


class Reader:
    """Reads received files into ``new`` items (or failed ones, with the reason)."""

    def __init__(self, loaded: LoadedScenario, site: SiteProfile, ledger: Ledger, audit: AuditStore,
                 work: Path, item_key: bytes, run_id: str, fail, postal: Mapping[str, str] | None = None) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.site = site
        self.ledger = ledger
        self.audit = audit
        self.work = work
        self.item_key = item_key
        self.run_id = run_id
        self.fail = fail  # (item, error, state, fields) -> None
        self.masked = frozenset(n for n, spec in self.scenario.fields.items() if spec.mask)
        self.review_rows: list[ReviewRow] = []
        self._ocr = None
        self.postal = postal  # the site's postal-code table: addresses on scans are checked against it

    def read(self, record: FileRecord) -> Item | None:
        """Read one received file; returns the item when it is ready for entry."""
        if Path(record.archived_as).suffix.lower() in OFFICE_SUFFIXES:  # Excel/Word: maybe many items
            return read_office_file(self, record)
        item = self.ledger.find_source(self.scenario.id, record.sha256)
        if item is None:
            item = self.ledger.add(self.scenario.id, record.name, record.sha256, self.run_id)
        elif item.state != State.NEW or item.values is not None:
            self.ledger.set_file_state(record.sha256, "read")  # read before a crash
            return None
        template = self.loaded.templates[record.template or self.scenario.inputs[0].template]
        path = self.work / record.archived_as
        try:
            if is_scan(path, template):
                form = read_scan(path, template, self.loaded.folder, self.scenario.fields, self.ocr(), self.postal)
            else:
                form = read_form(path, template, self.scenario.fields)
        except InputFileError as exc:
            exc.file = record.name
            quarantine(self.work, record, exc)
            self.ledger.set_file_state(record.sha256, "quarantined")
            self.fail(item, exc, State.FAILED_BUSINESS)
            return None
        self.audit.append("item_extracted", run_id=self.run_id, item_id=item.id, template=template.id)
        ready = self._check(item, form)
        self.ledger.set_file_state(record.sha256, "read")
        return ready

    def ocr(self):
        """The OCR engine, started on first use and reused for every field of the run."""
        if self._ocr is None:
            from connectors.ocr import engine

            self._ocr = engine(self.site.ocr.engine, **self.site.ocr.options)
        return self._ocr

    def close(self) -> None:
        if self._ocr is not None:
            self._ocr.close()
            self._ocr = None

    def _to_review(self, item: Item, form: ScanRecord, values: dict[str, object]) -> None:
        """A scan with doubtful fields: keep its values and put each doubtful field on the sheet."""
        for name, value in form.problems.items():
            spec = self.scenario.fields[name]
            self.review_rows.append(ReviewRow(item.id, name, item.source_name, spec.label, value.original or "",
                                              value.message() or "", form.crops.get(name)))
        detail = [Msg("item.field_problem", label=self.scenario.fields[name].label, reason=Msg(v.code or "", **v.params))
                  for name, v in form.problems.items()]
        self.fail(item, BusinessError("item.needs_review", file=item.source_name, detail=detail), State.NEEDS_REVIEW,
                  list(form.problems), values=values)

    def _check(self, item: Item, form: FormRecord) -> Item | None:
        values = form.json_values()
        public = {k: v for k, v in values.items() if k not in self.masked}
        item = self.ledger.update(item.id, key_hash=key_hash(self.item_key, self.scenario.id, self.scenario.key, values),
                                  public=public)
        if form.problems and isinstance(form, ScanRecord):
            self._to_review(item, form, values)
            return None
        if form.problems:
            detail = [
                Msg("item.field_problem", label=self.scenario.fields[name].label, reason=Msg(value.code or "", **value.params))
                for name, value in form.problems.items()
            ]
            error = BusinessError("item.invalid_fields", file=item.source_name, detail=detail)
            self.fail(item, error, State.FAILED_BUSINESS, list(form.problems))
            return None
        duplicate = self.ledger.find_key(self.scenario.id, item.key_hash or "", exclude_id=item.id)
        if duplicate is not None:
            self.fail(item, BusinessError("item.duplicate", file=item.source_name, other=duplicate.source_name),
                      State.FAILED_BUSINESS)
            return None
        problem = self._encoding_problem(form, item.source_name)
        if problem is not None:
            self.fail(item, problem, State.FAILED_BUSINESS)
            return None
        self.audit.append("item_validated", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash)
        return self.ledger.update(item.id, values=values)

    def _encoding_problem(self, form: FormRecord, source_name: str) -> RpaError | None:
        web = self.scenario.web
        encoding = self.site.systems[web.system].encoding if web else None
        if not encoding:
            return None
        for name, value in form.fields.items():
            if isinstance(value.value, str) and (bad := unencodable_chars(value.value, encoding)):
                return BusinessError("web.unencodable", file=source_name, label=self.scenario.fields[name].label,
                                     chars="".join(bad), encoding=encoding)
        return None
