"""Excel and Word forms and the list workbook read against the generated ground truth,
and every bad Office input refused or flagged with a Japanese message naming the place."""

from __future__ import annotations

import ast

import pytest
from office_render import soffice  # noqa: F401  (fixture)

from connectors.office import open_document, open_workbook, sniff
from robots.demo.runner import REPO
from robots.reading.office_form import read_excel_form, read_excel_list, read_word_form
from shared.config import load_template
from shared.errors import InputFileError

OFFICE = REPO / "samples" / "office" / "files"
SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"


@pytest.fixture(scope="module")
def templates():
    return {kind: load_template(SCENARIO_DIR / f"template-{kind}.yaml") for kind in ("excel", "word", "list")}


def _read(name: str, templates, fields):
    if name.endswith(".docx"):
        return read_word_form(OFFICE / name, templates["word"], fields)
    return read_excel_form(OFFICE / name, templates["excel"], fields)


def test_every_valid_form_is_read_exactly(office_truth, templates, sample_scenario):
    fields = sample_scenario.scenario.fields
    valid = {n: e for n, e in office_truth.items() if e["status"] == "valid"}
    assert sum(n.endswith((".xlsx", ".xlsm")) for n in valid) >= 10 and sum(n.endswith(".docx") for n in valid) >= 8
    wrong = {}
    for name, entry in valid.items():
        record = _read(name, templates, fields)
        assert record.ok, (name, {k: v.message() for k, v in record.problems.items()})
        got = record.json_values()
        wrong.update({(name, k): (got[k], v) for k, v in entry["fields"].items() if got[k] != v})
    assert not wrong  # 100% of the fields of every valid sample


def test_list_workbook_gives_one_record_per_row(office_truth, templates, sample_scenario):
    fields = sample_scenario.scenario.fields
    lists = {n: e for n, e in office_truth.items() if e["status"] == "list"}
    assert len(lists["一覧-001.xlsx"]["rows"]) == 50
    for name, entry in lists.items():
        read = read_excel_list(OFFICE / name, templates["list"], fields)
        assert read.sheet == entry["sheet"] and read.skipped == []
        got = {str(row): record for row, record in read.rows}
        assert set(got) == set(entry["rows"]), name  # the blank line between groups is skipped
        for row, expected in entry["rows"].items():
            assert got[row].ok, (name, row, {k: v.message() for k, v in got[row].problems.items()})
            assert got[row].json_values() == expected, (name, row)


def test_header_row_moved_and_columns_reordered_still_read(office_truth):
    with open_workbook(OFFICE / "一覧-002-header-moved.xlsx") as book:
        table = book.list_sheet("申請者一覧", ["請求者氏名", "個人番号"], 30)
        assert table.header_row == 7


@pytest.mark.parametrize("name, key, words", [
    ("bad-excel-encrypted.xlsx", "office.encrypted", ["パスワード"]),
    ("bad-excel-old-xls.xlsx", "xlsx.old_format", [".xls"]),
    ("bad-word-really-doc.docx", "docx.old_format", [".doc", "Word"]),
    ("bad-excel-sheet-renamed.xlsx", "xlsx.sheet_missing", ["シート「認定請求書」", "コピー", "記入例"]),
    ("一覧-bad-header-renamed.xlsx", "xlsx.header_not_found", ["シート「申請者一覧」", "請求者氏名"]),
])
def test_unreadable_files_are_refused_with_a_japanese_message(name, key, words, templates, sample_scenario):
    fields = sample_scenario.scenario.fields
    with pytest.raises(InputFileError) as caught:
        if name.startswith("一覧"):
            read_excel_list(OFFICE / name, templates["list"], fields, name)
        else:
            _read(name, templates, fields)
    message = caught.value.message("ja")
    assert caught.value.key == key
    assert message.startswith(name) and all(w in message for w in words), message


@pytest.mark.parametrize("name, field, words", [
    ("bad-excel-formula-no-value.xlsx", "branch_name", ["シート「認定請求書」", "セルG12", "数式"]),
    ("bad-excel-merged-over-value.xlsx", "claimant_name", ["シート「認定請求書」", "セルI5", "必須"]),
    ("bad-word-mynumber.docx", "my_number", ["コンテンツコントロール", "my_number", "チェックデジット"]),
])
def test_bad_cells_are_flagged_naming_sheet_and_cell(name, field, words, templates, sample_scenario):
    record = _read(name, templates, sample_scenario.scenario.fields)
    assert list(record.problems) == [field]
    message = record.problems[field].message("ja")
    assert all(w in message for w in words), message
    assert record.problems[field].message("en") != message


def test_macro_workbook_values_are_read_and_nothing_runs(office_truth, templates, sample_scenario):
    path = OFFICE / "claim-excel-009.xlsm"
    before = path.read_bytes()
    record = _read(path.name, templates, sample_scenario.scenario.fields)
    assert record.ok and record.json_values() == office_truth[path.name]["fields"]
    assert path.read_bytes() == before
    with open_workbook(path) as book:
        assert book.values.vba_archive is None  # the VBA project is not even loaded


def test_a_real_doc_renamed_docx_is_refused(tmp_path, soffice):
    """A .doc made by LibreOffice from a .docx, then renamed back to .docx."""
    source = tmp_path / "form.docx"
    source.write_bytes((OFFICE / "claim-word-001.docx").read_bytes())
    soffice(source, "doc", tmp_path)
    fake = tmp_path / "renamed.docx"
    (tmp_path / "form.doc").rename(fake)
    assert sniff(fake) == "ole"
    with pytest.raises(InputFileError) as caught:
        open_document(fake)
    assert caught.value.key == "docx.old_format" and "renamed.docx" in caught.value.message("ja")


def test_content_controls_in_tables_and_placeholders(templates):
    with open_document(OFFICE / "claim-word-001.docx") as doc:
        tags = {c.tag for c in doc.controls}
        assert {"child1_name", "child3_birth_date", "consent"} <= tags
        consent = doc.find_controls(tag="consent")[0]
        assert consent.checked is True
        empty = [c for c in doc.controls if c.tag and c.tag.startswith("child3")]
        assert all(c.text is None for c in empty) or all(c.text for c in empty)  # placeholder text is not a value


def test_office_samples_never_import_the_library():
    for path in (REPO / "samples" / "office").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            assert not any(n.split(".")[0] in {"robots", "connectors", "shared"} for n in names), path


def test_a_list_with_ticked_columns_and_a_numbers_only_total(tmp_path):
    """A list made here: a ticked column (「■国内　□国外」), a required field left empty on an
    applicant's row (flagged, not skipped), and a last row holding only the sums."""
    from openpyxl import Workbook

    from shared.config.scenario import FieldSpec
    from shared.config.template import FormTemplate

    wb = Workbook()
    ws = wb.active
    ws.title = "一覧"
    ws.append(["転入 受付一覧"])
    ws.append(["氏名", "区分", "人数"])
    ws.append(["見本　花子", "■国内　□国外", 2])
    ws.append([None, "□国内　☑国外", 1])  # an applicant whose name is missing: a record, flagged
    ws.append([None, None, "=SUM(C3:C4)"])  # the sums only: not an applicant
    path = tmp_path / "一覧.xlsx"
    wb.save(path)
    template = FormTemplate.model_validate({
        "format": "xlsx", "id": "l", "title": "一覧", "fingerprint": {"keywords": ["受付一覧"]},
        "fields": {"name": {"column": "氏名"}, "moved_from": {"column": "区分", "read": "ticked", "options": ["国内", "国外"]},
                   "people": {"column": "人数"}}})
    fields = {"name": FieldSpec(label="氏名", type="name", required=True),
              "moved_from": FieldSpec(label="区分", type="choice", options=["国内", "国外"], required=True),
              "people": FieldSpec(label="人数", type="number"),
              "note": FieldSpec(label="備考", type="text")}
    read = read_excel_list(path, template, fields, "一覧.xlsx")
    assert [row for row, _ in read.rows] == [3, 4]
    first, second = (record for _, record in read.rows)
    assert first.ok and first.json_values() == {"name": "見本\u3000花子", "moved_from": "国内", "people": 2, "note": None}
    assert list(second.problems) == ["name"] and second.json_values()["moved_from"] == "国外"
    [skipped] = read.skipped
    assert skipped.row == 5 and skipped.reason.key == "office.list_numbers_only_row"
    message = skipped.reason.render("ja")
    assert message.startswith("一覧.xlsx: シート「一覧」の5行目") and "必須項目（氏名・区分）" in message


def test_a_required_field_the_template_leaves_out_is_missing_naming_the_template(tmp_path, templates, sample_scenario):
    """validate refuses such a template; read directly, the field is missing with a clear reason."""
    template = templates["excel"].model_copy(update={"fields": {
        k: v for k, v in templates["excel"].fields.items() if k != "claimant_name"}})
    record = read_excel_form(OFFICE / "claim-excel-001.xlsx", template, sample_scenario.scenario.fields)
    assert list(record.problems) == ["claimant_name"]
    assert "テンプレート「児童手当 認定請求書（Excel版サンプル様式）」" in record.problems["claimant_name"].message("ja")
