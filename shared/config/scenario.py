"""Scenario format v1: a shareable description of one job. It holds nothing local —
no URLs, paths, user names or passwords (those live in the site profile)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from shared.config.base import Identifier, StrictModel
from shared.config.steps import Step

__all__ = ["FIELD_TYPE_NAMES", "NOTICE_NAMES", "FieldSpec", "InputSpec", "OutputSpec", "Scenario", "SessionExpiredSpec",
           "WebSpec"]

FieldType = Literal[
    "text", "name", "katakana", "number", "money", "digits", "date", "wareki_date", "my_number",
    "postal_code", "phone", "address", "choice", "checkbox",
]
FIELD_TYPE_NAMES: tuple[str, ...] = get_args(FieldType)


class InputSpec(StrictModel):
    """Which files to read and with which form template."""

    kind: Literal["pdf", "scan", "excel", "word", "xml", "json", "csv"] = Field(
        "pdf", description="pdf: digital or image-only PDFs; scan: images (PNG, JPEG, TIFF); "
        "excel: .xlsx/.xlsm forms or list workbooks (macros are never run); word: .docx forms; "
        "xml, json, csv: online applications' exports (alone, or in a .zip with their attachments), no OCR",
    )
    glob: str = Field(min_length=1, description="file pattern relative to the site's inbox folder, e.g. 'jidou-teate/*.pdf'")
    template: str = Field(min_length=1, description="template file relative to the scenario folder")

    @field_validator("glob", "template")
    @classmethod
    def _relative(cls, value: str) -> str:
        if value.startswith(("/", "\\")) or ":" in value or ".." in value.replace("\\", "/").split("/"):
            raise ValueError("config.scenario.path_not_relative")
        return value


class FieldSpec(StrictModel):
    """One field of the record."""

    label: str = Field(min_length=1, description="Japanese label shown to people (請求者氏名)")
    type: FieldType
    required: bool = False
    options: list[str] | dict[str, str] | None = Field(
        None, description="choice: allowed option texts, or option text -> code"
    )
    mask: bool = Field(False, description="personal data: never written to logs, audit, reports or screenshots")
    reading_of: Identifier | None = Field(
        None, description="katakana: the name field this is the furigana of; on a scan, a furigana that is a "
        "dictionary reading of the name confirms both",
    )
    postal_code_field: Identifier | None = Field(
        None, description="address: the postal_code field of the same address; on a scan, the town the code names "
        "(from the site's postal table) checks and corrects the start of the address",
    )

    @model_validator(mode="after")
    def _choice_has_options(self) -> FieldSpec:
        if self.type == "choice" and not self.options:
            raise ValueError("config.scenario.choice_needs_options")
        if self.reading_of is not None and self.type != "katakana":
            raise ValueError("config.scenario.reading_of_not_katakana")
        if self.postal_code_field is not None and self.type != "address":
            raise ValueError("config.scenario.postal_code_field_not_address")
        return self


class SessionExpiredSpec(StrictModel):
    """How the system shows an expired session: a text, an address, or both (either is enough).

    Checked only outside the login steps."""

    text: str | None = Field(None, min_length=1, description="text the system shows when the session has expired")
    url: str | None = Field(
        None, min_length=1, description="address of the page the system sends an expired session to: the path and "
        "query, * standing for any characters (e.g. '/login?timeout=*'); a full URL when it has ://",
    )

    @model_validator(mode="after")
    def _one_sign(self) -> SessionExpiredSpec:
        if self.text is None and self.url is None:
            raise ValueError("config.scenario.session_expired_empty")
        return self


class WebSpec(StrictModel):
    """Steps against one target system (named logically; the site profile gives its URL)."""

    system: Identifier
    error_area: str | None = Field(
        None, description="CSS selector of the area where the system shows validation errors (e.g. ul.errors)"
    )
    session_expired: str | SessionExpiredSpec | None = Field(
        None, description="how the system shows that the session has expired (the robot logs in again and redoes "
        "the item): a text it shows, or {text: ..., url: ...} when the address says it (e.g. url: '/login?timeout=*'). "
        "Not checked during the login steps. Without it too, reaching the page where the login steps fill in "
        "the login form (not /, and not a page the entry steps open) outside them is an expired session",
    )
    system_error: list[str] = Field(
        default_factory=list, description="texts of the system's error or maintenance pages (retried later)"
    )
    login: list[Step] = Field(default_factory=list, description="run once per browser session")
    entry: list[Step] = Field(min_length=1, description="run for each record; mark the final submit with final: true")
    lookup: list[Step] = Field(
        default_factory=list,
        description="check-before-create: search the system for the record; a read_text into receipt_no "
        "that finds something means the record is already there",
    )

    @property
    def session_expired_text(self) -> str | None:
        expired = self.session_expired
        return expired.text if isinstance(expired, SessionExpiredSpec) else expired

    @property
    def session_expired_url(self) -> str | None:
        expired = self.session_expired
        return expired.url if isinstance(expired, SessionExpiredSpec) else None


OutputState = Literal["new", "done", "read", "failed_business", "failed_application", "needs_review", "uncertain",
                      "abandoned"]
NOTICE_NAMES = ("receipt_no", "item_id", "today")
"""Names a notice or a notice file name may use besides the record's fields."""


class OutputSpec(StrictModel):
    """An output written after the run: an Excel ledger (appended, never rewritten), a Word
    notice per record from a .docx template, or a CSV export."""

    kind: Literal["excel_ledger", "word_notice", "csv"]
    file: str = Field(
        min_length=1,
        description="file name in the site's output folder; word_notice: a pattern such as "
        "'認定通知書_{{ receipt_no }}.docx' (only receipt_no, item_id and fields without mask)",
    )
    sheet: str = Field("台帳", description="excel_ledger: sheet name (sheet_per: none)")
    sheet_per: Literal["none", "month", "scenario"] = Field(
        "none", description="excel_ledger: one sheet in all (named by sheet), per month (2026年11月) or per scenario (its title)"
    )
    columns: list[str] | None = Field(
        None, description="record fields to add as columns (one column per field, headed by its label; two fields of "
        "one label are headed 'label（name）', and validate warns); fields with mask: true are masked unless listed in allow"
    )
    states: list[OutputState] | None = Field(
        None, description="states of the items written (ledger/csv default: done, read, failed_business, needs_review, "
        "abandoned; notice default: done, read). read: a record of a scenario without web, read and checked",
    )
    template: str | None = Field(None, description="word_notice: the .docx template, relative to the scenario folder")
    placeholders: list[str] = Field(
        default_factory=list,
        description="word_notice: names the template must contain as {{ name }}; checked by validate",
    )
    allow: list[str] = Field(
        default_factory=list,
        description="fields with mask: true that this output may hold in clear (default: masked)",
    )
    encoding: Literal["utf-8-sig", "cp932"] = Field(
        "utf-8-sig", description="csv: utf-8-sig (UTF-8 with BOM) or cp932 (what Excel in Japan opens by default). "
        "A character cp932 lacks is written as 〓U+XXXX in the robot's own texts (reasons); in a record field it "
        "leaves that row out, named in the run's output problems",
    )

    @field_validator("file")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if "/" in value or "\\" in value or ":" in value or value.startswith("."):
            raise ValueError("config.scenario.output_not_plain")
        return value

    @field_validator("template")
    @classmethod
    def _relative_template(cls, value: str | None) -> str | None:
        if value is not None and (value.startswith(("/", "\\")) or ":" in value or ".." in value.replace("\\", "/").split("/")):
            raise ValueError("config.scenario.path_not_relative")
        return value

    @model_validator(mode="after")
    def _notice_has_template(self) -> OutputSpec:
        if self.kind == "word_notice" and not self.template:
            raise ValueError("config.scenario.notice_needs_template")
        return self

    @property
    def written_states(self) -> list[str]:
        if self.states is not None:
            return list(self.states)
        if self.kind == "word_notice":
            return ["done", "read"]
        return ["done", "read", "failed_business", "needs_review", "abandoned"]


class Scenario(StrictModel):
    """A scenario file (scenario.yaml)."""

    schema_version: Literal[1] = Field(description="format version of this file")
    id: Identifier
    title: str = Field(min_length=1)
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="semantic version, e.g. 1.0.0")
    author: str = Field(min_length=1)
    description: str = ""
    inputs: list[InputSpec] = Field(min_length=1)
    fields: dict[Identifier, FieldSpec] = Field(min_length=1)
    key: list[str] = Field(min_length=1, description="fields that identify a record (hashed, never stored in clear)")
    web: WebSpec | None = Field(
        None, description="steps against a target system; without it the scenario only reads: each checked record "
        "ends read and goes to the outputs",
    )
    outputs: list[OutputSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _names_exist(self) -> Scenario:
        unknown = [k for k in self.key if k not in self.fields]
        for output in self.outputs:
            unknown += [c for c in [*(output.columns or []), *output.allow] if c not in self.fields]
            unknown += [c for c in output.placeholders if c not in self.fields and c not in NOTICE_NAMES]
        unknown += [s.reading_of for s in self.fields.values()
                    if s.reading_of is not None and self.fields.get(s.reading_of, s).type != "name"]
        unknown += [s.postal_code_field for s in self.fields.values() if s.postal_code_field is not None
                    and self.fields.get(s.postal_code_field, s).type != "postal_code"]
        if unknown:
            raise ValueError(f"config.scenario.unknown_field:{','.join(unknown)}")
        return self
