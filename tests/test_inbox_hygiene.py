"""Inbox hygiene (issue 16): a file still being written is left for the next run (listed as
waiting, never archived half-written or quarantined); the moved bytes are checked against
the archived ones; files in sub-folders are read or reported; every file left in the inbox
is listed in the run summary and the HTML report with its reason. Real files; the mtimes
are set with os.utime, nothing sleeps."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import CLAIMS, SCENARIO_DIR
from rich.console import Console
from test_reading_only import reading_only_scenario, site_profile

from robots.cli.summary import print_summary
from robots.demo.runner import write_demo_site
from robots.intake.hygiene import known_suffixes, left_reason, not_settled, scan_folders
from robots.intake.inbox import Intake, _durable_copy
from robots.run.batch import run_scenario
from samples.legacy_app import count_records
from shared.audit import open_audited_ledger
from shared.ledger import State, open_ledger

PATTERNS = ["jidou-teate/*.pdf", "jidou-teate/*.tif"]


def age(path: Path, seconds: float) -> None:
    """Make ``path`` look last written ``seconds`` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def summary_text(summary) -> str:
    console = Console(record=True, width=200)
    print_summary(console, summary)
    return console.export_text()


def set_site(site: Path, **settings: object) -> Path:
    data = yaml.safe_load(site.read_text(encoding="utf-8"))
    data.update(settings)
    site.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return site


@pytest.mark.slow
def test_a_file_that_grows_while_the_run_starts_ends_done_once_and_is_never_quarantined(tmp_path, legacy, run_resources):
    whole = (CLAIMS / "claim-001.pdf").read_bytes()
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    site = set_site(write_demo_site(tmp_path / "site", legacy.url), inbox_settle_seconds=30)
    growing = inbox / "claim-001.pdf"
    growing.write_bytes(whole[: len(whole) // 2])  # the scanner has written half of it

    first = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert first.final_outcomes() == [] and first.fatal is None
    assert first.left_files == [("jidou-teate/claim-001.pdf", "waiting")]
    assert growing.read_bytes() == whole[: len(whole) // 2]  # left as it was
    assert "jidou-teate/claim-001.pdf: 書き込み中のため次回の実行で受け付けます" in summary_text(first)
    assert first.html_report is not None
    page = first.html_report.read_text(encoding="utf-8")
    assert '<li data-reason="waiting">jidou-teate/claim-001.pdf: 書き込み中' in page
    work = tmp_path / "site" / "work"
    with open_ledger(work / "ledger.sqlite3") as ledger:
        assert ledger.files() == [] and ledger.items() == []
    assert not (work / "archive").exists() or not any((work / "archive").rglob("*.pdf"))

    with growing.open("ab") as handle:  # the scanner finishes; the file has not changed for a minute
        handle.write(whole[len(whole) // 2:])
    age(growing, 60)
    second = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert [(o.source, o.state) for o in second.final_outcomes()] == [("claim-001.pdf", State.DONE)]
    assert second.left_files == [] and not growing.exists()
    third = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert third.final_outcomes() == [] and third.exit_code == 0
    assert count_records(legacy.db_path) == 1
    with open_ledger(work / "ledger.sqlite3") as ledger:
        assert [item.state for item in ledger.items()] == [State.DONE]
        assert [record.state for record in ledger.files()] == ["read"]
    assert not (work / "quarantine").exists()


def test_a_sub_folder_file_is_reported_by_default_and_read_when_the_site_says(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    (inbox / "2026-04").mkdir(parents=True)
    shutil.copy2(CLAIMS / "claim-001.pdf", inbox / "2026-04" / "claim-001.pdf")  # copy2: the original's old mtime
    shutil.copy2(CLAIMS / "claim-002.pdf", inbox / "claim-002.pdf")

    reported = run_scenario(scenario, site)
    assert [(o.source, o.state) for o in reported.final_outcomes()] == [("claim-002.pdf", State.READ)]
    assert reported.left_files == [("jidou-teate/2026-04/claim-001.pdf", "subfolder")]
    assert "inbox_subfolders: read" in summary_text(reported)
    assert (inbox / "2026-04" / "claim-001.pdf").is_file()

    site = site_profile(tmp_path / "site", "inbox_subfolders: read\n")
    read = run_scenario(scenario, site)
    assert [(o.source, o.state) for o in read.final_outcomes()] == [("claim-001.pdf", State.READ)]
    assert read.left_files == [] and not (inbox / "2026-04" / "claim-001.pdf").exists()


def test_every_file_left_in_the_inbox_is_listed_with_its_reason(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site", "inbox_settle_seconds: 5\n")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in ("Thumbs.db", ".DS_Store", "desktop.ini", "メモ.txt"):
        (inbox / name).write_bytes(b"\0" * 16)
    shutil.copy2(CLAIMS / "claim-001.pdf", inbox / "claim-001.pdf")
    (inbox / "scan-new.tif").write_bytes(b"II*\0")  # written just now: not settled
    if sys.platform != "win32":
        (inbox / "link.pdf").symlink_to(CLAIMS / "claim-002.pdf")

    summary = run_scenario(scenario, site)
    assert [(o.source, o.state) for o in summary.final_outcomes()] == [("claim-001.pdf", State.READ)]
    left = dict(summary.left_files)
    expected = {"jidou-teate/Thumbs.db": "system", "jidou-teate/.DS_Store": "system", "jidou-teate/desktop.ini": "system",
                "jidou-teate/メモ.txt": "unknown_extension", "jidou-teate/scan-new.tif": "waiting"}
    if sys.platform != "win32":
        expected["jidou-teate/link.pdf"] = "link"
    assert left == expected
    text = summary_text(summary)
    assert f"受信フォルダに残したファイル: {len(expected)} 件" in text
    assert "jidou-teate/Thumbs.db: システムが作るファイル" in text and "jidou-teate/メモ.txt: このシナリオが読む種類" in text
    assert summary.html_report is not None
    page = summary.html_report.read_text(encoding="utf-8")
    assert page.count("<li data-reason=") == len(expected) and "受信フォルダに残したファイル" in page
    assert all((tmp_path / "site" / "inbox" / name).exists() or (tmp_path / "site" / "inbox" / name).is_symlink()
               for name in expected)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory lock")
def test_a_file_another_program_holds_locked_is_left_waiting(tmp_path):
    inbox, work = tmp_path / "inbox", tmp_path / "work"
    (inbox / "jidou-teate").mkdir(parents=True)
    held = inbox / "jidou-teate" / "claim-001.pdf"
    shutil.copy2(CLAIMS / "claim-001.pdf", held)
    work.mkdir()
    with open_audited_ledger(work / "ledger.sqlite3", "test") as (ledger, audit), held.open("rb") as writer:
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX)
        taken = Intake(inbox, work, ledger, audit, "run-1", settle_seconds=0).take([(PATTERNS[0], "t.yaml")])
        assert taken.received == [] and taken.waiting == ["jidou-teate/claim-001.pdf"] and held.is_file()
        fcntl.flock(writer.fileno(), fcntl.LOCK_UN)
        taken = Intake(inbox, work, ledger, audit, "run-2", settle_seconds=0).take([(PATTERNS[0], "t.yaml")])
        assert [record.name for record in taken.received] == ["claim-001.pdf"] and not held.exists()


def test_bytes_that_differ_from_the_first_hash_are_never_archived_nor_kept(tmp_path):
    source = tmp_path / "inbox" / "claim-001.pdf"
    source.parent.mkdir()
    shutil.copy2(CLAIMS / "claim-001.pdf", source)
    target = tmp_path / "archive" / "x.pdf"
    assert _durable_copy(source, target, expected="0" * 64) is False
    assert not target.exists() and not target.with_name("x.pdf.partial").exists() and source.is_file()

    work = tmp_path / "work"
    work.mkdir()
    received = work / "received" / "claim-001.pdf"
    received.parent.mkdir(parents=True)
    wrong = "f" * 64  # the bytes first hashed are not the bytes that were moved
    with open_audited_ledger(work / "ledger.sqlite3", "test") as (ledger, audit):
        intake = Intake(tmp_path / "inbox", work, ledger, audit, "run-1", settle_seconds=0)
        ledger.add_file(wrong, "claim-001.pdf", "archive/ff/x.pdf", "t.yaml")
        assert intake._move_verified(source, received, wrong, created=True) is False
        assert source.read_bytes() == (CLAIMS / "claim-001.pdf").read_bytes() and not received.exists()
        assert [record.state for record in ledger.files()] == ["withdrawn"]
        assert ledger.files("received") == []  # nothing for the reader
        record, created = intake._register(wrong, source, Path("archive/ff/x.pdf"), "t.yaml")
        assert created and [r.state for r in ledger.files()] == ["received"]


@pytest.mark.parametrize(("mtime_age", "settle", "expected"), [
    (0.0, 2.0, True), (1.9, 2.0, True), (2.0, 2.0, False), (60.0, 2.0, False), (0.0, 0.0, False),
    (-5.0, 0.0, True),  # a modification time in the future: a clock or a writer not done; wait
])
def test_not_settled(mtime_age, settle, expected, tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x")
    now = 1_800_000_000.0
    os.utime(path, (now - mtime_age, now - mtime_age))
    assert not_settled(path.stat(), settle, now=now) is expected


@pytest.mark.parametrize(("relative", "waiting", "link", "expected"), [
    ("jidou-teate/a.pdf", {"jidou-teate/a.pdf"}, False, "waiting"),
    ("jidou-teate/Thumbs.db", set(), False, "system"),
    ("jidou-teate/THUMBS.DB", set(), False, "system"),
    ("jidou-teate/.DS_Store", set(), False, "system"),
    ("jidou-teate/._claim.pdf", set(), False, "system"),
    ("jidou-teate/~$申請.xlsx", set(), False, "system"),
    ("jidou-teate/Desktop.ini", set(), False, "system"),
    ("jidou-teate/sub/a.PDF", set(), False, "subfolder"),
    ("jidou-teate/sub/a.doc", set(), False, "unknown_extension"),
    ("jidou-teate/a.docx", set(), False, "unknown_extension"),
    ("jidou-teate/a.pdf", set(), True, "link"),
])
def test_left_reason(relative, waiting, link, expected):
    assert left_reason(relative, PATTERNS, known_suffixes(PATTERNS), waiting, link) == expected


def test_a_file_of_a_known_kind_that_no_pattern_names_is_unmatched():
    patterns = ["jidou-teate/claim-*.pdf"]
    assert left_reason("jidou-teate/memo.pdf", patterns, known_suffixes(patterns), set(), False) == "unmatched"


@pytest.mark.parametrize(("patterns", "folders", "suffixes"), [
    (["jidou-teate/*.pdf", "jidou-teate/*.tif"], ["jidou-teate"], {".pdf", ".tif"}),
    (["*.pdf", "a/*.pdf"], [""], {".pdf"}),
    (["a/*.pdf", "b\\*.PDF"], ["a", "b"], {".pdf"}),
    (["a/*.*"], ["a"], None),
    (["a/2026*/*.pdf"], ["a"], {".pdf"}),
])
def test_scan_folders_and_known_suffixes(patterns, folders, suffixes):
    assert scan_folders(patterns) == folders and known_suffixes(patterns) == suffixes
