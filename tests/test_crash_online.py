"""Online exports and kill -9: the sample exports (XML, JSON, CSV, zips with a PDF attachment)
in one inbox, the robot killed with SIGKILL (robot, driver and browser) inside the window
between 'committing' and 'done' and at a random moment, restarted until done; each application
is in the legacy system exactly once, and so is each attachment."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections import Counter

from crash_batch import PYTESTMARK, WINDOW_DEADLINE, committing_seen, kill, start

from robots.demo.runner import REPO, write_demo_site
from samples.legacy_app import fetch_attachments, fetch_records
from shared.ledger import State, open_ledger

pytestmark = PYTESTMARK

FILES = REPO / "samples" / "online" / "files"
PLAN = [None, 4.0, None]  # None: inside the commit window; a number: after that many seconds


def test_online_exports_killed_still_enter_each_application_exactly_once(tmp_path, legacy):
    truth = json.loads((FILES / "truth.json").read_text(encoding="utf-8"))
    valid = {n: e for n, e in truth.items() if e["status"] == "valid"}
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in valid:
        shutil.copy2(FILES / name, inbox / name)
    site = write_demo_site(tmp_path / "site", legacy.url)
    ledger_path = tmp_path / "site" / "work" / "ledger.sqlite3"
    in_window = 0
    for wait in PLAN:
        process = start(site)
        if wait is None:
            in_window += committing_seen(ledger_path, process, time.monotonic() + WINDOW_DEADLINE)
        else:
            try:
                process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                pass
        kill(process)
    assert in_window >= 1
    finals = []
    for _ in range(4):
        process = start(site)
        finals.append(process.wait(timeout=1800))
        if finals[-1] in (0, 1):
            break
    assert finals[-1] in (0, 1), finals

    expected = {receipt: record for entry in valid.values() for receipt, record in entry["records"].items()}
    records = fetch_records(legacy.db_path)
    numbers = Counter(r["my_number"] for r in records)
    assert sorted(numbers) == sorted(r["my_number"] for r in expected.values())
    assert max(numbers.values()) == 1, "an application was entered twice"
    attachments = Counter((a["receipt_no"], a["name"]) for a in fetch_attachments(legacy.db_path))
    assert len(attachments) == 2 and max(attachments.values()) == 1, attachments
    with open_ledger(ledger_path) as ledger:
        items = ledger.items()
    done = {i.source_name.rsplit("受付番号 ", 1)[-1].rstrip("）"): i for i in items if i.state == State.DONE}
    receipts = {r["my_number"]: r["receipt_no"] for r in records}
    for receipt, record in expected.items():
        assert done[receipt].receipt_no == receipts[record["my_number"]], receipt
