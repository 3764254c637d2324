"""Japanese for the command line's own words ("Usage:", section titles, --help).

Typer ships its own copy of Click with fixed English texts; the few that every ``--help``
shows are routed through the message catalog here, in the language current when the help
is printed. (Click's parse-error texts stay English.)
"""

from __future__ import annotations

import functools

import typer.core
from typer._click.core import Command
from typer._click.formatting import HelpFormatter

from shared.messages import t

__all__ = ["localize_cli"]

_SECTIONS = {"Arguments": "cli.section.arguments", "Options": "cli.section.options", "Commands": "cli.section.commands"}


def localize_cli() -> None:
    """Install the translations (idempotent)."""
    if getattr(HelpFormatter.write_usage, "_localized", False):
        return
    typer.core._ = lambda message: t(_SECTIONS[message]) if message in _SECTIONS else message

    write_usage = HelpFormatter.write_usage

    @functools.wraps(write_usage)
    def localized_usage(self: HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, t("cli.usage") + " " if prefix is None else prefix)

    localized_usage._localized = True  # type: ignore[attr-defined]
    HelpFormatter.write_usage = localized_usage  # type: ignore[method-assign]

    get_help_option = Command.get_help_option

    @functools.wraps(get_help_option)
    def localized_help_option(self: Command, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = t("cli.help_option")
        return option

    Command.get_help_option = localized_help_option  # type: ignore[method-assign]
