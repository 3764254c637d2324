"""A calendar change moves the stored next fires: a closing day added to the site profile on
a day a schedule was planned for moves its next fire to the next business day, both when the
scheduler starts again and while it runs, and the schedule does not run on the closed day.
The next business day is worked out here from jpholiday and the weekday, not by the code under
test. Time never passes by sleeping: fires are placed in the past and the test waits for events."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import jpholiday
import yaml
from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, EVENT_JOB_SUBMITTED

from robots.scheduling.scheduler import ScheduleBook, start_scheduler
from shared.calendar import JST
from tests.test_schedule_store import SCENARIO, write_site

RULE = "毎営業日 08:30"


def open_day(day: dt.date, closed: set[dt.date]) -> bool:
    year_end = (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3)
    return day.weekday() < 5 and not year_end and not jpholiday.is_holiday(day) and day not in closed


def next_open_day(day: dt.date, closed: set[dt.date]) -> dt.date:
    while not open_day(day, closed):
        day += dt.timedelta(days=1)
    return day


def close_days(site: Path, days: list[dt.date]) -> None:
    profile = yaml.safe_load(site.read_text(encoding="utf-8"))
    profile["operations"]["calendar"] = {"closing_days": [d.isoformat() for d in days]}
    site.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")


def set_stored_next_fire(site: Path, job_id: str, when: dt.datetime) -> None:
    scheduler = ScheduleBook(site)._offline()
    try:
        scheduler.modify_job(job_id, next_run_time=when)
    finally:
        scheduler.shutdown(wait=False)


def stored_next_fire(site: Path, job_id: str) -> dt.datetime:
    scheduler = ScheduleBook(site)._offline()
    try:
        return scheduler.get_job(job_id).next_run_time
    finally:
        scheduler.shutdown(wait=False)


class Watch:
    """Records the scheduler's events of one job, and waits for a job's execution."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []
        self.executed: dict[str, threading.Event] = {}

    def __call__(self, event) -> None:
        self.events.append((event.job_id, event.code))
        if event.code == EVENT_JOB_EXECUTED:
            self.executed.setdefault(event.job_id, threading.Event()).set()

    def wait(self, job_id: str) -> bool:
        return self.executed.setdefault(job_id, threading.Event()).wait(60)


def test_a_closing_day_added_before_start_moves_the_next_fire_and_the_closed_day_never_runs(tmp_path):
    site = write_site(tmp_path / "site")
    entry = ScheduleBook(site).add(SCENARIO, RULE, grace_seconds=14 * 86400)
    # the scheduler was off: the stored fire is 08:30 on a business day two weeks ago (still
    # within grace: without a calendar change it would run at once) ...
    today = dt.datetime.now(JST).date()
    planned = next_open_day(today - dt.timedelta(days=14), set())
    set_stored_next_fire(site, entry.id, dt.datetime.combine(planned, dt.time(8, 30), JST))
    # ... and every day from that one to tomorrow has since been closed in the site profile
    closed = [planned + dt.timedelta(days=n) for n in range((today - planned).days + 2)]
    close_days(site, closed)
    expected = dt.datetime.combine(next_open_day(planned, set(closed)), dt.time(8, 30), JST)

    calls: list[str] = []
    watch = Watch()

    def ready(scheduler) -> None:
        scheduler.add_listener(watch, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
        assert scheduler.get_job(entry.id).next_run_time == expected
        # a probe due now: once it has run, the scheduler has gone through every job due now
        scheduler.add_job(lambda: None, "date", run_date=dt.datetime.now(JST), id="probe", jobstore="internal")

    scheduler, lock = start_scheduler(site, on_ready=ready, runner=lambda folder, site_path: calls.append(folder.name) or 0)
    try:
        assert watch.wait("probe"), "the scheduler did not go through the jobs due now"
        assert calls == [] and not [e for e in watch.events if e[0] == entry.id]
        assert scheduler.get_job(entry.id).next_run_time == expected
    finally:
        scheduler.shutdown(wait=True)
        lock.release()
    assert stored_next_fire(site, entry.id) == expected
    assert expected.date() not in closed and expected.date() > today


def test_a_closing_day_added_while_the_scheduler_runs_moves_the_planned_fire(tmp_path):
    site = write_site(tmp_path / "site")
    entry = ScheduleBook(site).add(SCENARIO, RULE)
    planned = entry.next_times[0]
    assert open_day(planned.date(), set())
    watch = Watch()
    scheduler, lock = start_scheduler(site, on_ready=lambda s: s.add_listener(watch, EVENT_JOB_EXECUTED),
                                      runner=lambda folder, site_path: 0)
    try:
        assert scheduler.get_job(entry.id).next_run_time == planned
        close_days(site, [planned.date()])
        scheduler.modify_job("rescan", jobstore="internal", next_run_time=dt.datetime.now(JST))  # wake it now
        assert watch.wait("rescan"), "the scheduler did not wake up"
        moved = scheduler.get_job(entry.id).next_run_time
    finally:
        scheduler.shutdown(wait=True)
        lock.release()
    expected = next_open_day(planned.date(), {planned.date()})
    assert moved == dt.datetime.combine(expected, dt.time(8, 30), JST)
    assert stored_next_fire(site, entry.id) == moved
    [listed] = ScheduleBook(site).entries()
    assert listed.next_times[0] == moved


def test_a_calendar_that_moves_nothing_keeps_the_stored_fire_and_a_paused_schedule_stays_paused(tmp_path):
    site = write_site(tmp_path / "site")
    book = ScheduleBook(site)
    kept = book.add(SCENARIO, RULE)
    paused = book.add(SCENARIO, "毎月最終営業日 17:00")
    book.pause(paused.id)
    far = kept.next_times[0].date() + dt.timedelta(days=400)
    close_days(site, [far])
    scheduler, lock = start_scheduler(site, runner=lambda folder, site_path: 0)
    try:
        assert scheduler.get_job(kept.id).next_run_time == kept.next_times[0]
        assert scheduler.get_job(paused.id).next_run_time is None
        assert scheduler.get_job(kept.id).trigger.closing_days == [far]
    finally:
        scheduler.shutdown(wait=True)
        lock.release()
