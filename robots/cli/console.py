"""What every command shares: the console it prints to, plain ``echo``, tables, the progress
bar, the sub-app factory and the ``--site`` option. Nothing outside ``robots/cli`` prints.

Nothing printed is cut at the console's width (80 columns in a small terminal, and when the
output is not a terminal): a line of ``echo`` is left whole for the terminal to wrap (a path
stays one piece to copy), and a table's cells fold onto more lines instead of ending in "…"."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from shared.messages import t

__all__ = ["console", "echo", "group", "progress_bar", "site_option", "table"]

console = Console(highlight=False)


def echo(text: str) -> None:
    """Print plain text: no markup, no wrapping inside paths and sentences."""
    console.print(text, soft_wrap=True, markup=False, highlight=False)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, out: Console | None = None) -> None:
    """Print rows under headers, each cell wrapped within the console's width, never cut."""
    columns = [Column(header, overflow="fold") for header in headers]
    grid = Table(*columns, show_lines=False)
    for row in rows:
        grid.add_row(*row)
    (out or console).print(grid, markup=False, highlight=False)


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A progress bar of items done / total; yields the function that moves it."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(t("cli.progress"), total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def group(help_key: str) -> typer.Typer:
    """A group of commands (``queue``, ``audit``, ...) whose help is message ``help_key``.

    Help texts are rendered when the commands are defined, in the language of that moment
    (``robot_runner`` decides it from ``--lang`` first). Typer's pretty tracebacks stay off:
    they print local variables, which may hold personal data.
    """
    return typer.Typer(help=t(help_key), no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False)


def site_option(*, required: bool = True) -> Any:
    """The ``--site`` option (the site profile, site.yaml); required unless told otherwise."""
    return typer.Option(... if required else None, "--site", help=t("cli.opt.site"))
