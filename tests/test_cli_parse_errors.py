"""The command line's own errors a person meets most (a mistyped option or command, a missing
option or argument, extra arguments, an option without its value, a number that is not one or
out of range) are Japanese, with Click's "did you mean" as 「…」のことですか？; English
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


# (command line, Japanese, English): the rarer parse errors, through the catalog in both languages
RARER = [
    (("validate", "a", "b", "c"), "エラー: 余分な引数があります（b c）。", "Error: Got unexpected extra argument(s) (b c)."),
    (("validate", "scenarios/jidou-teate-nintei", "--site"), "エラー: オプション '--site' の後に値を書いてください。",
     "Error: Option '--site' requires an argument."),
    (("demo", "--slow-ms", "abc"), "エラー: '--slow-ms' の値が正しくありません。整数を指定してください。",
     "Error: Invalid value for '--slow-ms': Input should be a valid integer."),
    (("demo", "--slow-ms", "99999"), "エラー: '--slow-ms' の値が正しくありません。10000 以下の数を指定してください。",
     "Error: Invalid value for '--slow-ms': Input should be less than or equal to 10000."),
    (("demo", "--limit", "0"), "エラー: '--limit' の値が正しくありません。1 以上の数を指定してください。",
     "Error: Invalid value for '--limit': Input should be greater than or equal to 1."),
]


@pytest.mark.parametrize(("args", "japanese", "english"), RARER, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_rarer_parse_errors_in_japanese(args, japanese, english):
    result = cli(*args)
    assert result.exit_code == 2
    assert japanese in result.output, result.output
    assert "Error:" not in result.output and "Invalid value" not in result.output and "Input should" not in result.output


@pytest.mark.parametrize(("args", "japanese", "english"), RARER, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_rarer_parse_errors_in_english(monkeypatch, args, japanese, english):
    monkeypatch.setenv("RPA_LANG", "en")
    result = cli(*args)
    assert result.exit_code == 2
    assert english in result.output, result.output


@pytest.mark.parametrize(("message", "expected"), [
    ("Got unexpected extra argument (b)", "余分な引数があります（b）。"),
    ("Got unexpected extra arguments (b c)", "余分な引数があります（b c）。"),
    ("Option '--site' does not take a value.", "オプション '--site' には値を書きません。"),
    ("Invalid value for '--from': 日付を 2026-04-01 のように書いてください。",
     "'--from' の値が正しくありません。日付を 2026-04-01 のように書いてください。"),  # a detail already ours stays
    ("Invalid value: ja / en", "値が正しくありません（ja / en）。"),
    ("Something Click says rarely", "Something Click says rarely"),  # left as it is
])
def test_translated(message, expected):
    from robots.cli.localize import translated
    from shared.messages import set_language

    set_language("ja")
    try:
        assert translated(message) == expected
    finally:
        set_language(None)
