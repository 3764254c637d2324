"""Run a scenario over the inbox: take the files in, read every form, check it, enter the
valid records into the target system, write the outputs, and say what happened to each item.
A run can be stopped at any instant; the next run carries on where it stopped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from robots.core.context import (
    Progress,
    RunContext,
    RunPaths,
    RunResources,
    ledger_for,
    masked_fields,
    new_run_id,
)
from robots.core.events import ItemEvent
from robots.core.stop import RunStopped
from robots.core.summary import Outcome, RunSummary
from robots.intake.inbox import Intake
from robots.outputs.writer import write_outputs
from robots.reading.reader import Reader, typed_values
from robots.reading.review_sheet import write_review_sheet
from robots.reports.html import write_run_report
from robots.run.hours import GuardedLedger
from robots.run.listeners import AuditListener, EnteredValues, LedgerListener, LogListener, SummaryListener
from robots.run.record import finish_run, guard_ledger, refuse_if_closed, start_logs
from robots.web.entry import Enterer
from robots.web.robot import WebEntryRobot
from shared.audit import actor, open_audited_ledger
from shared.calendar.lock import FileLock
from shared.config import postal_table, validate_all
from shared.errors import RpaError
from shared.files import private_folder, private_key
from shared.ledger import State, site_keys
from shared.logs import logger
from shared.messages import t
from shared.redact import redactor
from shared.workers import is_dead

# RunPaths, ledger_for, Outcome, RunSummary, Progress and typed_values are kept here for
# callers that import them from this module; their homes are robots.core.context,
# robots.core.summary and robots.reading.reader.
__all__ = ["Outcome", "Progress", "RunPaths", "RunSummary", "ledger_for", "run_scenario", "typed_values"]


def run_scenario(scenario_dir: Path, site_path: Path, *, progress: Progress | None = None,
                 resources: RunResources | None = None, limit: int | None = None,
                 on_outcome: Callable[[Outcome], None] | None = None) -> RunSummary:
    """Run the scenario in ``scenario_dir`` for the site ``site_path``.

    ``progress`` is told (done, total) as files are read and items entered; ``on_outcome``
    each item's outcome as it happens (entered, failed, read; not the items a stopped run
    leaves untouched). ``resources``
    lends the run what the caller already has (see ``RunResources``): values for the
    site's secret names (used instead of resolving their references), a browser launcher,
    an OCR engine. ``limit`` enters at most that many items (every file is still read); the
    rest stay ``new`` for the next run."""
    from connectors.ocr import engines  # the registered names; imported when a run starts, as the reader does

    loaded, site = validate_all(scenario_dir, site_path, given_secrets=list((resources and resources.secrets) or {}),
                                ocr_engines=engines())
    assert site is not None
    site_path = Path(site_path)
    paths = RunPaths.of(site, site_path)
    paths.inbox.mkdir(parents=True, exist_ok=True)  # staff drop forms here: the site's own rights apply
    for folder in (paths.output, paths.work):
        private_folder(folder)
    summary = RunSummary(new_run_id(), loaded.scenario.id, reading_only=loaded.scenario.web is None)
    summary.log_path = start_logs(site, paths)  # one log file per process (issue 6)
    item_key = private_key(paths.work / "keys" / "item.key")
    masked = masked_fields(loaded.scenario)
    keys = site_keys(site, site_path)  # the personal values the ledger keeps are sealed with it
    entered = EnteredValues()
    # Ledger and hash-chained audit share one database: a state change and its record commit
    # together. The personal values the run sees are scrubbed from every log line, audit record
    # and notice until it ends.
    with (redactor.scope(),
          open_audited_ledger(site.ledger_url or paths.ledger, loaded.scenario.id, masked, keys) as (ledger, audit)):
        listeners = (LedgerListener(ledger), AuditListener(audit, summary.run_id), LogListener(),
                     SummaryListener(summary, on_outcome), entered)
        context = RunContext(loaded, site, site_path, paths, summary.run_id, ledger, audit, item_key, masked,
                             resources or RunResources(), listeners)
        _Run(context, summary, entered, progress, limit).run()
    return summary


class _Run:
    """The stages of one run over its context: take the files in, read them, enter the
    items, write the outputs; counts progress and keeps the summary."""

    def __init__(self, context: RunContext, summary: RunSummary, entered: EnteredValues,
                 progress: Progress | None, limit: int | None = None) -> None:
        self.context = context
        self.limit = limit
        self.summary = summary
        self.entered = entered
        self.report_progress = progress or (lambda done, total: None)
        self.guarded: GuardedLedger | None = None  # the items the enterer takes (once entry starts)
        self._done = 0
        self._total = 0

    def run(self) -> None:
        context, summary = self.context, self.summary
        try:
            if not refuse_if_closed(context, summary):  # operating hours and maintenance windows (issue 6)
                self._run()
        except Exception as exc:
            finish_run(context, summary, stopped_for_window=self._stopped(), crashed=exc)
            raise
        finish_run(context, summary, stopped_for_window=self._stopped())  # outcome in ledger + audit, notice (issue 6)

    def _stopped(self) -> bool:
        return self.guarded is not None and self.guarded.stopped

    def _run(self) -> None:
        context, summary = self.context, self.summary
        scenario, audit, ledger, run_id = context.scenario, context.audit, context.ledger, context.run_id
        audit.append("run_started", run_id=run_id, scenario_id=scenario.id, scenario_version=scenario.version,
                     scenario_sha256=context.loaded.sha256, actor=actor(scenario.id))
        logger.info("run started", run_id=run_id, scenario=scenario.id)
        for item in ledger.recover(scenario.id, is_dead):
            context.announce(ItemEvent("recovered", item, item.state))
        intake = Intake(context.paths.inbox, context.paths.work, ledger, audit, run_id,
                        settle_seconds=context.site.inbox_settle_seconds, subfolders=context.site.inbox_subfolders)
        taken = intake.take([(spec.glob, spec.template) for spec in scenario.inputs])
        summary.left_files = [(left.name, left.reason) for left in taken.left]
        summary.skipped = len(taken.duplicates)
        summary.duplicate_files = list(taken.duplicates)
        summary.taken_elsewhere = list(taken.taken_elsewhere)
        self._read_all()
        self._total = self._done + len(ledger.items(scenario.id, [State.NEW, State.FAILED_APPLICATION, State.UNCERTAIN]))
        stop = context.resources.stop
        if stop is not None and stop.requested:  # stopped while reading: the rest is read by the next run
            self._abort(RunStopped("run.stopped_by_signal", signal=stop.reason or "stop"))
        elif scenario.web is None:
            self._record_all()  # reading only: nothing to enter, the outputs hold the records
        else:
            self._enter_all()
        summary.state_counts = dict(Counter(i.state.value for i in ledger.items(scenario.id)))
        paths = context.paths
        # one run at a time adds its rows to the outputs (a run beside this one on the same site
        # would otherwise write the Excel ledger or the CSV over this one's rows)
        outputs_lock = FileLock(paths.work / "outputs.lock").acquire(wait=True)
        try:
            summary.outputs = write_outputs(scenario, ledger.items(scenario.id), paths.output,
                                            folder=context.loaded.folder, values=self.entered.values,
                                            problems=summary.output_problems)
        finally:
            outputs_lock.release()
        summary.html_report = write_run_report(context.loaded, paths.work, paths.output, summary,
                                               ledger.items(scenario.id), ledger.files(), self.entered.values)
        audit.append("run_finished", run_id=run_id, counts=summary.state_counts, skipped=summary.skipped,
                     fatal=bool(summary.fatal))
        logger.info("run finished", run_id=run_id, exit_code=summary.exit_code)

    def _step(self) -> None:
        self._done += 1
        self.report_progress(self._done, max(self._total, self._done))

    def _read_all(self) -> None:
        context, ledger = self.context, self.context.ledger
        received = ledger.files("received")
        self._total = len(received) + len(ledger.items(context.scenario.id, [State.NEW, State.FAILED_APPLICATION]))
        stop = context.resources.stop
        with Reader(context, postal=postal_table(context.site, context.site_path)) as reader:
            for record in received:
                if stop is not None and stop.requested:
                    break  # a file not read stays received: the next run reads it
                reader.read(record)
                self._step()
        self.summary.notes += reader.notes
        if reader.review_rows:
            sheet = context.paths.output / f"確認シート_{context.run_id}.xlsx"
            self.summary.review_sheet = write_review_sheet(sheet, reader.review_rows)
            context.audit.append("review_sheet_written", run_id=context.run_id, fields=len(reader.review_rows))

    def _record_all(self) -> None:
        """A scenario without ``web``: every checked record waiting for entry (read now, read
        before a crash, or released by ``review import``) ends ``read``."""
        context = self.context
        for item in context.ledger.items(context.scenario.id, [State.NEW]):
            if item.values is not None:  # checked (an item without values is read again from its file)
                context.announce(ItemEvent("recorded", item, State.READ))
                self._step()

    def _enter_all(self) -> None:
        context = self.context
        web, scenario = context.scenario.web, context.scenario
        pending = context.ledger.items(scenario.id, [State.NEW, State.FAILED_APPLICATION, State.UNCERTAIN])
        if web is None or not pending:
            return
        shots = context.paths.work / "screenshots" / context.run_id
        self.guarded = guard_ledger(context)
        enterer = Enterer(context, queue=self.guarded, progress=self._step, limit=self.limit)
        robot = WebEntryRobot(web, context.site, context.secrets(), context.masked, shots,
                              video_dir=context.paths.work / "videos" / context.run_id,
                              launcher=context.resources.launcher, stop=context.resources.stop)
        try:
            with robot:
                enterer.run(robot)
        except RpaError as exc:  # unreachable, or the login steps failed (wrong password, changed screen)
            self._abort(exc)
        finally:
            self.summary.step_timings, self.summary.video_dir = robot.timings, robot.video_dir

    def _abort(self, exc: RpaError) -> None:
        """Stop the run: items not entered stay ``new`` for the next run; nothing is marked done."""
        context, summary = self.context, self.summary
        during_login = (exc.step or "").startswith("login") and not isinstance(exc, RunStopped)
        summary.fatal = t("run.login_failed", reason=exc.message()) if during_login else exc.message()
        logger.error("run aborted", run_id=context.run_id, key=exc.key, step=exc.step)
        context.audit.append("run_aborted", run_id=context.run_id, reason=exc.key)
        for item in context.ledger.items(context.scenario.id, [State.NEW, State.UNCERTAIN, State.FAILED_APPLICATION]):
            context.announce(ItemEvent("aborted", item, item.state, reason=summary.fatal))
