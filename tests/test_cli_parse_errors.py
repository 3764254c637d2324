"""The command line's own errors a person meets most (a mistyped option or command, a missing
option or argument) are Japanese, with Click's "did you mean" as 「…」のことですか？; English
with --lang en."""

from __future__ import annotations

import pytest
from cli_runner import cli


@pytest.mark.parametrize(("args", "shown"), [
    (("validate", "scenarios/jidou-teate-nintei", "--sit", "x"), "エラー: オプション --sit はありません。「--site」のことですか？"),
    (("scenario", "tset", "x"), "エラー: コマンド 'tset' はありません。「test」のことですか？"),
    (("queue", "list"), "エラー: オプション '--site' を指定してください。"),
    (("scenario", "rename-field", "old"), "エラー: 引数 'new' を指定してください。"),
])
def test_parse_errors_in_japanese(args, shown):
    result = cli(*args)
    assert result.exit_code == 2
    assert shown in result.output
    assert "説明は 'robot_runner.py " in result.output and "Error:" not in result.output and "Try '" not in result.output


def test_parse_errors_in_english(monkeypatch):
    monkeypatch.setenv("RPA_LANG", "en")  # robot_runner decides --lang before the command line is parsed
    result = cli("validate", "scenarios/jidou-teate-nintei", "--sit", "x")
    assert result.exit_code == 2
    assert "Error: No such option: --sit. Did you mean '--site'?" in result.output
    assert "Try 'robot_runner.py validate --help' for help." in result.output
