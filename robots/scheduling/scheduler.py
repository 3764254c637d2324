"""The scheduler: APScheduler 3 with its SQLAlchemy job store on SQLite in the site's work
folder. A job holds only the scenario id and the site name (plain strings) and refers to
``run_scheduled`` by name; its trigger stores only the rule text and the closing days.
One scheduler per store (a file lock); missed fires run once within the grace time and are
recorded as missed after it; one run of a scenario at a time.

What a started scheduler serves (its site, what a fire does, the scenarios running now) is a
``SchedulerRuntime`` of its own, not state of this module: the scheduler's worker threads are
bound to it when they start, and ``run_scheduled`` — called there by APScheduler with the
stored plain arguments — hands the fire to the runtime of the thread it runs in. Two schedulers
in one process (two sites) keep apart."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from robots.run.batch import RunPaths
from robots.run.record import TRIGGER, record_outcome
from shared.calendar import JST, BusinessDayTrigger
from shared.calendar.lock import FileLock, LockHeld
from shared.config import SiteProfile, load_scenario, load_site
from shared.errors import ConfigError, Problem, RpaError
from shared.files import ensure_private_file, private_folder
from shared.logs import logger, setup_logging
from shared.messages import t

__all__ = ["JOB_FUNC", "Runner", "ScheduleBook", "SchedulerLocked", "SchedulerRuntime", "find_scenario",
           "recompute_next_fires", "refresh_calendar", "run_scheduled", "start_scheduler"]

JOB_FUNC = "robots.scheduling.scheduler:run_scheduled"
STORE = "scheduler.sqlite3"
WORKERS = 4
_RESCAN_SECONDS = 30
Runner = Callable[[Path, Path], int]
"""What a fire does with the scenario folder and the site profile's path; returns the exit code."""


class SchedulerLocked(RpaError):
    """Another scheduler already runs on this job store."""


def find_scenario(site: SiteProfile, site_path: Path, scenario_id: str) -> Path:
    """The folder of scenario ``scenario_id`` under the site's scenarios folder."""
    root = Path(site_path).resolve().parent / site.operations.scheduler.scenarios
    for candidate in [root / scenario_id, *sorted(root.glob("*/scenario.yaml"))]:
        folder = candidate if candidate.is_dir() else candidate.parent
        if (folder / "scenario.yaml").is_file():
            try:
                if load_scenario(folder).scenario.id == scenario_id:
                    return folder
            except ConfigError:
                continue
    raise ConfigError([Problem(str(site_path), 1, 1, "operations.scheduler.scenarios",
                               t("schedule.no_scenario", scenario=scenario_id, folder=str(root)))])


def _run_scenario(scenario_dir: Path, site_path: Path) -> int:
    from robots.run.batch import run_scenario

    return run_scenario(scenario_dir, site_path).exit_code


class SchedulerRuntime:
    """What one started scheduler serves: the site (its profile's path and name), what a fire
    does (``runner``: the real run unless code gives another — never a stored job), and the
    scenarios running now (one run of a scenario at a time).

        runtime = SchedulerRuntime(site_path, "test-city", runner=my_runner)
        runtime.run("jidou-teate-nintei")   # None when a run of it is still going
    """

    def __init__(self, site_path: Path, site_name: str, runner: Runner | None = None) -> None:
        self.site_path = Path(site_path).resolve()
        self.site_name = site_name
        self.runner: Runner = runner or _run_scenario
        self._running: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def run(self, scenario_id: str) -> int | None:
        """Run the scenario now (the run is recorded as started by the schedule); None, and
        nothing run, when a run of it is still going."""
        with self._guard:
            lock = self._running.setdefault(scenario_id, threading.Lock())
        if not lock.acquire(blocking=False):
            logger.warning("scheduled run skipped: still running", scenario=scenario_id)
            return None
        token = TRIGGER.set("schedule")
        try:
            site = load_site(self.site_path)
            return self.runner(find_scenario(site, self.site_path, scenario_id), self.site_path)
        finally:
            TRIGGER.reset(token)
            lock.release()

    def bind_thread(self) -> None:
        """Serve the fires of the calling thread (each worker thread of the scheduler calls it
        when it starts)."""
        _worker.runtime = self


_worker = threading.local()  # .runtime: the SchedulerRuntime a scheduler's worker thread serves


def run_scheduled(scenario_id: str, site_name: str) -> int | None:
    """The job function (stored jobs name it, ``JOB_FUNC``, with these plain arguments): run
    the scenario for the site the scheduler that fired serves, once at a time."""
    runtime: SchedulerRuntime | None = getattr(_worker, "runtime", None)
    if runtime is None or runtime.site_name != site_name:
        raise RpaError("schedule.unknown_site", site=site_name)
    return runtime.run(scenario_id)


@dataclass(frozen=True)
class Entry:
    """A schedule as staff see it."""

    id: str
    scenario_id: str
    rule: str
    paused: bool
    next_times: list[dt.datetime]
    grace_seconds: int


class ScheduleBook:
    """The schedules of one site: add, list, pause, resume, remove (works while a scheduler runs)."""

    def __init__(self, site_path: Path) -> None:
        self.site_path = Path(site_path)
        self.site = load_site(self.site_path)
        self.paths = RunPaths.of(self.site, self.site_path)
        private_folder(self.paths.work)
        self.store_path = self.paths.work / STORE

    def store(self) -> SQLAlchemyJobStore:
        ensure_private_file(self.store_path)  # SQLite fills the empty owner-only file made here
        return SQLAlchemyJobStore(url=f"sqlite:///{self.store_path.as_posix()}", pickle_protocol=4)

    def trigger(self, rule: str) -> BusinessDayTrigger:
        return BusinessDayTrigger(rule, self.site.operations.calendar.closing_days)

    def _offline(self) -> BackgroundScheduler:
        scheduler = BackgroundScheduler(jobstores={"default": self.store()}, timezone=JST)
        scheduler.start(paused=True)  # reads and writes the store; never runs a job
        return scheduler

    def add(self, scenario: str, rule: str, grace_seconds: int | None = None, coalesce: bool | None = None) -> Entry:
        """Schedule a scenario (a folder or an id under the site's scenarios folder)."""
        trigger = self.trigger(rule)
        folder = Path(scenario)
        scenario_id = load_scenario(folder).scenario.id if (folder / "scenario.yaml").is_file() else scenario
        find_scenario(self.site, self.site_path, scenario_id)
        settings = self.site.operations.scheduler
        scheduler = self._offline()
        try:
            job = scheduler.add_job(
                JOB_FUNC, trigger, args=[scenario_id, self.site.name], id=f"{scenario_id}-{uuid.uuid4().hex[:6]}",
                name=scenario_id, misfire_grace_time=grace_seconds or settings.misfire_grace_seconds,
                coalesce=settings.coalesce if coalesce is None else coalesce, max_instances=1, replace_existing=False,
            )
            return self._entry(job)
        finally:
            scheduler.shutdown(wait=False)

    def entries(self, now: dt.datetime | None = None) -> list[Entry]:
        scheduler = self._offline()
        try:
            return [self._entry(job, now) for job in scheduler.get_jobs()]
        finally:
            scheduler.shutdown(wait=False)

    def _entry(self, job: Job, now: dt.datetime | None = None) -> Entry:
        trigger = job.trigger
        times = self.trigger(trigger.rule_text).next_times(5, now or dt.datetime.now(JST)) if isinstance(trigger, BusinessDayTrigger) else []
        return Entry(job.id, job.args[0], getattr(trigger, "rule_text", str(trigger)), job.next_run_time is None, times,
                     job.misfire_grace_time)

    def _change(self, job_id: str, action: str) -> None:
        scheduler = self._offline()
        try:
            if scheduler.get_job(job_id) is None:
                raise RpaError("schedule.no_such", schedule=job_id)
            getattr(scheduler, action)(job_id)
        finally:
            scheduler.shutdown(wait=False)

    def pause(self, job_id: str) -> None:
        self._change(job_id, "pause_job")

    def resume(self, job_id: str) -> None:
        self._change(job_id, "resume_job")

    def remove(self, job_id: str) -> None:
        self._change(job_id, "remove_job")


def _record_missed(book: ScheduleBook, scheduler: BaseScheduler, event: JobExecutionEvent) -> None:
    from shared.audit import open_audited_ledger

    job = scheduler.get_job(event.job_id)
    scenario_id = job.args[0] if job else event.job_id
    when = event.scheduled_run_time.astimezone(JST)
    target = book.site.ledger_url or book.paths.ledger
    with open_audited_ledger(target, "scheduler") as (ledger, audit):
        if event.code == EVENT_JOB_MISSED:
            record_outcome(ledger.engine, audit, f"missed-{event.job_id}-{when:%Y%m%d%H%M}", scenario_id, "missed",
                           trigger=f"schedule:{event.job_id}")
        else:
            audit.append("schedule_error", schedule=event.job_id, scenario_id=scenario_id,
                         kind=type(event.exception).__name__, key=getattr(event.exception, "key", None))
    logger.warning("scheduled fire " + ("missed" if event.code == EVENT_JOB_MISSED else "failed"),
                   schedule=event.job_id, scheduled=when.isoformat())


def start_scheduler(site_path: Path, on_ready: Callable[[BaseScheduler], None] | None = None, *,
                    runner: Runner | None = None) -> tuple[BaseScheduler, FileLock]:
    """Start the site's scheduler in background threads. Raises ``SchedulerLocked`` when another
    scheduler runs on the same store. The caller shuts it down, then releases the lock.
    ``on_ready`` is called with the scheduler before it resumes (jobs loaded, none run yet);
    ``runner`` replaces the real run of a fire (for tests)."""
    book = ScheduleBook(site_path)
    lock = FileLock(book.store_path.with_suffix(".lock"))
    try:
        lock.acquire()
    except LockHeld as held:
        raise SchedulerLocked("schedule.locked", store=str(book.store_path), holder=held.holder) from None
    runtime = SchedulerRuntime(book.site_path, book.site.name, runner)
    logs = book.site.operations.logs  # the scheduler process and the runs it starts share one log file
    setup_logging(book.paths.work / "logs", logs.rotation, logs.retention, logs.level, name="scheduler")
    workers = ThreadPoolExecutor(WORKERS, pool_kwargs={"initializer": runtime.bind_thread})
    scheduler = BackgroundScheduler(jobstores={"default": book.store(), "internal": MemoryJobStore()}, timezone=JST,
                                    job_defaults={"max_instances": 1}, executors={"default": workers})
    scheduler.add_listener(lambda event: _record_missed(book, scheduler, event), EVENT_JOB_MISSED | EVENT_JOB_ERROR)
    # Schedules added by `schedule add` in another process are read from the store at each wake-up,
    # and a calendar changed in the site profile meanwhile moves the stored next fires.
    scheduler.add_job(refresh_calendar, IntervalTrigger(seconds=_RESCAN_SECONDS), args=[book.site_path, scheduler],
                      id="rescan", jobstore="internal")
    try:
        scheduler.start(paused=True)
    except BaseException:
        lock.release()
        raise
    # the calendar (closing days in the site profile, the holiday table of jpholiday) may have changed
    recompute_next_fires(scheduler, book.site.operations.calendar.closing_days, changed_only=False)
    logger.info("scheduler started", site=book.site.name, jobs=len(scheduler.get_jobs(jobstore="default")))
    if on_ready is not None:
        on_ready(scheduler)
    scheduler.resume()
    return scheduler, lock


def recompute_next_fires(scheduler: BaseScheduler, closing_days: Iterable[dt.date], *, changed_only: bool = True,
                         now: dt.datetime | None = None) -> list[str]:
    """Give every stored business-day schedule a trigger over ``closing_days`` and compute its
    next fire again on that calendar (``modify_job(trigger=...)`` alone would keep the next fire
    computed on the old one: a job planned on a day since closed would still run on it). A fire
    already due (missed while no scheduler ran) is recomputed from its own time, so a missed fire
    on a day still open runs as before; a paused schedule stays paused. With ``changed_only``,
    only schedules whose closing days differ are touched. Returns the ids of the schedules moved."""
    days = sorted(set(closing_days))
    now = now or dt.datetime.now(JST)
    moved = []
    for job in scheduler.get_jobs(jobstore="default"):
        if not isinstance(job.trigger, BusinessDayTrigger) or (changed_only and job.trigger.closing_days == days):
            continue
        trigger = BusinessDayTrigger(job.trigger.rule_text, days)
        before = job.next_run_time
        if before is None:  # paused
            scheduler.modify_job(job.id, jobstore="default", trigger=trigger)
            continue
        after = trigger.get_next_fire_time(None, min(before, now))
        scheduler.modify_job(job.id, jobstore="default", trigger=trigger, next_run_time=after)
        if after != before:
            moved.append(job.id)
            logger.info("schedule moved by the calendar", schedule=job.id, before=before.isoformat(),
                        after=after.isoformat() if after else None)
    return moved


def refresh_calendar(site_path: Path, scheduler: BaseScheduler) -> None:
    """At each wake-up: read the site profile's calendar again and move the schedules it changes
    (waking the scheduler also makes it read the job store: schedules added by another process)."""
    try:
        site = load_site(site_path)
    except ConfigError as exc:  # a profile being edited: the calendar in force stays
        logger.warning("site profile not read at wake-up", reason=exc.key)
        return
    recompute_next_fires(scheduler, site.operations.calendar.closing_days)
