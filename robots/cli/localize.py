"""Japanese for the command line's own words ("Usage:", section titles, --help).

Typer ships its own copy of Click with fixed English texts; the few that every ``--help``
shows are routed through the message catalog here, in the language current when the help
is printed, and so are the parse errors a person meets most: an unknown option or command
(with Click's own "did you mean"), a missing option or argument, extra arguments, an option
without its value, a value that is not a number or out of range, and the "Try --help" line.
Other parse errors stay English.
"""

from __future__ import annotations

import functools
import re
from typing import IO, Any

import typer.core
from typer._click.core import Command
from typer._click.exceptions import MissingParameter, NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter
from typer._click.utils import echo

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

    _localize_errors()


# Click's English parse errors, as (pattern, catalog key); ``detail`` is translated by _DETAILS
_MESSAGES = [
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"), "cli.error.extra_arguments"),
    (re.compile(r"Option (?P<name>'[^']+') requires an argument\."), "cli.error.needs_value"),
    (re.compile(r"Option (?P<name>'[^']+') does not take a value\."), "cli.error.takes_no_value"),
    (re.compile(r"Invalid value for (?P<name>'[^']+'): (?P<detail>.*)", re.S), "cli.error.invalid_value_for"),
    (re.compile(r"Invalid value: (?P<detail>.*)", re.S), "cli.error.invalid_value"),
]
_DETAILS = [
    (re.compile(r"Input should be a valid integer.*"), "cli.error.detail.integer"),
    (re.compile(r"Input should be less than or equal to (?P<limit>\S+?)\.?"), "cli.error.detail.at_most"),
    (re.compile(r"Input should be greater than or equal to (?P<limit>\S+?)\.?"), "cli.error.detail.at_least"),
]


def translated(message: str) -> str:
    """One of Click's English parse errors in the current language (others as they are)."""
    for pattern, key in _MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            params = found.groupdict()
            if "detail" in params:
                params["detail"] = _detail(params["detail"])
            return t(key, **params)
    return message


def _detail(text: str) -> str:
    for pattern, key in _DETAILS:
        found = pattern.fullmatch(text)
        if found:
            return t(key, **found.groupdict())
    return text


_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>'[^']*')\.?(?: Did you mean (?P<matches>.+)\?)?$")


def _localize_errors() -> None:
    def no_such_option(self: NoSuchOption) -> str:
        if not self.message.startswith("No such option: "):
            return self.message
        message = t("cli.error.no_such_option", name=self.message.removeprefix("No such option: "))
        if self.possibilities:
            message += t("cli.error.did_you_mean", names=t("config.quote_separator").join(sorted(self.possibilities)))
        return message

    NoSuchOption.format_message = no_such_option  # type: ignore[method-assign]

    missing_message = MissingParameter.format_message

    def missing(self: MissingParameter) -> str:
        english = missing_message(self)
        found = re.fullmatch(r"Missing (option|argument) (.+)\.", english)
        return t(f"cli.error.missing_{found.group(1)}", name=found.group(2)) if found else english

    MissingParameter.format_message = missing  # type: ignore[method-assign]

    def show(self: UsageError, file: IO[Any] | None = None) -> None:
        color = self.ctx.color if self.ctx is not None else None
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = t("cli.error.try_help", command=self.ctx.command_path, option=self.ctx.help_option_names[0]) + "\n"
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color, err=file is None)
        echo(t("cli.error.prefix", message=translated(self.format_message())), file=file, color=color, err=file is None)

    UsageError.show = show  # type: ignore[method-assign]

    resolve = typer.core.TyperGroup.resolve_command

    @functools.wraps(resolve)
    def resolve_command(self, ctx, args):
        try:
            return resolve(self, ctx, args)
        except UsageError as exc:
            found = _NO_SUCH_COMMAND.match(exc.message)
            if found:
                exc.message = t("cli.error.no_such_command", name=found["name"])
                if found["matches"]:
                    names = [m.strip("'") for m in found["matches"].split(", ")]
                    exc.message += t("cli.error.did_you_mean", names=t("config.quote_separator").join(names))
            raise

    typer.core.TyperGroup.resolve_command = resolve_command  # type: ignore[method-assign]
