"""``check``: are a scenario's screens still what it says? Logs in to the target system, looks
for every label, button and selector of the entry and lookup steps without entering anything,
and lists what is missing. Exit codes: 0 all found, 1 something is missing, 2 refused (bad
files, the login failed)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, site_option
from shared.messages import t

__all__ = ["check_app"]

# Added to the root app without a name: ``robot_runner.py check SCENARIO --site SITE``.
check_app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


@check_app.command("check", help=t("cli.check.help"))
def check_command(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path = site_option(),
) -> None:
    from robots.web.screen_check import check_scenario

    results = check_scenario(scenario, site)  # an RpaError (bad files, failed login) exits 2
    screen = None
    for result in results:
        if result.screen != screen:
            screen = result.screen
            echo(t("check.screen", screen=screen))
        if result.status == "found":
            echo(t("check.found", step=result.step))
        elif result.status == "missing":
            echo(t("check.missing", step=result.step, reason=result.reason))
        else:
            echo(t("check.skipped", step=result.step, why=result.reason))
    found = sum(r.status == "found" for r in results)
    missing = sum(r.status == "missing" for r in results)
    echo(t("check.summary_missing", missing=missing, found=found) if missing else t("check.summary_ok", found=found))
    raise typer.Exit(1 if missing else 0)
