"""The scheduler on its real SQLite job store: schedules survive a restart, a missed fire
within grace runs once and one outside grace is recorded as missed, a second scheduler on
the same store refuses to start, one run of a scenario at a time, and the schedule CLI.
Time never passes by sleeping: fires are placed in the past and the test waits for events."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from robots.cli import app
from robots.demo.runner import chromium_settings
from robots.scheduling.scheduler import ScheduleBook, SchedulerLocked, SchedulerRuntime, run_scheduled, start_scheduler
from shared.audit import audit_records
from shared.calendar import JST
from shared.errors import RpaError

REPO = Path(__file__).resolve().parents[1]
SCENARIO = "jidou-teate-nintei"


def write_site(folder: Path, **operations) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    profile = {
        "schema_version": 1, "name": "test-city", "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": "http://127.0.0.1:9/", "browser": chromium_settings()}},
        "secrets": {"legacy_user": "env:LEGACY_USER", "legacy_password": "env:LEGACY_PASSWORD"},
        "operations": {"scheduler": {"scenarios": str(REPO / "scenarios")}, **operations},
    }
    path = folder / "site.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path) -> Path:
    return write_site(tmp_path / "site")


def _stored_job_state(site: Path) -> dict:
    engine = create_engine(f"sqlite:///{(site.parent / 'work' / 'scheduler.sqlite3').as_posix()}")
    with engine.connect() as conn:
        [blob] = conn.execute(text("SELECT job_state FROM apscheduler_jobs")).scalars().all()
    engine.dispose()
    return pickle.loads(blob)


def test_jobs_hold_only_the_scenario_id_and_site_name(site):
    ScheduleBook(site).add(SCENARIO, "毎営業日 08:30")
    state = _stored_job_state(site)
    assert state["func"] == "robots.scheduling.scheduler:run_scheduled"
    assert state["args"] == (SCENARIO, "test-city") and state["kwargs"] == {}
    assert state["trigger"].__getstate__() == {"version": 1, "rule": "毎営業日 08:30", "closing_days": []}


def test_schedules_survive_a_restart_of_the_scheduler(site):
    entry = ScheduleBook(site).add(SCENARIO, "毎月第3営業日 09:00")
    scheduler, lock = start_scheduler(site)
    first = scheduler.get_job(entry.id).next_run_time
    scheduler.shutdown()
    lock.release()
    scheduler, lock = start_scheduler(site)
    try:
        assert scheduler.get_job(entry.id).next_run_time == first == entry.next_times[0]
    finally:
        scheduler.shutdown()
        lock.release()
    [listed] = ScheduleBook(site).entries()
    assert listed.id == entry.id and len(listed.next_times) == 5


def test_a_second_scheduler_on_the_same_store_refuses_to_start(site):
    scheduler, lock = start_scheduler(site)
    try:
        with pytest.raises(SchedulerLocked) as caught:
            start_scheduler(site)
        assert "既に動いています" in str(caught.value) and "scheduler.sqlite3" in str(caught.value)
        # another process: the lock is held by this one (and scheduler start waits for signals)
        other = subprocess.run([sys.executable, "robot_runner.py", "scheduler", "start", "--site", str(site)],
                               cwd=REPO, capture_output=True, text=True, timeout=120)
        assert other.returncode == 2 and "既に動いています" in other.stdout
    finally:
        scheduler.shutdown()
        lock.release()


def _run_with_fire_in_the_past(site: Path, entry_id: str, late: dt.timedelta, event_mask: int) -> None:
    seen, failed = threading.Event(), []

    def handled(event):
        if event.job_id == entry_id:
            failed.append(event.exception)
            seen.set()

    def ready(scheduler):
        scheduler.add_listener(handled, event_mask | EVENT_JOB_ERROR)
        scheduler.modify_job(entry_id, next_run_time=dt.datetime.now(JST) - late)

    scheduler, lock = start_scheduler(site, on_ready=ready)
    try:
        assert seen.wait(120), "the scheduler did not handle the missed fire"
        assert failed == [None]
    finally:
        scheduler.shutdown(wait=True)
        lock.release()


def _outcomes(site: Path) -> list[dict]:
    return [r for r in audit_records(site.parent / "work" / "ledger.sqlite3") if r["event"] == "run_outcome"]


def test_fires_missed_within_grace_run_once(site, monkeypatch):
    """Three business days of fires were missed (the PC was off); with coalescing they run once.
    The run is real: it reads two sample forms (one with a bad My Number) and finds the target
    system down (outcome: stopped)."""
    monkeypatch.setenv("LEGACY_USER", "robot")
    monkeypatch.setenv("LEGACY_PASSWORD", "x")
    inbox = site.parent / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in ("claim-001.pdf", "bad-mynumber.pdf"):
        shutil.copy2(REPO / "samples" / "forms" / "claims" / name, inbox)
    entry = ScheduleBook(site).add(SCENARIO, "毎営業日 08:30", grace_seconds=7 * 86400)
    _run_with_fire_in_the_past(site, entry.id, dt.timedelta(days=4), EVENT_JOB_EXECUTED)
    [outcome] = _outcomes(site)
    assert outcome["trigger"] == "schedule" and outcome["scenario_id"] == SCENARIO
    assert (outcome["outcome"], outcome["exit_code"]) == ("stopped", 2)
    engine = create_engine(f"sqlite:///{(site.parent / 'work' / 'ledger.sqlite3').as_posix()}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT trigger, outcome FROM runs")).all() == [("schedule", "stopped")]
    assert ScheduleBook(site).entries()[0].next_times[0] > dt.datetime.now(JST)


def test_a_fire_missed_beyond_grace_is_recorded_as_missed(site):
    entry = ScheduleBook(site).add(SCENARIO, "毎営業日 08:30", grace_seconds=60)
    _run_with_fire_in_the_past(site, entry.id, dt.timedelta(hours=2), EVENT_JOB_MISSED)
    [outcome] = _outcomes(site)
    assert outcome["outcome"] == "missed" and outcome["trigger"] == f"schedule:{entry.id}"


def test_one_run_of_a_scenario_at_a_time(site):
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow_run(scenario_dir: Path, site_path: Path) -> int:
        calls.append(scenario_dir.name)
        started.set()
        release.wait(60)
        return 0

    runtime = SchedulerRuntime(site, "test-city", runner=slow_run)
    first = threading.Thread(target=runtime.run, args=(SCENARIO,))
    first.start()
    assert started.wait(60)
    assert runtime.run(SCENARIO) is None  # skipped: still running
    release.set()
    first.join()
    assert calls == [SCENARIO]


def test_a_fire_runs_only_in_a_scheduler_serving_its_site():
    with pytest.raises(RpaError) as caught:
        run_scheduled(SCENARIO, "test-city")  # not in a scheduler's worker thread
    assert caught.value.key == "schedule.unknown_site" and "test-city" in str(caught.value)


def test_two_schedulers_in_one_process_each_run_their_own_site(tmp_path):
    """Each started scheduler has its own runtime: two sites (even of the same name) in one
    process never run each other's fires."""
    sites = [write_site(tmp_path / name) for name in ("east", "west")]
    ran: dict[Path, list[Path]] = {site.resolve(): [] for site in sites}
    done = {site.resolve(): threading.Event() for site in sites}

    def runner_for(site: Path):
        def run(scenario_dir: Path, site_path: Path) -> int:
            ran[site.resolve()].append(site_path)
            done[site.resolve()].set()
            return 0
        return run

    started = []
    try:
        for site in sites:
            entry = ScheduleBook(site).add(SCENARIO, "毎営業日 08:30", grace_seconds=7 * 86400)

            def ready(scheduler, entry_id=entry.id):
                scheduler.modify_job(entry_id, next_run_time=dt.datetime.now(JST) - dt.timedelta(minutes=5))

            started.append(start_scheduler(site, on_ready=ready, runner=runner_for(site)))
        for site in sites:
            assert done[site.resolve()].wait(120), f"the scheduler of {site.parent.name} did not run its fire"
    finally:
        for scheduler, lock in started:
            scheduler.shutdown(wait=True)
            lock.release()
    assert ran == {site.resolve(): [site.resolve()] for site in sites}


def test_schedule_cli_add_list_pause_resume_remove(site):
    runner = CliRunner()
    added = runner.invoke(app, ["schedule", "add", str(REPO / "scenarios" / SCENARIO), "--site", str(site),
                                "--rule", "毎週月曜 (祝日なら翌営業日)"])
    assert added.exit_code == 0, added.output
    schedule_id = added.output.split("スケジュール ", 1)[1].split(" ", 1)[0]
    listed = runner.invoke(app, ["schedule", "list", "--site", str(site)])
    assert "有効" in listed.output and "次の5回:" in listed.output and listed.output.count("(") >= 5
    assert runner.invoke(app, ["schedule", "pause", schedule_id, "--site", str(site)]).exit_code == 0
    assert "一時停止中" in runner.invoke(app, ["schedule", "list", "--site", str(site)]).output
    assert runner.invoke(app, ["schedule", "resume", schedule_id, "--site", str(site)]).exit_code == 0
    assert "有効" in runner.invoke(app, ["schedule", "list", "--site", str(site)]).output
    assert runner.invoke(app, ["schedule", "remove", schedule_id, "--site", str(site)]).exit_code == 0
    assert "スケジュールはありません" in runner.invoke(app, ["schedule", "list", "--site", str(site)]).output


def test_bad_rule_and_unknown_scenario_are_refused_clearly(site):
    runner = CliRunner()
    result = runner.invoke(app, ["schedule", "add", SCENARIO, "--site", str(site), "--rule", "毎日いつでも"])
    assert result.exit_code == 2 and "毎日いつでも" in result.stdout and "毎営業日 08:30" in result.stdout
    result = runner.invoke(app, ["schedule", "add", "no-such", "--site", str(site), "--rule", "毎営業日 08:30"])
    assert result.exit_code == 2 and "no-such" in result.stdout and "operations.scheduler.scenarios" in result.stdout
