"""``doctor``: a checklist of what this PC has and lacks (``robots.doctor``). Exit codes: 0 all
that is required is present (warnings may remain), 1 something required is missing, 2 refused
(the site profile could not be read)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, site_option
from shared.messages import t

__all__ = ["doctor_app"]

# Added to the root app without a name: ``robot-runner doctor [--site SITE]``.
doctor_app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


@doctor_app.command("doctor", help=t("cli.doctor.help"))
def doctor_command(site: Path | None = site_option(required=False)) -> None:
    from robots.doctor import Probe, run_checks

    findings = run_checks(Probe.for_site(site))  # a site profile that cannot be read exits 2
    echo(t("doctor.title"))
    for item, finding in findings:
        echo(t("doctor.line", status=t(f"doctor.status.{finding.status}"), item=t(item), detail=finding.detail.render()))
        if finding.fix is not None and finding.status in ("missing", "warning"):
            echo(t("doctor.fix_line", fix=finding.fix.render()))
    missing = sum(finding.status == "missing" for _, finding in findings)
    warnings = sum(finding.status == "warning" for _, finding in findings)
    echo(t("doctor.summary_missing", missing=missing) if missing else t("doctor.summary_ok", warnings=warnings))
    raise typer.Exit(1 if missing else 0)
