"""The command line, the library's one face that prints: ``app`` (Typer) and ``main``.

One module per group of commands (``run`` for run/validate/demo, ``queue``, ``review``,
``template``, ``scenario``, ``schedule``, ``audit``, ``report``), the console they share in
``console``, and ``app`` joining them. Commands only parse, call the library, and print.

    from typer.testing import CliRunner
    from robots.cli import app
    CliRunner().invoke(app, ["validate", "scenarios/jidou-teate-nintei"])
"""

from robots.cli.app import app, main

__all__ = ["app", "main"]
