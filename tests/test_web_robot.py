"""The web entry robot against the real sample legacy system in Chromium: rejections by the
target become business errors naming the problem, an unreachable system stops the run
with nothing marked done, and failures leave a masked screenshot named without personal data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CLAIMS, SCENARIO_DIR, seeded_personal_data

from robots.demo.runner import write_demo_site
from robots.run.batch import run_scenario
from samples.legacy_app import count_records
from shared.ledger import State, open_ledger

pytestmark = pytest.mark.slow


def site_with(tmp_path: Path, url: str, files: list[str], encoding: str | None = "cp932") -> Path:
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in files:
        shutil.copy2(CLAIMS / name, inbox / name)
    return write_demo_site(tmp_path / "site", url, encoding=encoding)


def test_character_the_target_cannot_take_is_a_business_error_naming_it(tmp_path, legacy, truth, run_resources):
    site = site_with(tmp_path, legacy.url, ["claim-004.pdf", "claim-001.pdf"], encoding=None)
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    states = {o.source: o for o in summary.outcomes}
    assert states["claim-001.pdf"].state == State.DONE
    rejected = states["claim-004.pdf"]
    assert rejected.state == State.FAILED_BUSINESS
    assert "剝" in rejected.reason and "使用できない文字" in rejected.reason
    full_name = truth["claim-004.pdf"]["fields"]["claimant_name"]
    assert full_name not in rejected.reason
    assert count_records(legacy.db_path) == 1
    shots = list((tmp_path / "site" / "work" / "screenshots").rglob("*.png"))
    assert shots and all(s.name.startswith("item-") for s in shots)
    seeded = seeded_personal_data(truth)
    assert not any(value in shot.name for shot in shots for value in seeded)


def test_encoding_check_stops_the_record_before_the_browser(tmp_path, legacy, run_resources):
    site = site_with(tmp_path, legacy.url, ["claim-004.pdf"])
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    [outcome] = summary.outcomes
    assert outcome.state == State.FAILED_BUSINESS
    assert "「請求者氏名」に対象システムで使えない文字「剝」" in outcome.reason
    assert count_records(legacy.db_path) == 0


def test_target_down_at_start_stops_with_nonzero_exit_and_nothing_done(tmp_path, monkeypatch, run_resources):
    monkeypatch.setenv("LEGACY_USER", "robot")
    monkeypatch.setenv("LEGACY_PASSWORD", "x")
    site = site_with(tmp_path, "http://127.0.0.1:9/", ["claim-001.pdf", "claim-002.pdf"])
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.exit_code != 0
    assert summary.fatal and "接続できません" in summary.fatal
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        assert [item.state for item in ledger.items()] == [State.NEW, State.NEW]


def test_items_left_new_are_entered_by_the_next_run(tmp_path, legacy, monkeypatch, run_resources):
    site = site_with(tmp_path, "http://127.0.0.1:9/", ["claim-001.pdf"])
    monkeypatch.setenv("LEGACY_PASSWORD", legacy.password)
    assert run_scenario(SCENARIO_DIR, site, resources=run_resources).fatal
    site = write_demo_site(tmp_path / "site", legacy.url)
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert [o.state for o in summary.outcomes] == [State.DONE]
    assert count_records(legacy.db_path) == 1


def test_wrong_password_fails_the_login_step_without_echoing_it(tmp_path, legacy, monkeypatch, run_resources):
    monkeypatch.setenv("LEGACY_PASSWORD", "not-the-password-42")
    site = site_with(tmp_path, legacy.url, ["claim-001.pdf"])
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.fatal and "ログインできませんでした" in summary.fatal and "パスワードが違います" in summary.fatal
    assert [o.state for o in summary.outcomes] == [State.NEW]
    assert "not-the-password-42" not in summary.fatal
    for path in (tmp_path / "site" / "work").rglob("*"):
        if path.is_file() and path.suffix != ".sqlite3":
            assert b"not-the-password-42" not in path.read_bytes(), path
