"""validate refuses bad scenarios and site profiles with file:line:column, the key and a
Japanese sentence (English with --lang en)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SCENARIO_DIR
from typer.testing import CliRunner

from robots.cli import app
from shared.config import load_yaml, validate_all
from shared.config.schema import SCHEMAS, schema_text
from shared.errors import ConfigError

runner = CliRunner()

SITE = """\
schema_version: 1
name: test-city
allowed_hosts: [127.0.0.1]
systems:
  kikan:
    base_url: http://127.0.0.1:9/
secrets:
  legacy_user: env:LEGACY_USER
  legacy_password: env:LEGACY_PASSWORD
"""


def copy_scenario(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder)
    if replace:
        path = folder / "scenario.yaml"
        text = path.read_text(encoding="utf-8")
        assert replace[0] in text
        path.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return folder


def line_of(path: Path, needle: str | tuple[str, int]) -> int:
    """The first line holding ``needle``; ``(needle, -2)`` is two lines above it (a step's first line)."""
    needle, offset = (needle, 0) if isinstance(needle, str) else needle
    return offset + next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def problems(folder: Path, site: Path | None = None) -> list:
    with pytest.raises(ConfigError) as caught:
        validate_all(folder, site)
    return caught.value.problems


CASES = [
    # (description, original text, replacement, the line to point at, key fragment, message fragment)
    ("typo'd key", "    glob: \"jidou", "    glop: \"jidou", "glop:", "inputs[1].glop", "不明なキー"),
    ("wrong type", "required: true\n    mask: true\n  claimant_kana", "required: yes-please\n    mask: true\n  claimant_kana",
     "yes-please", "fields.claimant_name.required", "true または false"),
    ("unknown step kind", "    - click: ログイン", "    - klick: ログイン", "klick:", "web.login[4].klick", "不明なキー"),
    ("inline password", 'value: "{{ secret.legacy_password }}"\n        secret: true', 'value: "hunter2"\n        secret: true',
     "hunter2", "web.login[3].fill.value", "パスワード等をシナリオに直接書くことはできません"),
    ("unknown field in template", "{{ record.claimant_kana }}", "{{ record.claimant_kanna }}", "claimant_kanna",  # the value's line
     "web.entry", "record.claimant_kanna"),
    ("bad era filter target", "field-types", "field-types", None, None, None),
    ("reading_of on a name", "mask: true\n  claimant_kana", "mask: true\n    reading_of: child1_name\n  claimant_kana",
     "  claimant_name:", "fields.claimant_name", "katakana 型の項目にだけ"),
    ("postal_code_field on a phone", "label: 電話番号\n    type: phone\n    required: true\n    mask: true\n",
     "label: 電話番号\n    type: phone\n    required: true\n    mask: true\n    postal_code_field: postal_code\n",
     "  phone:", "fields.phone", "address 型の項目にだけ"),
]


@pytest.mark.parametrize("case", [c for c in CASES if c[3]], ids=lambda c: c[0])
def test_scenario_problems_point_at_file_line_column(tmp_path, case):
    _, old, new, needle, key, message = case
    folder = copy_scenario(tmp_path, (old, new))
    found = problems(folder)
    scenario_file = folder / "scenario.yaml"
    match = [p for p in found if p.key.startswith(key)]
    assert match, [str(p) for p in found]
    problem = match[0]
    assert problem.file == str(scenario_file)
    assert problem.line == line_of(scenario_file, needle)
    assert problem.column >= 1
    assert message in problem.message
    assert re.match(rf"^{re.escape(str(scenario_file))}:\d+:\d+: ", str(problem))


def test_inline_secret_in_site_profile_is_refused(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(SITE.replace("env:LEGACY_PASSWORD", "hunter2"), encoding="utf-8")
    found = problems(SCENARIO_DIR, site)
    assert any(p.key == "secrets.legacy_password" and p.line == 9 and "秘密情報をそのまま書くことはできません" in p.message for p in found)
    assert all("hunter2" not in str(p) for p in found)


def test_site_profile_typo_and_missing_system(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(SITE.replace("base_url:", "base_uri:"), encoding="utf-8")
    found = problems(SCENARIO_DIR, site)
    keys = {p.key for p in found}
    assert "systems.kikan.base_uri" in keys and "systems.kikan.base_url" in keys


def test_reading_of_must_name_a_name_field(tmp_path):
    folder = copy_scenario(tmp_path, ("reading_of: claimant_name\n", "reading_of: birth_date\n"))
    assert any("birth_date" in p.message for p in problems(folder))


def test_site_postal_table_must_be_readable(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGACY_USER", "robot")  # the site's secrets resolve: only the table is wrong
    monkeypatch.setenv("LEGACY_PASSWORD", "pw")
    site = tmp_path / "site.yaml"
    site.write_text(SITE + "ocr:\n  postal_table: KEN_ALL.CSV\n", encoding="utf-8")
    found = problems(SCENARIO_DIR, site)
    assert [(p.key, p.line) for p in found] == [("ocr.postal_table", 11)]
    assert "KEN_ALL.CSV" in found[0].message and "郵便番号表" in found[0].message
    (tmp_path / "KEN_ALL.CSV").write_bytes(
        '13101,"100  ","1000001","ﾄｳｷｮｳﾄ","ﾁﾖﾀﾞｸ","ﾁﾖﾀﾞ","東京都","千代田区","千代田",0,0,0,0,0,0\r\n'.encode("cp932"))
    validate_all(SCENARIO_DIR, site)


def test_scenario_system_must_exist_in_site(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(SITE.replace("  kikan:", "  other:"), encoding="utf-8")
    found = problems(SCENARIO_DIR, site)
    assert any(p.key == "web.system" and "kikan" in p.message for p in found)


def test_yaml_syntax_error_and_duplicate_keys(tmp_path):
    broken = tmp_path / "a.yaml"
    broken.write_text("a: 1\nb: [1, 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_yaml(broken)
    assert caught.value.problems[0].line >= 2
    duplicate = tmp_path / "b.yaml"
    duplicate.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_yaml(duplicate)
    assert (caught.value.problems[0].line, caught.value.problems[0].key) == (3, "a")


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 9)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_yaml(bomb)
    assert "多すぎます" in caught.value.problems[0].message


def test_python_tags_are_not_constructed(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text("a: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_yaml(evil)


def test_validate_command_exit_codes_and_languages(tmp_path):
    folder = copy_scenario(tmp_path, ("    glob: \"jidou", "    glop: \"jidou"))
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "不明なキー" in result.output and "scenario.yaml:" in result.output
    result = runner.invoke(app, ["--lang", "en", "validate", str(folder)])
    assert result.exit_code == 1
    assert "Unknown key" in result.output
    result = runner.invoke(app, ["validate", str(SCENARIO_DIR)])
    assert result.exit_code == 0, result.output
    assert "問題はありません" in result.output


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_json_schemas_match_the_models(name):
    committed = (SCENARIO_DIR.parent / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run: make schema"
