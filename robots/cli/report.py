"""The ``report`` commands: write a run's HTML report again, optionally with personal data
(only on the local machine, into the work folder, never into the shared output folder)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.errors import RpaError
from shared.messages import t

__all__ = ["report_app", "rebuild_report"]

report_app = group("cli.report.help")


def rebuild_report(scenario: Path, site: Path, run_id: str | None = None, show_personal_data: bool = False) -> Path:
    """Write the HTML report of run ``run_id`` (default: the latest) again; with personal
    data it goes to work/reports/ (owner-only), else to the output folder."""
    from robots.reports import render_report
    from robots.run import RunPaths, ledger_for
    from shared.config import validate_all
    from shared.errors import InputFileError

    loaded, profile = validate_all(scenario, site)
    assert profile is not None
    paths = RunPaths.of(profile, site)
    runs = sorted((paths.work / "reports").glob("run-*.json"))
    chosen = paths.work / "reports" / f"run-{run_id}.json" if run_id else (runs[-1] if runs else None)
    if chosen is None or not chosen.is_file():
        raise InputFileError("report.no_run", path=str(paths.work / "reports"))
    data = json.loads(chosen.read_text(encoding="utf-8"))
    with ledger_for(profile, paths) as ledger:
        html = render_report(loaded, paths.work, data, ledger.items(loaded.scenario.id), ledger.files(),
                             show_personal_data=show_personal_data)
    folder = paths.work / "reports" if show_personal_data else paths.output
    target = folder / f"{t('report.file_stem')}_{data['run_id']}{'_個人情報あり' if show_personal_data else ''}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    if show_personal_data:
        target.chmod(0o600)
    return target


@report_app.command("html", help=t("cli.report.html.help"))
def report_html(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path = site_option(),
    run_id: str | None = typer.Option(None, "--run", help=t("cli.opt.run_id")),
    show_personal_data: bool = typer.Option(False, "--show-personal-data", help=t("cli.opt.show_personal_data")),
) -> None:
    try:
        path = rebuild_report(scenario, site, run_id, show_personal_data)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(2) from None
    echo(t("report.written_to", path=str(path)))
