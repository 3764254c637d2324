"""``robot-runner check`` (screens still what the scenario says, nothing entered) and
``robot-runner run --limit``, in-process against the sample legacy system in Chromium.
No shared browser here: each command starts its own, as on a clerk's PC."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import CLAIMS, SCENARIO_DIR
from old_screens import old_screens_scenario

from robots.demo.runner import write_demo_site
from samples.legacy_app import count_records
from shared.ledger import State, open_ledger

pytestmark = pytest.mark.slow


def _site(tmp_path: Path, url: str, files: tuple[str, ...] = ()) -> Path:
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in files:
        shutil.copy2(CLAIMS / name, inbox / name)
    return write_demo_site(tmp_path / "site", url, timeout_seconds=3)


def test_check_finds_every_label_of_the_sample_scenario(tmp_path, legacy):
    result = cli("check", SCENARIO_DIR, "--site", _site(tmp_path, legacy.url))
    assert result.exit_code == 0, result.stdout
    assert "すべて見つかりました" in result.stdout
    assert "ある    entry[4] fill「請求者氏名」" in result.stdout
    assert "  ない" not in result.stdout
    assert count_records(legacy.db_path) == 0


def test_check_names_the_labels_a_system_update_changed(tmp_path, legacy):
    legacy.reset(password=legacy.password, labels="b")  # 申請者氏名, 連絡先電話番号 on this installation
    result = cli("check", SCENARIO_DIR, "--site", _site(tmp_path, legacy.url))
    assert result.exit_code == 1, result.stdout
    missing = [line for line in result.stdout.splitlines() if line.startswith("  ない")]
    assert len(missing) == 2, result.stdout
    assert "請求者氏名" in missing[0] and "電話番号" in missing[1]
    assert "2個の項目・ボタンが見つかりません" in result.stdout
    assert count_records(legacy.db_path) == 0


def test_check_walks_the_table_layout_screens_and_reports_a_wrong_click(tmp_path, legacy):
    scenario = old_screens_scenario(tmp_path / "scenario", replace={"確認": "確定", "金融機関名": "銀行名"})
    result = cli("check", scenario, "--site", _site(tmp_path, legacy.url))
    assert result.exit_code == 1, result.stdout
    missing = [line for line in result.stdout.splitlines() if line.startswith("  ない")]
    assert len(missing) == 2 and "銀行名" in missing[0] and "確定" in missing[1], result.stdout
    assert "ある    entry[4] fill「請求者氏名」" in result.stdout  # th → td, no <label>
    assert "未確認  entry[10] check" in result.stdout  # a record's value decides the radio button
    assert "未確認  entry[38] click「登録」" in result.stdout  # never the final submit
    assert count_records(legacy.db_path) == 0


def test_run_limit_enters_only_that_many_records(tmp_path, legacy):
    site = _site(tmp_path, legacy.url, ("claim-001.pdf", "claim-002.pdf", "claim-003.pdf"))
    result = cli("run", SCENARIO_DIR, "--site", site, "--limit", "1")
    assert count_records(legacy.db_path) == 1, result.stdout
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        assert sorted(item.state for item in ledger.items()) == sorted([State.DONE, State.NEW, State.NEW])
