"""Run a scenario over the inbox: take the files in, read every form, check it, enter the
valid records into the target system, write the outputs, and say what happened to each item.
A run can be stopped at any instant; the next run carries on where it stopped."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from robots.intake.inbox import Intake
from robots.outputs.writer import write_outputs
from robots.reading.reader import Reader, typed_values
from robots.reading.review_sheet import write_review_sheet
from robots.reports.html import write_run_report
from robots.run.record import finish_run, guard_ledger, refuse_if_closed, start_logs
from robots.web import WebEntryRobot
from robots.web.entry import Enterer
from shared.audit import AuditStore, actor, open_audited_ledger
from shared.config import LoadedScenario, SiteProfile, postal_table, validate_all
from shared.errors import RpaError
from shared.files import private_key
from shared.ledger import Item, Ledger, State, open_ledger
from shared.logs import logger
from shared.messages import t
from shared.secrets import SecretMapping
from shared.workers import is_dead

__all__ = ["Outcome", "Progress", "RunPaths", "RunSummary", "run_scenario", "typed_values"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunPaths:
    """Folders of a site, resolved against the site profile's own folder."""

    inbox: Path
    output: Path
    work: Path

    @classmethod
    def of(cls, site: SiteProfile, site_path: Path) -> RunPaths:
        base = site_path.resolve().parent
        return cls(*(base / folder for folder in (site.inbox, site.output, site.work)))

    @property
    def ledger(self) -> Path:
        return self.work / "ledger.sqlite3"

    @property
    def audit(self) -> Path:
        return self.work / "audit" / "audit.jsonl"


def ledger_for(site: SiteProfile, paths: RunPaths, audit: AuditStore | None = None) -> Ledger:
    """The site's ledger; with ``audit``, every state change is also an audit event."""
    def observer(item: Item) -> None:
        assert audit is not None
        audit.append("item_state", item_id=item.id, state=item.state.value, attempt=item.attempt,
                     key_hash=item.key_hash)

    return open_ledger(site.ledger_url or paths.ledger, observer if audit is not None else None)


@dataclass
class Outcome:
    item_id: int
    source: str
    state: State
    receipt_no: str | None = None
    reason: str | None = None


@dataclass
class RunSummary:
    run_id: str
    scenario_id: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    duplicate_files: list[str] = field(default_factory=list)
    state_counts: dict[str, int] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    log_path: Path | None = None
    review_sheet: Path | None = None
    fatal: str | None = None
    output_problems: list[str] = field(default_factory=list)  # an output not written (retried next run)
    step_timings: list = field(default_factory=list)  # robots.web.timing.StepTiming of this run
    html_report: Path | None = None
    video_dir: Path | None = None

    def final_outcomes(self) -> list[Outcome]:
        """The last outcome of each item touched by this run."""
        last: dict[int, Outcome] = {}
        for outcome in self.outcomes:
            last[outcome.item_id] = outcome
        return list(last.values())

    def count(self, state: State) -> int:
        return sum(1 for o in self.final_outcomes() if o.state == state)

    @property
    def exit_code(self) -> int:
        if self.fatal:
            return 2
        return 1 if self.output_problems or any(o.state != State.DONE for o in self.final_outcomes()) else 0


def run_scenario(scenario_dir: Path, site_path: Path, *, progress: Progress | None = None) -> RunSummary:
    """Run the scenario in ``scenario_dir`` for the site ``site_path``."""
    loaded, site = validate_all(scenario_dir, site_path)
    assert site is not None
    return Batch(loaded, site, Path(site_path), progress).run()


class Batch:
    def __init__(self, loaded: LoadedScenario, site: SiteProfile, site_path: Path, progress: Progress | None) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.site = site
        self.paths = RunPaths.of(site, site_path)
        self.site_path = site_path
        self.secrets_file = (site_path.resolve().parent / site.secrets_file) if site.secrets_file else None
        self.report_progress = progress or (lambda done, total: None)
        self.run_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        self.summary = RunSummary(self.run_id, self.scenario.id)
        self.masked = frozenset(name for name, spec in self.scenario.fields.items() if spec.mask)
        self._done = 0
        self._total = 0
        self.entered_values: dict[int, dict] = {}  # in memory only: for outputs allowed to hold them

    def run(self) -> RunSummary:
        for folder in (self.paths.inbox, self.paths.output, self.paths.work):
            folder.mkdir(parents=True, exist_ok=True)
        start_logs(self)  # one log file per process (issue 6)
        item_key = private_key(self.paths.work / "keys" / "item.key")
        # Ledger and hash-chained audit share one database: a state change and its record commit together.
        with open_audited_ledger(self.site.ledger_url or self.paths.ledger, self.scenario.id, self.masked) as (ledger, audit):
            self.ledger, self.audit = ledger, audit
            try:
                if not refuse_if_closed(self):  # operating hours and maintenance windows (issue 6)
                    self._run(item_key)
            except Exception as exc:
                finish_run(self, crashed=exc)
                raise
            finish_run(self)  # outcome in ledger + audit, notice (issue 6)
        return self.summary

    def _run(self, item_key: bytes) -> None:
        audit, ledger = self.audit, self.ledger
        audit.append("run_started", run_id=self.run_id, scenario_id=self.scenario.id,
                     scenario_version=self.scenario.version, scenario_sha256=self.loaded.sha256,
                     actor=actor(self.scenario.id))
        logger.info("run started", run_id=self.run_id, scenario=self.scenario.id)
        for item in ledger.recover(self.scenario.id, is_dead):
            audit.append("item_recovered", run_id=self.run_id, item_id=item.id, state=item.state.value)
        intake = Intake(self.paths.inbox, self.paths.work, ledger, audit, self.run_id)
        taken = intake.take([(spec.glob, spec.template) for spec in self.scenario.inputs])
        self.summary.skipped = len(taken.duplicates)
        self.summary.duplicate_files = list(taken.duplicates)
        received = ledger.files("received")
        self._total = len(received) + len(ledger.items(self.scenario.id, [State.NEW, State.FAILED_APPLICATION]))
        reader = Reader(self.loaded, self.site, ledger, audit, self.paths.work, item_key, self.run_id, self.fail,
                        postal_table(self.site, self.site_path))
        try:
            for record in received:
                reader.read(record)
                self._step()
        finally:
            reader.close()
        if reader.review_rows:
            sheet = self.paths.output / f"確認シート_{self.run_id}.xlsx"
            self.summary.review_sheet = write_review_sheet(sheet, reader.review_rows)
            audit.append("review_sheet_written", run_id=self.run_id, fields=len(reader.review_rows))
        self._total = self._done + len(ledger.items(self.scenario.id, [State.NEW, State.FAILED_APPLICATION, State.UNCERTAIN]))
        self._enter_all()
        self.summary.state_counts = dict(Counter(i.state.value for i in ledger.items(self.scenario.id)))
        self.summary.outputs = write_outputs(self.scenario, ledger.items(self.scenario.id), self.paths.output,
                                             folder=self.loaded.folder, values=self.entered_values,
                                             problems=self.summary.output_problems)
        self.summary.html_report = write_run_report(self.loaded, self.paths.work, self.paths.output, self.summary,
                                                    ledger.items(self.scenario.id), ledger.files())
        audit.append("run_finished", run_id=self.run_id, counts=self.summary.state_counts,
                     skipped=self.summary.skipped, fatal=bool(self.summary.fatal))
        logger.info("run finished", run_id=self.run_id, exit_code=self.summary.exit_code)

    def _step(self) -> None:
        self._done += 1
        self.report_progress(self._done, max(self._total, self._done))

    def _enter_all(self) -> None:
        web = self.scenario.web
        pending = self.ledger.items(self.scenario.id, [State.NEW, State.FAILED_APPLICATION, State.UNCERTAIN])
        if web is None or not pending:
            return
        secrets = SecretMapping(self.site.secrets, self.secrets_file)
        shots = self.paths.work / "screenshots" / self.run_id
        enterer = Enterer(self.loaded, self.site, guard_ledger(self), self.audit, self.run_id, self.fail, self.done, self._step)
        robot = WebEntryRobot(web, self.site, secrets, self.masked, shots, video_dir=self.paths.work / "videos" / self.run_id)
        try:
            with robot:
                enterer.run(robot)
        except RpaError as exc:  # unreachable, or the login steps failed (wrong password, changed screen)
            self._abort(exc)
        finally:
            self.summary.step_timings, self.summary.video_dir = robot.timings, robot.video_dir

    def _abort(self, exc: RpaError) -> None:
        """Stop the run: items not entered stay ``new`` for the next run; nothing is marked done."""
        during_login = (exc.step or "").startswith("login")
        self.summary.fatal = t("run.login_failed", reason=exc.message()) if during_login else exc.message()
        logger.error("run aborted", run_id=self.run_id, key=exc.key)
        self.audit.append("run_aborted", run_id=self.run_id, reason=exc.key)
        for item in self.ledger.items(self.scenario.id, [State.NEW, State.UNCERTAIN, State.FAILED_APPLICATION]):
            self._outcome(item, item.state, reason=self.summary.fatal)

    # -- bookkeeping (callbacks of the reader and the enterer) -----------------------------
    def done(self, item: Item, receipt: str) -> None:
        self.entered_values[item.id] = item.values or {}
        self.audit.append("item_entered", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash, receipt_no=receipt)
        logger.info("item entered", item_id=item.id)
        self._outcome(item, State.DONE, receipt_no=receipt)

    def fail(self, item: Item, error: RpaError, state: State, fields: list[str] | None = None, **changes) -> None:
        error.file = error.file or item.source_name
        message = error.message()
        params = {"message": message, "message_en": error.message("en")}
        if state == State.FAILED_BUSINESS:
            changes["values"] = None  # bad data is not kept: the person fixes the form
        self.ledger.transition(item.id, state, reason_key=error.key, reason_params=params, worker=None,
                               lease_expires_at=None, **changes)
        self.audit.append("item_failed", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash,
                          state=state.value, reason=error.key, fields=fields or ([error.field] if error.field else []))
        logger.warning("item failed", item_id=item.id, state=state.value, reason=error.key)
        self._outcome(item, state, reason=message)

    def _outcome(self, item: Item, state: State, receipt_no: str | None = None, reason: str | None = None) -> None:
        self.summary.outcomes.append(Outcome(item.id, item.source_name, state, receipt_no, reason))
