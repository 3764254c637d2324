"""Web entry: our ``WebEntryRobot`` running the sample scenario against a hand-written
Playwright script doing the same page operations (``benchmarks/handwritten.py``).

Both sides enter the same records into their own fresh sample legacy system, in browsers
launched with the same settings; runs alternate (ours, hand-written, hand-written, ours,
...) and the best run of each side counts. Only entering records is compared: starting
the browser and logging in (once per run) are shown separately.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import handwritten, samples
from robots.demo import LegacyApp, chromium_settings, write_demo_site
from robots.web import WebEntryRobot
from samples.legacy_app import count_records
from shared.config import load_site
from shared.secrets import SecretMapping

__all__ = ["GOAL_RATIO", "Run", "WebResult", "measure_web"]

GOAL_RATIO = 1.15
OURS, BASELINE = "ours", "handwritten"

Records = list[dict[str, object]]


@dataclass(frozen=True)
class Run:
    side: str
    setup_s: float  # launch the browser and log in
    entry_s: float  # enter every record
    records: int

    @property
    def s_per_record(self) -> float:
        return self.entry_s / self.records


@dataclass(frozen=True)
class WebResult:
    records: int
    rounds: int
    runs: list[Run] = field(default_factory=list)

    def _best(self, side: str) -> Run:
        return min((run for run in self.runs if run.side == side), key=lambda run: run.entry_s)

    @property
    def ours(self) -> Run:
        return self._best(OURS)

    @property
    def baseline(self) -> Run:
        return self._best(BASELINE)

    @property
    def ratio(self) -> float:
        """Ours ÷ hand-written time per record (lower is better; 1.0 = no overhead)."""
        return self.ours.s_per_record / self.baseline.s_per_record

    @property
    def meets_goal(self) -> bool:
        return self.ratio <= GOAL_RATIO

    def as_json(self) -> dict[str, object]:
        return {
            "records": self.records,
            "rounds": self.rounds,
            "ours_s_per_record": self.ours.s_per_record,
            "baseline_s_per_record": self.baseline.s_per_record,
            "ours_setup_s": self.ours.setup_s,
            "baseline_setup_s": self.baseline.setup_s,
            "ratio": self.ratio,
            "goal_ratio": GOAL_RATIO,
            "meets_goal": self.meets_goal,
            "runs": [{**asdict(run), "s_per_record": run.s_per_record} for run in self.runs],
        }


@contextmanager
def _legacy_app() -> Iterator[tuple[LegacyApp, Path]]:
    """A fresh sample legacy system with its own database in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="jichitai-bench-") as tmp, LegacyApp(Path(tmp) / "legacy.sqlite3") as app:
        yield app, Path(tmp)


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _check_entered(app: LegacyApp, side: str, receipts: list[str], expected: int) -> None:
    stored = count_records(app.db_path)
    if stored != expected or len(set(filter(None, receipts))) != expected:
        raise RuntimeError(f"{side}: {expected} records entered, but {stored} stored and receipts {receipts}")


def run_ours(records: Records) -> Run:
    """Our robot: the scenario's login once, then its entry steps for every record."""
    loaded = samples.scenario()
    web = loaded.scenario.web
    assert web is not None
    masked = frozenset(name for name, spec in loaded.scenario.fields.items() if spec.mask)
    with _legacy_app() as (app, folder), _environment(LEGACY_USER=app.user, LEGACY_PASSWORD=app.password):
        site = load_site(write_demo_site(folder / "site", app.url))
        secrets = SecretMapping(site.secrets)
        start = time.perf_counter()
        with WebEntryRobot(web, site, secrets, masked, folder / "screenshots") as robot:
            ready = time.perf_counter()
            receipts = [str(robot.enter(record, f"bench-{index:03d}").get("receipt_no") or "")
                        for index, record in enumerate(records, start=1)]
            done = time.perf_counter()
        _check_entered(app, OURS, receipts, len(records))
    return Run(OURS, ready - start, done - ready, len(records))


def run_handwritten(records: Records) -> Run:
    """The hand-written script: the same operations, straight Playwright calls."""
    with _legacy_app() as (app, _):
        start = time.perf_counter()
        with handwritten.open_page(chromium_settings()) as page:
            handwritten.log_in(page, app.url, app.user, app.password)
            ready = time.perf_counter()
            receipts = [handwritten.enter(page, app.url, record) for record in records]
            done = time.perf_counter()
        _check_entered(app, BASELINE, receipts, len(records))
    return Run(BASELINE, ready - start, done - ready, len(records))


SIDES: dict[str, Callable[[Records], Run]] = {OURS: run_ours, BASELINE: run_handwritten}


def measure_web(records: int = 10, rounds: int = 3, progress: Callable[[str], None] | None = None) -> WebResult:
    """Alternate both sides ``rounds`` times over the same ``records`` sample records,
    swapping which side goes first each round."""
    entries = samples.entry_records(records)
    runs: list[Run] = []
    for round_no in range(rounds):
        order = (OURS, BASELINE) if round_no % 2 == 0 else (BASELINE, OURS)
        for side in order:
            run = SIDES[side](entries)
            runs.append(run)
            if progress:
                progress(f"web round {round_no + 1}/{rounds} {side}: {run.s_per_record:.3f} s/record")
    return WebResult(records, rounds, runs)
