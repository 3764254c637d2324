"""Ledger and CSV columns are keyed by field, not by label: two fields of one label (氏名 of
the applicant and of the child) keep two columns, each header naming its field; validate
warns, naming both; a ledger written before (by label) is continued, not garbled."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from cli_runner import cli

from connectors.office.ledger_book import REGISTRY_SHEET
from robots.demo.runner import REPO
from robots.outputs.writer import write_outputs
from shared.config import FieldSpec, load_scenario
from shared.config.advice import scenario_warnings
from shared.config.columns import check_columns, output_columns
from shared.config.scenario import OutputSpec, Scenario
from shared.ledger import Item, State

SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
ROBOT = ["No", "入力ファイル", "状態", "受付番号", "理由", "更新日時"]
APPLICANT, CHILD = "見本　花子", "見本　太郎"


def _scenario(base: Scenario, labels: dict[str, str], columns: list[str], allow: list[str] = ()) -> Scenario:
    fields = {name: spec.model_copy(update={"label": labels[name]}) if name in labels else spec
              for name, spec in base.fields.items()}
    outputs = [OutputSpec(kind="excel_ledger", file="台帳.xlsx", columns=columns, allow=list(allow)),
               OutputSpec(kind="csv", file="一覧.csv", columns=columns, allow=list(allow))]
    return base.model_copy(update={"fields": fields, "outputs": outputs})


@pytest.mark.parametrize("labels, columns, expected", [
    # labels of their own: the headers are the labels
    ({}, ["claimant_name", "sex"], ["請求者氏名", "性別"]),
    # two fields of one label: both headers say which field (neither takes the plain label)
    ({"claimant_name": "氏名", "child1_name": "氏名"}, ["claimant_name", "sex", "child1_name"],
     ["氏名（claimant_name）", "性別", "氏名（child1_name）"]),
    # three of one label
    ({"bank_name": "名称", "branch_name": "名称", "pension": "名称"}, ["bank_name", "branch_name", "pension"],
     ["名称（bank_name）", "名称（branch_name）", "名称（pension）"]),
    # a field labelled like a column the robot writes: the robot's header stays (older ledgers are matched on it)
    ({"sex": "状態"}, ["sex"], ["状態（sex）"]),
    # a label written like another field's told-apart header: numbered, never merged
    ({"claimant_name": "氏名", "child1_name": "氏名", "bank_name": "氏名（child1_name）"},
     ["claimant_name", "child1_name", "bank_name"], ["氏名（claimant_name）", "氏名（child1_name）", "氏名（child1_name） 2"]),
])
def test_headers_are_unique_and_say_which_field(sample_scenario, labels, columns, expected):
    scenario = _scenario(sample_scenario.scenario, labels, columns)
    found = output_columns(scenario, scenario.outputs[0])
    assert [c.title for c in found] == ROBOT + expected
    assert [c.key for c in found][6:] == columns and [c.field for c in found][:6] == [None] * 6
    assert len({c.title for c in found}) == len(found)


def _items(scenario: Scenario, numbers: tuple[int, ...]) -> list[Item]:
    return [Item(n, scenario.id, f"form-{n}.pdf", "0" * 64, State.DONE, receipt_no=f"JT-{n:06d}",
                 public={"sex": "女", "bank_name": f"見本銀行{n}", "branch_name": f"支店{n}"},
                 updated_at=dt.datetime(2026, 11, 10, 3, tzinfo=dt.UTC)) for n in numbers]


def _entered(numbers: tuple[int, ...]) -> dict[int, dict[str, object]]:
    return {n: {"claimant_name": f"{APPLICANT}{n}", "child1_name": f"{CHILD}{n}"} for n in numbers}


def _sheet(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)["台帳"].iter_rows(values_only=True))


def test_two_fields_of_one_label_keep_their_values_in_excel_and_csv(tmp_path, sample_scenario):
    labels = {"claimant_name": "氏名", "child1_name": "氏名", "bank_name": "名称", "branch_name": "名称"}
    columns = ["claimant_name", "child1_name", "bank_name", "branch_name", "sex"]
    scenario = _scenario(sample_scenario.scenario, labels, columns, allow=["claimant_name", "child1_name"])
    problems: list[str] = []
    write_outputs(scenario, _items(scenario, (1, 2)), tmp_path, values=_entered((1, 2)), problems=problems)
    assert not problems
    headers = [*ROBOT, "氏名（claimant_name）", "氏名（child1_name）", "名称（bank_name）", "名称（branch_name）", "性別"]
    excel = _sheet(tmp_path / "台帳.xlsx")
    assert list(excel[0]) == headers
    assert [list(row[6:]) for row in excel[1:]] == [[f"{APPLICANT}1", f"{CHILD}1", "見本銀行1", "支店1", "女"],
                                                    [f"{APPLICANT}2", f"{CHILD}2", "見本銀行2", "支店2", "女"]]
    with (tmp_path / "一覧.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == headers and [row[6:] for row in table[1:]] == [[str(v) for v in row[6:]] for row in excel[1:]]
    # the next run appends to the same columns
    write_outputs(scenario, _items(scenario, (1, 2, 3)), tmp_path, values=_entered((3,)), problems=problems)
    excel = _sheet(tmp_path / "台帳.xlsx")
    assert list(excel[0]) == headers and list(excel[3][6:]) == [f"{APPLICANT}3", f"{CHILD}3", "見本銀行3", "支店3", "女"]


def _older_book(path: Path, header: list[str], line: list[object], registry: bool) -> None:
    """A ledger as the version that matched columns by label wrote it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台帳"
    sheet.append(header)
    sheet.append(line)
    if registry:
        written = book.create_sheet(REGISTRY_SHEET)
        written.sheet_state = "hidden"
        written.append(["jidou-teate-nintei:1:done", "台帳"])
    book.save(path)


def test_older_ledger_with_a_merged_label_gets_one_column_per_field(tmp_path, sample_scenario):
    scenario = _scenario(sample_scenario.scenario, {"claimant_name": "氏名", "child1_name": "氏名"},
                         ["claimant_name", "child1_name", "sex"], allow=["claimant_name", "child1_name"])
    path = tmp_path / "台帳.xlsx"
    old_row = [1, "form-1.pdf", "登録済", "JT-000001", None, "2026-11-01 12:00:00", f"{CHILD}1", "男"]
    _older_book(path, [*ROBOT, "氏名", "性別"], old_row, registry=True)
    write_outputs(scenario, _items(scenario, (1, 2)), tmp_path, values=_entered((2,)))
    rows = _sheet(path)
    # the old column 氏名 held one of the two (which, nobody can tell): it stays as it was; each field gets its own
    assert list(rows[0]) == [*ROBOT, "氏名", "性別", "氏名（claimant_name）", "氏名（child1_name）"]
    assert list(rows[1]) == [*old_row, None, None]
    assert len(rows) == 3 and list(rows[2][6:]) == [None, "女", f"{APPLICANT}2", f"{CHILD}2"]


def test_older_ledger_without_repeated_labels_continues_in_its_columns(tmp_path, sample_scenario):
    scenario = _scenario(sample_scenario.scenario, {}, ["bank_name", "sex"])
    path = tmp_path / "台帳.xlsx"
    book_header = [*ROBOT, "性別", "金融機関名"]  # people moved a column: found by its header
    _older_book(path, book_header, [1, "form-1.pdf", "登録済", "JT-000001", None, "2026-11-01 12:00:00", "男", "見本銀行1"],
                registry=False)  # before the hidden sheet: matched on No and 状態
    write_outputs(scenario, _items(scenario, (1, 2)), tmp_path)
    rows = _sheet(path)
    assert list(rows[0]) == book_header and len(rows) == 3
    assert list(rows[2][:3]) == [2, "form-2.pdf", "登録済"] and list(rows[2][6:]) == ["女", "見本銀行2"]


@pytest.fixture
def repeated_label_scenario(tmp_path) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder, ignore=shutil.ignore_patterns("samples"))
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("label: 請求者氏名\n", "label: 氏名\n").replace("label: 児童1 氏名\n", "label: 氏名\n")
    text = text.replace("columns: [request_date, sex, pension, bank_name, account_type]",
                        "columns: [request_date, claimant_name, child1_name, sex]")
    path.write_text(text, encoding="utf-8")
    return folder


def test_validate_warns_naming_both_fields(repeated_label_scenario):
    warnings = scenario_warnings(load_scenario(repeated_label_scenario))  # a warning, not an error: it runs
    messages = [w.message for w in warnings]
    assert len(messages) == 2  # the ledger and the CSV
    assert all("claimant_name" in m and "child1_name" in m and "「氏名」" in m and "氏名（child1_name）" in m
               for m in messages)
    assert [w.key for w in warnings] == ["outputs[1].columns[3]", "outputs[3].columns[3]"]
    assert all(w.file.endswith("scenario.yaml") and w.line > 100 for w in warnings)
    result = cli("validate", repeated_label_scenario)
    assert result.exit_code == 0, result.stdout
    assert "問題はありません" in result.stdout and result.stdout.count("（注意）出力") == 2
    lines = (repeated_label_scenario / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "columns: [request_date, claimant_name" in text)
    assert f"scenario.yaml:{line}:" in result.stdout and "child1_name" in result.stdout


def test_validate_warns_of_a_field_labelled_like_a_robot_column(sample_scenario):
    scenario = sample_scenario.scenario
    fields = {**scenario.fields, "sex": FieldSpec(label="受付番号", type="choice", options=["男", "女"])}
    scenario = scenario.model_copy(update={"fields": fields})
    [warning] = check_columns(sample_scenario.documents["scenario.yaml"], scenario)[:1]
    assert "sex" in warning.message and "「受付番号」" in warning.message and "受付番号（sex）" in warning.message
    assert warning.key == "outputs[1].columns[2]"


def test_sample_scenario_has_no_column_warnings(sample_scenario):
    assert check_columns(sample_scenario.documents["scenario.yaml"], sample_scenario.scenario) == []
