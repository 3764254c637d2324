"""Two ``run`` processes started together on one inbox and one EMPTY PostgreSQL ledger (a fresh
database made for the test) against the sample legacy system: both exit normally (no abort,
no crash), every valid record is in the legacy system exactly once, and every input file is
accounted for exactly once (one file record, one item, received by one run; the other run
counts it as taken by another run or finds it already read). This test is about processes:
they are real ones, as two schedulers or two clerks' PCs would start them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import openpyxl
import pytest
import yaml
from conftest import SCENARIO_DIR
from sqlalchemy import create_engine, text

from robots.demo.runner import REPO, write_demo_site
from samples.forms.generate import generate
from samples.legacy_app import fetch_records
from shared.audit import audit_records, open_audited_ledger
from shared.config import load_site
from shared.ledger import State, site_keys
from tests.postgres import empty_postgres  # noqa: F401  (the fixture)

pytestmark = pytest.mark.slow

RECORDS = 12
EXIT_NORMAL = (0, 1)  # 0 all done, 1 some items need a person (the sample batch has bad forms)




def test_two_runs_at_once_on_an_empty_postgresql_ledger_and_one_inbox(tmp_path, legacy, empty_postgres):
    forms = tmp_path / "forms"
    truth = json.loads(generate(forms, count=RECORDS, seed=1616).read_text(encoding="utf-8"))
    site = write_demo_site(tmp_path / "site", legacy.url)
    profile = yaml.safe_load(site.read_text(encoding="utf-8"))
    profile["ledger_url"] = empty_postgres
    site.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for pdf in forms.glob("*.pdf"):
        (inbox / pdf.name).write_bytes(pdf.read_bytes())
    with create_engine(empty_postgres).connect() as conn:  # empty: the two runs create the schema
        assert conn.execute(text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).scalar() == 0

    env = {**os.environ, "RPA_LANG": "ja"}
    outs = [tmp_path / f"run-{n}.out" for n in range(2)]
    handles = [out.open("w", encoding="utf-8") for out in outs]
    processes = [subprocess.Popen([sys.executable, "robot_runner.py", "run", str(SCENARIO_DIR), "--site", str(site)],
                                  cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT) for handle in handles]
    codes = [process.wait(timeout=900) for process in processes]
    for handle in handles:
        handle.close()
    printed = [out.read_text(encoding="utf-8") for out in outs]
    assert all(code in EXIT_NORMAL for code in codes), (codes, printed)
    assert not any("実行を中止しました" in text_ for text_ in printed), printed

    # every valid record entered exactly once
    records = fetch_records(legacy.db_path)
    assert max(Counter(r["my_number"] for r in records).values()) == 1, "a record was entered twice"
    valid = {n for n, e in truth.items() if e["status"] == "valid" and not e["target_rejects"]}
    assert len(records) == len(valid)

    # every file accounted for exactly once
    keys = site_keys(load_site(site), site)  # both runs sealed with the one key the first made: all items open
    with open_audited_ledger(empty_postgres, "checker", keys=keys) as (ledger, audit):
        files, items = ledger.files(), ledger.items()
        assert audit.verify()[1] is None
    assert sorted(f.name for f in files) == sorted(truth)
    assert sorted(i.source_name for i in items) == sorted(truth)  # one item per file
    by_source = {i.source_name: i for i in items}
    receipts = {r["my_number"]: r["receipt_no"] for r in records}
    for name, entry in truth.items():
        item = by_source[name]
        if name in valid:
            assert item.state == State.DONE and item.receipt_no == receipts[entry["fields"]["my_number"]], name
        else:
            assert item.state == State.FAILED_BUSINESS and item.reason_params.get("message"), name
    trail = audit_records(empty_postgres)
    received = Counter(r["sha256"] for r in trail if r["event"] == "file_received")
    assert sorted(received) == sorted(f.sha256 for f in files) and set(received.values()) == {1}
    assert not [r for r in trail if r["event"] == "file_duplicate"]
    assert len({r["run_id"] for r in trail if r["event"] == "run_started"}) == 2
    assert list(inbox.iterdir()) == []
    moved = Counter(p.name for p in (tmp_path / "site" / "work" / "received").rglob("*.pdf"))
    assert sorted(moved) == sorted(truth) and set(moved.values()) == {1}
    # the outputs both runs wrote to: each item's row once in the Excel ledger and in the CSV
    output = tmp_path / "site" / "output"
    book = openpyxl.load_workbook(next(output.glob("*台帳.xlsx")), read_only=True)
    rows = [row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert sorted(rows) == sorted(truth), rows
    csv_rows = [line.split(",")[1] for line in next(output.glob("*.csv")).read_text(encoding="cp932").splitlines()[1:]]
    assert sorted(csv_rows) == sorted(truth), csv_rows
    # each item was read (extracted) by one run only
    extracted = Counter(r["item_id"] for r in trail if r["event"] == "item_extracted")
    assert extracted and max(extracted.values()) == 1
    assert {i.id for i in items if i.state == State.DONE} <= set(extracted)
