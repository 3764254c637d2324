"""docs/own-form.md, followed step by step on a form the library was not built on (the
印鑑登録申請書 of samples/procedures): every command it shows runs in-process and exits as the
guide says, every output and file it shows is what the commands printed and wrote
(docs/pictures/make_own_form.py ``follow``), and the Excel ledger and CSV it ends with hold
the values of the forms' ground truth."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest
from cli_runner import cli

from robots.demo.runner import REPO

SCRIPT = REPO / "docs" / "pictures" / "make_own_form.py"
TRUTH = REPO / "samples" / "procedures" / "out" / "inkan" / "truth.json"


def _guide_module():
    spec = importlib.util.spec_from_file_location("make_own_form", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


guide = _guide_module()


@pytest.fixture(scope="module")
def followed(tmp_path_factory) -> tuple[Path, list]:
    """The guide followed once in a fresh folder, as a reader in the repository would."""
    folder = tmp_path_factory.mktemp("own-form")
    guide.prepare(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)

        def run(args: list[str]) -> tuple[int, str]:
            result = cli(*args)
            return result.exit_code, result.output

        ran = guide.follow(folder, run)
    return folder, ran


def test_the_guide_walks_the_whole_path():
    steps = guide.guide_steps()
    commands = [step.text for step in steps if step.kind == "run"]
    for needed in ("template new", "template inspect", "validate", "scenario test", " run "):
        assert any(needed in command for command in commands), needed
    assert any(step.kind == "ledger" for step in steps)
    assert [s.target for s in steps if s.kind == "append"] == ["mytown/inkan/scenario.yaml"]  # the web steps
    assert all(step.kind != "output" or step.text.strip() for step in steps)


def test_every_command_exits_as_the_guide_says_and_prints_what_it_shows(followed):
    folder, ran = followed
    inspects = [r for r in ran if r.command.startswith("python robot_runner.py template inspect ")]
    assert [r.exit_code for r in inspects] == [0, 0]  # the corrected template, then the one with boxes off
    for picture in ("inspect/filled-002-inspect-p1.png", "inspect-zure/sample-1-inspect-p1.png"):
        assert (folder / "mytown" / picture).is_file()
    tests = [r for r in ran if r.command.startswith("python robot_runner.py scenario test ")]
    assert [r.exit_code for r in tests] == [0, 1]  # the boxes off: the fields named, with why
    assert "テンプレートの選択肢の枠（options）が用紙の印刷された選択肢と合っていない可能性" in tests[1].output
    runs = [r for r in ran if r.command.startswith("python robot_runner.py run ")]
    assert [r.exit_code for r in runs] == [0, 0]
    assert "読み取り済み（入力先システムなし）: 5 件" in runs[0].output
    assert "登録済み" not in runs[1].output  # a reading-only run with nothing new says so, not "entered: 0"
    assert "（ほか 0 件）" not in runs[1].output
    validations = [r for r in ran if "validate mytown/inkan --site mytown/site.yaml" in r.command]
    assert [r.exit_code for r in validations] == [0, 1]  # before and after the web steps


def test_the_proposal_holds_the_fields_the_guide_corrects(followed):
    folder, _ = followed
    text = guide.GUIDE.read_text(encoding="utf-8")
    proposed = re.findall(r"^  (\w+): .+（\w+）$", text.split("## 2.")[0], re.M)
    corrected = yaml_fields(folder / "mytown" / "inkan" / "template.yaml")
    assert {"request_date", "sex", "my_number", "id_checked", "check"} <= set(proposed)
    assert "field" not in proposed  # the seal's box is no field: template new leaves it out
    assert len(corrected) == len(set(proposed))  # every proposed field kept (renamed)
    assert set(corrected) == set(json.loads(TRUTH.read_text(encoding="utf-8"))["files"]["filled-001.pdf"]["fields"])


def yaml_fields(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]


def test_the_ledger_and_the_csv_hold_the_forms_truth(followed):
    folder, _ = followed
    import openpyxl

    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["files"]
    columns = {"申請日": "request_date", "性別": "sex", "本人確認書類": "id_document",
               "代理人が申請します": "by_agent", "印鑑登録証交付手数料": "fee"}
    book = openpyxl.load_workbook(folder / "mytown" / "output" / "印鑑登録_受付簿.xlsx", read_only=True)
    header, *rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    listed = list(csv.DictReader(io.StringIO(
        (folder / "mytown" / "output" / "印鑑登録_一覧.csv").read_bytes().decode("cp932"), newline="")))
    assert len(rows) == len(listed) == 5  # a ticked box in a CP932 CSV no longer drops its row
    for row, line in zip(rows, listed, strict=True):
        record = dict(zip(header, row, strict=True))
        expected = truth[record["入力ファイル"]]["fields"]
        assert line["入力ファイル"] == record["入力ファイル"] and record["状態"] == "読み取り済"
        for label, name in columns.items():
            value = expected[name]["value"]
            if name == "by_agent":
                assert record[label] == ("✓" if value else None) and line[label] == ("レ" if value else "")
            else:
                assert record[label] == value and line[label] == str(value), (record["入力ファイル"], label)


def test_the_pictures_are_there_and_small():
    text = guide.GUIDE.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert sorted(Path(p).name for p in pictures) == sorted(name for name, *_ in guide.PICTURES)
    for picture in pictures:
        path = guide.GUIDE.parent / picture
        assert path.is_file() and path.stat().st_size <= guide.MAX_PICTURE_BYTES, picture
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_guide_links_to_pages_that_exist_and_the_readme_points_to_it():
    text = guide.GUIDE.read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([^)#]+\.md)", text):
        assert (guide.GUIDE.parent / link).is_file(), link
    assert "docs/own-form.md" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("expected", "actual", "missing"), [
    ("a\nc", "a\nb\nc", []),
    ("c\na", "a\nb\nc", ["a"]),  # in order
    ("実行ID …）", "x\n実行ID 2026-1）", []),
    ("実行ID …）", "実行ID 2026-1）です", ["実行ID …）"]),  # a whole line
])
def test_missing_lines(expected, actual, missing):
    assert guide.missing_lines(expected, actual) == missing


TEMPLATE = """fields:
  request_date:  # one box for the whole line
    page: 1
    box: [1, 2, 3, 4]
  sex:
    page: 1
    box: [5, 6, 7, 8]
    options:
      男: [1, 1, 2, 2]
      女: [3, 3, 4, 4]
"""


@pytest.mark.parametrize(("lines", "changed"), [
    ("fields:\n  sex:\n    box: [0, 0, 0, 0]\n", {7: "    box: [0, 0, 0, 0]"}),  # the sex's box, not the date's
    ("fields:\n  request_date:\n    box: [9, 9, 9, 9]\n  sex:\n    options:\n      女: [0, 0, 1, 1]\n",
     {4: "    box: [9, 9, 9, 9]", 10: "      女: [0, 0, 1, 1]"}),
    ("fields:\n  sex:\n    page: 2  # a comment\n", {6: "    page: 2  # a comment"}),
])
def test_edited_replaces_the_line_of_the_key_inside_the_keys_above_it(lines, changed):
    expected = TEMPLATE.splitlines()
    for number, line in changed.items():
        expected[number - 1] = line
    assert guide.edited(TEMPLATE, lines).splitlines() == expected


@pytest.mark.parametrize(("lines", "message"), [
    ("    box: [0, 0, 0, 0]\n", "2 lines with the key 'box' at indentation 4"),  # which field's box: ambiguous
    ("fields:\n  sex:\n    read: circled\n", "0 lines with the key 'read' at indentation 4 inside fields > sex"),
    ("fields:\n  page: 1\n", "0 lines with the key 'page' at indentation 2 inside fields"),
    ("fields:\n  - x\n", "an edit line must be a key and its value"),
])
def test_edited_names_a_line_it_cannot_place(lines, message):
    with pytest.raises(AssertionError, match=re.escape(message)):
        guide.edited(TEMPLATE, lines)
