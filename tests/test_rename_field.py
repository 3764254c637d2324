"""``scenario rename-field OLD NEW``: one command renames a field in the scenario, its
templates, the steps' ``{{ record.OLD }}`` and every expected sample, keeping the YAML's
comments and style; it refuses (in Japanese, changing nothing) a name that exists or is unknown."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import SCENARIO_DIR

from robots.authoring.rename_field import apply_rename, plan_rename
from shared.config import load_scenario
from shared.config.loader import template_texts
from shared.config.steps import walk_steps
from shared.errors import RpaError
from shared.templating import TemplateRenderError, referenced_names, renamed_reads


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "jidou-teate-nintei"
    shutil.copytree(SCENARIO_DIR, folder)
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def record_reads(folder: Path) -> set[str]:
    web = load_scenario(folder).scenario.web
    assert web is not None
    return {attribute for part in (web.login, web.entry, web.lookup) for _, step in walk_steps(part)
            for text, expression in template_texts(step)
            for variable, attribute in referenced_names(text, expression=expression) if variable == "record"}


def test_the_sample_scenario_renamed_everywhere_still_passes_its_tests(tmp_path):
    folder = copy_sample(tmp_path)
    before = files_of(folder)
    result = cli("scenario", "rename-field", "claimant_name", "applicant_name", "--scenario", folder)
    assert result.exit_code == 0, result.output
    assert "項目「claimant_name」を「applicant_name」に変更しました" in result.output
    old_lines = before["scenario.yaml"].decode().splitlines()
    fill = next(i for i, line in enumerate(old_lines, 1) if '"{{ record.claimant_name }}"' in line)
    assert f"scenario.yaml:{fill}: {{{{ record.claimant_name }}}} → {{{{ record.applicant_name }}}}" in result.output
    loaded = load_scenario(folder)  # the notice's {{ claimant_name }} was renamed too: validate passes
    assert "applicant_name" in loaded.scenario.fields and "claimant_name" not in loaded.scenario.fields
    assert all("applicant_name" in t.fields and "claimant_name" not in t.fields for t in loaded.templates.values())
    assert loaded.scenario.fields["claimant_kana"].reading_of == "applicant_name"
    assert "applicant_name" in record_reads(folder) and "claimant_name" not in record_reads(folder)
    for sample in sorted((folder / "samples").glob("*.expected.json")):
        record = json.loads(sample.read_text(encoding="utf-8"))
        assert "claimant_name" not in record and list(record)[2] == "applicant_name"  # same place in the file
    after = files_of(folder)
    assert sorted(name for name in after if after[name] != before[name]) == [
        "notice.docx", "samples/sample-1.expected.json", "samples/sample-2.expected.json",
        "samples/sample-3.expected.json", "scenario.yaml", "template-api-json.yaml", "template-csv.yaml",
        "template-egov-xml.yaml", "template-excel.yaml", "template-list.yaml", "template-word.yaml", "template.yaml"]
    new_lines = after["scenario.yaml"].decode().splitlines()
    assert len(old_lines) == len(new_lines)
    named = [i for i, line in enumerate(old_lines) if "claimant_name" in line.split("#")[0]]
    assert [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == named
    for i in named:  # the name changed, and nothing else (a value padded into a column stays in it)
        renamed = old_lines[i].replace("claimant_name", "applicant_name")
        assert new_lines[i] in (renamed, re.sub(r"^(\s*applicant_name:) ", r"\1", renamed))
    assert [line for line in old_lines if "#" in line] == [line for line in new_lines if "#" in line]  # comments kept
    commented = next(i for i, line in enumerate(old_lines, 1) if "claimant_name" in line.partition("#")[2])
    assert f"{commented} 行目に、まだ「claimant_name」" in result.output  # the comment that names it is pointed at
    tested = cli("scenario", "test", folder)
    assert tested.exit_code == 0 and "合格 3 件 / 不合格 0 件" in tested.output


def test_dry_run_writes_nothing(tmp_path):
    folder = copy_sample(tmp_path)
    before = files_of(folder)
    result = cli("scenario", "rename-field", "bank_name", "bank", "--scenario", folder, "--dry-run")
    assert result.exit_code == 0 and "--dry-run のため、何も書き込んでいません" in result.output
    line = next(i for i, text in enumerate((folder / "scenario.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("bank_name:"))
    assert f"scenario.yaml:{line}: bank_name → bank" in result.output
    assert files_of(folder) == before


@pytest.mark.parametrize(("old", "new", "message"), [
    ("claimant_name", "claimant_kana", "項目名「claimant_kana」はすでに使われています"),
    ("claimant_name", "town", "項目名「town」はすでに使われています"),  # a read_text into
    ("claimant_name", "receipt_no", "項目名「receipt_no」はすでに使われています"),
    ("claimant_nam", "applicant_name", "項目「claimant_nam」はシナリオの fields にありません。「claimant_name」のことですか？"),
    ("nothing_like_it", "x", "項目「nothing_like_it」はシナリオの fields にありません。何も変更していません。"),
    ("claimant_name", "Applicant", "新しい項目名「Applicant」は使えません"),
    ("claimant_name", "applicant-name", "record.applicant-name と書けない名前です"),
])
def test_refusals_are_japanese_and_change_nothing(tmp_path, old, new, message):
    folder = copy_sample(tmp_path)
    before = files_of(folder)
    result = cli("scenario", "rename-field", old, new, "--scenario", folder)
    assert result.exit_code == 2
    assert message in result.output and "何も変更していません" in result.output
    assert files_of(folder) == before


def test_a_name_already_in_an_expected_sample_is_refused(tmp_path):
    folder = copy_sample(tmp_path)
    sample = folder / "samples" / "sample-2.expected.json"
    sample.write_text(sample.read_text(encoding="utf-8").replace('"consent"', '"applicant"'), encoding="utf-8")
    before = files_of(folder)
    with pytest.raises(RpaError) as caught:
        plan_rename(folder, "claimant_name", "applicant")
    assert caught.value.key == "rename.exists_in" and "samples/sample-2.expected.json" in str(caught.value)
    assert files_of(folder) == before


# --- the YAML as written: styles, quoting, comments, line endings -------------------------------

TEMPLATE = """\
schema_version: 1
id: small-form
title: 小さな様式
fingerprint: {{keywords: [小さな様式]}}
fields:
{fields}
"""

SCENARIO = """\
# 小さなシナリオ
schema_version: 1
id: small
title: 小さなシナリオ
version: 1.0.0
author: テスト市
inputs:
  - {{kind: pdf, glob: "*.pdf", template: template.yaml}}
fields:
{fields}
key: [{key}]
web:
  system: kikan
  entry:
{steps}
"""


def small(tmp_path: Path, fields: str, steps: str, template_fields: str, key: str = "name") -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "scenario.yaml").write_bytes(SCENARIO.format(fields=fields, key=key, steps=steps).encode())
    (folder / "template.yaml").write_bytes(TEMPLATE.format(fields=template_fields).encode())
    return folder


BLOCK_FIELDS = "  name:\n    label: 氏名\n    type: name   # 氏名\n  kana:\n    label: フリガナ\n    type: katakana\n    reading_of: name\n"
FLOW_FIELDS = "  name:     {label: 氏名, type: name}\n  kana:     {label: フリガナ, type: katakana, reading_of: \"name\"}\n"
TEMPLATE_BLOCK = "  name:\n    box: [1, 2, 3, 4]\n  kana:\n    box: [1, 5, 3, 8]\n"

STYLES = [
    ("block", BLOCK_FIELDS,
     "    - fill:\n        label: 氏名\n        value: \"{{ record.name }}\"   # 氏名を入れる\n",
     "    - fill:\n        label: 氏名\n        value: \"{{ record.full_name }}\"   # 氏名を入れる\n"),
    ("flow, single quotes", FLOW_FIELDS,
     "    - {fill: {label: 氏名, value: '{{ record.name }}'}}\n",
     "    - {fill: {label: 氏名, value: '{{ record.full_name }}'}}\n"),
    ("plain scalar and when", FLOW_FIELDS,
     "    - when: record.name and record.kana\n      check: x{{ record.name }}\n",
     "    - when: record.full_name and record.kana\n      check: x{{ record.full_name }}\n"),
    ("subscript, filter argument", FLOW_FIELDS,
     "    - fill: {label: 氏名, value: \"{{ record['name'] | replace(record.name, record.kana) }}\"}\n",
     "    - fill: {label: 氏名, value: \"{{ record['full_name'] | replace(record.full_name, record.kana) }}\"}\n"),
    ("plain text and string literals stay", FLOW_FIELDS,
     "    - fill: {label: record.name, value: \"record.name {{ 'record.name' }} {{ record.name }}\"}\n",
     "    - fill: {label: record.name, value: \"record.name {{ 'record.name' }} {{ record.full_name }}\"}\n"),
    ("a longer name that starts the same stays", FLOW_FIELDS + "  name2:    {label: 別名, type: text}\n",
     "    - fill: {label: 氏名, value: \"{{ record.name2 }}{{ record.name }}\"}\n",
     "    - fill: {label: 氏名, value: \"{{ record.name2 }}{{ record.full_name }}\"}\n"),
    ("read_text into", FLOW_FIELDS,
     "    - read_text: {label: 氏名, into: name}\n",
     "    - read_text: {label: 氏名, into: full_name}\n"),
]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s[0])
def test_each_yaml_style_is_kept(tmp_path, style):
    name, fields, steps, renamed_steps = style
    template = TEMPLATE_BLOCK + ("  name2: {box: [1, 9, 3, 12]}\n" if "name2" in fields else "")
    folder = small(tmp_path, fields, steps, template)
    original = (folder / "scenario.yaml").read_text(encoding="utf-8")
    plan = plan_rename(folder, "name", "full_name")
    apply_rename(plan)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    assert renamed_steps in text
    assert text.count("#") == original.count("#")
    assert "key: [full_name]" in text
    assert "full_name:" in (folder / "template.yaml").read_text(encoding="utf-8")
    if fields.startswith(FLOW_FIELDS):
        assert "  full_name: {label: 氏名, type: name}\n" in text  # the values' column kept (one space at least)
        assert 'reading_of: "full_name"' in text  # the quoting kept
    else:
        assert "    type: name   # 氏名\n" in text and "    reading_of: full_name\n" in text
    load_scenario(folder)


def test_windows_line_endings_and_a_bom_are_kept(tmp_path):
    folder = small(tmp_path, FLOW_FIELDS, "    - fill: {label: 氏名, value: \"{{ record.name }}\"}\n", TEMPLATE_BLOCK)
    path = folder / "scenario.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    apply_rename(plan_rename(folder, "name", "full_name"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert b"{{ record.full_name }}" in data


def test_an_escape_that_hides_the_name_is_refused_not_guessed(tmp_path):
    folder = small(tmp_path, FLOW_FIELDS, "    - fill: {label: 氏名, value: \"{{ record.n\\x61me }}\"}\n", TEMPLATE_BLOCK)
    before = files_of(folder)
    with pytest.raises(RpaError) as caught:
        plan_rename(folder, "name", "full_name")
    assert caught.value.key == "rename.unsafe" and "scenario.yaml" in str(caught.value)
    assert files_of(folder) == before


@pytest.mark.parametrize(("source", "expression", "renamed"), [
    ("{{ record.a }}", False, "{{ record.b }}"),
    ("{{record.a}}", False, "{{record.b}}"),
    ("{{ record . a }}", False, "{{ record . b }}"),
    ("record.a {{ 'record.a' }}", False, "record.a {{ 'record.a' }}"),
    ('{{ record["a"] }}', False, '{{ record["b"] }}'),
    ("{{ record.ab }}{{ other.a }}{{ x.record.a }}", False, "{{ record.ab }}{{ other.a }}{{ x.record.a }}"),
    ("{{ record.a if record.a else '-' }}", False, "{{ record.b if record.b else '-' }}"),
    ("record.a and not record.a2", True, "record.b and not record.a2"),
])
def test_template_reads_are_renamed_with_the_sandbox_lexer(source, expression, renamed):
    assert renamed_reads(source, "record", "a", "b", expression=expression) == renamed


def test_a_name_a_template_cannot_read_is_refused():
    with pytest.raises(TemplateRenderError):
        renamed_reads("{{ record.a }}", "record", "a", "b-c")


def test_the_notice_file_name_and_the_word_template_follow(tmp_path):
    """A notice's file name pattern and the Word template's {{ OLD }} are renamed too (the notice
    keeps its formatting), so the scenario still validates."""
    from shared.config.notice_check import notice_placeholders

    folder = copy_sample(tmp_path)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    old = 'file: "認定通知書_{{ receipt_no }}.docx"'
    assert old in text
    scenario.write_text(text.replace(old, 'file: "認定通知書_{{ receipt_no }}_{{bank_name}}.docx"'), encoding="utf-8")
    mode = (folder / "notice.docx").stat().st_mode & 0o777
    apply_rename(plan_rename(folder, "bank_name", "bank"))
    loaded = load_scenario(folder)
    notice = next(o for o in loaded.scenario.outputs if o.kind == "word_notice")
    assert notice.file == "認定通知書_{{ receipt_no }}_{{bank}}.docx"
    assert "bank" in notice.placeholders and "bank_name" not in notice.placeholders
    found = notice_placeholders(folder / "notice.docx")
    assert "bank" in found and "bank_name" not in found and "claimant_name" in found
    assert (folder / "notice.docx").stat().st_mode & 0o777 == mode  # still the package's file, not owner-only
