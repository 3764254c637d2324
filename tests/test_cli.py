"""The command line speaks Japanese by default and English with --lang en."""

from __future__ import annotations

import subprocess
import sys

import pytest

from robots.demo.runner import REPO


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


def test_run_refuses_a_bad_scenario_with_its_location(tmp_path):
    import shutil

    folder = tmp_path / "scenario"
    shutil.copytree(REPO / "scenarios" / "jidou-teate-nintei", folder)
    path = folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - click: ログイン", "    - press: ログイン"), encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text("schema_version: 1\nname: x\nallowed_hosts: [127.0.0.1]\nsystems:\n  kikan:\n"
                    "    base_url: http://127.0.0.1:9/\nsecrets:\n  legacy_user: env:U\n  legacy_password: env:P\n",
                    encoding="utf-8")
    result = cli("run", str(folder), "--site", str(site))
    assert result.returncode == 2
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "press:" in text)
    assert f"scenario.yaml:{line}:" in result.stdout and "不明なキー" in result.stdout
