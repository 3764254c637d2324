"""Excel and Word claims (and a list workbook) through the whole robot, end to end: intake,
reading, entry into the sample legacy system through Chromium, the ledger appended (held
back while another program locks it, caught up after), notices and CSV; bad files are
quarantined with Japanese reasons; nothing is entered or appended twice; no personal data
in what the robot writes."""

from __future__ import annotations

import html
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import found_personal

from robots.demo.runner import REPO, write_demo_site
from robots.run.batch import run_scenario
from samples.legacy_app import fetch_records
from shared.ledger import State

pytestmark = pytest.mark.slow

OFFICE = REPO / "samples" / "office" / "files"
SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
LEDGER = "児童手当認定請求_台帳.xlsx"
VALID = ["claim-excel-001.xlsx", "claim-excel-009.xlsm", "claim-excel-010-renamed-sheet.xlsx",
         "claim-word-001.docx", "claim-word-002.docx", "一覧-002-header-moved.xlsx"]
BAD = {"bad-excel-encrypted.xlsx": "パスワード", "bad-word-really-doc.docx": ".doc",
       "bad-excel-formula-no-value.xlsx": "セルG12"}


def _personal(truth: dict[str, dict], names: list[str]) -> set[str]:
    values: set[str] = set()
    records = []
    for name in names:
        entry = truth[name]
        records += list(entry["rows"].values()) if entry["status"] == "list" else [entry["fields"] or {}]
    for fields in records:
        for key in ("my_number", "claimant_name", "claimant_kana", "address", "phone", "account_number", "child1_name"):
            if isinstance(fields.get(key), str):
                values |= {fields[key], fields[key].replace("\u3000", " ")}
    return values


def _text(path: Path) -> str:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "".join(html.unescape(archive.read(n).decode("utf-8", "ignore")) for n in archive.namelist())
    return path.read_bytes().decode("utf-8", "ignore")


def test_office_inbox_end_to_end(tmp_path, legacy, office_truth, run_resources):
    site_dir = tmp_path / "site"
    inbox = site_dir / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in [*VALID, *BAD]:
        shutil.copy2(OFFICE / name, inbox / name)
    site = write_demo_site(site_dir, legacy.url)
    output = site_dir / "output"
    output.mkdir()
    lock = output / f".~lock.{LEDGER}#"
    lock.write_text("staff,PC01,2026-11-23;", encoding="utf-8")

    first = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert first.fatal is None
    done = [o for o in first.final_outcomes() if o.state == State.DONE]
    assert len(done) == 5 + 5  # five forms, five rows of the list workbook
    records = fetch_records(legacy.db_path)
    expected = {office_truth[n]["fields"]["my_number"] for n in VALID if office_truth[n]["status"] == "valid"}
    expected |= {row["my_number"] for row in office_truth["一覧-002-header-moved.xlsx"]["rows"].values()}
    assert sorted(r["my_number"] for r in records) == sorted(expected)
    # the locked ledger: a clear message, exit code 1, nothing written, the rest of the outputs written
    assert first.exit_code == 1 and any(lock.name in p and LEDGER in p for p in first.output_problems)
    assert not (output / LEDGER).exists()
    assert len(list(output.glob("認定通知書_JT-*.docx"))) == 10
    failed = {o.source: o.reason for o in first.final_outcomes() if o.state == State.FAILED_BUSINESS}
    for name, words in BAD.items():
        assert name in failed and words in failed[name], (name, failed.get(name))
    quarantined = {p.name for p in (site_dir / "work" / "quarantine").iterdir()}
    assert {"bad-excel-encrypted.xlsx", "bad-word-really-doc.docx"} <= quarantined

    lock.unlink()  # the person closed the ledger
    second = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert second.fatal is None and not second.output_problems
    assert len(fetch_records(legacy.db_path)) == len(records)  # nothing entered twice
    sheet = openpyxl.load_workbook(output / LEDGER)["台帳"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 13 and len({r[0] for r in rows}) == 13  # every item once: nothing lost, nothing twice
    assert sum(r[2] == "登録済" for r in rows) == 10
    list_rows = [r for r in rows if str(r[1]).startswith("一覧-002-header-moved.xlsx（申請者一覧 ")]
    assert len(list_rows) == 5
    before = (output / LEDGER).read_bytes()

    third = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert third.fatal is None and not third.output_problems
    assert (output / LEDGER).read_bytes() == before  # the same inbox again appends nothing
    assert len(list(output.glob("認定通知書_JT-*.docx"))) == 10

    seeded = _personal(office_truth, VALID)
    assert len(seeded) > 40
    leaks = []
    for path in site_dir.rglob("*"):
        if not path.is_file() or "inbox" in path.parts or "archive" in path.parts or "received" in path.parts:
            continue
        if path.parent.name == "quarantine" and not path.name.endswith(".理由.txt"):
            continue  # the quarantined input file itself
        if path.name.startswith("ledger.sqlite3"):
            continue
        text = _text(path)
        leaks += [(path.name, v) for v in found_personal(text, seeded)]
    from shared import audit as audit_module

    if hasattr(audit_module, "audit_records"):  # the audit trail in the ledger database
        [database] = list(site_dir.rglob("ledger.sqlite3"))
        audit_text = json.dumps(audit_module.audit_records(database), ensure_ascii=False)
        leaks += [("audit", v) for v in seeded if v in audit_text]
    assert leaks == []
