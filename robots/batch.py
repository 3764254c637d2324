"""Run a scenario over the inbox: read every form, check it, enter the valid records into
the target system, write the outputs, and say what happened to each item."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from robots.form_reader import FormRecord, read_form
from robots.web import WebEntryRobot
from shared.audit import JsonlAuditStore, actor
from shared.config import LoadedScenario, SiteProfile, validate_all
from shared.errors import ApplicationError, BusinessError, RpaError, TargetUnavailableError
from shared.files import private_key
from shared.identity import key_hash
from shared.japanese.encoding import unencodable_chars
from shared.ledger import FINAL_STATES, Item, Ledger, State, open_ledger
from shared.logs import logger, setup_logging
from shared.messages import t
from shared.secrets import SecretMapping
from robots.outputs import write_outputs

__all__ = ["RunPaths", "RunSummary", "run_scenario"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunPaths:
    """Folders of a site, resolved against the site profile's own folder."""

    inbox: Path
    output: Path
    work: Path

    @classmethod
    def of(cls, site: SiteProfile, site_path: Path) -> "RunPaths":
        base = site_path.resolve().parent
        return cls(*(base / folder for folder in (site.inbox, site.output, site.work)))

    @property
    def ledger(self) -> Path:
        return self.work / "ledger.sqlite3"

    @property
    def audit(self) -> Path:
        return self.work / "audit" / "audit.jsonl"


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
    outputs: list[Path] = field(default_factory=list)
    log_path: Path | None = None
    fatal: str | None = None

    def count(self, state: State) -> int:
        return sum(1 for o in self.outcomes if o.state == state)

    @property
    def exit_code(self) -> int:
        if self.fatal:
            return 2
        return 1 if any(o.state != State.DONE for o in self.outcomes) else 0


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
        self.secrets_file = (site_path.resolve().parent / site.secrets_file) if site.secrets_file else None
        self.progress = progress or (lambda done, total: None)
        self.run_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        self.summary = RunSummary(self.run_id, self.scenario.id)
        self.masked = frozenset(name for name, spec in self.scenario.fields.items() if spec.mask)

    # -- the run -----------------------------------------------------------------
    def run(self) -> RunSummary:
        for folder in (self.paths.inbox, self.paths.output, self.paths.work):
            folder.mkdir(parents=True, exist_ok=True)
        self.summary.log_path = self.paths.work / "logs" / f"run-{self.run_id}.log"
        handler = setup_logging(self.summary.log_path)
        item_key = private_key(self.paths.work / "keys" / "item.key")
        with open_ledger(self.paths.ledger) as ledger, JsonlAuditStore(self.paths.audit) as audit:
            self.ledger, self.audit, self.item_key = ledger, audit, item_key
            audit.append("run_started", run_id=self.run_id, scenario_id=self.scenario.id,
                         scenario_version=self.scenario.version, scenario_sha256=self.loaded.sha256,
                         actor=actor(self.scenario.id))
            logger.info("run started", run_id=self.run_id, scenario=self.scenario.id)
            files = self._inbox_files()
            pending = self._read_all(files)
            self._enter_all(pending, len(files))
            self.summary.outputs = write_outputs(self.scenario, ledger.items(self.scenario.id), self.paths.output)
            audit.append("run_finished", run_id=self.run_id, counts={s.value: self.summary.count(s) for s in State},
                         skipped=self.summary.skipped, fatal=self.summary.fatal)
            logger.info("run finished", run_id=self.run_id, exit_code=self.summary.exit_code)
        logger.remove(handler)
        return self.summary

    def _inbox_files(self) -> list[tuple[Path, str]]:
        found: dict[Path, str] = {}
        inbox = self.paths.inbox.resolve()
        for spec in self.scenario.inputs:
            for path in sorted(inbox.glob(spec.glob)):
                if path.is_file() and path.resolve().is_relative_to(inbox):
                    found.setdefault(path, spec.template)
        return sorted(found.items())

    # -- reading -------------------------------------------------------------------
    def _read_all(self, files: list[tuple[Path, str]]) -> list[Item]:
        pending: list[Item] = []
        for done, (path, template_name) in enumerate(files, start=1):
            item = self._read_one(path, template_name)
            if item is not None:
                pending.append(item)
            self.progress(done, len(files) * 2 if self.scenario.web else len(files))
        return pending

    def _read_one(self, path: Path, template_name: str) -> Item | None:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        item = self.ledger.find_source(self.scenario.id, sha)
        if item is not None and item.state in FINAL_STATES:
            self.summary.skipped += 1
            return None
        if item is None:
            item = self.ledger.add(self.scenario.id, path.name, sha, self.run_id)
        template = self.loaded.templates[template_name]
        try:
            record = read_form(path, template, self.scenario.fields)
        except BusinessError as exc:
            return self._fail(item, exc, State.FAILED_BUSINESS)
        self.audit.append("item_extracted", run_id=self.run_id, item_id=item.id, template=template.id)
        return self._check(item, record)

    def _check(self, item: Item, record: FormRecord) -> Item | None:
        values = record.json_values()
        public = {k: v for k, v in values.items() if k not in self.masked}
        item = self.ledger.update(item.id, key_hash=key_hash(self.item_key, self.scenario.id, self.scenario.key, values),
                                  public=public)
        if record.problems:
            problems = [
                {"field": name, "label": self.scenario.fields[name].label, "reason": value.message()}
                for name, value in record.problems.items()
            ]
            detail = " / ".join(f"「{p['label']}」{p['reason']}" for p in problems)
            error = BusinessError("item.invalid_fields", file=item.source_name, detail=detail)
            return self._fail(item, error, State.FAILED_BUSINESS, fields=[p["field"] for p in problems])
        duplicate = self.ledger.find_key(self.scenario.id, item.key_hash or "", exclude_id=item.id)
        if duplicate is not None:
            error = BusinessError("item.duplicate", file=item.source_name, other=duplicate.source_name)
            return self._fail(item, error, State.FAILED_BUSINESS)
        encoding_error = self._encoding_problem(record)
        if encoding_error is not None:
            return self._fail(item, encoding_error, State.FAILED_BUSINESS)
        self.audit.append("item_validated", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash)
        return self.ledger.update(item.id, values=values, state=State.NEW, reason_key=None, reason_params={})

    def _encoding_problem(self, record: FormRecord) -> BusinessError | None:
        if self.scenario.web is None:
            return None
        encoding = self.site.systems[self.scenario.web.system].encoding
        if not encoding:
            return None
        for name, value in record.fields.items():
            if isinstance(value.value, str):
                bad = unencodable_chars(value.value, encoding)
                if bad:
                    return BusinessError("web.unencodable", file=record.source.name, label=self.scenario.fields[name].label,
                                         chars="".join(bad), encoding=encoding)
        return None

    # -- entering ------------------------------------------------------------------
    def _enter_all(self, pending: list[Item], total_files: int) -> None:
        web = self.scenario.web
        if web is None or not pending:
            return
        secrets = SecretMapping(self.site.secrets, self.secrets_file)
        shots = self.paths.work / "screenshots" / self.run_id
        try:
            with WebEntryRobot(web, self.site, secrets, self.masked, shots) as robot:
                for index, item in enumerate(pending, start=1):
                    self._enter_one(robot, item)
                    self.progress(total_files + index, total_files + len(pending))
        except RpaError as exc:  # unreachable, or the login steps failed (wrong password, changed screen)
            self._abort(exc, pending)

    def _abort(self, exc: RpaError, pending: list[Item]) -> None:
        """Stop the run: items not entered stay ``new`` for the next run; nothing is marked done."""
        during_login = (exc.step or "").startswith("login")
        self.summary.fatal = t("run.login_failed", reason=exc.message()) if during_login else exc.message()
        logger.error("run aborted", run_id=self.run_id, key=exc.key)
        self.audit.append("run_aborted", run_id=self.run_id, reason=exc.key)
        for item in pending:
            if self.ledger.get(item.id).state == State.NEW:
                self._outcome(item, State.NEW, reason=self.summary.fatal)

    def _enter_one(self, robot: WebEntryRobot, item: Item) -> None:
        try:
            result = robot.enter(self._typed(item.values or {}), item_label=f"item-{item.id:05d}")
        except BusinessError as exc:
            self._fail(item, exc, State.FAILED_BUSINESS)
            return
        except TargetUnavailableError:
            raise
        except ApplicationError as exc:
            self._fail(item, exc, State.FAILED_APPLICATION)
            return
        receipt = str(result.get("receipt_no") or "")
        self.ledger.update(item.id, state=State.DONE, receipt_no=receipt, values=None, reason_key=None, reason_params={})
        self.audit.append("item_entered", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash, receipt_no=receipt)
        logger.info("item entered", item_id=item.id)
        self._outcome(item, State.DONE, receipt_no=receipt)

    def _typed(self, values: dict[str, object]) -> dict[str, object]:
        """Values from the record store with dates as ``datetime.date`` again."""
        typed = dict(values)
        for name, spec in self.scenario.fields.items():
            if spec.type in ("date", "wareki_date") and isinstance(typed.get(name), str):
                typed[name] = dt.date.fromisoformat(typed[name])  # type: ignore[arg-type]
        return typed

    # -- bookkeeping -------------------------------------------------------------------
    def _fail(self, item: Item, error: RpaError, state: State, fields: list[str] | None = None) -> None:
        error.file = error.file or item.source_name
        message = error.message()
        params = {"message": message, "message_en": error.message("en")}
        self.ledger.update(item.id, state=state, reason_key=error.key, reason_params=params, values=None)
        self.audit.append("item_failed", run_id=self.run_id, item_id=item.id, key_hash=item.key_hash,
                          state=state.value, reason=error.key, fields=fields or ([error.field] if error.field else []))
        logger.warning("item failed", item_id=item.id, state=state.value, reason=error.key)
        self._outcome(item, state, reason=message)
        return None

    def _outcome(self, item: Item, state: State, receipt_no: str | None = None, reason: str | None = None) -> None:
        self.summary.outcomes.append(Outcome(item.id, item.source_name, state, receipt_no, reason))
