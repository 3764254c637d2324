"""The ``report`` commands: write a run's HTML report again, optionally with personal data
(only on the local machine, into the work folder, never into the shared output folder)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.errors import RpaError
from shared.messages import t

__all__ = ["report_app"]

report_app = group("cli.report.help")


@report_app.command("html", help=t("cli.report.html.help"))
def report_html(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path = site_option(),
    run_id: str | None = typer.Option(None, "--run", help=t("cli.opt.run_id")),
    show_personal_data: bool = typer.Option(False, "--show-personal-data", help=t("cli.opt.show_personal_data")),
) -> None:
    from robots.reports import rebuild_report, site_runs

    try:
        path = rebuild_report(scenario, site, run_id, show_personal_data)
        runs = site_runs(site)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(2) from None
    echo(t("report.written_to", path=str(path)))
    chosen = run_id or (runs[-1][0] if runs else None)
    if any(run == chosen and not count for run, count in runs):  # e.g. a run after the demo, which had nothing new
        echo(t("report.run_without_items", run_id=chosen, runs="、".join([run for run, count in runs if count][-5:]) or "-"))
