"""The command line speaks Japanese by default and English with --lang en."""

from __future__ import annotations

import subprocess
import sys

import pytest

from robots.demo import REPO


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "robot_runner.py", *args], cwd=REPO, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["validate", "--help"], ["demo", "--help"]])
def test_help_is_japanese(args):
    result = cli(*args)
    assert result.returncode == 0
    assert "使い方:" in result.stdout and "この説明を表示して終了します。" in result.stdout
    assert "Show this message" not in result.stdout


def test_help_in_english_with_lang_en():
    result = cli("--lang", "en", "run", "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout and "Run a scenario" in result.stdout


def test_console_entry_point_is_declared():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'robot-runner = "robot_runner:main"' in text
