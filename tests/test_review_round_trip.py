"""The review round trip through the real parts (Tesseract, Chromium, xlsx, CSV): scans of
the corpus (samples/scans/out, with truth) go to the review sheet; its "value read" is the
value the Excel ledger, the CSV and the report show; a person types a correction where that
value is wrong and leaves the cell blank where it is right (a blank keeps the robot's mended
value, never the raw OCR text); after `review import` and a second run every field in the
legacy system, the Excel ledger and the CSV equals the truth."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import SCENARIO_DIR

from robots.core.display import shown_value
from robots.demo.runner import REPO, write_demo_site
from robots.reports.html import render_report, run_data
from robots.run.batch import run_scenario
from samples.legacy_app import fetch_records
from shared.config import load_scenario
from shared.ledger import State
from shared.ledger.sql import open_ledger

pytestmark = pytest.mark.slow

CORPUS = REPO / "samples" / "scans" / "out"
# scan-002: a child's name read 「高橋 夢」 and mended to 「髙橋　蓮」 (right: a blank keeps it);
# scan-009 and scan-014: an address read wrongly (a person types it); scan-001 reads clean.
SCANS = ("scan-001.tif", "scan-002.tif", "scan-009.pdf", "scan-014.pdf")
LEGACY = {"claimant_name": "applicant_name", "claimant_kana": "applicant_kana", "birth_date": "birth_date",
          "sex": "gender", "my_number": "my_number", "postal_code": "postal_code", "phone": "phone",
          "pension": "pension", "bank_name": "bank_name", "branch_name": "branch_name", "account_type": "account_type",
          "account_number": "account_number", "account_holder_kana": "account_holder_kana",
          **{f"child{n}_{part}": f"child{n}_{part}" for n in (1, 2, 3) for part in ("name", "kana")},
          **{f"child{n}_birth_date": f"child{n}_birth" for n in (1, 2, 3)}}
LEDGER, CSV = "台帳.xlsx", "一覧.csv"


def scenario_showing_every_field(folder: Path) -> Path:
    """The sample scenario whose ledger and CSV hold every field (personal ones allowed).
    The address is not marked personal here, so the outputs show it from the public copy
    that a correction must reach."""
    shutil.copytree(SCENARIO_DIR, folder, ignore=shutil.ignore_patterns("samples"))
    path = folder / "scenario.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["fields"]["address"]["mask"] = False
    fields = list(data["fields"])
    masked = [name for name, spec in data["fields"].items() if spec.get("mask")]
    data["outputs"] = [{"kind": "excel_ledger", "file": LEDGER, "columns": fields, "allow": masked},
                       {"kind": "csv", "file": CSV, "columns": fields, "allow": masked}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def text(value: object) -> str:
    return "" if value is None else str(value)


def ledger_rows(path: Path) -> list[dict[str, str]]:
    sheet = openpyxl.load_workbook(path)["台帳"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], map(text, row), strict=False)) for row in rows[1:]]


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_review_import_makes_every_output_follow_the_corrections(tmp_path, legacy, run_resources):
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    scenario = scenario_showing_every_field(tmp_path / "scenario")
    loaded = load_scenario(scenario)
    fields = loaded.scenario.fields
    site = write_demo_site(tmp_path / "site", legacy.url)
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in SCANS:
        shutil.copy2(CORPUS / name, inbox / name)
    output = tmp_path / "site" / "output"

    first = run_scenario(scenario, site, resources=run_resources)
    states = {o.source: o.state for o in first.final_outcomes()}
    assert states["scan-001.tif"] == State.DONE
    review = [name for name in SCANS[1:] if states[name] == State.NEEDS_REVIEW]
    assert review == list(SCANS[1:]), states
    assert first.review_sheet is not None

    # The sheet's "value read" is what the Excel ledger, the CSV and the report show.
    book = openpyxl.load_workbook(first.review_sheet)
    sheet = book.active
    sheet_rows = [row for row in sheet.iter_rows(min_row=2) if row[0].value is not None]
    ledger = {(r["入力ファイル"], r["状態"]): r for r in ledger_rows(output / LEDGER)}
    listed = {(r["入力ファイル"], r["状態"]): r for r in csv_rows(output / CSV)}
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as store:
        report = render_report(loaded, tmp_path / "site" / "work", run_data(first), store.items(), store.files(),
                               show_personal_data=True)
    for row in sheet_rows:
        source, label, read = row[2].value, row[3].value, text(row[4].value)
        assert ledger[(source, "要確認（担当者）")][label] == read, (source, label)
        assert listed[(source, "要確認（担当者）")][label] == read, (source, label)
        shown = re.escape(html.escape(read)) if read else "[^<]*"  # an empty value reads （空欄） in the report
        assert re.search(f"<td>{re.escape(html.escape(label))}</td><td[^>]*>{shown}</td>", report), (source, label)

    # A person types the truth where the value shown is wrong and leaves the rest blank.
    typed, kept_mended = [], []
    for row in sheet_rows:
        source, field, read, reason = row[2].value, row[1].value, text(row[4].value), text(row[6].value)
        expected = text(shown_value(truth[source]["fields"][field]))
        if read != expected:
            row[8].value = expected
            typed.append((source, field))
        elif f"読み取った文字:「{expected}」" not in reason:
            kept_mended.append((source, field))  # the raw text differs from the value kept: a blank keeps the latter
    # The person also changes a value read right (the applicant phoned in another branch): the
    # outputs must follow such a correction too, however well the reader did on these scans.
    branch = next(row for row in sheet_rows if row[1].value == "branch_name")
    truth[branch[2].value]["fields"]["branch_name"] = branch[8].value = "本町支店"
    typed.append((branch[2].value, "branch_name"))
    book.save(first.review_sheet)
    assert typed and kept_mended, (typed, kept_mended)
    assert ("scan-002.tif", "child1_name") in kept_mended  # 「高橋 夢」 read, 「髙橋　蓮」 kept: not re-read as another name

    result = subprocess.run(
        [sys.executable, "robot_runner.py", "review", "import", str(first.review_sheet), "--scenario", str(scenario),
         "--site", str(site), "--by", "確認担当"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"入力に進む申請 {len(review)} 件" in result.stdout and f"訂正した項目 {len(typed)} 件" in result.stdout
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as store:
        for item in store.items():
            if item.source_name in review:  # the public copy the outputs read follows the corrections
                expected = truth[item.source_name]["fields"]
                assert item.state == State.NEW
                assert item.public == {k: v for k, v in expected.items() if not fields[k].mask}
                assert item.values == expected

    second = run_scenario(scenario, site, resources=run_resources)
    assert {o.source: o.state for o in second.final_outcomes()} == dict.fromkeys(review, State.DONE)
    assert second.exit_code == 0

    records = {r["my_number"]: r for r in fetch_records(legacy.db_path)}
    assert len(records) == len(SCANS)
    done_ledger = {r["入力ファイル"]: r for r in ledger_rows(output / LEDGER) if r["状態"] == "登録済"}
    done_csv = {r["入力ファイル"]: r for r in csv_rows(output / CSV) if r["状態"] == "登録済"}
    assert set(done_ledger) == set(done_csv) == set(SCANS)
    for name in SCANS:
        expected = truth[name]["fields"]
        record = records[expected["my_number"]]
        for field, column in LEGACY.items():
            assert record[column] == expected[field], (name, field)
        assert record["address_town"] + record["address_street"] == expected["address"], name
        for field, spec in fields.items():
            shown = text(shown_value(expected[field]))
            assert done_ledger[name][spec.label] == shown, (name, field)
            # The CSV is written anew each run: personal values it may hold only for items entered in that run.
            in_csv = shown if name in review or not spec.mask else "＊＊＊＊"
            assert done_csv[name][spec.label] == in_csv, (name, field)
