"""Site settings for running robots unattended: the office calendar, each target system's
operating hours and maintenance windows, the scheduler, operational logs, the audit trail
and notifications (``operations:`` in site.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from shared.config.base import Identifier, StrictModel

__all__ = [
    "AuditSettings", "CalendarSettings", "LogSettings", "MaintenanceWindow", "NotifySettings", "OperationsSettings",
    "SchedulerSettings", "SmtpSettings", "SystemHours", "WeeklyWindow",
]

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class CalendarSettings(StrictModel):
    """Days the office is closed besides weekends, national holidays and 12/29–1/3."""

    closing_days: list[dt.date] = Field(default_factory=list, description="extra closing days, e.g. 2026-08-14")


class MaintenanceWindow(StrictModel):
    """A one-off maintenance window of a target system (Japan time)."""

    start: dt.datetime = Field(description="e.g. 2026-11-28T18:00")
    end: dt.datetime
    note: str | None = Field(None, description="what the window is for (shown in messages)")


class WeeklyWindow(StrictModel):
    """A maintenance window that comes back every week (Japan time)."""

    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    start: dt.time
    end: dt.time = Field(description="may be earlier than start: the window then ends the next day")


class SystemHours(StrictModel):
    """When a target system may be used."""

    open: dt.time = Field(dt.time(0, 0), description="opens at, e.g. 08:00 (Japan time)")
    close: dt.time | None = Field(None, description="closes at, e.g. 20:00 (none: open until midnight)")
    business_days_only: bool = Field(False, description="the system is closed on days the office is closed")
    maintenance: list[MaintenanceWindow] = Field(default_factory=list)
    weekly_maintenance: list[WeeklyWindow] = Field(default_factory=list)
    stop_before_minutes: float = Field(
        10.0, ge=0, le=600, description="stop taking new items this long before the system closes or goes into maintenance"
    )


class SchedulerSettings(StrictModel):
    """The scheduler of this site."""

    scenarios: str = Field("scenarios", description="folder of scenario folders (relative to the site profile)")
    misfire_grace_seconds: int = Field(
        900, ge=1, le=86400, description="a fire missed (computer off, scheduler stopped) still runs if this late"
    )
    coalesce: bool = Field(True, description="several missed fires of one schedule run once")


class LogSettings(StrictModel):
    """Operational logs (JSON lines, one file per process)."""

    rotation: str = Field("10 MB", description="start a new file at this size or interval, e.g. '10 MB', '1 day'")
    retention: str = Field("90 days", description="delete rotated files older than this, e.g. '90 days' or '30 files'")
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("retention")
    @classmethod
    def _retention(cls, value: str) -> str:
        number = value.split()[0] if value.split() else ""
        if not number.isdigit():
            raise ValueError("retention: '90 days' or '30 files'")
        return value


class AuditSettings(StrictModel):
    """The audit trail: retention and the checkpoint signing key."""

    retention_days: int | None = Field(
        None, ge=30, description="records older than this are moved to a verified archive file (none: keep all)"
    )
    signing_key: Identifier | None = Field(
        None, description="name in `secrets` of the Ed25519 key that signs checkpoints (audit keygen makes one)"
    )
    public_key: str | None = Field(None, description="hex public key to check checkpoints with (printed by audit keygen)")
    public_key_file: str | None = Field(
        None, description="file holding the hex public key to check checkpoints with (the auditor's copy written by "
                          "audit keygen; relative to the site profile); wins over public_key"
    )
    checkpoints: str = Field("audit-checkpoints", description="folder for signed checkpoints (relative to the site profile)")


class SmtpSettings(StrictModel):
    """An SMTP server for notices."""

    host: str
    port: int = Field(25, ge=1, le=65535)
    starttls: bool = False
    username: Identifier | None = Field(None, description="name in `secrets` of the SMTP user")
    password: Identifier | None = Field(None, description="name in `secrets` of the SMTP password")
    sender: str = Field(description="From address, e.g. rpa@city.example.lg.jp")
    to: list[str] = Field(min_length=1, description="who gets the notices")
    timeout_seconds: float = Field(30.0, gt=0, le=600)


class NotifySettings(StrictModel):
    """Where a run's summary goes when it ends with failures or uncertain items."""

    smtp: SmtpSettings | None = None
    always: bool = Field(False, description="send a notice after every run, not only after runs with problems")


class OperationsSettings(StrictModel):
    """Running robots unattended."""

    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    hours: dict[Identifier, SystemHours] = Field(default_factory=dict, description="system name -> operating hours")
    scheduler: SchedulerSettings = Field(default_factory=SchedulerSettings)
    logs: LogSettings = Field(default_factory=LogSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
