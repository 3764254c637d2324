"""Office bindings in form templates and office outputs in scenarios: every mistake is
refused by validate with file:line and a Japanese sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from robots.demo.runner import REPO
from shared.config import load_scenario, validate_all
from shared.errors import ConfigError

SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, target, ignore=shutil.ignore_patterns("samples"))
    return target


def test_sample_scenario_with_office_templates_is_valid():
    loaded = load_scenario(SCENARIO_DIR)
    formats = {name: t.format for name, t in loaded.templates.items()}
    assert formats["template-excel.yaml"] == "xlsx" and formats["template-word.yaml"] == "docx"
    assert loaded.templates["template-list.yaml"].is_list


CASES = [
    # (file, original, replacement, needle on the reported line, message fragment)
    ("template-excel.yaml", "  birth_date:\n    cell: C6\n", "  birth_date: {cell: C6, range_name: 生年月日}\n", "birth_date:",
     "1つだけ"),
    ("template-excel.yaml", "  birth_date:\n    cell: C6\n", "  birth_date: {cell: 6C}\n", "birth_date:", "書式"),
    ("template-excel.yaml", "  birth_date:\n    cell: C6\n", "  birth_date: {control: {tag: birth_date}}\n", "birth_date:",
     "この様式の形式"),
    ("template-word.yaml", "  sex:\n    control:\n      tag: sex\n", "  sex: {control: {tag: sex, title: 性別}}\n", "sex:",
     "tag と title"),
    ("template-word.yaml", "  bank_name:\n    table_cell: [1, 10, 2]\n", "  bank_name: {table_cell: [0, 10, 2]}\n", "bank_name:",
     "1 から数えて"),
    ("template-list.yaml", "  sex:\n    column: 性別\n", "  sex: {cell: B2}\n", "  sex:", "column で指定"),
    ("template-word.yaml", "  sex:\n    control:\n      tag: sex\n", "  sex: {form_field: {name: 性別, index: 2}}\n", "sex:",
     "どちらか一方"),
    ("template-word.yaml", "  sex:\n    control:\n      tag: sex\n", "  sex: {form_field: {name: 性別}, control: {tag: sex}}\n", "sex:",
     "1つだけ"),
    ("template-excel.yaml", "  birth_date:\n    cell: C6\n", "  birth_date: {form_field: {index: 1}}\n", "birth_date:",
     "この様式の形式"),
    ("template-excel.yaml", "  sex:\n    anchor:\n      label: 性別\n", "  sex: {anchor: {label: 性別}, read: ticked}\n", "sex:",
     "options"),
    ("template-excel.yaml", "  sex:\n    anchor:\n      label: 性別\n", "  sex: {anchor: {label: 性別}, read: circled, options: [男, 女]}\n",
     "sex:", "read: ticked"),
    ("template-excel.yaml", "  sex:\n    anchor:\n      label: 性別\n", "  sex: {anchor: {label: 性別}, options: [男, 女]}\n", "sex:",
     "read: ticked の項目にだけ"),
    ("template-excel.yaml", "  sex:\n    anchor:\n      label: 性別\n", "  sex: {read: ticked, options: [男, 女]}\n", "sex:", "1つだけ"),
    ("template-excel.yaml", "  sex:\n    anchor:\n      label: 性別\n", "  sex: {read: ticked, options: {男: [1, 2, 3, 4]}}\n", "sex:",
     "この様式の形式"),  # boxes of options are for PDFs
    ("template.yaml", "  sex:\n    page: 1\n    read: circled\n    options:\n      男: [446.5, 225, 461.5, 240]\n      女: [483.5, 225, 498.5, 240]\n",
     "  sex: {page: 1, box: [446.5, 225, 498.5, 240], read: ticked, options: [男, 女]}\n", "  sex:", "Excel・Word 用"),
    ("scenario.yaml", "    template: notice.docx", "    template: 通知.docx", "template: 通知.docx", "ありません"),
    ("scenario.yaml", "    placeholders: [claimant_name,", "    placeholders: [no_such_name,", "schema_version: 1",
     "fields に定義されていない"),  # scenario-wide name checks point at the top, like unknown key fields
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}:{c[2]}")
def test_office_mistakes_are_refused_with_the_line(folder, case):
    name, original, replacement, needle, fragment = case
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert original in text
    path.write_text(text.replace(original, replacement, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        validate_all(folder, None)
    found = [p for p in caught.value.problems if p.file.endswith(name)]
    assert found, caught.value
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)
    assert any(p.line == line and fragment in p.message for p in found), [str(p) for p in found]


def test_excel_and_word_templates_may_leave_optional_fields_out(folder):
    for name, line in (("template-excel.yaml", "  child3_name:\n    cell: A19\n"),
                       ("template-word.yaml", "  child3_name:\n    control:\n      tag: child3_name\n")):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert line in text
        path.write_text(text.replace(line, ""), encoding="utf-8")
    loaded = load_scenario(folder)
    assert "child3_name" not in loaded.templates["template-excel.yaml"].fields
    assert not loaded.scenario.fields["child3_name"].required


def test_required_fields_cannot_be_left_out(folder):
    path = folder / "template-excel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  claimant_name:\n    anchor:\n      label: 請求者氏名\n", ""),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(folder)
    [problem] = caught.value.problems
    assert problem.file.endswith("scenario.yaml") and "必須の項目「claimant_name」" in problem.message
    assert "template-excel.yaml" in problem.message and "任意の項目だけ" in problem.message


def test_pdf_templates_still_bind_every_field(folder):
    path = folder / "template.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  child3_name:")
    path.write_text(text[:start] + text[text.index("  child3_kana:", start):], encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(folder)
    assert any("child3_name" in p.message and "template.yaml" in p.message for p in caught.value.problems)
