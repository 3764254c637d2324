"""robot_runner: the command line of the RPA library (Japanese by default, --lang en).

    python robot_runner.py run scenarios/jidou-teate-nintei --site site.yaml
    python robot_runner.py validate scenarios/jidou-teate-nintei --site site.yaml
    python robot_runner.py demo
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def _language_from_argv(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# Help texts are built when commands are defined, so the language is decided first.
if (_lang := _language_from_argv(sys.argv)) in ("ja", "en"):
    os.environ["RPA_LANG"] = _lang

from shared.errors import ConfigError, RpaError  # noqa: E402
from shared.messages import set_language, t  # noqa: E402
from shared.messages.cli import localize_cli  # noqa: E402

localize_cli()

console = Console(highlight=False)
app = typer.Typer(help=t("cli.help"), add_completion=False, no_args_is_help=True, rich_markup_mode=None)

def echo(text: str) -> None:
    """Print plain text: no markup, no wrapping inside paths and sentences."""
    console.print(text, soft_wrap=True, markup=False, highlight=False)


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A progress bar of items done / total; yields the function that moves it."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(t("cli.progress"), total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


LangOption = typer.Option(None, "--lang", help=t("cli.opt.lang"))


@app.callback()
def _main(lang: str = LangOption) -> None:
    if lang is not None and lang not in ("ja", "en"):
        raise typer.BadParameter("ja / en")
    set_language(lang)


@app.command("run", help=t("cli.run.help"))
def run_command(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path = typer.Option(..., "--site", help=t("cli.opt.site")),
) -> None:
    from robots.batch import run_scenario
    from robots.report import print_summary

    with progress_bar() as update:
        try:
            summary = run_scenario(scenario, site, progress=update)
        except ConfigError as exc:
            echo(str(exc))
            raise typer.Exit(2) from None
    print_summary(console, summary)
    raise typer.Exit(summary.exit_code)


@app.command("validate", help=t("cli.validate.help"))
def validate_command(
    scenario: Path = typer.Argument(..., help=t("cli.arg.scenario")),
    site: Path | None = typer.Option(None, "--site", help=t("cli.opt.site")),
) -> None:
    from shared.config import validate_all

    try:
        loaded, _ = validate_all(scenario, site)
    except ConfigError as exc:
        echo(str(exc))
        raise typer.Exit(1) from None
    echo(t("cli.validate.ok", scenario=loaded.scenario.id, version=loaded.scenario.version))


@app.command("demo", help=t("cli.demo.help"))
def demo_command(
    folder: Path = typer.Option(Path(".demo"), "--dir", help=t("cli.opt.demo_dir")),
) -> None:
    from robots.demo import run_demo
    from robots.report import print_summary

    try:
        with progress_bar() as update:
            summary = run_demo(folder, console=console, progress=update)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(2) from None
    print_summary(console, summary)
    raise typer.Exit(0 if summary.fatal is None else 2)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
