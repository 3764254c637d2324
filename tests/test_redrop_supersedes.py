"""A file dropped again, corrected, supersedes the 要確認 entry its first copy left (issue 16:
"after a re-drop the stale 要確認 entry stayed"): the half-written copy was quarantined as a
broken PDF, the complete one was read, and the broken one still waited in the exception queue.
Real files, the real inbox, ledger, audit trail and CLI; a reading-only scenario (no browser)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from cli_runner import cli
from conftest import CLAIMS
from test_inbox_hygiene import summary_text
from test_reading_only import reading_only_scenario, site_profile

from robots.run.batch import run_scenario
from shared.audit import audit_records, open_audited_ledger
from shared.config import load_scenario
from shared.ledger import State, open_ledger


def ledger_items(site: Path) -> dict[int, tuple[str, State, str | None]]:
    with open_ledger(site.parent / "work" / "ledger.sqlite3") as ledger:
        return {item.id: (item.source_name, item.state, item.reason_key) for item in ledger.items()}


def audit_events(site: Path) -> Counter:
    return Counter(r["event"] for r in audit_records(site.parent / "work" / "ledger.sqlite3"))


def test_a_complete_file_dropped_again_closes_the_quarantined_half_written_one(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    whole = (CLAIMS / "claim-001.pdf").read_bytes()
    (inbox / "claim-001.pdf").write_bytes(whole[: len(whole) // 2])  # a copy cut off half-way (a network share)
    shutil.copy2(CLAIMS / "bad-mynumber.pdf", inbox / "申請B.pdf")  # a wrong My Number: bad data
    shutil.copy2(CLAIMS / "not-a-pdf.pdf", inbox / "other.pdf")  # broken, and never dropped again

    first = run_scenario(scenario, site)
    assert sorted((o.source, o.state) for o in first.final_outcomes()) == [
        ("claim-001.pdf", State.FAILED_BUSINESS), ("other.pdf", State.FAILED_BUSINESS),
        ("申請B.pdf", State.FAILED_BUSINESS)]
    before = ledger_items(site)
    assert {name: state for name, state, _ in before.values()} == {
        "claim-001.pdf": State.FAILED_BUSINESS, "申請B.pdf": State.FAILED_BUSINESS, "other.pdf": State.FAILED_BUSINESS}
    listed = cli("queue", "list", "--site", site, "--state", "failed_business")
    assert listed.stdout.count("要確認（データ不備）") == 3

    shutil.copy2(CLAIMS / "claim-001.pdf", inbox / "claim-001.pdf")  # the clerk drops the whole files again
    shutil.copy2(CLAIMS / "claim-002.pdf", inbox / "申請B.pdf")  # the corrected form
    second = run_scenario(scenario, site)
    assert sorted((o.source, o.state) for o in second.final_outcomes()) == [
        ("claim-001.pdf", State.READ), ("申請B.pdf", State.READ)]
    assert second.exit_code == 0
    after = ledger_items(site)
    old = {before_id: after[before_id] for before_id in before}
    by_name = {name: (item_id, state, reason) for item_id, (name, state, reason) in old.items()}
    assert by_name["claim-001.pdf"][1:] == (State.ABANDONED, "item.superseded")
    assert by_name["申請B.pdf"][1:] == (State.ABANDONED, "item.superseded")
    assert by_name["other.pdf"][1] == State.FAILED_BUSINESS  # no file of its name came again
    new = {name: item_id for item_id, (name, state, _) in after.items() if item_id not in before}
    text = summary_text(second)
    for name in ("claim-001.pdf", "申請B.pdf"):
        assert (f"{name}: 入れ直されたファイルです。前の要確認の申請 {by_name[name][0]} を閉じ、"
                f"申請 {new[name]} として読み取りました。") in text

    # The exception queue shows only what is current: the one broken file nobody replaced.
    listed = cli("queue", "list", "--site", site, "--state", "failed_business")
    assert listed.stdout.count("要確認（データ不備）") == 1 and "other.pdf" in listed.stdout
    shown = cli("queue", "show", str(by_name["claim-001.pdf"][0]), "--site", site)
    assert "取り下げ" in shown.stdout
    assert f"同じ名前のファイルが入れ直されたため、この申請は閉じました（新しいファイルは申請 {new['claim-001.pdf']}" in shown.stdout
    english = cli("--lang", "en", "queue", "show", str(by_name["申請B.pdf"][0]), "--site", site)
    assert f"the new file is read as item {new['申請B.pdf']}" in english.stdout
    records = [r for r in audit_records(site.parent / "work" / "ledger.sqlite3") if r["event"] == "item_superseded"]
    assert sorted((r["item_id"], r["by_item"], r["state"]) for r in records) == sorted(
        [(by_name["claim-001.pdf"][0], new["claim-001.pdf"], "failed_business"),
         (by_name["申請B.pdf"][0], new["申請B.pdf"], "failed_business")])
    assert (tmp_path / "site" / "work" / "quarantine" / "claim-001.pdf").is_file()  # the copy is kept, never deleted

    third = run_scenario(scenario, site)  # nothing new: nothing superseded again
    assert third.final_outcomes() == [] and third.notes == [] and third.exit_code == 0
    assert audit_events(site)["item_superseded"] == 2


def test_a_reading_to_review_is_superseded_but_never_an_item_that_may_be_in_the_target_system(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    loaded = load_scenario(scenario)
    site = site_profile(tmp_path / "site")
    work = tmp_path / "site" / "work"
    work.mkdir(parents=True)
    with open_audited_ledger(work / "ledger.sqlite3", "test") as (ledger, _):
        review = ledger.add(loaded.scenario.id, "scan-001.pdf", "a" * 64, "run-0")  # a scan with doubtful fields
        ledger.update(review.id, values={"sex": "男"})
        ledger.transition(review.id, State.NEEDS_REVIEW, reason_key="item.needs_review", reason_params={})
        submitted = ledger.add(loaded.scenario.id, "claim-005.pdf", "b" * 64, "run-0")  # submitted, never confirmed
        ledger.transition(submitted.id, State.RESERVED)
        ledger.transition(submitted.id, State.COMMITTING)
        ledger.transition(submitted.id, State.UNCERTAIN)
        ledger.transition(submitted.id, State.NEEDS_REVIEW, reason_key="item.unconfirmed_too_often", reason_params={})
        unsure = ledger.add(loaded.scenario.id, "claim-006.pdf", "c" * 64, "run-0")
        for state in (State.RESERVED, State.COMMITTING, State.UNCERTAIN):
            ledger.transition(unsure.id, state)
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    shutil.copy2(CLAIMS / "claim-004.pdf", inbox / "scan-001.pdf")  # the form scanned again, clean
    for name in ("claim-005.pdf", "claim-006.pdf"):
        shutil.copy2(CLAIMS / name, inbox / name)

    run_scenario(scenario, site)
    items = ledger_items(site)
    assert items[review.id][1:] == (State.ABANDONED, "item.superseded")
    assert items[submitted.id][1] == State.NEEDS_REVIEW  # its record may be in the target system: a person decides
    assert items[unsure.id][1] == State.UNCERTAIN
    with open_ledger(work / "ledger.sqlite3") as ledger:
        assert ledger.get(review.id).values is None  # a closed item keeps no personal values


def test_two_files_of_one_name_in_one_run_are_two_applications(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site", "inbox_subfolders: read\n")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    (inbox / "2026-04").mkdir(parents=True)
    (inbox / "2026-05").mkdir()
    shutil.copy2(CLAIMS / "bad-mynumber.pdf", inbox / "2026-04" / "scan0001.pdf")  # scanners restart their numbers
    shutil.copy2(CLAIMS / "claim-003.pdf", inbox / "2026-05" / "scan0001.pdf")

    summary = run_scenario(scenario, site)
    assert sorted(o.state for o in summary.final_outcomes()) == sorted([State.FAILED_BUSINESS, State.READ])
    assert sorted(state for _, state, _ in ledger_items(site).values()) == sorted([State.FAILED_BUSINESS, State.READ])
    assert audit_events(site)["item_superseded"] == 0 and summary.notes == []
