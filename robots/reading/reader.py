"""Turn a received file into a work item: read the form, check every field, detect
duplicates and characters the target system cannot take."""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from connectors.pdf import PdfDocument, open_pdf
from connectors.scan import IMAGE_SUFFIXES
from robots.core.attachments import archive_attachments, attachment_folder
from robots.core.context import RunContext
from robots.core.display import shown_value
from robots.core.events import ItemEvent
from robots.intake.inbox import quarantine
from robots.reading.office_form import OFFICE_SUFFIXES, read_office_file
from robots.reading.online import ExportForm, read_export
from robots.reading.online.attached import read_attached
from robots.reading.pdf_form import FormRecord, read_form, read_pdf_form
from robots.reading.problems import field_problem, printed_words, sheet_reason
from robots.reading.review_sheet import ReviewRow
from robots.reading.scan.reader import ScanRecord, read_scan
from shared.config import LoadedScenario
from shared.config.scenario import FieldSpec
from shared.config.template import FormTemplate
from shared.errors import ApplicationError, BusinessError, ConfigError, InputFileError, RpaError
from shared.identity import key_hash
from shared.japanese.encoding import unencodable_chars
from shared.ledger import FileRecord, IllegalTransition, Item, State
from shared.logs import logger
from shared.workers import is_dead, worker_id

if TYPE_CHECKING:
    from connectors.ocr import OcrEngine

__all__ = ["Reader", "is_scan", "read_pdf_or_scan", "typed_values"]

SUPERSEDED_STATES = (State.FAILED_BUSINESS, State.NEEDS_REVIEW)
"""The states (要確認) in which a file dropped again closes its earlier item: bad data or a
refusal (nothing entered), or a reading to review (``item.needs_review``; never one the entry
sent to a person after a final submit that may have gone through)."""


def _supersedable(item: Item) -> bool:
    return item.state == State.FAILED_BUSINESS or item.reason_key == "item.needs_review"

READ_LEASE = dt.timedelta(minutes=30)
"""How long a new item stays held by the process reading it (a process on another host that
died gives it up when this runs out; one on this host as soon as it is gone)."""


def _read_elsewhere(item: Item) -> bool:
    """A new item without values that another live process holds: it is reading the file now."""
    if not item.worker or item.worker == worker_id() or is_dead(item.worker):
        return False
    expires = item.lease_expires_at
    return expires is None or (expires if expires.tzinfo else expires.replace(tzinfo=dt.UTC)) > dt.datetime.now(dt.UTC)


def is_scan(path: Path, template: FormTemplate) -> bool:
    """Images are scans; so is a PDF whose fingerprint page has no text (an image-only PDF)."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return True
    if suffix != ".pdf":
        return False
    try:
        with open_pdf(path) as pdf:
            return _image_only(pdf, template)
    except InputFileError:
        return False  # the PDF reader gives the reason


def _image_only(pdf: PdfDocument, template: FormTemplate) -> bool:
    page = template.fingerprint.page
    return pdf.page_count >= page and not pdf.page_text(page).strip() and pdf.has_images(page)


def read_pdf_or_scan(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec],
                     scan: Callable[[], FormRecord]) -> FormRecord:
    """``path`` read as a digital PDF form (``read_form``), or by ``scan()`` when it is a scan
    (``is_scan``); a PDF is opened once, to tell which it is and to read it."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return scan()
    if suffix != ".pdf":
        return read_form(path, template, fields)
    with open_pdf(path) as pdf:
        if not _image_only(pdf, template):
            return read_pdf_form(pdf, template, fields)
    return scan()


def typed_values(loaded: LoadedScenario, values: dict[str, object]) -> dict[str, object]:
    """Values from the record store with dates as ``datetime.date`` again."""
    typed = dict(values)
    for name, spec in loaded.scenario.fields.items():
        if spec.type in ("date", "wareki_date") and isinstance(typed.get(name), str):
            typed[name] = dt.date.fromisoformat(typed[name])  # type: ignore[arg-type]
    return typed


class Reader:
    """Reads received files into ``new`` items (or failed ones, with the reason): finds or
    adds each file's items in the ledger, quarantines files that cannot be read, checks
    every form (fields, duplicates, characters the target system cannot take) and collects
    the doubtful fields of scans for the review sheet. Use as a context manager (it closes
    the OCR engine it started):

        with Reader(context, postal=table) as reader:
            for record in ledger.files("received"):
                reader.read(record)
    """

    def __init__(self, context: RunContext, *, postal: Mapping[str, str] | None = None) -> None:
        self.context = context
        self.scenario = context.scenario
        self.ledger = context.ledger
        self.review_rows: list[ReviewRow] = []
        self.notes: list[str] = []  # what the run's summary says about files beyond their items (rows skipped)
        self.postal = postal  # the site's postal-code table: addresses on scans are checked against it
        self._ocr: OcrEngine | None = None  # started by this reader (closed by it)
        self._second: OcrEngine | None = None  # the same, for the second engine

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, record: FileRecord) -> list[Item]:
        """Read one received file; returns its items that are ready for entry.

        A fault of the reader itself on this file (any exception but the library's system
        trouble, ``ApplicationError``, which stops the run and is retried, and a wrong
        scenario, ``ConfigError``) quarantines the file with a reason naming it and the kind of
        fault, never the exception's text (it may quote what was read); the batch goes on, and
        a later run does not read the file again."""
        try:
            return self._read(record)
        except (ApplicationError, ConfigError):
            raise  # system trouble or a wrong template: every file would fail alike, the run stops
        except BusinessError as exc:  # bad data the reader did not expect here: this file only
            self._quarantine(record, self._find_or_add(record.sha256, record.name)[0], exc)
            return []
        except Exception as exc:  # one file's fault must not hold up the inbox
            kind = type(exc).__name__
            frames = traceback.extract_tb(exc.__traceback__)  # where, for the developers; never the exception's text
            at = [f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in frames[-3:]]
            logger.error("reading a file failed unexpectedly", kind=kind, at=at, sha256=record.sha256[:12])
            error = InputFileError("read.unexpected", file=record.name, kind=kind)
            self._quarantine(record, self._find_or_add(record.sha256, record.name)[0], error)
            return []

    def _read(self, record: FileRecord) -> list[Item]:
        template = self.context.loaded.templates[record.template or self.scenario.inputs[0].template]
        path = self.context.paths.work / record.archived_as
        if template.is_structured:  # an online application's export: one item per receipt number
            return self._read_export(record, template, path)
        if path.suffix.lower() in OFFICE_SUFFIXES:  # Excel/Word: maybe many items
            return self._read_office(record, template, path)
        item, elsewhere = self._open_item(record.sha256, record.name)
        if item is None:
            if not elsewhere:  # the run reading it now sets the file's state when it is done
                self.ledger.set_file_state(record.sha256, "read")  # read before a crash
            return []
        try:
            form = read_pdf_or_scan(path, template, self.scenario.fields, lambda: read_scan(
                path, template, self.context.loaded.folder, self.scenario.fields, self.ocr(), self.postal,
                second=self.second_ocr()))
        except InputFileError as exc:
            self._quarantine(record, item, exc)
            return []
        ready = self._take(item, form, template)
        self.ledger.set_file_state(record.sha256, "read")
        return ready

    def _read_office(self, record: FileRecord, template: FormTemplate, path: Path) -> list[Item]:
        try:
            read = read_office_file(path, template, self.scenario.fields, name=record.name, sha256=record.sha256)
        except InputFileError as exc:
            item, added = self._find_or_add(record.sha256, record.name)
            if added or not _read_elsewhere(item):
                self._quarantine(record, item, exc)
            return []
        for skipped in read.skipped:  # totals rows of a list: not applicants, said in the summary
            self.notes.append(skipped.reason.render())
            logger.info("list row skipped", row=skipped.row, reason=skipped.reason.key)
        ready: list[Item] = []
        shared = False
        for form in read.forms:
            opened, elsewhere = self._open_item(form.key, form.name, record.name)
            shared = shared or elsewhere
            if opened is not None:  # else read before a crash, or being read by another run
                ready += self._take(opened, form.record, template)
        if not shared:
            self.ledger.set_file_state(record.sha256, "read")
        return ready

    def _read_export(self, record: FileRecord, template: FormTemplate, path: Path) -> list[Item]:
        try:
            read = read_export(path, template, self.scenario.fields, name=record.name, sha256=record.sha256)
        except InputFileError as exc:
            item, added = self._find_or_add(record.sha256, record.name)
            if added or not _read_elsewhere(item):
                self._quarantine(record, item, exc)
            return []
        ready: list[Item] = []
        shared = False
        for form in read.forms:
            opened, elsewhere = self._open_export_item(record, form)
            shared = shared or elsewhere
            if opened is not None:
                folder = attachment_folder(self.context.paths.work, opened.source_sha256)
                stored: dict[str, Path] = {}
                if form.attachments and folder is not None:  # archived before the item can be entered (upload reads them)
                    stored = archive_attachments(folder, [(a.name, a.data) for a in form.attachments if a.data is not None])
                try:  # an attached form read through its own template (export.attachments.read)
                    joined = read_attached(form, template, self.context.loaded.templates, stored, self._read_attachment,
                                           file=record.name)
                except InputFileError as exc:
                    self.context.announce(ItemEvent.failed(opened, exc, State.FAILED_BUSINESS))
                    continue
                ready += self._take(opened, joined, template)
        if not shared:
            self.ledger.set_file_state(record.sha256, "read")
        return ready

    def _read_attachment(self, path: Path, template: FormTemplate) -> FormRecord:
        """An attached form read as any received PDF or scan of ``template``."""
        return read_pdf_or_scan(path, template, self.scenario.fields, lambda: read_scan(
            path, template, self.context.loaded.folder, self.scenario.fields, self.ocr(), self.postal,
            second=self.second_ocr()))

    def _open_export_item(self, record: FileRecord, form: ExportForm) -> tuple[Item | None, bool]:
        """The item of one application, or None (read before a crash, by another run, or failed
        here: a record that cannot be read, a receipt number another file brought first)."""
        item, added = self._find_or_add(form.key, form.name)
        problem = form.problem
        if not added and item.source_name != form.name and problem is None:  # another file, the same 受付番号
            problem = InputFileError("online.receipt_seen", file=record.name, receipt=form.receipt,
                                     other=item.source_name)
            fallback = hashlib.sha256(f"{record.sha256}\nseen\n{form.key}".encode()).hexdigest()
            item, added = self._find_or_add(fallback, f"{form.name}（重複）")
        if problem is None:
            return self._open_item(form.key, form.name)
        if item.state == State.NEW and item.values is None and (added or not _read_elsewhere(item)):
            self.context.announce(ItemEvent.failed(item, problem, State.FAILED_BUSINESS))
        return None, False

    def _find_or_add(self, key: str, name: str) -> tuple[Item, bool]:
        """The item of source ``key`` and whether this reader added it (one atomic step: a run
        beside this one reading the same file gets the same item). An item added is held by
        this process while it is read (no run enters it before it has values)."""
        return self.ledger.add_or_get(self.scenario.id, name, key, self.context.run_id, worker=worker_id(),
                                      lease=READ_LEASE)

    def _open_item(self, key: str, name: str, file_name: str | None = None) -> tuple[Item | None, bool]:
        """The item of source ``key`` to read, added when new; None when it was read before (a
        crash after reading it) or another live run is reading it now (then True). Items of
        earlier runs a file of the same name (``name``, or the whole file's ``file_name`` for a
        row of a list) left waiting for a person are superseded by it."""
        item, added = self._find_or_add(key, name)
        if item.state != State.NEW or item.values is not None:
            return None, False
        if not added and _read_elsewhere(item):
            logger.info("item read by another run", item_id=item.id)
            return None, True
        self._supersede(item, {name, file_name or name})
        return item, False

    def _supersede(self, item: Item, names: set[str]) -> None:
        """Close the items of earlier runs that a file of one of ``names`` left waiting for a
        person (quarantined, bad data, to review): the file was dropped again, corrected, and
        ``item`` reads it, so the exception queue shows only what is current. An ``uncertain``
        item or one that may still be entered is never closed here: its record may be in the
        target system. Older items only (a lower id), never one of this run (two files of one
        name in two sub-folders are two applications)."""
        for old in self.ledger.items(self.scenario.id, SUPERSEDED_STATES):
            if (old.id < item.id and old.source_name in names and old.source_sha256 != item.source_sha256
                    and old.run_id != self.context.run_id and _supersedable(old)):
                try:
                    self.context.announce(ItemEvent.superseded(old, item))
                except IllegalTransition:  # settled by a person meanwhile
                    continue

    def _quarantine(self, record: FileRecord, item: Item, exc: RpaError) -> None:
        """A file that cannot be read: a copy with the reason in quarantine, its item failed."""
        exc.file = record.name
        quarantine(self.context.paths.work, record, exc)
        self.ledger.set_file_state(record.sha256, "quarantined")
        if item.state == State.NEW:
            self._supersede(item, {item.source_name, record.name})  # the current failure replaces the old
            self.context.announce(ItemEvent.failed(item, exc, State.FAILED_BUSINESS))

    def _take(self, item: Item, form: FormRecord, template: FormTemplate) -> list[Item]:
        self.context.announce(ItemEvent("read", item, template=template.id))
        ready = self._check(item, form, template)
        return [ready] if ready is not None else []

    def _printed(self, template: FormTemplate) -> tuple[str, ...]:
        """Printed texts of the form (field labels, its keywords): found inside a box that
        failed, they point at the template rather than the writing."""
        return printed_words([*(spec.label for spec in self.scenario.fields.values()), *template.fingerprint.keywords])

    def ocr(self) -> OcrEngine:
        """The OCR engine: the one lent to the run, or one started on first use and reused
        for every field of the run."""
        lent = self.context.resources.ocr
        if lent is not None:
            return lent
        if self._ocr is None:
            from connectors.ocr import engine

            settings = self.context.site.ocr
            self._ocr = engine(settings.chosen()[0], **settings.options)
        return self._ocr

    def second_ocr(self) -> OcrEngine | None:
        """The second, independent engine when the site profile names one (``ocr.engines``):
        the one lent to the run, or one started on first use."""
        settings = self.context.site.ocr
        if len(settings.chosen()) < 2:
            return None
        lent = self.context.resources.second_ocr
        if lent is not None:
            return lent
        if self._second is None:
            from connectors.ocr import engine

            self._second = engine(settings.chosen()[1], **settings.second_options)
        return self._second

    def close(self) -> None:
        for started in (self._ocr, self._second):
            if started is not None:
                started.close()
        self._ocr = self._second = None

    def _to_review(self, item: Item, form: ScanRecord, values: dict[str, object], template: FormTemplate) -> None:
        """A scan with doubtful fields: keep its values and put each doubtful field on the
        sheet, showing the value kept (what the ledger, CSV and report show, and what a blank
        correction keeps) and, in the reason, the raw text read."""
        printed = self._printed(template)
        for name, value in form.problems.items():
            spec = self.scenario.fields[name]
            self.review_rows.append(ReviewRow(item.id, name, item.source_name, spec.label, str(shown_value(values.get(name))),
                                              sheet_reason(spec, value, printed), form.crops.get(name),
                                              form.suggestions.get(name, "")))
        detail = [field_problem(self.scenario.fields[name], value, printed) for name, value in form.problems.items()]
        error = BusinessError("item.needs_review", file=item.source_name, detail=detail)
        self.context.announce(ItemEvent.failed(item, error, State.NEEDS_REVIEW, list(form.problems), values=values))

    def _check(self, item: Item, form: FormRecord, template: FormTemplate) -> Item | None:
        values = form.json_values()
        masked = self.context.masked
        public = {k: v for k, v in values.items() if k not in masked}
        key = key_hash(self.context.item_key, self.scenario.id, self.scenario.key, values)
        item = self.ledger.update(item.id, key_hash=key, public=public)
        if form.problems and isinstance(form, ScanRecord):
            self._to_review(item, form, values, template)
            return None
        # the values as read (a flagged field: its text), for this run's outputs only: the ledger drops them
        shown = {k: v.json_value() if v.ok else v.original for k, v in form.fields.items()}
        if form.problems:
            printed = self._printed(template)
            detail = [field_problem(self.scenario.fields[name], value, printed) for name, value in form.problems.items()]
            error = BusinessError("item.invalid_fields", file=item.source_name, detail=detail)
            self.context.announce(ItemEvent.failed(item, error, State.FAILED_BUSINESS, list(form.problems), values=shown))
            return None
        duplicate = self.ledger.find_key(self.scenario.id, item.key_hash or "", exclude_id=item.id)
        if duplicate is not None:
            error = BusinessError("item.duplicate", file=item.source_name, other=duplicate.source_name)
            self.context.announce(ItemEvent.failed(item, error, State.FAILED_BUSINESS, values=shown))
            return None
        problem = self._encoding_problem(form, item.source_name)
        if problem is not None:
            self.context.announce(ItemEvent.failed(item, problem, State.FAILED_BUSINESS, values=shown))
            return None
        self.context.announce(ItemEvent("validated", item))
        return self.ledger.update(item.id, values=values, worker=None, lease_expires_at=None)

    def _encoding_problem(self, form: FormRecord, source_name: str) -> RpaError | None:
        web = self.scenario.web
        encoding = self.context.site.systems[web.system].encoding if web else None
        if not encoding:
            return None
        for name, value in form.fields.items():
            if isinstance(value.value, str) and (bad := unencodable_chars(value.value, encoding)):
                return BusinessError("web.unencodable", file=source_name, label=self.scenario.fields[name].label,
                                     chars="".join(bad), encoding=encoding)
        return None
