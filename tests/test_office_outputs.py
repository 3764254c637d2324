"""Excel ledger appended across runs, Word notices, CSV export, lock files, and no My
Number in any output unless the scenario allows that field."""

from __future__ import annotations

import datetime as dt
import html
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from connectors.office import placeholders, render_notice, write_csv
from connectors.office.ledger_book import REGISTRY_SHEET, LedgerRow, append_ledger
from robots.demo.runner import REPO
from robots.outputs.writer import write_outputs
from shared.config import load_scenario, validate_all
from shared.config.scenario import OutputSpec
from shared.errors import ApplicationError, BusinessError, ConfigError
from shared.ledger import Item, State

OFFICE = REPO / "samples" / "office" / "files"
SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
MY_NUMBER = "123456789018"
NAME = "見本　花子"
HEADER = {"no": "No", "state": "状態", "sex": "性別"}  # column key -> header


def rows(*numbers: int, sheet: str = "台帳") -> list[LedgerRow]:
    return [LedgerRow(f"s:{n}:done", sheet, {"no": n, "state": "登録済", "sex": "女" if n % 2 else "男"}) for n in numbers]


def sheet_values(path: Path, sheet: str = "台帳") -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def xml_text(path: Path) -> str:
    """Every part of an .xlsx/.docx as text, character references (&#30331;) resolved:
    openpyxl writes non-ASCII text that way, so a plain byte grep would miss a name."""
    with zipfile.ZipFile(path) as archive:
        return "".join(html.unescape(archive.read(n).decode("utf-8", "ignore")) for n in archive.namelist())


def test_ledger_is_styled_and_appended_never_rewritten(tmp_path):
    path = tmp_path / "台帳.xlsx"
    assert append_ledger(path, HEADER, rows(1, 2), {"sex": ["男", "女"]}) == 2
    book = openpyxl.load_workbook(path)
    ws = book["台帳"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C3"
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.column_dimensions["B"].width >= 8
    assert [v.formula1 for v in ws.data_validations.dataValidation] == ['"男,女"']
    assert book[REGISTRY_SHEET].sheet_state == "hidden"
    before = path.read_bytes()
    assert append_ledger(path, HEADER, rows(1, 2)) == 0  # the same rows again: nothing appended
    assert path.read_bytes() == before  # and the file is not even rewritten
    # people sort the sheet and add a note column; the next run appends below, keeps both
    book = openpyxl.load_workbook(path)
    ws = book["台帳"]
    ws["A2"], ws["A3"] = 2, 1
    ws["D1"], ws["D2"] = "メモ", "電話済"
    book.save(path)
    assert append_ledger(path, HEADER, rows(1, 2, 3)) == 1
    values = sheet_values(path)
    assert [r[0] for r in values[1:]] == [2, 1, 3] and values[1][3] == "電話済"


def test_ledger_of_an_older_version_is_continued_not_duplicated(tmp_path):
    path = tmp_path / "台帳.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "台帳"
    book.active.append(list(HEADER.values()))
    book.active.append([1, "登録済", "女"])  # written by the version that rewrote the whole file
    book.save(path)
    assert append_ledger(path, HEADER, rows(1, 2), identity=["no", "state"]) == 1
    assert [r[0] for r in sheet_values(path)[1:]] == [1, 2]
    assert append_ledger(path, HEADER, rows(1, 2), identity=["no", "state"]) == 0


def test_month_sheets(tmp_path, sample_scenario):
    scenario = sample_scenario.scenario.model_copy(update={"outputs": [
        OutputSpec(kind="excel_ledger", file="台帳.xlsx", sheet_per="month", columns=["sex"])]})
    items = [Item(i, scenario.id, f"f{i}.pdf", "0" * 64, State.DONE, receipt_no=f"JT-{i}", public={"sex": "男"},
                  updated_at=dt.datetime(2026, month, 10, 3, tzinfo=dt.UTC)) for i, month in ((1, 10), (2, 11), (3, 11))]
    write_outputs(scenario, items, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "台帳.xlsx")
    assert book.sheetnames[:2] == ["2026年11月", "2026年10月"]
    assert len(list(book["2026年11月"].iter_rows(min_row=2))) == 2
    per_scenario = scenario.model_copy(update={"outputs": [
        OutputSpec(kind="excel_ledger", file="共通台帳.xlsx", sheet_per="scenario", columns=["sex"])]})
    write_outputs(per_scenario, items, tmp_path)
    assert openpyxl.load_workbook(tmp_path / "共通台帳.xlsx").sheetnames == [scenario.title, "_written"]


@pytest.mark.parametrize("lock", [".~lock.台帳.xlsx#", "~$台帳.xlsx"])
def test_locked_ledger_refused_then_caught_up(tmp_path, lock):
    path = tmp_path / "台帳.xlsx"
    append_ledger(path, HEADER, rows(1))
    (tmp_path / lock).write_text("someone,PC01,01.01.2026 09:00;", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ApplicationError) as caught:
        append_ledger(path, HEADER, rows(1, 2))
    message = caught.value.message("ja")
    assert caught.value.key == "output.locked_by" and "台帳.xlsx" in message and lock in message and "失われません" in message
    assert path.read_bytes() == before
    (tmp_path / lock).unlink()
    assert append_ledger(path, HEADER, rows(1, 2)) == 1  # the row held back is written now


@pytest.mark.skipif(sys.platform != "win32", reason="only Windows refuses to replace a file another program holds open")
def test_ledger_held_open_on_windows(tmp_path):
    path = tmp_path / "台帳.xlsx"
    append_ledger(path, HEADER, rows(1))
    with path.open("rb"):  # as Excel holds it
        with pytest.raises(ApplicationError) as caught:
            append_ledger(path, HEADER, rows(1, 2))
    assert caught.value.key == "output.locked"
    assert append_ledger(path, HEADER, rows(1, 2)) == 1


def test_ledger_that_cannot_be_replaced_is_reported_and_caught_up(tmp_path):
    """The file system refuses the write (PermissionError), as Windows does while Excel holds
    the workbook; here an immutable file (chattr +i) makes the OS refuse it for real."""
    path = tmp_path / "台帳.xlsx"
    append_ledger(path, HEADER, rows(1))
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here (needs root on ext4/xfs)")
    try:
        before = path.read_bytes()
        with pytest.raises(ApplicationError) as caught:
            append_ledger(path, HEADER, rows(1, 2))
        assert caught.value.key == "output.locked" and "台帳.xlsx" in caught.value.message("ja")
        assert path.read_bytes() == before and not list(tmp_path.glob("*.partial"))
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert append_ledger(path, HEADER, rows(1, 2)) == 1


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = tmp_path / "台帳.xlsx"
    append_ledger(path, HEADER, [LedgerRow("k", "台帳", {"no": 1, "state": '=HYPERLINK("http://x","y")'})])
    cell = openpyxl.load_workbook(path)["台帳"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    text = write_csv(tmp_path / "x.csv", ["No", "銀行"], [[1, "=1+2"], [2, "@SUM(A1)"]]).read_text(encoding="utf-8-sig")
    assert "'=1+2" in text and "'@SUM(A1)" in text


def test_csv_bom_and_cp932(tmp_path):
    header, data = ["No", "金融機関名"], [[1, "見本銀行"], [2, "髙橋信用金庫"]]
    utf8 = write_csv(tmp_path / "a.csv", header, data, "utf-8-sig").read_bytes()
    assert utf8.startswith(b"\xef\xbb\xbf") and "髙橋信用金庫".encode() in utf8 and b"\r\n" in utf8
    cp932 = write_csv(tmp_path / "b.csv", header, data, "cp932").read_bytes()
    assert cp932.decode("cp932").splitlines()[2] == "2,髙橋信用金庫"


def test_csv_character_outside_cp932_is_refused_naming_row_and_column(tmp_path):
    with pytest.raises(BusinessError) as caught:
        write_csv(tmp_path / "c.csv", ["No", "金融機関名"], [[1, "見本銀行"], [2, "剝野銀行"]], "cp932")
    message = caught.value.message("ja")
    assert "c.csv" in message and "3行目" in message and "金融機関名" in message and "U+525D" in message
    assert "剝" not in message
    assert not (tmp_path / "c.csv").exists()


def test_notice_fills_body_tables_header_footer_and_keeps_fonts(tmp_path):
    template = OFFICE / "notice-template.docx"
    assert {"claimant_name", "receipt_no", "bank_name", "my_number", "today"} <= placeholders(template)
    values = {"claimant_name": NAME, "receipt_no": "JT-000123", "bank_name": "見本銀行", "branch_name": "本店",
              "request_date": "令和6年11月3日", "account_type": "普通", "my_number": "＊＊＊＊", "pension": "厚生年金",
              "today": "令和8年11月23日"}
    out = render_notice(template, values, tmp_path / "n.docx")
    text = xml_text(out)
    assert "{{" not in text and "JT-000123" in text and NAME in text and "令和8年11月23日" in text
    assert "ＭＳ 明朝" in text  # the template's fonts are kept
    import docx

    document = docx.Document(str(out))
    assert document.tables[0].cell(0, 1).text == "見本銀行　本店"
    assert "JT-000123" in document.sections[0].footer.paragraphs[0].text


def _done_item(scenario_id: str) -> Item:
    return Item(7, scenario_id, "claim-word-001.docx", "0" * 64, State.DONE, receipt_no="JT-000777",
                public={"request_date": "2024-11-03", "sex": "女", "pension": "国民年金", "bank_name": "見本銀行",
                        "branch_name": "本店", "account_type": "普通", "consent": True},
                updated_at=dt.datetime.now(dt.UTC))


def _outputs(allow: list[str]) -> list[OutputSpec]:
    return [
        OutputSpec(kind="excel_ledger", file="台帳.xlsx", columns=["request_date", "my_number", "claimant_name"], allow=allow),
        OutputSpec(kind="word_notice", file="通知書_{{ receipt_no }}.docx", template="notice.docx", allow=allow),
        OutputSpec(kind="csv", file="一覧.csv", columns=["my_number", "bank_name"], allow=allow),
    ]


def test_no_my_number_in_outputs_by_default(tmp_path, sample_scenario):
    scenario = sample_scenario.scenario.model_copy(update={"outputs": _outputs([])})
    item = _done_item(scenario.id)
    entered = {item.id: {"my_number": MY_NUMBER, "claimant_name": NAME}}
    problems: list[str] = []
    written = write_outputs(scenario, [item], tmp_path, folder=SCENARIO_DIR, values=entered, problems=problems)
    assert not problems and {p.name for p in written} == {"台帳.xlsx", "通知書_JT-000777.docx", "一覧.csv"}
    for path in written:
        text = xml_text(path) if path.suffix != ".csv" else path.read_text(encoding="utf-8-sig")
        assert MY_NUMBER not in text and NAME not in text, path.name
        assert "＊＊＊＊" in text, path.name
    assert "令和6年11月3日" in xml_text(tmp_path / "通知書_JT-000777.docx")
    if sys.platform != "win32":  # outputs may hold personal data once allowed: owner-only files
        assert all(p.stat().st_mode & 0o077 == 0 for p in written)
    again = write_outputs(scenario, [item], tmp_path, folder=SCENARIO_DIR, values=entered, problems=problems)
    assert [p.name for p in again] == ["台帳.xlsx", "一覧.csv"]  # the notice is not written twice


def test_fields_allowed_in_outputs_are_written(tmp_path, sample_scenario):
    scenario = sample_scenario.scenario.model_copy(update={"outputs": _outputs(["my_number", "claimant_name"])})
    item = _done_item(scenario.id)
    write_outputs(scenario, [item], tmp_path, folder=SCENARIO_DIR, values={item.id: {"my_number": MY_NUMBER, "claimant_name": NAME}})
    assert MY_NUMBER in xml_text(tmp_path / "台帳.xlsx") and NAME in xml_text(tmp_path / "通知書_JT-000777.docx")


def test_notice_needing_erased_personal_data_is_reported_not_faked(tmp_path, sample_scenario):
    scenario = sample_scenario.scenario.model_copy(update={"outputs": _outputs(["claimant_name"])[1:2]})
    problems: list[str] = []
    written = write_outputs(scenario, [_done_item(scenario.id)], tmp_path, folder=SCENARIO_DIR, problems=problems)
    assert written == [] and "No.7" in problems[0] and "手作業" in problems[0]


@pytest.fixture
def scenario_copy(tmp_path) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder, ignore=shutil.ignore_patterns("samples"))
    return folder


def test_validate_refuses_notice_template_missing_a_placeholder(scenario_copy):
    load_scenario(scenario_copy)  # the sample notice template is complete
    shutil.copyfile(OFFICE / "notice-template-missing.docx", scenario_copy / "notice.docx")
    with pytest.raises(ConfigError) as caught:
        validate_all(scenario_copy, None)
    text = str(caught.value)
    assert "scenario.yaml:" in text and "claimant_name" in text and "notice.docx" in text and "ありません" in text


def test_validate_refuses_personal_field_in_notice_file_name(scenario_copy):
    path = scenario_copy / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"認定通知書_{{ receipt_no }}.docx"',
                                                            '"認定通知書_{{ claimant_name }}.docx"'), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        validate_all(scenario_copy, None)
    assert "claimant_name" in str(caught.value) and "個人情報" in str(caught.value)
    assert "receipt_no" in str(caught.value)  # and one name per record is no longer guaranteed


def _item(number: int, state: State, public: dict[str, object], values: dict[str, object] | None = None) -> Item:
    return Item(number, "jidou-teate-nintei", f"form-{number}.xlsx", "0" * 64, state, public=public, values=values,
                reason_params={"message": f"form-{number}.xlsx: 確認が必要な項目があります"},
                updated_at=dt.datetime.now(dt.UTC))


LEDGER_COLUMNS = ["sex", "claimant_name", "claimant_kana", "my_number"]


@pytest.mark.parametrize("state, public, values, allow, expected", [
    # flagged in this run (values as read, kept in memory): the allowed name and the flagged sex as read are shown
    (State.FAILED_BUSINESS, {"sex": None}, {"sex": "■男　■女", "claimant_name": NAME, "claimant_kana": "ミホン",
                                            "my_number": MY_NUMBER},
     ["claimant_name"], ["■男　■女", NAME, "＊＊＊＊", "＊＊＊＊"]),
    (State.FAILED_BUSINESS, {"sex": None}, {"sex": "■男　■女", "claimant_name": NAME, "my_number": None},
     ["claimant_name", "my_number"], ["■男　■女", NAME, "＊＊＊＊", ""]),  # an allowed field read as empty is empty
    (State.NEEDS_REVIEW, {"sex": "女"}, {"sex": "女", "claimant_name": NAME}, ["claimant_name"], ["女", NAME, "＊＊＊＊", "＊＊＊＊"]),
    # flagged by an earlier run: its values are gone; allowed personal fields stay masked, public fields shown
    (State.FAILED_BUSINESS, {"sex": "女"}, None, ["claimant_name"], ["女", "＊＊＊＊", "＊＊＊＊", "＊＊＊＊"]),
    # nothing allowed: a flagged row masks every personal field as any other row
    (State.FAILED_BUSINESS, {"sex": None}, {"sex": "■男　■女", "claimant_name": NAME}, [], ["■男　■女", "＊＊＊＊", "＊＊＊＊", "＊＊＊＊"]),
    # a done row shows the public copy (which review corrections follow), not the values the run entered
    (State.DONE, {"sex": "男"}, {"sex": "女", "claimant_name": NAME}, ["claimant_name"], ["男", NAME, "＊＊＊＊", "＊＊＊＊"]),
])
def test_flagged_rows_show_what_the_output_allows(sample_scenario, state, public, values, allow, expected):
    from robots.outputs.writer import ledger_table

    output = OutputSpec(kind="csv", file="一覧.csv", columns=LEDGER_COLUMNS, allow=allow)
    item = _item(3, state, public)
    header, [(_, row)] = ledger_table(sample_scenario.scenario, output, [item], {3: values} if values else None)
    assert row[6:] == expected
    assert row[4] == "form-3.xlsx: 確認が必要な項目があります"  # the reason next to the values
