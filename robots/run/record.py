"""What happens around a run: the site's logs, the check of operating hours before it starts,
its outcome in the ledger database and the audit trail (one transaction), and the notice."""

from __future__ import annotations

import contextvars
import datetime as dt
import threading
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, insert

from robots.run.hours import GuardedLedger, RunGuard
from robots.run.notify import needs_notice, notice_text, send_mail
from shared.calendar import JST, BusinessCalendar
from shared.errors import RpaError
from shared.logs import logger, setup_logging
from shared.messages import t
from shared.redact import redactor
from shared.secrets import SecretMapping

__all__ = ["TRIGGER", "finish_run", "guard_ledger", "record_outcome", "refuse_if_closed", "runs_table", "start_logs"]

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


_active_runs = [0]
_active_lock = threading.Lock()


def start_logs(batch: Any) -> None:
    """The process's log file under the site's work folder (rotation and retention from the profile)."""
    with _active_lock:
        _active_runs[0] += 1
    logs = batch.site.operations.logs
    batch.summary.log_path = setup_logging(batch.paths.work / "logs", logs.rotation, logs.retention, logs.level)


def record_outcome(engine: Any, audit: Any, run_id: str, scenario_id: str, outcome: str,
                   exit_code: int | None = None, counts: dict | None = None, trigger: str | None = None) -> None:
    """A run's outcome as a row of ``runs`` and an audit record, committed together."""
    metadata.create_all(engine)
    trigger = trigger or TRIGGER.get()
    with engine.begin() as conn:
        conn.execute(insert(runs_table).values(run_id=run_id, scenario_id=scenario_id, trigger=trigger, outcome=outcome,
                                               exit_code=exit_code, counts=counts or {},
                                               finished_at=dt.datetime.now(dt.UTC)))
        audit.append_in(conn, "run_outcome", run_id=run_id, scenario_id=scenario_id, trigger=trigger,
                        outcome=outcome, exit_code=exit_code, counts=counts or {})


def _guard(batch: Any) -> RunGuard | None:
    web = batch.scenario.web
    if web is None:
        return None
    ops = batch.site.operations
    return RunGuard(web.system, ops.hours.get(web.system), BusinessCalendar(ops.calendar.closing_days))


def refuse_if_closed(batch: Any, now: dt.datetime | None = None) -> bool:
    """True (and the run's summary says why) when the target system is closed now."""
    guard = _guard(batch)
    reason = guard.closed(now or dt.datetime.now(JST)) if guard else None
    if reason is None:
        return False
    batch.summary.fatal = t("ops.run_refused", reason=reason)
    batch.audit.append("run_refused", run_id=batch.run_id, scenario_id=batch.scenario.id, reason="ops.system_closed",
                       system=guard.system)
    logger.warning("run refused: system closed", run_id=batch.run_id, system=guard.system)
    return True


def guard_ledger(batch: Any) -> Any:
    """The ledger the enterer takes items from: it stops handing them out before the system closes."""
    guard = _guard(batch)
    stop = guard.stop_at(dt.datetime.now(JST)) if guard else None
    batch.guarded = GuardedLedger(batch.ledger, stop)
    return batch.guarded


def finish_run(batch: Any, crashed: Exception | None = None) -> None:
    """Record the outcome and send the notice (trouble with the notice never fails the run).
    ``crashed``: the run ended with an unexpected error (recorded by its kind only)."""
    try:
        if crashed is not None:
            batch.summary.fatal = batch.summary.fatal or t("error.unexpected", kind=type(crashed).__name__)
            batch.audit.append("run_crashed", run_id=batch.run_id, kind=type(crashed).__name__)
        _finish(batch)
    finally:
        with _active_lock:
            _active_runs[0] -= 1
            if _active_runs[0] <= 0:  # no run in this process holds personal values any more
                _active_runs[0] = 0
                redactor.forget_values()


def _finish(batch: Any) -> None:
    summary = batch.summary
    stopped = bool(getattr(getattr(batch, "guarded", None), "stopped", False))
    if stopped:
        batch.audit.append("run_stopped_for_window", run_id=batch.run_id, scenario_id=batch.scenario.id)
        logger.warning("stopped taking new items before the system closes", run_id=batch.run_id)
    outcome = "stopped" if summary.fatal else ("needs_person" if summary.exit_code == 1 else "ok")
    counts = {o.state.value: 0 for o in summary.final_outcomes()}
    for o in summary.final_outcomes():
        counts[o.state.value] += 1
    record_outcome(batch.ledger.engine, batch.audit, batch.run_id, batch.scenario.id, outcome, summary.exit_code, counts)
    _apply_retention(batch)
    notify = batch.site.operations.notify
    if notify.smtp is None or not (notify.always or needs_notice(summary) or stopped):
        return
    subject, body = notice_text(summary, batch.site.name, stopped)
    try:
        send_mail(notify.smtp, SecretMapping(batch.site.secrets, batch.secrets_file), subject, body)
        batch.audit.append("notice_sent", run_id=batch.run_id, channel="smtp", recipients=len(notify.smtp.to))
    except RpaError as exc:
        batch.audit.append("notice_failed", run_id=batch.run_id, channel="smtp", reason=exc.key)
        logger.error("notice failed", run_id=batch.run_id, key=exc.key)


def _apply_retention(batch: Any) -> None:
    """Move audit records past the site's retention to a verified archive file."""
    from shared.audit.archive import archive_before

    days = batch.site.operations.audit.retention_days
    if days is None:
        return
    cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="microseconds")
    try:
        archive_before(batch.audit, cutoff, batch.paths.work / "audit" / "archive")
    except RpaError as exc:  # the records stay in the table; audit verify shows why
        logger.error("audit archive failed", key=exc.key)
