"""What a template says about a structured export (XML, JSON, CSV from an application-management
system): where the form id, its version, the receipt number and the attachments are. Part of the
form template format; the readers are in ``robots/reading/online``."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from shared.config.base import StrictModel

__all__ = ["AttachmentRead", "AttachmentsSpec", "ExportSpec", "FormIdCheck", "VersionCheck", "version_tuple"]

_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){0,3}$")


def version_tuple(text: str) -> tuple[int, ...] | None:
    """``'1.2'`` -> ``(1, 2)`` (trailing zeros dropped, so 1.0 == 1); None when not a version."""
    text = text.strip()
    if not _VERSION.fullmatch(text):
        return None
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


class FormIdCheck(StrictModel):
    """Where the export names its form (様式ID, 手続ID) and the id this template maps."""

    path: str = Field(min_length=1, description="XPath (xml), JSON Pointer (json) or column title (csv) of the id")
    value: str = Field(min_length=1, description="the id this template is for; a file with another id is refused")


class VersionCheck(StrictModel):
    """Where the export states its form version (様式バージョン) and the versions this template maps."""

    path: str = Field(min_length=1, description="XPath (xml), JSON Pointer (json) or column title (csv) of the version")
    accepted: list[str] = Field(
        min_length=1, description="versions this template maps (e.g. ['1.0', '1.1']); a newer one is refused, since "
        "its elements may have moved",
    )

    @field_validator("accepted")
    @classmethod
    def _versions(cls, values: list[str]) -> list[str]:
        wrong = [v for v in values if version_tuple(v) is None]
        if wrong:
            raise ValueError(f"config.export.version_format:{','.join(wrong)}")
        return values


class AttachmentRead(StrictModel):
    """An attached form read through another template of the scenario (a PDF form or a scan):
    the values the export lacks are taken from that reading, and a value both give must agree
    (else the item goes to a person, naming the attachment and the field)."""

    name: str = Field(min_length=1, description="the attachment's file name as the export lists it, or a pattern "
                      "such as '*.pdf' or '認定請求書*' (the first attachment it matches is read)")
    template: str = Field(min_length=1, description="a template file of the scenario (format pdf: a digital form "
                          "or a scan), as its inputs name it, e.g. template.yaml")
    fields: list[str] | None = Field(None, min_length=1, description="the fields taken from the attachment and "
                                     "compared (default: every field the template binds)")
    required: bool = Field(True, description="an application without an attachment of this name is refused "
                           "(false: its values then come from the export alone)")


class AttachmentsSpec(StrictModel):
    """Where the export lists its attachments: one entry per file, with its name (and its hash
    when the export gives one)."""

    path: str = Field(min_length=1, description="XPath of each attachment element (xml) or JSON Pointer of the "
                      "array of attachments (json), relative to the record")
    name: str = Field(min_length=1, description="the file name, relative to each entry (XPath such as "
                      "'ファイル名' or JSON Pointer such as '/ファイル名'; '' or '.' when the entry is the name)")
    sha256: str | None = Field(None, min_length=1, description="the SHA-256 the export gives, relative to each entry")
    read: list[AttachmentRead] = Field(default_factory=list, description="attached forms read through another "
                                       "template of the scenario (zips only)")


class ExportSpec(StrictModel):
    """A structured export: where each record is and how it names itself.

    ``fingerprint.form_id`` and ``fingerprint.version`` say which form it is; ``receipt`` is the
    application's number (受付番号): one work item per number, the same number twice is refused."""

    namespaces: dict[str, str] = Field(
        default_factory=dict, description="xml: prefix -> namespace URI, for the prefixes the paths use"
    )
    records: str | None = Field(
        None, description="xml: XPath of each record element; json: JSON Pointer of the array of records; "
        "default: the whole document is one record (csv: each row is one)",
    )
    receipt: str = Field(min_length=1, description="the receipt number (受付番号) of the application, relative to the record")
    attachments: AttachmentsSpec | None = None
    encoding: Literal["utf-8", "utf-8-sig", "cp932", "shift_jis"] = Field(
        "utf-8", description="csv: the encoding the system writes (xml says its own in its declaration; json is UTF-8)"
    )
    max_bytes: int = Field(20_000_000, ge=1, le=200_000_000, description="largest export file read, in bytes")
