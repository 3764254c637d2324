"""The web benchmark's second target (benchmarks/targets): the admin form is entered right,
field for field, by our robot with the visible-text scenario and by the hand-written loop,
through real Chromium, checked against what the app itself stored. Timing is never
asserted (SPEC §6); the report is checked to print each target's ratio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.cpu import child_pids, tree_cpu_s
from benchmarks.report import print_report
from benchmarks.targets.admin import ADMIN, ours_session, web_spec
from benchmarks.targets.admin_app import AdminApp, stored_records
from benchmarks.targets.admin_records import expected_row, records
from benchmarks.web import BASELINE, OURS, SideTimes, WebResult


def test_the_admin_scenario_is_written_with_visible_text_only() -> None:
    spec = web_spec()
    for step in [*spec.login, *spec.entry]:
        args = step.args
        assert isinstance(args, str) or getattr(args, "selector", None) is None, step


def test_our_robot_enters_every_admin_record_as_the_app_stores_it(tmp_path: Path) -> None:
    entries = records(3)
    assert {record["household"] for record in entries} == {"世帯主", "世帯員"}  # both radios of a group
    with AdminApp(tmp_path / "admin.sqlite3") as app, ours_session(app, tmp_path / "ours") as enter:
        receipts = [enter(record) for record in entries]
        stored = stored_records(app.db_path)
    assert receipts == ["R000001", "R000002", "R000003"]
    # every field, the collapsed section's and the radios' included, as the record has it
    assert stored == [{"receipt": receipt, **expected_row(record)} for receipt, record in zip(receipts, entries, strict=True)]


def test_the_hand_written_baseline_stores_the_same_records(tmp_path: Path) -> None:
    entries = records(2, seed=11)
    with AdminApp(tmp_path / "admin.sqlite3") as app, ADMIN.sessions[BASELINE](app, tmp_path / "hand") as enter:
        receipts = [enter(record) for record in entries]
        ADMIN.check(app, BASELINE, receipts, entries)  # raises when a record is missing or differs
        stored = stored_records(app.db_path)
    assert [row["name"] for row in stored] == [record["name"] for record in entries]


def test_the_report_prints_the_ratio_of_each_web_target() -> None:
    def result(target: str, ours: float, hand: float) -> WebResult:
        return WebResult(2, 1, SideTimes(OURS, 1.0, [[ours, ours]]), SideTimes(BASELINE, 1.0, [[hand, hand]]), target=target)

    lines: list[str] = []
    print_report(None, result("sample", 1.2, 1.0), say=lines.append, web_targets=[result("admin", 0.9, 0.75)])
    assert "Web入力時間比 (web entry ratio, ours ÷ hand-written): 1.200× (目標 goal ≤ 1.15×: 未達 (not met))" in lines
    assert "Web入力時間比・管理画面 (web entry ratio, admin form, ours ÷ hand-written): 1.200× " \
           "(目標 goal ≤ 1.15×: 未達 (not met))" in lines


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="CPU time is read from /proc (Linux)")
def test_cpu_time_of_a_process_tree_counts_the_processes_below_it() -> None:
    burn = "import subprocess, sys; c = subprocess.Popen([sys.executable, '-c', " \
           "'sum(range(3 * 10**7)); print(1, flush=True); input()'], stdout=subprocess.PIPE, stdin=subprocess.PIPE, " \
           "text=True); c.stdout.readline(); print('ready', flush=True); input(); c.communicate('')"
    before = child_pids(os.getpid())
    parent = subprocess.Popen([sys.executable, "-c", burn], stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"  # the grandchild has burnt its CPU
        assert child_pids(os.getpid()) - before == {parent.pid}
        own = tree_cpu_s([parent.pid])
        assert own is not None and own >= 0.1  # the grandchild's work counts for the tree
        assert tree_cpu_s([]) == 0.0
    finally:
        parent.communicate("\n", timeout=60)
