"""What happens around a run: the site's logs, the check of operating hours before it starts,
its outcome in the ledger database and the audit trail (one transaction), and the notice."""

from __future__ import annotations

import contextvars
import datetime as dt
from pathlib import Path

from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, insert
from sqlalchemy.engine import Engine

from robots.core.context import RunContext, RunPaths
from robots.core.summary import RunSummary
from robots.run.hours import GuardedLedger, RunGuard
from robots.run.notify import needs_notice, notice_text, send_mail
from shared.audit import ChainAuditStore
from shared.calendar import JST, BusinessCalendar
from shared.config import SiteProfile
from shared.database import create_tables
from shared.errors import RpaError
from shared.logs import logger, setup_logging
from shared.messages import t

__all__ = ["TRIGGER", "finish_run", "guard_ledger", "record_outcome", "refuse_if_closed", "run_guard", "runs_table",
           "start_logs"]

TRIGGER: contextvars.ContextVar[str] = contextvars.ContextVar("rpa_run_trigger", default="manual")
"""Who started the run: ``manual`` or ``schedule:<schedule id>`` (set by the scheduler)."""

metadata = MetaData()
runs_table = Table(
    "runs", metadata,
    Column("run_id", String(64), primary_key=True),
    Column("scenario_id", String(64), nullable=False, index=True),
    Column("trigger", String(128), nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("exit_code", Integer),
    Column("counts", JSON),
    Column("finished_at", DateTime(timezone=True), nullable=False),
)


def start_logs(site: SiteProfile, paths: RunPaths) -> Path:
    """The process's log file under the site's work folder (rotation and retention from the profile)."""
    logs = site.operations.logs
    return setup_logging(paths.work / "logs", logs.rotation, logs.retention, logs.level)


def record_outcome(engine: Engine, audit: ChainAuditStore, run_id: str, scenario_id: str, outcome: str,
                   exit_code: int | None = None, counts: dict[str, int] | None = None,
                   trigger: str | None = None) -> None:
    """A run's outcome as a row of ``runs`` and an audit record, committed together."""
    create_tables(engine, metadata)
    trigger = trigger or TRIGGER.get()
    with engine.begin() as conn:
        conn.execute(insert(runs_table).values(run_id=run_id, scenario_id=scenario_id, trigger=trigger, outcome=outcome,
                                               exit_code=exit_code, counts=counts or {},
                                               finished_at=dt.datetime.now(dt.UTC)))
        audit.append_in(conn, "run_outcome", run_id=run_id, scenario_id=scenario_id, trigger=trigger,
                        outcome=outcome, exit_code=exit_code, counts=counts or {})


def run_guard(context: RunContext) -> RunGuard | None:
    """When the run's target system may be used (None: the scenario enters nothing)."""
    web = context.scenario.web
    if web is None:
        return None
    ops = context.site.operations
    return RunGuard(web.system, ops.hours.get(web.system), BusinessCalendar(ops.calendar.closing_days))


def refuse_if_closed(context: RunContext, summary: RunSummary, now: dt.datetime | None = None) -> bool:
    """True (and ``summary`` says why) when the target system is closed now."""
    guard = run_guard(context)
    if guard is None:
        return False
    reason = guard.closed(now or dt.datetime.now(JST))
    if reason is None:
        return False
    summary.fatal = t("ops.run_refused", reason=reason)
    context.audit.append("run_refused", run_id=context.run_id, scenario_id=context.scenario.id,
                         reason="ops.system_closed", system=guard.system)
    logger.warning("run refused: system closed", run_id=context.run_id, system=guard.system)
    return True


def guard_ledger(context: RunContext) -> GuardedLedger:
    """The items the enterer takes: no new ones are handed out shortly before the system closes."""
    guard = run_guard(context)
    stop = guard.stop_at(dt.datetime.now(JST)) if guard else None
    return GuardedLedger(context.ledger, stop)


def finish_run(context: RunContext, summary: RunSummary, *, stopped_for_window: bool = False,
               crashed: Exception | None = None) -> None:
    """Record the outcome and send the notice (trouble with the notice never fails the run).
    ``stopped_for_window``: the run stopped taking items before the system closed;
    ``crashed``: the run ended with an unexpected error (recorded by its kind only)."""
    audit, run_id = context.audit, context.run_id
    if crashed is not None:
        summary.fatal = summary.fatal or t("error.unexpected", kind=type(crashed).__name__)
        audit.append("run_crashed", run_id=run_id, kind=type(crashed).__name__)
    if stopped_for_window:
        audit.append("run_stopped_for_window", run_id=run_id, scenario_id=context.scenario.id)
        logger.warning("stopped taking new items before the system closes", run_id=run_id)
    outcome = "stopped" if summary.fatal else ("needs_person" if summary.exit_code == 1 else "ok")
    counts = {o.state.value: 0 for o in summary.final_outcomes()}
    for o in summary.final_outcomes():
        counts[o.state.value] += 1
    record_outcome(context.ledger.engine, audit, run_id, context.scenario.id, outcome, summary.exit_code, counts)
    _apply_retention(context)
    notify = context.site.operations.notify
    if notify.smtp is None or not (notify.always or needs_notice(summary) or stopped_for_window):
        return
    subject, body = notice_text(summary, context.site.name, stopped_for_window)
    try:
        send_mail(notify.smtp, context.secrets(), subject, body)
        audit.append("notice_sent", run_id=run_id, channel="smtp", recipients=len(notify.smtp.to))
    except RpaError as exc:
        audit.append("notice_failed", run_id=run_id, channel="smtp", reason=exc.key)
        logger.error("notice failed", run_id=run_id, key=exc.key)


def _apply_retention(context: RunContext) -> None:
    """Move audit records past the site's retention to a verified archive file."""
    from shared.audit.archive import archive_before

    days = context.site.operations.audit.retention_days
    if days is None:
        return
    cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="microseconds")
    try:
        archive_before(context.audit, cutoff, context.paths.work / "audit" / "archive")
    except RpaError as exc:  # the records stay in the table; audit verify shows why
        logger.error("audit archive failed", key=exc.key)
