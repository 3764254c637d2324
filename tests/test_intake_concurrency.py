"""Intake beside another run on one inbox and one ledger (real files, a real SQLite ledger and
audit trail): a file another run took first is skipped and counted — gone before it could be
hashed, or recorded by the other run an instant before this one moved it — never an abort;
the same bytes dropped again later are still a duplicate. Messages show states by their
Japanese names, not the ledger's raw values."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import CLAIMS

from robots.intake.inbox import Intake, IntakeResult
from robots.run.queue_admin import QueueAdmin
from shared.audit import open_audited_ledger
from shared.errors import BusinessError
from shared.ledger import IllegalTransition, State
from shared.messages import t


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    inbox, work = tmp_path / "inbox", tmp_path / "work"
    inbox.mkdir()
    return inbox, work


def events(audit) -> list[str]:
    return [record["event"] for record in audit.records()]


def test_a_file_gone_before_it_was_hashed_is_counted_as_taken_by_another_run(folders):
    inbox, work = folders
    with open_audited_ledger(work / "ledger.sqlite3", "robot") as (ledger, audit):
        intake = Intake(inbox, work, ledger, audit, "run-b")
        result = IntakeResult()
        intake._take_one(inbox / "claim-001.pdf", "t", result)  # listed by the glob, moved by run A since
        assert result.taken_elsewhere == ["claim-001.pdf"] and result.received == [] and result.duplicates == []
        assert events(audit) == ["file_taken_elsewhere"]


def test_a_file_recorded_by_another_run_just_before_this_one_moved_it_is_not_a_duplicate(folders):
    inbox, work = folders
    shutil.copy2(CLAIMS / "claim-001.pdf", inbox)
    with open_audited_ledger(work / "ledger.sqlite3", "robot") as (ledger, audit):
        run_b = Intake(inbox, work, ledger, audit, "run-b")  # started first
        run_a = Intake(inbox, work, ledger, audit, "run-a")
        # run A records the file; before it moves it, run B (which hashed it too) moves it
        first = run_a.take([("*.pdf", "t")])
        assert [r.name for r in first.received] == ["claim-001.pdf"]
        shutil.copy2(CLAIMS / "claim-001.pdf", inbox)  # the file run B still sees in the inbox
        second = run_b.take([("*.pdf", "t")])
        assert second.taken_elsewhere == ["claim-001.pdf"] and second.duplicates == [] and second.received == []
        assert events(audit) == ["file_received", "file_taken_elsewhere"]
        # the same bytes dropped again by a person for a later run: a duplicate, as before
        shutil.copy2(CLAIMS / "claim-001.pdf", inbox / "claim-001 (2).pdf")
        later = Intake(inbox, work, ledger, audit, "run-c").take([("*.pdf", "t")])
        assert later.duplicates == ["claim-001 (2).pdf"] and later.taken_elsewhere == []
        assert len(ledger.files()) == 1 and list(inbox.iterdir()) == []


def test_a_file_recorded_before_this_run_started_but_still_in_the_inbox_is_not_a_duplicate(folders):
    """The race of two runs on an empty PostgreSQL ledger: run A records the file, stalls before it
    moves it; run B starts only then, finds the file still in the inbox and moves it first."""
    inbox, work = folders
    same = inbox / "claim-001.pdf"
    shutil.copy2(CLAIMS / "claim-001.pdf", same)
    with open_audited_ledger(work / "ledger.sqlite3", "robot") as (ledger, audit):
        run_a = Intake(inbox, work, ledger, audit, "run-a")
        sha = hashlib.sha256(same.read_bytes()).hexdigest()
        ledger.add_file(sha, same.name, f"archive/{sha[:2]}/{sha}.pdf", "t")  # run A's record; A stalls here
        run_b = Intake(inbox, work, ledger, audit, "run-b")
        taken = run_b.take([("*.pdf", "t")])
        assert taken.taken_elsewhere == ["claim-001.pdf"] and taken.duplicates == [] and taken.received == []
        assert events(audit) == ["file_taken_elsewhere"]
        # the same name and bytes put into the inbox after the record: a second copy
        shutil.copy2(CLAIMS / "claim-001.pdf", same)
        later = Intake(inbox, work, ledger, audit, "run-c")
        assert later.take([("*.pdf", "t")]).duplicates == ["claim-001.pdf"]
        assert run_a.take([("*.pdf", "t")]).received == []  # nothing left for A


def test_two_intakes_on_one_inbox_account_for_each_file_once(folders):
    inbox, work = folders
    names = ["claim-001.pdf", "claim-002.pdf", "claim-003.pdf"]
    for name in names:
        shutil.copy2(CLAIMS / name, inbox)
    with open_audited_ledger(work / "ledger.sqlite3", "robot") as (ledger, audit):
        a, b = Intake(inbox, work, ledger, audit, "run-a"), Intake(inbox, work, ledger, audit, "run-b")
        taken_a = a.take([("*.pdf", "t")])
        leftover = IntakeResult()
        for name in names:  # run B's listing was made before run A took them
            b._take_one(inbox / name, "t", leftover)
        assert sorted(r.name for r in taken_a.received) == names
        assert sorted(leftover.taken_elsewhere) == names and not leftover.duplicates
        received = sorted(p.name for p in (work / "received").rglob("*.pdf"))
        assert received == names and not [p for p in (work / "archive").rglob("*.partial")]


def test_states_in_messages_are_named_in_japanese(tmp_path):
    with open_audited_ledger(tmp_path / "ledger.sqlite3", "robot") as (ledger, audit):
        item, _ = ledger.add_or_get("s", "a.pdf", "a" * 64, "run")
        ledger.update(item.id, values={"a": 1})
        ledger.reserve_next("s", "w", dt.timedelta(minutes=5), 3)
        with pytest.raises(IllegalTransition) as illegal:
            ledger.transition(item.id, State.DONE)
        assert "「処理中」" in illegal.value.message("ja") and f"「{t('state.done', lang='ja')}」" in illegal.value.message("ja")
        assert "reserved" not in illegal.value.message("ja") and "'reserved'" in illegal.value.message("en")
        with pytest.raises(BusinessError) as refused:
            QueueAdmin(ledger, audit).retry(item.id)
        assert "状態「処理中」" in refused.value.message("ja") and "reserved" not in refused.value.message("ja")
