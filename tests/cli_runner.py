"""The command line in-process, the way Typer tests its apps (``CliRunner``): a command runs
in the test's own process, so no fresh Python is started for it. Tests about processes (a
crash, a lock held by another process, the real entry point) start ``robot_runner.py``.

    result = cli("queue", "list", "--site", site)
    assert result.exit_code == 0 and "未処理" in result.stdout
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from robots.cli import app

__all__ = ["cli"]


def cli(*args: str | Path, input: str | None = None) -> Result:
    """``python robot_runner.py ARGS`` in-process: the exit code and the output are the
    program's (an error that stops a command exits 2 or 3 as in the real process)."""
    return CliRunner().invoke(app, [str(arg) for arg in args], input=input, prog_name="robot_runner.py")
