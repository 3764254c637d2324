"""The command line as one Typer app: the root command (``--lang``) and one group of
commands per module, joined with ``add_typer``.

Help texts are rendered when the command modules are imported, in the language of that
moment: ``robot_runner`` sets ``RPA_LANG`` from ``--lang`` before importing this package.

Exit codes: 0 done; 1 something needs a person; 2 refused or stopped (an ``RpaError`` prints
its message); 3 an unexpected error (only its kind is printed: its text may hold values such
as database parameters; ``RPA_DEBUG=1`` shows the traceback instead).
"""

from __future__ import annotations

import contextvars
import errno
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.core import Context
from typer.core import TyperGroup

from robots.cli.audit import audit_app
from robots.cli.bundle import bundle_app
from robots.cli.check import check_app
from robots.cli.console import echo
from robots.cli.doctor import doctor_app
from robots.cli.ledger import ledger_app
from robots.cli.localize import localize_cli
from robots.cli.queue import queue_app
from robots.cli.report import report_app
from robots.cli.review import review_app
from robots.cli.run import run_app
from robots.cli.scenario import scenario_app
from robots.cli.schedule import schedule_app, scheduler_app
from robots.cli.template import template_app
from shared.errors import RpaError
from shared.messages import LANGUAGES, set_language, t

__all__ = ["app", "exit_code_for", "main"]

# Typer's own way of stopping (exit codes, usage errors, Ctrl+D, a closed pipe) is left to Typer.
_TYPER_STOPS = (typer.Exit, typer.Abort, typer.TyperException, EOFError)


def exit_code_for(exc: Exception) -> int:
    """Print what a person may see of ``exc``, which stopped a command, and return the exit code:
    an ``RpaError``'s message (2), or only the kind of anything else (3)."""
    if isinstance(exc, RpaError):
        echo(str(exc))
        return 2
    echo(t("error.unexpected", kind=type(exc).__name__))
    return 3


def _debugging(exc: Exception) -> bool:
    return not isinstance(exc, RpaError) and os.environ.get("RPA_DEBUG") == "1"


class _Root(TyperGroup):
    """The root command. Each invocation runs in a copy of the context, so the language
    ``--lang`` sets ends with it (tests invoke the app many times in one process), and an
    error that stops a command becomes its exit code here, as ``main`` would make it."""

    def invoke(self, ctx: Context) -> Any:
        return contextvars.copy_context().run(self._invoke_reporting, ctx)

    def _invoke_reporting(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except _TYPER_STOPS:
            raise
        except Exception as exc:
            if _debugging(exc) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
                raise
            raise typer.Exit(exit_code_for(exc)) from None


localize_cli()

app = typer.Typer(cls=_Root, help=t("cli.help"), add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False)


@app.callback()
def _choose_language(lang: str | None = typer.Option(None, "--lang", help=t("cli.opt.lang"))) -> None:
    if lang is not None and lang not in LANGUAGES:
        raise typer.BadParameter(" / ".join(LANGUAGES))
    set_language(lang)


app.add_typer(run_app)  # run, validate, demo
app.add_typer(check_app)  # check
app.add_typer(doctor_app)  # doctor
app.add_typer(bundle_app)  # bundle
app.add_typer(queue_app, name="queue")
app.add_typer(review_app, name="review")
app.add_typer(template_app, name="template")
app.add_typer(scenario_app, name="scenario")
app.add_typer(schedule_app, name="schedule")
app.add_typer(scheduler_app, name="scheduler")
app.add_typer(audit_app, name="audit")
app.add_typer(report_app, name="report")
app.add_typer(ledger_app, name="ledger")


def main(args: Sequence[str] | None = None) -> None:
    """Run the command line on ``args`` (default: ``sys.argv[1:]``) and exit with its code.

    Operational logs go to the run's log file (``shared.logs.setup_logging``), not to the
    terminal: loguru's own handler would print them in English between the command's lines."""
    from shared.logs import logger

    logger.remove()
    try:
        app(args)
    except Exception as exc:
        if _debugging(exc):
            raise
        sys.exit(exit_code_for(exc))
