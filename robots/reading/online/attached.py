"""An application's attached form (an attached PDF claim or its scan) read through another template
of the scenario, and its values joined with the export's: what the export lacks is taken from the
attachment, what both give must agree. A disagreement is never settled here: the field is kept
as the export gives it and flagged, so the item goes to a person (要確認) naming the attachment.

    record = read_attached(form, template, templates, stored, read, file="egov-003.zip")
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from robots.reading.online.export import Attachment, ExportForm
from robots.reading.pdf_form import FormRecord
from robots.reading.scan.reader import ScanRecord
from shared.config.export import AttachmentRead
from shared.config.template import FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue
from shared.messages import Msg

__all__ = ["DISAGREES", "attachment_for", "join_values", "read_attached"]

DISAGREES = "online.attachment_disagrees"
ReadForm = Callable[[Path, FormTemplate], FormRecord]


def attachment_for(read: AttachmentRead, attachments: Iterable[Attachment]) -> Attachment | None:
    """The first attachment named ``read.name`` (or matching it as a pattern, ignoring case)."""
    listed = list(attachments)
    exact = next((a for a in listed if a.name == read.name), None)
    if exact is not None:
        return exact
    return next((a for a in listed if fnmatch.fnmatch(a.name.lower(), read.name.lower())), None)


def _empty(value: FieldValue | None) -> bool:
    return value is None or (value.value in (None, "") and not (value.original or "").strip())


def _flagged(value: FieldValue, attachment: str) -> FieldValue:
    """A field taken from the attachment that its reading doubts: named as from the attachment."""
    return value.explained("online.attachment_doubtful", attachment=attachment)


def join_values(export: FormRecord, attached: FormRecord, names: Iterable[str], attachment: str) -> FormRecord:
    """``export``'s fields, with each of ``names`` the export leaves empty taken from
    ``attached`` (unless the attachment gives nothing for a field the export validly leaves
    empty); a field both give differently is kept as the export gives it, flagged
    ``online.attachment_disagrees``. A scan's crops come along for the review sheet."""
    fields = dict(export.fields)
    flagged = False
    for name in names:
        ours, theirs = fields.get(name), attached.fields.get(name)
        if theirs is None:
            continue
        if _empty(ours):
            if ours is not None and ours.ok and _empty(theirs):
                continue  # an optional field both leave empty (a page not scanned gives nothing): nothing to doubt
            fields[name] = _flagged(theirs, attachment)
            flagged = flagged or not theirs.ok
        elif ours is not None and ours.ok and theirs.ok and not _empty(theirs) and ours.json_value() != theirs.json_value():
            fields[name] = FieldValue(ours.original, ours.value, "invalid", DISAGREES, {"attachment": attachment})
            flagged = True
    if not flagged and not isinstance(attached, ScanRecord):
        return FormRecord(export.source, export.template_id, fields)
    crops = attached.crops if isinstance(attached, ScanRecord) else {}
    return ScanRecord(export.source, export.template_id, fields, crops={k: v for k, v in crops.items() if k in fields})


def read_attached(form: ExportForm, template: FormTemplate, templates: Mapping[str, FormTemplate],
                  stored: Mapping[str, Path], read: ReadForm, *, file: str) -> FormRecord:
    """``form``'s record joined with each attached form ``template`` reads
    (``export.attachments.read``), each read by ``read`` from its archived copy (``stored``:
    name → path). A missing attachment or one that is not a readable form of its template
    raises ``InputFileError`` naming the export ``file``, the attachment and what to do. An
    export that did not come in a zip (it only names its attachments) is read alone."""
    spec = template.export.attachments if template.export else None
    record = form.record
    for wanted in spec.read if spec and form.zipped else []:
        found = attachment_for(wanted, form.attachments)
        if found is None or found.name not in stored:
            if wanted.required:
                raise InputFileError("online.attachment_absent", file=file, receipt=form.receipt or "-",
                                     attachment=wanted.name)
            continue
        other = templates[wanted.template]
        try:
            reading = read(stored[found.name], other)
        except InputFileError as exc:
            reason = Msg(exc.key, **{**exc.params, "file": found.name})
            raise InputFileError("online.attachment_unreadable", file=file, receipt=form.receipt or "-",
                                 attachment=found.name, template=other.title, reason=reason) from None
        names = wanted.fields or [name for name in other.fields if name in record.fields]
        record = join_values(record, reading, names, found.name)
    return record
