"""Nothing lost, nothing entered twice, against a legacy system that misbehaves: lost
completion pages, server errors, slow answers and sessions that expire."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import CLAIMS, SCENARIO_DIR
from legacy_server import LegacyServer

from robots.demo.runner import write_demo_site
from robots.run.batch import run_scenario
from samples.legacy_app import fetch_records
from shared.ledger import State, open_ledger

pytestmark = pytest.mark.slow

VALID = [f"claim-{i:03d}.pdf" for i in range(1, 33) if i != 4]  # claim-004 holds a character cp932 lacks


@pytest.fixture
def faulty(legacy, request):
    """The session's legacy system, fresh, misbehaving from the start as ``request.param`` says."""
    return legacy.reset(password=legacy.password, faults=request.param)


def site_with(tmp_path: Path, url: str, files: list[str], **settings) -> Path:
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copy2(CLAIMS / name, inbox / name)
    return write_demo_site(tmp_path / "site", url, **settings)


def ledger_items(tmp_path: Path):
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        return ledger.items()


def assert_exactly_once(tmp_path: Path, app: LegacyServer, truth: dict) -> dict[str, int]:
    """Every done item is in the legacy system exactly once, with the ledger's receipt, and
    the legacy system holds nothing else."""
    records = fetch_records(app.db_path)
    by_number = Counter(r["my_number"] for r in records)
    assert max(by_number.values(), default=1) == 1, "a record was entered twice"
    receipts = {r["my_number"]: r["receipt_no"] for r in records}
    items = ledger_items(tmp_path)
    done = [i for i in items if i.state == State.DONE]
    for item in done:
        number = truth[item.source_name]["fields"]["my_number"]
        assert receipts.get(number) == item.receipt_no, item.source_name
    assert len(records) == len(done)
    return Counter(i.state.value for i in items)


@pytest.mark.parametrize("faulty", [{"lose_completion": 1.0}], indirect=True)
def test_lost_completion_pages_are_settled_by_lookup(tmp_path, faulty, truth, run_resources):
    site = site_with(tmp_path, faulty.url, VALID[:3])
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert [o.state for o in summary.final_outcomes()] == [State.DONE] * 3
    counts = assert_exactly_once(tmp_path, faulty, truth)
    assert counts == {"done": 3}
    assert audit_events(tmp_path)["item_found_by_lookup"] == 3


@pytest.mark.parametrize("faulty", [{
    "fault_500": 0.10, "fault_slow": 0.05, "slow_seconds": 1.0, "expire_every": 30,
    "lose_completion": 0.2, "seed": 11,
}], indirect=True)
def test_fault_injection_run_ends_with_every_item_done_or_explained(tmp_path, faulty, truth, run_resources):
    files = VALID[:12]
    site = site_with(tmp_path, faulty.url, files, timeout_seconds=5,
                     retry={"max_attempts": 12, "backoff_seconds": 0.1, "max_backoff_seconds": 1})
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.fatal is None
    outcomes = summary.final_outcomes()
    assert {o.source for o in outcomes} == set(files)
    for outcome in outcomes:
        assert outcome.state == State.DONE or outcome.reason, outcome
    counts = assert_exactly_once(tmp_path, faulty, truth)
    assert counts.get("done", 0) >= 10, counts
    assert set(counts) <= {"done", "failed_application"}, counts
    events = audit_events(tmp_path)
    print(dict(events))
    assert events["item_uncertain"] >= 1 and events["item_found_by_lookup"] >= 1  # lost pages were looked up
    assert events["item_failed"] >= 1  # server errors were retried


def audit_events(tmp_path: Path) -> Counter:
    from shared.audit import audit_records

    return Counter(e["event"] for e in audit_records(tmp_path / "site" / "work" / "ledger.sqlite3"))
