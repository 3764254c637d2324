"""``run``, ``validate`` and ``demo``: a scenario over the inbox, a check of its files, and
the sample scenario against the sample legacy system. Exit codes: 0 done, 1 something needs
a person (or validate found problems), 2 refused or stopped."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import typer

from robots.cli.console import console, echo, progress_bar, site_option
from shared.errors import ConfigError, RpaError
from shared.messages import t

__all__ = ["run_app"]

# Added to the root app without a name: its commands are top-level (``robot_runner.py run ...``).
run_app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


@run_app.command("run", help=t("cli.run.help"))
def run_command(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path = site_option(),
    limit: int | None = typer.Option(None, "--limit", min=1, help=t("cli.opt.run_limit")),
) -> None:
    from robots.cli.summary import ItemLines, print_summary
    from robots.run import RunResources, StopRequest, run_scenario, stop_on_signals

    stop = StopRequest()  # Ctrl-C / SIGTERM: finish the current step, then the summary
    with stop_on_signals(stop, say=echo), progress_bar() as update:
        lines = ItemLines(update, echo if not console.is_terminal else None)  # a log file, a pipe: a line per item
        try:
            summary = run_scenario(scenario, site, progress=lines.progress, on_outcome=lines.outcome, limit=limit,
                                   resources=RunResources(stop=stop))
        except ConfigError as exc:
            echo(str(exc))
            raise typer.Exit(2) from None
    print_summary(console, summary)
    raise typer.Exit(summary.exit_code)


@run_app.command("validate", help=t("cli.validate.help"))
def validate_command(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path | None = site_option(required=False),
) -> None:
    from connectors.ocr import engines
    from shared.config import validate_all
    from shared.config.advice import scenario_warnings

    try:
        loaded, _ = validate_all(scenario, site, ocr_engines=engines())
    except ConfigError as exc:
        echo(str(exc))
        raise typer.Exit(1) from None
    echo(t("cli.validate.ok", scenario=loaded.scenario.id, version=loaded.scenario.version))
    for warning in scenario_warnings(loaded):  # the scenario is usable; these are worth a look
        echo(str(warning))


@run_app.command("demo", help=t("cli.demo.help"))
def demo_command(
    folder: Path | None = typer.Option(None, "--dir", help=t("cli.opt.demo_dir")),
    present: bool = typer.Option(False, "--present", help=t("cli.opt.present")),
    step: bool = typer.Option(False, "--step", help=t("cli.opt.step")),
    step_login: bool = typer.Option(False, "--step-login", help=t("cli.opt.step_login")),
    slow_ms: int = typer.Option(500, "--slow-ms", min=0, max=10_000, help=t("cli.opt.slow_ms")),
    limit: int | None = typer.Option(None, "--limit", min=1, help=t("cli.opt.limit")),
    scenario: Path | None = typer.Option(None, "--scenario", help=t("cli.opt.demo_scenario")),
    reset: bool = typer.Option(False, "--reset", help=t("cli.opt.demo_reset")),
    with_errors: bool = typer.Option(False, "--with-errors", help=t("cli.opt.with_errors")),
) -> None:
    from robots.cli.summary import print_summary
    from robots.demo import ERROR_CASES, demo_inbox, demo_options, fresh_present_folder, reset_demo_folder, run_demo

    presenter, limit = demo_options(present or step, step, slow_ms, limit, step_login)
    if folder is None:  # a presentation gets a folder of its own: nothing of a rehearsal is left in it
        folder = fresh_present_folder() if presenter is not None else Path(".demo")
        if presenter is not None:
            echo(t("demo.fresh_folder", folder=str(folder)))
    try:
        if reset and reset_demo_folder(folder):
            echo(t("demo.reset_done", file=str(folder)))
        with progress_bar() if presenter is None else nullcontext(lambda done, total: None) as update:
            summary = run_demo(folder, say=console.print, progress=update, limit=limit, presenter=presenter,
                               scenario=scenario, with_errors=with_errors)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(2) from None
    print_summary(console, summary)
    site = folder / "site.yaml"
    if with_errors:
        echo(t("demo.errors_hint", inbox=str(demo_inbox(folder, scenario)), files="、".join(ERROR_CASES),
               site=str(site)))
    echo(t("demo.next_hint", site=str(site), run_id=summary.run_id,
           scenario=str(scenario) if scenario is not None else "scenarios/jidou-teate-nintei"))
    raise typer.Exit(0 if summary.fatal is None else 2)
