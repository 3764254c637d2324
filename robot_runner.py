"""robot_runner: the command line of the RPA library (Japanese by default, --lang en).

    python robot_runner.py run scenarios/jidou-teate-nintei --site site.yaml
    python robot_runner.py validate scenarios/jidou-teate-nintei --site site.yaml
    python robot_runner.py demo

The commands live in robots/cli; this file only decides the language and starts them.
"""

from __future__ import annotations

import os
import sys

__all__ = ["main"]


def language_from_argv(argv: list[str]) -> str | None:
    """The value of ``--lang`` in a command line (``--lang en`` or ``--lang=en``), if any."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """Run the command line. The language is decided before robots.cli is imported, because
    help texts are rendered when the commands are defined. An RpaError prints its message
    (exit 2); an unexpected error prints only its kind (exit 3), its traceback with RPA_DEBUG=1."""
    if (lang := language_from_argv(sys.argv)) in ("ja", "en"):
        os.environ["RPA_LANG"] = lang
    from robots.cli import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
