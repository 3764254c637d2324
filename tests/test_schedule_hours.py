"""Operating hours and maintenance windows with explicit times: when a system is closed,
and when a run stops taking new items (the rest stay ``new`` for the next run)."""

from __future__ import annotations

import datetime as dt

import pytest

from robots.run.hours import GuardedLedger, RunGuard
from shared.calendar import JST, BusinessCalendar
from shared.config.operations import SystemHours
from shared.ledger import State, open_ledger

HOURS = SystemHours.model_validate({
    "open": "08:00", "close": "20:00", "business_days_only": True, "stop_before_minutes": 10,
    "maintenance": [{"start": "2026-11-26T12:00", "end": "2026-11-26T13:00"}],
    "weekly_maintenance": [{"weekday": "wed", "start": "23:00", "end": "01:00"}],
})


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=JST)


@pytest.mark.parametrize(("now", "closed"), [
    ("2026-11-24 07:59", True),   # before opening
    ("2026-11-24 08:00", False),
    ("2026-11-24 19:59", False),
    ("2026-11-24 20:00", True),   # after closing
    ("2026-11-23 10:00", True),   # 勤労感謝の日: the office is closed
    ("2026-11-26 12:30", True),   # one-off maintenance
    ("2026-11-26 13:00", False),
])
def test_when_the_system_is_closed(now: str, closed: bool) -> None:
    guard = RunGuard("kikan", HOURS, BusinessCalendar())
    assert (guard.closed(at(now)) is not None) is closed


def test_weekly_window_crossing_midnight() -> None:
    hours = SystemHours.model_validate({"weekly_maintenance": [{"weekday": "wed", "start": "23:00", "end": "01:00"}]})
    guard = RunGuard("kikan", hours, BusinessCalendar())
    assert guard.closed(at("2026-11-25 23:30")) is not None
    assert guard.closed(at("2026-11-26 00:30")) is not None
    assert guard.closed(at("2026-11-26 01:00")) is None


@pytest.mark.parametrize(("now", "stop"), [
    ("2026-11-26 09:00", "2026-11-26 11:50"),   # 10 minutes before the one-off window
    ("2026-11-26 14:00", "2026-11-26 19:50"),   # 10 minutes before closing
    ("2026-11-24 09:00", "2026-11-24 19:50"),
])
def test_stop_time(now: str, stop: str) -> None:
    assert RunGuard("kikan", HOURS, BusinessCalendar()).stop_at(at(now)) == at(stop)


def test_no_hours_means_always_open() -> None:
    guard = RunGuard("kikan", None, BusinessCalendar())
    assert guard.closed(at("2026-01-01 03:00")) is None and guard.stop_at(at("2026-01-01 03:00")) is None


def test_a_run_crossing_into_a_window_stops_taking_items(tmp_path) -> None:
    clock = [at("2026-11-26 11:40")]
    with open_ledger(tmp_path / "ledger.sqlite3") as ledger:
        for i in range(3):
            ledger.add("s", f"{i}.pdf", f"{i:064x}", "r")
        guarded = GuardedLedger(ledger, at("2026-11-26 11:50"), clock=lambda: clock[0])
        lease = dt.timedelta(minutes=5)
        first = guarded.reserve_next("s", "w", lease, 5)
        assert first is not None and not guarded.stopped
        clock[0] = at("2026-11-26 11:50")
        assert guarded.reserve_next("s", "w", lease, 5) is None and guarded.stopped
        assert guarded.items("s", [State.FAILED_APPLICATION]) == []
        assert [i.state for i in ledger.items("s")] == [State.RESERVED, State.NEW, State.NEW]
