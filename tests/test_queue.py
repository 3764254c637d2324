"""The exception queue from the command line: list by state with reasons, show, retry
application failures, and settle items by hand with the audit naming who and why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import CLAIMS, SCENARIO_DIR

from robots.demo.runner import write_demo_site
from robots.run.batch import run_scenario
from shared.ledger import State, open_ledger


@pytest.fixture
def site(tmp_path, monkeypatch, run_resources) -> Path:
    """A site whose run read 3 forms (one broken) while the target system was down."""
    monkeypatch.setenv("LEGACY_USER", "robot")
    monkeypatch.setenv("LEGACY_PASSWORD", "x")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in ("claim-001.pdf", "claim-002.pdf", "bad-mynumber.pdf"):
        shutil.copy2(CLAIMS / name, inbox / name)
    path = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    summary = run_scenario(SCENARIO_DIR, path, resources=run_resources)
    assert summary.fatal
    return path


def items(site: Path):
    with open_ledger(site.parent / "work" / "ledger.sqlite3") as ledger:
        return {i.source_name: i for i in ledger.items()}


def audit(site: Path) -> list[dict]:
    from shared.audit import audit_records

    return audit_records(site.parent / "work" / "ledger.sqlite3")


def test_list_and_show_in_japanese(site):
    result = cli("queue", "list", "--site", str(site))
    assert result.exit_code == 0, result.output
    assert "未処理" in result.stdout and "要確認（データ不備）" in result.stdout
    assert "個人番号のチェックデジットが一致しません" in result.stdout
    bad = items(site)["bad-mynumber.pdf"]
    result = cli("queue", "show", str(bad.id), "--site", str(site))
    assert "bad-mynumber.pdf" in result.stdout and "状態: 要確認（データ不備）" in result.stdout
    english = cli("--lang", "en", "queue", "list", "--site", str(site), "--state", "failed_business")
    assert "failed (data)" in english.stdout and "check digit" in english.stdout
    assert "claim-001.pdf" not in english.stdout


def test_retry_only_what_can_be_retried(site):
    by_name = items(site)
    refused = cli("queue", "retry", str(by_name["bad-mynumber.pdf"].id), "--site", str(site))
    assert refused.exit_code == 2 and "再試行できません" in refused.stdout
    with open_ledger(site.parent / "work" / "ledger.sqlite3") as ledger:
        item = ledger.reserve_next("jidou-teate-nintei", "w", __import__("datetime").timedelta(minutes=1), 5)
        ledger.transition(item.id, State.FAILED_APPLICATION, attempt=5)
    result = cli("queue", "retry", str(item.id), "--site", str(site), "--by", "佐藤")
    assert result.exit_code == 0 and "再試行の対象に戻しました" in result.stdout
    again = items(site)[item.source_name]
    assert again.state == State.NEW and again.attempt == 0
    event = audit(site)[-1]
    assert event["event"] == "item_retried" and event["actor"]["person"] == "佐藤"


def test_resolve_by_hand_records_who_and_why(site):
    bad = items(site)["bad-mynumber.pdf"]
    result = cli("queue", "resolve", str(bad.id), "--done", "JT-999999", "--why", "窓口で本人確認のうえ手入力",
                 "--by", "鈴木", "--site", str(site))
    assert result.exit_code == 0, result.stdout
    settled = items(site)["bad-mynumber.pdf"]
    assert (settled.state, settled.receipt_no) == (State.DONE, "JT-999999")
    event = audit(site)[-1]
    assert event["event"] == "item_resolved" and event["actor"]["person"] == "鈴木"
    assert event["why"] == "窓口で本人確認のうえ手入力" and event["state"] == "done"
    twice = cli("queue", "resolve", str(bad.id), "--abandon", "--why", "x", "--site", str(site))
    assert twice.exit_code == 2
    neither = cli("queue", "resolve", str(items(site)["claim-001.pdf"].id), "--why", "x", "--site", str(site))
    assert neither.exit_code == 2
