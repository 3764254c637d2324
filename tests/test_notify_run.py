"""A real run (sample forms, the sample legacy system in a real browser) that ends with a
failed item sends a Japanese notice to a local SMTP server; the run's outcome is in the
ledger database and the audit trail; no seeded personal data reaches the notice, the logs
or the audit trail. A run inside a maintenance window does not start."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CLAIMS, SCENARIO_DIR, seeded_personal_data
from smtp_local import LocalSmtp
from sqlalchemy import create_engine, text

from robots.demo.runner import write_demo_site
from robots.run.batch import run_scenario
from shared.audit import audit_records, open_audited_ledger
from shared.calendar import JST
from shared.ledger import State
from shared.messages import t

FORMS = ("claim-001.pdf", "claim-002.pdf", "bad-mynumber.pdf")


def _site(tmp_path: Path, base_url: str, operations: dict) -> Path:
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in FORMS:
        shutil.copy2(CLAIMS / name, inbox / name)
    path = write_demo_site(tmp_path / "site", base_url)
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    profile["operations"] = operations
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.slow  # a whole run into the legacy system through Chromium
def test_run_with_failures_sends_a_japanese_notice_without_personal_data(tmp_path, legacy, truth, run_resources):
    with LocalSmtp() as smtp:
        smtp_settings = {"host": "127.0.0.1", "port": smtp.port, "sender": "rpa@city.example.lg.jp",
                         "to": ["joho@city.example.lg.jp"]}
        site = _site(tmp_path, legacy.url, {"notify": {"smtp": smtp_settings}})
        summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
        assert summary.exit_code == 1 and summary.count(State.FAILED_BUSINESS) == 1
        assert smtp.wait(1)
    [mail] = smtp.messages
    body = mail.get_content()
    assert "確認が必要な申請 1 件" in mail["Subject"] and "demo-city" in mail["Subject"]
    assert "状態ごとの件数" in body and f"{t('state.done')}: 2" in body and f"{t('state.failed_business')}: 1" in body
    assert "個人情報を含めていません" in body
    work = site.parent / "work"
    records = audit_records(work / "ledger.sqlite3")
    [outcome] = [r for r in records if r["event"] == "run_outcome"]
    assert outcome["outcome"] == "needs_person" and outcome["exit_code"] == 1 and outcome["trigger"] == "manual"
    assert [r for r in records if r["event"] == "notice_sent"]
    with open_audited_ledger(work / "ledger.sqlite3", "check") as (ledger, audit):
        assert audit.verify()[1] is None
        with ledger.engine.connect() as conn:
            assert conn.execute(text("SELECT outcome FROM runs")).scalars().all() == ["needs_person"]
    seeded = seeded_personal_data({name: truth[name] for name in FORMS})
    assert len(seeded) > 10
    outputs = {"mail": mail.as_string() + body, "audit": json.dumps(records, ensure_ascii=False)}
    for path in (work / "logs").iterdir():
        outputs[path.name] = path.read_text(encoding="utf-8")
    leaks = [(where, value) for where, content in outputs.items() for value in seeded if value in content]
    assert leaks == []
    assert any(r["event"] == "item_state" and r.get("key_hash") for r in records)


def test_a_run_inside_a_maintenance_window_does_not_start(tmp_path, legacy, run_resources):
    now = dt.datetime.now(JST).replace(tzinfo=None, microsecond=0)
    window = {"start": (now - dt.timedelta(hours=1)).isoformat(), "end": (now + dt.timedelta(hours=1)).isoformat()}
    site = _site(tmp_path, legacy.url, {"hours": {"kikan": {"maintenance": [window]}}})
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.exit_code == 2 and "利用できません" in summary.fatal and "kikan" in summary.fatal
    records = audit_records(site.parent / "work" / "ledger.sqlite3")
    assert [r["event"] for r in records if r["event"] in ("run_refused", "run_started")] == ["run_refused"]
    assert [r["outcome"] for r in records if r["event"] == "run_outcome"] == ["stopped"]
    engine = create_engine(f"sqlite:///{(site.parent / 'work' / 'ledger.sqlite3').as_posix()}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM items")).scalar() == 0  # nothing was taken in
