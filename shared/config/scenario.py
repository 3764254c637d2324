"""Scenario format v1: a shareable description of one job. It holds nothing local —
no URLs, paths, user names or passwords (those live in the site profile)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from shared.config.base import Identifier, StrictModel
from shared.config.steps import Step

__all__ = ["FIELD_TYPE_NAMES", "FieldSpec", "InputSpec", "OutputSpec", "Scenario", "WebSpec"]

FieldType = Literal[
    "text", "name", "katakana", "number", "money", "digits", "date", "wareki_date", "my_number",
    "postal_code", "phone", "address", "choice", "checkbox",
]
FIELD_TYPE_NAMES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]


class InputSpec(StrictModel):
    """Which files to read and with which form template."""

    kind: Literal["pdf", "scan"] = Field(
        "pdf", description="pdf: digital or image-only PDFs; scan: images (PNG, JPEG, TIFF)"
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

    @model_validator(mode="after")
    def _choice_has_options(self) -> "FieldSpec":
        if self.type == "choice" and not self.options:
            raise ValueError("config.scenario.choice_needs_options")
        return self


class WebSpec(StrictModel):
    """Steps against one target system (named logically; the site profile gives its URL)."""

    system: Identifier
    error_area: str | None = Field(
        None, description="CSS selector of the area where the system shows validation errors (e.g. ul.errors)"
    )
    session_expired: str | None = Field(
        None, description="text the system shows when the session has expired (the robot logs in again)"
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


class OutputSpec(StrictModel):
    """An output written after the run."""

    kind: Literal["excel_ledger"]
    file: str = Field(min_length=1, description="file name in the site's output folder")
    sheet: str = "台帳"
    columns: list[str] | None = Field(
        None, description="record fields to add as columns; fields with mask: true are never written"
    )

    @field_validator("file")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if "/" in value or "\\" in value or ":" in value or value.startswith("."):
            raise ValueError("config.scenario.output_not_plain")
        return value


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
    web: WebSpec | None = None
    outputs: list[OutputSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _names_exist(self) -> "Scenario":
        unknown = [k for k in self.key if k not in self.fields]
        for output in self.outputs:
            unknown += [c for c in output.columns or [] if c not in self.fields]
        if unknown:
            raise ValueError(f"config.scenario.unknown_field:{','.join(unknown)}")
        return self
