"""Reading-only scenarios (no ``web``) are first-class: each checked record ends ``read``,
the Excel ledger, CSV and notices hold it, the summary counts it, the exit code says
whether a person is needed, and a re-run writes nothing twice. The site profile needs no
``systems`` or ``allowed_hosts`` then."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from cli_runner import cli
from conftest import CLAIMS, SCENARIO_DIR

from robots.demo.runner import REPO
from robots.run.batch import run_scenario
from shared.config import validate_all
from shared.errors import ConfigError
from shared.ledger import State
from shared.ledger.sql import open_ledger

LEDGER = "児童手当認定請求_台帳.xlsx"
CSV = "児童手当認定請求_一覧.csv"
COLUMNS = ["request_date", "sex", "pension", "bank_name", "account_type"]


def reading_only_scenario(folder: Path) -> Path:
    """The sample scenario without its ``web`` section (its outputs as they are)."""
    shutil.copytree(SCENARIO_DIR, folder, ignore=shutil.ignore_patterns("samples"))
    path = folder / "scenario.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["web"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def site_profile(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.yaml"
    settle = "" if "inbox_settle_seconds" in extra else "inbox_settle_seconds: 0\n"  # the test drops the files itself
    path.write_text(f"schema_version: 1\nname: read-city\n{extra}{settle}", encoding="utf-8")
    return path


@pytest.mark.parametrize("extra", ["", "allowed_hosts: []\nsystems: {}\n", "allowed_hosts: []\n", "systems: {}\n"],
                         ids=["left-out", "both-empty", "hosts-empty", "systems-empty"])
def test_a_reading_only_site_needs_no_systems_or_hosts(tmp_path, extra):
    scenario = reading_only_scenario(tmp_path / "scenario")
    loaded, site = validate_all(scenario, site_profile(tmp_path / "site", extra))
    assert loaded.scenario.web is None
    assert site is not None and site.allowed_hosts == [] and site.systems == {}


def test_a_scenario_with_web_still_needs_the_hosts_and_its_system(tmp_path):
    site = site_profile(tmp_path / "site", "allowed_hosts: []\nsystems: {}\n")
    with pytest.raises(ConfigError) as caught:
        validate_all(SCENARIO_DIR, site)
    text = str(caught.value)
    assert "site.yaml:3:" in text and "allowed_hosts" in text and "「kikan」" in text  # the line of allowed_hosts
    assert "systems にありません" in text


def truth_of_valid_claims() -> dict[str, dict]:
    truth = json.loads((CLAIMS / "truth.json").read_text(encoding="utf-8"))
    return {name: entry for name, entry in truth.items() if entry["status"] == "valid"}


def ledger_rows(path: Path) -> dict[str, tuple]:
    sheet = openpyxl.load_workbook(path)["台帳"]
    rows = list(sheet.iter_rows(values_only=True))
    return {row[1]: row for row in rows[1:]}


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"), newline="")))


def test_reading_only_run_writes_every_record_once_and_exits_zero(tmp_path):
    valid = truth_of_valid_claims()
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in valid:
        shutil.copy2(CLAIMS / name, inbox / name)

    result = cli("run", scenario, "--site", site)  # robot_runner.py run, in-process
    assert result.exit_code == 0, result.output
    assert f"読み取ったフォーム: {len(valid)} 件" in result.stdout
    assert f"読み取り済み（入力先システムなし）: {len(valid)} 件" in result.stdout
    assert "失敗・要確認: 0 件" in result.stdout and "出力の問題" not in result.stdout

    output = tmp_path / "site" / "output"
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        items = ledger.items()
    assert len(items) == len(valid) and {i.state for i in items} == {State.READ}
    assert all(i.values is None for i in items)  # a final state: the personal values are not kept

    rows = ledger_rows(output / LEDGER)
    assert set(rows) == set(valid)
    header = [c.value for c in openpyxl.load_workbook(output / LEDGER)["台帳"][1]]
    labels = ["請求日", "性別", "加入している年金", "金融機関名", "預金種別"]
    assert header[6:] == labels
    for name, entry in valid.items():
        row = rows[name]
        assert row[2] == "読み取り済" and not row[3] and not row[4], name  # state, no receipt, no reason
        assert list(row[6:]) == [entry["fields"][c] for c in COLUMNS], name
    lines = csv_rows(output / CSV)
    assert lines[0][6:] == labels and len(lines) == len(valid) + 1
    assert {line[1] for line in lines[1:]} == set(valid) and {line[2] for line in lines[1:]} == {"読み取り済"}
    [report] = output.glob("実行レポート_*.html")
    page = report.read_text(encoding="utf-8")
    assert f'<td class="num" data-state="read">{len(valid)}</td>' in page and "読み取り済" in page
    assert page.count('data-state="read" open') == len(valid) and 'class="ok">読み取り済' in page
    notices = sorted(output.glob("認定通知書_*.docx"))
    assert len(notices) == len(valid)  # notices default to done and read records

    listed = cli("queue", "list", "--state", "read", "--site", site)
    assert listed.exit_code == 0 and listed.stdout.count("  読み取り済  ") == len(valid), listed.stdout
    english = cli("--lang", "en", "queue", "list", "--site", site)
    assert english.stdout.count("  read  ") == len(valid), english.stdout

    ledger_bytes, csv_bytes = (output / LEDGER).read_bytes(), (output / CSV).read_bytes()
    for name in valid:  # the same forms dropped again
        shutil.copy2(CLAIMS / name, inbox / name)
    again = run_scenario(scenario, site)
    assert again.exit_code == 0 and again.final_outcomes() == [] and again.skipped == len(valid)
    assert (output / LEDGER).read_bytes() == ledger_bytes  # nothing appended twice, not even rewritten
    assert (output / CSV).read_bytes() == csv_bytes  # the same rows, each once
    assert sorted(output.glob("認定通知書_*.docx")) == notices


def test_reading_only_run_needs_a_person_for_a_bad_form(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site", "allowed_hosts: []\nsystems: {}\n")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in ("claim-001.pdf", "bad-mynumber.pdf"):
        shutil.copy2(CLAIMS / name, inbox / name)
    summary = run_scenario(scenario, site)
    states = {o.source: o.state for o in summary.final_outcomes()}
    assert states == {"claim-001.pdf": State.READ, "bad-mynumber.pdf": State.FAILED_BUSINESS}
    assert summary.exit_code == 1
    rows = ledger_rows(tmp_path / "site" / "output" / LEDGER)
    assert rows["claim-001.pdf"][2] == "読み取り済" and rows["bad-mynumber.pdf"][2] == "要確認（データ不備）"


def test_the_reading_only_docs_match_the_formats_and_the_run():
    from shared.config.scenario import OutputSpec, Scenario
    from shared.config.site import SiteProfile
    from shared.messages import t

    text = (REPO / "docs" / "reading-only.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]
    scenario, site = (yaml.safe_load(block) for block in blocks)
    assert Scenario.model_validate(scenario).web is None
    assert SiteProfile.model_validate(site).systems == {}
    assert OutputSpec(kind="csv", file="a.csv").written_states == ["done", "read", "failed_business", "needs_review",
                                                                  "abandoned"]
    assert OutputSpec(kind="word_notice", file="a.docx", template="n.docx").written_states == ["done", "read"]
    for shown in (t("state.read"), t("summary.read_only", count="N"), t("summary.read", count="N", skipped=0)[:12],
                  "〓U+525D", "--state read"):
        assert shown in text, shown


def test_a_reviewed_item_of_a_reading_only_scenario_ends_read_on_the_next_run(tmp_path):
    from robots.reading.review_sheet import CORRECT_COLUMN, ReviewRow, import_review_sheet, write_review_sheet
    from shared.audit import open_audited_ledger
    from shared.config import load_scenario

    scenario = reading_only_scenario(tmp_path / "scenario")
    loaded = load_scenario(scenario)
    site = site_profile(tmp_path / "site")
    truth = truth_of_valid_claims()["claim-001.pdf"]["fields"]
    work = tmp_path / "site" / "work"
    work.mkdir(parents=True)
    with open_audited_ledger(work / "ledger.sqlite3", "test") as (ledger, audit):
        item = ledger.add(loaded.scenario.id, "scan-001.tif", "0" * 64, "run-0")
        doubtful = {**truth, "bank_name": "ひな形録行"}  # misread
        ledger.update(item.id, values=doubtful,
                      public={k: v for k, v in doubtful.items() if not loaded.scenario.fields[k].mask})
        ledger.transition(item.id, State.NEEDS_REVIEW, reason_key="item.needs_review", reason_params={})
        sheet = write_review_sheet(tmp_path / "sheet.xlsx", [ReviewRow(item.id, "bank_name", "scan-001.tif", "金融機関名",
                                                                       "ひな形録行", "理由", None)])
        book = openpyxl.load_workbook(sheet)
        book.active.cell(2, CORRECT_COLUMN).value = truth["bank_name"]
        book.save(sheet)
        assert import_review_sheet(sheet, loaded.scenario, ledger, audit, "確認担当")["released"] == 1

    summary = run_scenario(scenario, site)
    assert [(o.source, o.state) for o in summary.final_outcomes()] == [("scan-001.tif", State.READ)]
    assert summary.exit_code == 0
    row = ledger_rows(tmp_path / "site" / "output" / LEDGER)["scan-001.tif"]
    assert row[2] == "読み取り済" and list(row[6:]) == [truth[c] for c in COLUMNS]


PROCEDURES_DIR = REPO / "samples" / "procedures"
PROCEDURE_TEMPLATES = Path(__file__).parent / "procedures"
PROCEDURE_INDEX = json.loads((PROCEDURES_DIR / "index.json").read_text(encoding="utf-8"))
FORMS_PER_PROCEDURE = ("filled-001.pdf", "filled-002.pdf")


@pytest.mark.parametrize("name", PROCEDURE_INDEX["tuning"] + PROCEDURE_INDEX["held_out"])
def test_each_procedure_read_only_writes_its_excel_ledger_as_the_truth(tmp_path, name):
    """The hand-written scenario of each sample procedure (tests/procedures/NAME: no ``web``,
    an Excel ledger) run on a few of its digital forms: exit code 0, every form 「読み取り済」,
    and every ledger cell the truth's value as a cell shows it."""
    from robots.core.display import shown_value

    scenario = tmp_path / "scenario"
    shutil.copytree(PROCEDURE_TEMPLATES / name, scenario)
    forms = PROCEDURES_DIR / PROCEDURE_INDEX["out"] / name
    shutil.copy2(forms / "blank.pdf", scenario / "blank.pdf")  # the template's blank_form, beside it
    site = site_profile(tmp_path / "site")
    inbox = tmp_path / "site" / "inbox" / name
    inbox.mkdir(parents=True)
    for file in FORMS_PER_PROCEDURE:
        shutil.copy2(forms / file, inbox / file)

    summary = run_scenario(scenario, site)
    assert summary.exit_code == 0 and summary.output_problems == []
    assert sorted((o.source, o.state) for o in summary.final_outcomes()) == [(f, State.READ) for f in FORMS_PER_PROCEDURE]

    outputs = yaml.safe_load((scenario / "scenario.yaml").read_text(encoding="utf-8"))["outputs"]
    [ledger] = [o for o in outputs if o["kind"] == "excel_ledger"]
    truth = json.loads((forms / "truth.json").read_text(encoding="utf-8"))["files"]
    assert set(ledger["columns"]) == set(truth["blank.pdf"]["fields"])  # the ledger holds every field
    rows = ledger_rows(tmp_path / "site" / "output" / ledger["file"])
    assert sorted(rows) == list(FORMS_PER_PROCEDURE)
    for file in FORMS_PER_PROCEDURE:
        row = rows[file]
        assert row[2] == "読み取り済" and not row[4], (file, row[4])
        expected = [shown_value(truth[file]["fields"][column]["value"]) or None for column in ledger["columns"]]
        assert list(row[6:]) == expected, file
