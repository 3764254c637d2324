"""robot_runner: the command line of the RPA library (Japanese by default, --lang en).

    python robot_runner.py run scenarios/jidou-teate-nintei --site site.yaml
    python robot_runner.py validate scenarios/jidou-teate-nintei --site site.yaml
    python robot_runner.py demo
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
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
# pretty_exceptions off: Typer's tracebacks print local variables, which may hold personal data.
app = typer.Typer(help=t("cli.help"), add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False)

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
    from robots.cli.summary import print_summary
    from robots.run.batch import run_scenario

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
    present: bool = typer.Option(False, "--present", help=t("cli.opt.present")),
    step: bool = typer.Option(False, "--step", help=t("cli.opt.step")),
    slow_ms: int = typer.Option(500, "--slow-ms", min=0, max=10_000, help=t("cli.opt.slow_ms")),
    limit: int | None = typer.Option(None, "--limit", min=1, help=t("cli.opt.limit")),
    scenario: Path | None = typer.Option(None, "--scenario", help=t("cli.opt.demo_scenario")),
) -> None:
    from robots.cli.summary import print_summary
    from robots.demo.presenting import demo_options
    from robots.demo.runner import run_demo

    presenter, limit = demo_options(present or step, step, slow_ms, limit)
    try:
        with progress_bar() if presenter is None else nullcontext(lambda done, total: None) as update:
            summary = run_demo(folder, console=console, progress=update, limit=limit, presenter=presenter,
                               scenario=scenario)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(2) from None
    print_summary(console, summary)
    raise typer.Exit(0 if summary.fatal is None else 2)


queue_app = typer.Typer(help=t("cli.queue.help"), no_args_is_help=True, rich_markup_mode=None,
                        pretty_exceptions_enable=False)
app.add_typer(queue_app, name="queue")
SiteOption = typer.Option(..., "--site", help=t("cli.opt.site"))


@queue_app.command("list", help=t("cli.queue.list.help"))
def queue_list(site: Path = SiteOption, state: str | None = typer.Option(None, "--state", help=t("cli.opt.state"))) -> None:
    from robots.run.queue_admin import open_queue, reason_text
    from shared.ledger import State

    with open_queue(site) as queue:
        items = queue.items(states=[State(state)] if state else None)
    if not items:
        echo(t("queue.empty"))
        return
    echo(t("queue.header"))
    for item in items:
        echo(f"{item.id}  {t('state.' + item.state.value)}  {item.source_name}  {item.receipt_no or '-'}  {reason_text(item)}")


@queue_app.command("show", help=t("cli.queue.show.help"))
def queue_show(item_id: int = typer.Argument(..., help=t("cli.arg.item_ids")), site: Path = SiteOption) -> None:
    from robots.run.queue_admin import open_queue, reason_text

    with open_queue(site) as queue:
        item = queue.get(item_id)
    for label, value in (("ID", item.id), (t("ledger.col.file"), item.source_name),
                         (t("ledger.col.state"), t("state." + item.state.value)),
                         (t("ledger.col.receipt"), item.receipt_no or "-"), (t("ledger.col.reason"), reason_text(item)),
                         (t("ledger.col.updated"), item.updated_at), (t("queue.attempts"), item.attempt)):
        echo(f"{label}: {value}")


@queue_app.command("retry", help=t("cli.queue.retry.help"))
def queue_retry(item_ids: list[int] = typer.Argument(..., help=t("cli.arg.item_ids")), site: Path = SiteOption,
                by: str | None = typer.Option(None, "--by", help=t("cli.opt.by"))) -> None:
    from robots.run.queue_admin import open_queue

    with open_queue(site) as queue:
        for item_id in item_ids:
            queue.retry(item_id, by)
            echo(t("queue.retried", item=item_id))


@queue_app.command("resolve", help=t("cli.queue.resolve.help"))
def queue_resolve(
    item_id: int = typer.Argument(..., help=t("cli.arg.item_ids")),
    site: Path = SiteOption,
    done: str | None = typer.Option(None, "--done", help=t("cli.opt.done")),
    abandon: bool = typer.Option(False, "--abandon", help=t("cli.opt.abandon")),
    why: str = typer.Option(..., "--why", help=t("cli.opt.why")),
    by: str | None = typer.Option(None, "--by", help=t("cli.opt.by")),
) -> None:
    from robots.run.queue_admin import open_queue

    with open_queue(site) as queue:
        item = queue.resolve(item_id, receipt=done, abandon=abandon, why=why, by=by)
    echo(t("queue.resolved", item=item_id, state=t("state." + item.state.value)))


review_app = typer.Typer(help=t("cli.review.help"), no_args_is_help=True, rich_markup_mode=None,
                         pretty_exceptions_enable=False)
app.add_typer(review_app, name="review")


@review_app.command("import", help=t("cli.review.import.help"))
def review_import(
    sheet: Path = typer.Argument(..., help=t("cli.arg.sheet")),
    scenario: Path = typer.Option(..., "--scenario", help=t("cli.arg.scenario")),
    site: Path = SiteOption,
    by: str | None = typer.Option(None, "--by", help=t("cli.opt.by")),
) -> None:
    from robots.reading.review_sheet import import_review_sheet
    from robots.run.queue_admin import current_user, open_queue
    from shared.config import load_scenario

    loaded = load_scenario(scenario)
    with open_queue(site) as queue:
        counts = import_review_sheet(sheet, loaded.scenario, queue.ledger, queue.audit, by or current_user(),
                                     item_key=queue.item_key())
    echo(t("review.imported", **counts))


template_app = typer.Typer(help=t("cli.template.help"), no_args_is_help=True, rich_markup_mode=None,
                           pretty_exceptions_enable=False)
app.add_typer(template_app, name="template")

from robots.cli.scenario import scenario_app  # noqa: E402

app.add_typer(scenario_app, name="scenario")

from robots.cli.audit import audit_app  # noqa: E402
from robots.cli.schedule import schedule_app, scheduler_app  # noqa: E402

app.add_typer(schedule_app, name="schedule")
app.add_typer(scheduler_app, name="scheduler")
app.add_typer(audit_app, name="audit")


@template_app.command("inspect", help=t("cli.template.inspect.help"))
def template_inspect(
    form: Path = typer.Argument(..., help=t("cli.arg.form")),
    scenario: Path = typer.Option(Path("scenarios/jidou-teate-nintei"), "--scenario", help=t("cli.arg.scenario")),
    out: Path = typer.Option(Path("."), "--out", help=t("cli.opt.out")),
) -> None:
    from robots.authoring.inspection import inspect_form
    from shared.config import load_scenario

    loaded = load_scenario(scenario)
    name = loaded.scenario.inputs[0].template
    for path in inspect_form(form, loaded.templates[name], loaded.folder, out):
        echo(t("template.inspect_written", path=str(path)))


from robots.cli.report import report_app  # noqa: E402
from robots.cli.template import template_new  # noqa: E402

app.add_typer(report_app, name="report")

template_app.command("new", help=t("cli.template.new.help"))(template_new)


def main() -> None:
    """Run the command line. An unexpected error prints only its kind (its text may hold
    values such as database parameters); set RPA_DEBUG=1 to see the traceback."""
    try:
        app()
    except RpaError as exc:
        echo(str(exc))
        sys.exit(2)
    except Exception as exc:
        if os.environ.get("RPA_DEBUG") == "1":
            raise
        echo(t("error.unexpected", kind=type(exc).__name__))
        sys.exit(3)


if __name__ == "__main__":
    main()
