"""Read an online application's export (XML, JSON, CSV, or a zip of one with its attachments)
into form records with a template: no OCR, the same field types and checks as every form.

Each record is one work item, keyed by its form and receipt number (受付番号), so the same
application is never read twice; a file of another form (様式ID/手続ID) or of a newer form
version than the template maps is refused by name."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from robots.reading.office_values import located, unbound
from robots.reading.online.archive import unpack_export
from robots.reading.online.pointer import MISSING
from robots.reading.online.sources import AmbiguousPath, ExportSource, open_source
from robots.reading.pdf_form import FormRecord
from shared.composite import assemble
from shared.config.export import version_tuple
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue, normalize
from shared.messages import Msg

__all__ = ["EXPORT_SUFFIXES", "Attachment", "ExportFile", "ExportForm", "read_export", "receipt_key"]

EXPORT_SUFFIXES = (".xml", ".json", ".csv", ".zip")
_BOOL_TEXTS = {"true": True, "1": True, "false": False, "0": False}  # xsd:boolean, as XML and CSV write it
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def receipt_key(template_id: str, receipt: str) -> str:
    """The source key of one application (64 hex digits, like a file's hash)."""
    return hashlib.sha256(f"online\n{template_id}\n{receipt}".encode()).hexdigest()


@dataclass(frozen=True)
class Attachment:
    """A file the application lists: its name, and (in a zip) its bytes and their hash."""

    name: str
    sha256: str | None
    data: bytes | None = None


@dataclass
class ExportForm:
    """One application of an export: its work item's key and name, its record, or why it
    cannot be read (``problem``: the record is failed, the other records go on)."""

    key: str
    name: str
    receipt: str | None
    record: FormRecord
    attachments: list[Attachment] = field(default_factory=list)
    problem: InputFileError | None = None
    zipped: bool = False  # it came in a zip: its attachments' bytes are here


@dataclass
class ExportFile:
    forms: list[ExportForm]


_JSON_TYPES = {str: "online.type.text", bool: "online.type.bool", int: "online.type.number",
               float: "online.type.number", list: "online.type.list", dict: "online.type.object"}


class _WrongType:
    """A JSON value of another type than the field takes (``expected``: a catalog key)."""

    def __init__(self, value: object, expected: str) -> None:
        self.actual, self.expected = _JSON_TYPES.get(type(value), "online.type.object"), expected

    def problem(self, where: Msg) -> FieldValue:
        reason = Msg("online.wrong_type", expected=Msg(self.expected), actual=Msg(self.actual))
        return FieldValue(None, None, "invalid", "office.field_at", {"where": where, "reason": reason})


def _raw(value: object, spec: FieldSpec) -> str | bool | None | _WrongType:
    """The text (or a check box's state) of a value found; a JSON value of the wrong type (a
    number for an account number, whose leading zeros are lost) is a ``_WrongType``."""
    if value is MISSING or value is None:
        return None
    if spec.type == "checkbox":
        if isinstance(value, str) and value.strip().lower() in _BOOL_TEXTS:
            return _BOOL_TEXTS[value.strip().lower()]
        return value if isinstance(value, (bool, str)) else _WrongType(value, "online.type.bool")
    if spec.type in ("date", "wareki_date") and isinstance(value, str) and (stamp := _DATE_TIME.fullmatch(value.strip())):
        return stamp.group(1)  # 申請日時: the date as the system states it (in its own offset)
    if spec.type in ("number", "money") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value
    return _WrongType(value, "online.type.number_or_text" if spec.type in ("number", "money") else "online.type.text")


def _lookup(source: ExportSource, node: object, path: str, record: Msg) -> object:
    try:
        return source.value(node, path)
    except AmbiguousPath as exc:
        raise _Ambiguous(source.where(record, path), exc.count) from None


class _Ambiguous(Exception):
    def __init__(self, where: Msg, count: int) -> None:
        super().__init__(count)
        self.where, self.count = where, count


def _field(source: ExportSource, record: Msg, node: object, binding: FieldBinding, spec: FieldSpec) -> FieldValue:
    """The field at its binding; where it was read is named only in a problem (built then)."""
    if binding.parts:
        texts: dict[str, str | None] = {}
        fixed = []
        for name, part in binding.parts.items():
            if part.value is not None:
                texts[name] = part.value
                fixed.append(name)
                continue
            assert part.path is not None
            found = _lookup(source, node, part.path, record)
            if isinstance(found, int) and not isinstance(found, bool):
                found = str(found)  # a year, a month, a day given as a number
            raw = _raw(found, spec)
            if isinstance(raw, _WrongType):
                return raw.problem(source.where(record, part.path))
            texts[name] = raw if isinstance(raw, str) else None
        result = assemble(spec.type, texts, required=spec.required, fixed=fixed)
        if result.ok:
            return result
        return located(result, source.where(record, "・".join(p.path for p in binding.parts.values() if p.path)))
    path = binding.path or binding.column
    assert path is not None
    raw = _raw(_lookup(source, node, path, record), spec)
    if isinstance(raw, _WrongType):
        return raw.problem(source.where(record, path))
    result = normalize(spec.type, raw, required=spec.required, options=spec.options)
    return result if result.ok else located(result, source.where(record, path))


def _text(source: ExportSource, node: object, path: str, record: Msg) -> str | None:
    value = _lookup(source, node, path, record)
    if value is MISSING or value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None


def _check_form(source: ExportSource, node: object, record: Msg, template: FormTemplate) -> None:
    """The record is of the template's form and of a version it maps, else ``InputFileError``."""
    form_id, version = template.fingerprint.form_id, template.fingerprint.version
    assert form_id is not None
    found = _text(source, node, form_id.path, record)
    if found != form_id.value:
        raise InputFileError("online.wrong_form", file=source.file, where=source.where(record, form_id.path),
                             found=found or "-", expected=form_id.value, template=template.title)
    if version is None:
        return
    stated = _text(source, node, version.path, record)
    given = version_tuple(stated or "")
    accepted = [v for v in (version_tuple(a) for a in version.accepted) if v is not None]
    if given in accepted:
        return
    key = "online.version_newer" if given is not None and given > max(accepted) else "online.version_unknown"
    raise InputFileError(key, file=source.file, where=source.where(record, version.path), found=stated or "-",
                         accepted="・".join(version.accepted), template=template.title)


def _attachments(source: ExportSource, node: object, record: Msg, template: FormTemplate,
                 files: Mapping[str, bytes] | None) -> list[Attachment]:
    spec = template.export.attachments if template.export else None
    if spec is None:
        return []
    listed: list[Attachment] = []
    for entry in source.entries(node, spec.path):
        if isinstance(entry, str):
            name: str | None = entry
        elif spec.name in ("", "."):
            name = _text(source, entry, "." if template.format == "xml" else "", record)
        else:
            name = _text(source, entry, spec.name, record)
        if not name:
            continue
        digest = _text(source, entry, spec.sha256, record) if spec.sha256 and not isinstance(entry, str) else None
        listed.append(Attachment(name, digest.lower() if digest else None))
    if files is None:
        return listed
    by_base = {Path(member).name: data for member, data in files.items()}
    attached = []
    for item in listed:
        data = files.get(item.name, by_base.get(Path(item.name).name))
        if data is None:
            raise InputFileError("online.attachment_missing", file=source.file, attachment=item.name)
        actual = hashlib.sha256(data).hexdigest()
        if item.sha256 is not None and item.sha256 != actual:
            raise InputFileError("online.attachment_hash", file=source.file, attachment=item.name)
        attached.append(Attachment(item.name, actual, data))
    return attached


def _one(source: ExportSource, record: Msg, node: object, template: FormTemplate, fields: Mapping[str, FieldSpec],
         path: Path, files: Mapping[str, bytes] | None) -> tuple[str | None, FormRecord, list[Attachment]]:
    _check_form(source, node, record, template)
    assert template.export is not None
    receipt = _text(source, node, template.export.receipt, record)
    if receipt is None:
        raise InputFileError("online.receipt_missing", file=source.file,
                             where=source.where(record, template.export.receipt))
    form = FormRecord(path, template.id)
    for name, spec in fields.items():
        binding = template.fields.get(name)
        try:
            form.fields[name] = unbound(spec, template.title) if binding is None else _field(source, record, node, binding, spec)
        except _Ambiguous as exc:
            reason = Msg("online.path_ambiguous", count=exc.count)
            form.fields[name] = FieldValue(None, None, "invalid", "office.field_at", {"where": exc.where, "reason": reason})
    return receipt, form, _attachments(source, node, record, template, files)


def _fallback_key(sha256: str, index: int) -> str:
    """The key of a record read without its receipt number: the file's hash and its place."""
    return hashlib.sha256(f"{sha256}\nrecord\n{index}".encode()).hexdigest()


def read_export(path: Path, template: FormTemplate, fields: Mapping[str, FieldSpec], *, name: str,
                sha256: str) -> ExportFile:
    """The applications of the export received as ``name`` (hash ``sha256``, archived at
    ``path``). A file that is not an export of the template's form raises ``InputFileError``
    naming it; a record that cannot be read is an ``ExportForm`` with its ``problem``."""
    export = template.export
    assert export is not None
    suffix = f".{template.format}"
    files: dict[str, bytes] | None = None
    if path.suffix.lower() == ".zip":
        unpacked = unpack_export(path, suffix, file=name, max_export=export.max_bytes)
        data, files = unpacked.export, unpacked.attachments
    elif path.suffix.lower() == suffix:
        if path.stat().st_size > export.max_bytes:
            raise InputFileError("online.too_large", file=name, limit=export.max_bytes)
        data = path.read_bytes()
    else:
        raise InputFileError("office.template_format", file=name, template=template.title, expected=template.format)
    source = open_source(data, name, template)
    forms: list[ExportForm] = []
    seen: dict[str, Msg] = {}
    records = source.records()
    for index, (record, node) in enumerate(records):
        try:
            receipt, form, attachments = _one(source, record, node, template, fields, path, files)
        except InputFileError as exc:
            if len(records) == 1 and exc.key.startswith(("online.wrong_form", "online.version")):
                raise  # the whole file is another form: quarantined by name
            forms.append(ExportForm(_fallback_key(sha256, index), f"{name}（{record.render()}）", None,
                                    FormRecord(path, template.id), problem=exc))
            continue
        assert receipt is not None
        if receipt in seen:
            problem = InputFileError("online.receipt_twice", file=name, receipt=receipt, first=seen[receipt])
            forms.append(ExportForm(_fallback_key(sha256, index), f"{name}（{record.render()}）", receipt, form,
                                    problem=problem))
            continue
        seen[receipt] = record
        forms.append(ExportForm(receipt_key(template.id, receipt), f"{name}（受付番号 {receipt}）", receipt, form,
                                attachments, zipped=files is not None))
    if not forms:
        raise InputFileError("online.no_records", file=name)
    return ExportFile(forms)
