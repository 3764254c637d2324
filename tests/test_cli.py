"""The command line speaks Japanese by default and English with --lang en; an error that
stops a command exits 2 with its message, an unexpected one 3 with only its kind."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from cli_runner import cli

from robots.demo.runner import REPO
from shared.messages import get_language


def real_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "robot_runner.py", *args], cwd=REPO, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_the_real_entry_point_speaks_japanese_and_english_with_lang_en():
    result = real_process("--help")  # help texts are made at import: only a fresh process shows --lang
    assert result.returncode == 0
    assert "使い方:" in result.stdout and "この説明を表示して終了します。" in result.stdout
    assert "Show this message" not in result.stdout
    result = real_process("--lang", "en", "run", "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout and "Run a scenario" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["validate", "--help"], ["demo", "--help"]])
def test_help_is_japanese(args):
    result = cli(*args)
    assert result.exit_code == 0
    assert "使い方:" in result.stdout and "この説明を表示して終了します。" in result.stdout
    assert "Show this message" not in result.stdout


def test_console_entry_point_is_declared():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'robot-runner = "robot_runner:main"' in text


def test_run_refuses_a_bad_scenario_with_its_location(tmp_path):
    folder = tmp_path / "scenario"
    shutil.copytree(REPO / "scenarios" / "jidou-teate-nintei", folder)
    path = folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - click: ログイン", "    - press: ログイン"), encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text("schema_version: 1\nname: x\nallowed_hosts: [127.0.0.1]\nsystems:\n  kikan:\n"
                    "    base_url: http://127.0.0.1:9/\nsecrets:\n  legacy_user: env:U\n  legacy_password: env:P\n",
                    encoding="utf-8")
    result = cli("run", folder, "--site", site)
    assert result.exit_code == 2
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "press:" in text)
    assert f"scenario.yaml:{line}:" in result.stdout and "不明なキー" in result.stdout


def test_lang_en_ends_with_the_command():
    english = cli("--lang", "en", "validate", REPO / "no-such-folder")
    assert english.exit_code == 1 and "problem(s) found" in english.stdout
    assert get_language() == "ja"  # nothing English leaks into what runs after it in this process
    assert "件の問題があります" in cli("validate", REPO / "no-such-folder").stdout


def test_errors_that_stop_a_command_become_exit_codes(monkeypatch):
    import shared.config
    from shared.errors import InputFileError

    def refused(*_args, **_kwargs):
        raise InputFileError("report.no_run", path="申請書.pdf")

    monkeypatch.setattr(shared.config, "validate_all", refused)
    result = cli("--lang", "en", "validate", REPO / "scenarios" / "jidou-teate-nintei")
    assert result.exit_code == 2 and "No run is recorded in 申請書.pdf" in result.stdout  # in the language chosen

    def broken(*_args, **_kwargs):
        raise KeyError("postgresql://rpa:s3cret@db/ledger")

    monkeypatch.setattr(shared.config, "validate_all", broken)
    result = cli("validate", REPO / "scenarios" / "jidou-teate-nintei")
    assert result.exit_code == 3 and "KeyError" in result.stdout and "s3cret" not in result.output
    monkeypatch.setenv("RPA_DEBUG", "1")
    result = cli("validate", REPO / "scenarios" / "jidou-teate-nintei")
    assert isinstance(result.exception, KeyError)  # the traceback is shown, not hidden
