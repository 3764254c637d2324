"""``schedule add / list / pause / resume / remove`` and ``scheduler start`` (the process that runs them)."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.messages import t

__all__ = ["format_time", "schedule_app", "scheduler_app"]

schedule_app = group("cli.schedule.help")
scheduler_app = group("cli.scheduler.help")
WEEKDAYS_JA = "月火水木金土日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_time(when: dt.datetime) -> str:
    """2027-01-04(月) 08:30 — in the current language."""
    from shared.calendar import JST
    from shared.messages import get_language

    when = when.astimezone(JST)
    day = WEEKDAYS_EN[when.weekday()] if get_language() == "en" else WEEKDAYS_JA[when.weekday()]
    return f"{when:%Y-%m-%d}({day}) {when:%H:%M}"


@schedule_app.command("add", help=t("cli.schedule.add.help"))
def add_command(scenario: str = typer.Argument(..., help=t("cli.arg.schedule_scenario")),
                site: Path = site_option(),
                rule: str = typer.Option(..., "--rule", help=t("cli.opt.rule")),
                grace: int | None = typer.Option(None, "--grace", min=1, max=86400, help=t("cli.opt.grace")),
                no_coalesce: bool = typer.Option(False, "--no-coalesce", help=t("cli.opt.no_coalesce"))) -> None:
    from robots.scheduling import ScheduleBook

    entry = ScheduleBook(site).add(scenario, rule, grace, False if no_coalesce else None)
    echo(t("schedule.added", schedule=entry.id, scenario=entry.scenario_id, rule=entry.rule))
    for when in entry.next_times:
        echo("  " + format_time(when))


@schedule_app.command("list", help=t("cli.schedule.list.help"))
def list_command(site: Path = site_option()) -> None:
    from robots.scheduling import ScheduleBook

    entries = ScheduleBook(site).entries()
    if not entries:
        echo(t("schedule.none"))
        return
    for entry in entries:
        state = t("schedule.paused") if entry.paused else t("schedule.active")
        echo(t("schedule.line", schedule=entry.id, scenario=entry.scenario_id, rule=entry.rule, state=state,
                grace=entry.grace_seconds))
        if not entry.paused:
            echo("  " + t("schedule.next") + " " + " / ".join(format_time(w) for w in entry.next_times))


def _change(action: str, schedule: str, site: Path) -> None:
    from robots.scheduling import ScheduleBook

    getattr(ScheduleBook(site), action)(schedule)
    echo(t(f"schedule.done.{action}", schedule=schedule))


@schedule_app.command("pause", help=t("cli.schedule.pause.help"))
def pause_command(schedule: str = typer.Argument(..., help=t("cli.arg.schedule")), site: Path = site_option()) -> None:
    _change("pause", schedule, site)


@schedule_app.command("resume", help=t("cli.schedule.resume.help"))
def resume_command(schedule: str = typer.Argument(..., help=t("cli.arg.schedule")), site: Path = site_option()) -> None:
    _change("resume", schedule, site)


@schedule_app.command("remove", help=t("cli.schedule.remove.help"))
def remove_command(schedule: str = typer.Argument(..., help=t("cli.arg.schedule")), site: Path = site_option()) -> None:
    _change("remove", schedule, site)


@scheduler_app.command("start", help=t("cli.scheduler.start.help"))
def start_command(site: Path = site_option()) -> None:
    from robots.scheduling import ScheduleBook, start_scheduler

    stop = threading.Event()
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):  # SIGBREAK: Ctrl+Break and service stop on Windows
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: stop.set())
    scheduler, lock = start_scheduler(site)
    try:
        echo(t("scheduler.started", site=str(site), count=len(ScheduleBook(site).entries())))
        while not stop.wait(3600):
            pass
    finally:
        scheduler.shutdown(wait=True)
        lock.release()
        echo(t("scheduler.stopped"))
