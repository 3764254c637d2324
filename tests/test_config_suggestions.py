"""A mistyped step kind, key, field type, option or field name is answered with the closest
valid value ("did you mean"), and the sentence is Japanese throughout (no English list such as
``'text', ... or 'checkbox'`` inside it); English with --lang en."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import SCENARIO_DIR

from shared.config import Scenario, validate_all
from shared.config.suggest import allowed_keys, allowed_values, closest, literal_choices
from shared.errors import ConfigError
from shared.messages import set_language

# (what, file, text in the file, its replacement, key of the problem, the suggestion)
CASES = [
    ("step kind", "scenario.yaml", "    - click: ログイン", "    - klick: ログイン", "web.login.3.klick", "click"),
    ("step kind in a frame", "scenario.yaml", "          - click: 認定請求 登録", "          - clik: 認定請求 登録",
     "web.entry.1.in_frame.steps.0.clik", "click"),
    ("field type", "scenario.yaml", "label: 請求日\n    type: wareki_date\n", "label: 請求日\n    type: wareki_dat\n",
     "fields.request_date.type", "wareki_date"),
    ("field type, upper case", "scenario.yaml", "label: 支店名\n    type: text\n", "label: 支店名\n    type: Text\n",
     "fields.branch_name.type", "text"),
    ("key of a field", "scenario.yaml", "label: 請求日\n    type: wareki_date\n    required: true\n",
     "label: 請求日\n    type: wareki_date\n    requird: true\n", "fields.request_date.requird", "required"),
    ("option of a step", "scenario.yaml", "label: 口座番号\n        value:", "lable: 口座番号\n        value:",
     "web.entry.21.fill.lable", "label"),
    ("option value of a step", "scenario.yaml", "state: filled\n", "state: filed\n", "web.entry.13.wait_for.state", "filled"),
    ("option of a click (a model beside a text)", "scenario.yaml", "- click: 住所検索", "- click: {text: 住所検索, rol: button}",
     "web.entry.12.click", "role"),
    ("input kind", "scenario.yaml", "  - kind: pdf ", "  - kind: pfd ", "inputs.0.kind", "pdf"),
    ("output key", "scenario.yaml", "    sheet_per: none", "    sheet_pre: none", "outputs.0.sheet_pre", "sheet_per"),
    ("field in record.x", "scenario.yaml", "{{ record.claimant_kana }}", "{{ record.claimant_kanna }}",
     "web.entry.4.fill", "record.claimant_kana"),
    ("name of a variable", "scenario.yaml", "{{ record.phone }}", "{{ recrd.phone }}", "web.entry.16.fill", "record"),
    ("field in key", "scenario.yaml", "key: [my_number]", "key: [my_numbr]", "(root)", "my_number"),
    ("template field", "template.yaml", "  bank_name:\n    page: 1", "  bank_nam:\n    page: 1", "fields.bank_nam", "bank_name"),
    ("template read", "template.yaml", "read: checkbox\n", "read: chekbox\n", "fields.consent.read", "checkbox"),
    ("template key", "template.yaml", "blank_form: forms/blank.pdf", "blank_from: forms/blank.pdf", "blank_from", "blank_form"),
    ("field type in min_confidence", "template.yaml", "blank_form: forms/blank.pdf",
     "blank_form: forms/blank.pdf\nmin_confidence: {wareki_dat: 0.95}", "min_confidence", "wareki_date"),
]


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def steps_apart(key: str) -> str:
    """A problem's key without its list positions (whether steps count from 0 or 1 is not the point here)."""
    return re.sub(r"\.\d+(?=\.|$)|\[\d+\]", ".N", key)


def problems_of(folder: Path) -> list:
    with pytest.raises(ConfigError) as caught:
        validate_all(folder, None)
    return caught.value.problems


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_the_closest_valid_value_is_suggested_in_japanese(tmp_path, case):
    _, file, old, new, key, suggestion = case
    folder = broken_copy(tmp_path, file, old, new)
    found = [p for p in problems_of(folder) if steps_apart(p.key).startswith(steps_apart(key)) and "のことですか" in p.message]
    assert found, [str(p) for p in problems_of(folder)]
    message = found[0].message
    assert f"「{suggestion}」のことですか？" in message
    assert not re.search(r"'|\bor\b|, ", message), message  # no English list inside the Japanese sentence


@pytest.mark.parametrize("case", [CASES[0], CASES[2], CASES[10]], ids=lambda c: c[0])
def test_the_suggestion_in_english(tmp_path, case):
    _, file, old, new, key, suggestion = case
    folder = broken_copy(tmp_path, file, old, new)
    result = cli("--lang", "en", "validate", folder)
    assert result.exit_code == 1
    assert f"Did you mean '{suggestion}'?" in result.output


def test_the_literal_list_is_joined_in_japanese(tmp_path):
    folder = broken_copy(tmp_path, *CASES[2][1:4])
    [problem] = [p for p in problems_of(folder) if p.key == "fields.request_date.type"]
    assert problem.message.startswith("「wareki_date」のことですか？ 次のいずれかを指定してください: text、name、")
    assert problem.message.endswith("、choice、checkbox")
    result = cli("--lang", "en", "validate", folder)
    assert "Expected one of: text, name, katakana" in result.output and " or " not in result.output


def test_far_off_words_get_no_suggestion(tmp_path):
    folder = broken_copy(tmp_path, "scenario.yaml", "    - click: ログイン", "    - xyzzy: ログイン")
    [problem] = [p for p in problems_of(folder) if steps_apart(p.key) == "web.login.N.xyzzy"]
    assert "のことですか" not in problem.message
    assert problem.message.startswith("不明なキーです。")


def test_the_wrong_value_itself_is_not_echoed(tmp_path):
    """A value in the wrong place may be personal data: the message names valid values only."""
    folder = broken_copy(tmp_path, "scenario.yaml", "label: 請求日\n    type: wareki_date\n", "label: 請求日\n    type: 山田太郎\n")
    [problem] = [p for p in problems_of(folder) if p.key == "fields.request_date.type"]
    assert "山田太郎" not in str(problem)


@pytest.mark.parametrize(("word", "choices", "expected"), [
    ("klick", ["open", "fill", "click"], "click"),
    ("CLICK", ["click"], "click"),
    ("wareki_dat", ["date", "wareki_date"], "wareki_date"),
    ("zzz", ["open", "fill"], None),
    ("", ["open"], None),
    ("open", ["open"], None),  # the same word is no suggestion
])
def test_closest(word, choices, expected):
    assert closest(word, choices) == expected


def test_allowed_values_come_from_the_models():
    set_language(None)
    assert "wareki_date" in allowed_values(Scenario, ("fields", "x", "type"))
    assert allowed_values(Scenario, ("web", "entry", 3, "click", "function-after[_one_target(), ClickArgs]", "role")) == (
        "button", "link", "any")
    assert {"click", "fill", "when", "final"} <= set(allowed_keys(Scenario, ("web", "login", 0)))
    assert "label" in allowed_keys(Scenario, ("web", "entry", 2, "check", "CheckArgs"))
    assert literal_choices("'text', 'name' or 'checkbox'") == ("text", "name", "checkbox")
