"""Online applications' exports through the whole robot, end to end: intake, reading without
OCR, entry into the sample legacy system through Chromium; every record equal to the truth,
entered exactly once across a re-run; each bad export refused with a Japanese message naming
the file (and the element or path), the batch going on; no personal data in what the robot writes."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest
from conftest import found_personal

from robots.demo.runner import REPO, write_demo_site
from robots.run.batch import run_scenario
from samples.legacy_app import fetch_attachments, fetch_records
from shared.ledger import State

pytestmark = pytest.mark.slow

FILES = REPO / "samples" / "online" / "files"
SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
TRUTH = json.loads((FILES / "truth.json").read_text(encoding="utf-8"))
# what the reason of each refused file (or record) says, besides the file's name
WORDS = {
    "online.xml_dtd": "文書型宣言", "online.zip_slip": "../../outside.xml", "online.zip_bomb": "展開爆弾",
    "online.zip_broken": "途中で切れている", "online.wrong_form": "e:様式ID", "online.version_newer": "e:様式バージョン",
    "online.encoding_sjis_as_utf8": "中身は Shift_JIS", "online.encoding_utf8_as_sjis": "中身は UTF-8",
    "online.wrong_type": "/申請内容/振込先/口座番号", "online.receipt_seen": "取り込み済み",
    "online.receipt_twice": "同じファイルの2行目",
}
PERSONAL = ("my_number", "claimant_name", "claimant_kana", "address", "phone", "account_number", "child1_name")


def _expected() -> dict[str, dict]:
    """receipt number -> the record the legacy system must hold."""
    return {receipt: record for entry in TRUTH.values() if entry["status"] == "valid"
            for receipt, record in entry["records"].items()}


def test_online_exports_end_to_end(tmp_path, legacy, run_resources):
    site_dir = tmp_path / "site"
    inbox = site_dir / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in TRUTH:
        shutil.copy2(FILES / name, inbox / name)
    site = write_demo_site(site_dir, legacy.url)

    first = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert first.fatal is None
    expected = _expected()
    records = fetch_records(legacy.db_path)
    assert sorted(r["my_number"] for r in records) == sorted(e["my_number"] for e in expected.values())
    by_number = {r["my_number"]: r for r in records}
    for receipt, truth in expected.items():
        record = by_number[truth["my_number"]]
        assert record["applicant_name"] == truth["claimant_name"], receipt
        assert record["applicant_kana"] == truth["claimant_kana"], receipt
        assert record["birth_date"] == truth["birth_date"], receipt
        assert record["address_town"] + record["address_street"] == truth["address"], receipt
        assert (record["bank_name"], record["account_number"]) == (truth["bank_name"], truth["account_number"]), receipt
        assert record["child1_birth"] == truth["child1_birth_date"], receipt
    # the attachments of the zips, archived with their items and uploaded with them (and only with them)
    stored = {(a["receipt_no"], a["name"], a["sha256"]) for a in fetch_attachments(legacy.db_path)}
    wanted = set()
    for name, entry in TRUTH.items():
        for receipt, names in entry.get("attachments", {}).items():
            with zipfile.ZipFile(FILES / name) as archive:
                for attached in names:
                    digest = hashlib.sha256(archive.read(attached)).hexdigest()
                    wanted.add((by_number[expected[receipt]["my_number"]]["receipt_no"], attached, digest))
    assert len(wanted) == 2 and stored == wanted
    archived = list((site_dir / "work" / "attachments").rglob("manifest.json"))
    assert len(archived) == 2
    done = [o for o in first.final_outcomes() if o.state == State.DONE]
    assert len(done) == len(expected)
    assert all("受付番号 R07-" in o.source for o in done)

    failed = [o for o in first.final_outcomes() if o.state == State.FAILED_BUSINESS]
    for name, entry in TRUTH.items():
        keys = [entry["problem"]] if entry["status"] == "refused" else entry.get("refused", [])
        for key in keys:
            reasons = [o.reason or "" for o in failed if o.source.startswith(name)]
            assert any(name in r and WORDS[key] in r for r in reasons), (name, key, reasons)
    quarantined = {p.name for p in (site_dir / "work" / "quarantine").iterdir()}
    assert {"bad-egov-dtd-external.xml", "bad-egov-billion-laughs.xml", "egov-bad-zip-bomb.zip"} <= quarantined

    second = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert second.fatal is None
    assert len(fetch_records(legacy.db_path)) == len(records)  # nothing entered twice
    assert len(fetch_attachments(legacy.db_path)) == 2
    assert not [o for o in second.final_outcomes() if o.state == State.DONE]

    seeded = {str(truth[k]) for truth in expected.values() for k in PERSONAL if truth.get(k)}
    leaks = []
    for path in site_dir.rglob("*"):
        if not path.is_file() or {"inbox", "archive", "received"} & set(path.parts) or path.name.startswith("ledger.sqlite3"):
            continue
        if path.parent.name == "quarantine" and not path.name.endswith(".理由.txt"):
            continue  # the quarantined input file itself
        text = path.read_bytes().decode("utf-8", "ignore")
        leaks += [(path.name, v) for v in found_personal(text, seeded)]
    assert leaks == []


def test_the_generator_writes_what_is_committed(tmp_path):
    from samples.online.generate import generate

    generate(tmp_path)
    for name in TRUTH:
        assert (tmp_path / name).read_bytes() == (FILES / name).read_bytes(), name
