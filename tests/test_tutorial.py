"""docs/tutorial.md, followed step by step: every command it shows is run in order (and each
YAML block it says to add is added), ending with records in the sample legacy system."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from cli_runner import cli

from robots.demo.runner import REPO
from samples.legacy_app import fetch_records

pytestmark = pytest.mark.slow

TUTORIAL = REPO / "docs" / "tutorial.md"
BLOCK = re.compile(r"(?:<!-- tutorial: append (?P<target>\S+) -->\n)?```(?P<lang>sh|yaml)\n(?P<body>.*?)```", re.S)


def tutorial_steps() -> list[tuple[str, str, str | None]]:
    """(kind, text, target): 'run' a command line, or 'append' a YAML block to target."""
    steps = []
    for match in BLOCK.finditer(TUTORIAL.read_text(encoding="utf-8")):
        if match["lang"] == "sh":
            steps += [("run", line, None) for line in match["body"].splitlines() if line.strip() and not line.startswith("#")]
        elif match["target"]:
            steps.append(("append", match["body"], match["target"]))
    return steps


def test_tutorial_shows_the_whole_path():
    commands = " ".join(text for kind, text, _ in tutorial_steps() if kind == "run")
    for needed in ("template new", "validate", "scenario test", "demo --present"):
        assert needed in commands


def test_tutorial_followed_step_by_step_ends_with_records_in_the_legacy_system(tmp_path: Path, monkeypatch):
    for name in ("samples", "scenarios"):  # the user works in the repository folder
        (tmp_path / name).symlink_to(REPO / name)
    monkeypatch.chdir(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):  # no display: headless
        monkeypatch.delenv(name, raising=False)
    ran = []
    for kind, text, target in tutorial_steps():
        if kind == "append":
            with (tmp_path / target).open("a", encoding="utf-8") as file:  # type: ignore[operator]
                file.write(text)
            continue
        argv = shlex.split(text)
        assert argv[:2] == ["python", "robot_runner.py"], text
        result = cli(*argv[2:])  # the command line in-process, in the tutorial's folder
        assert result.exit_code == 0, f"{text}\n{result.output}"
        ran.append((text, result.stdout))
    assert len(ran) >= 6
    demo_output = ran[-1][1]
    assert "登録済み: 1 件" in demo_output and "受付番号 JT-" in demo_output
    records = fetch_records(tmp_path / "tutorial" / "demo" / "legacy" / "legacy.sqlite3")
    assert len(records) == 1 and records[0]["receipt_no"].startswith("JT-")
    assert list((tmp_path / "tutorial" / "demo" / "work" / "videos").rglob("*.webm"))
