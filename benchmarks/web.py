"""Web entry: our ``WebEntryRobot`` running the sample scenario against a hand-written
Playwright script doing the same page operations (``benchmarks/handwritten.py``).

Each side has its own fresh sample legacy system and its own browser, launched with the
same settings, and each runs in its own thread (Playwright's sync API wants one instance
per thread). Both are started and logged in first; then they enter the same records
taking turns record by record (who goes first alternates), so that whatever else the
machine is doing slows both alike. The whole list is entered ``rounds`` times and each
record counts with its best time on each side. Starting the browser and logging in are
shown, not compared.

A third side runs our robot with the read-back of ``fill``/``select``/``check`` switched
off (``verify: false`` on every step, issue 16), so that the cost of checking what was
entered is measured in the same run: the ratio to the hand-written loop with and without it.
"""

from __future__ import annotations

import os
import queue
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import handwritten, inputs
from benchmarks.cpu import child_pids, tree_cpu_s
from robots.demo import LegacyApp, chromium_settings, write_demo_site
from robots.web import WebEntryRobot
from samples.legacy_app import count_records
from shared.config import load_site
from shared.secrets import SecretMapping

__all__ = ["BASELINE", "GOAL_RATIO", "NO_READBACK", "OURS", "SAMPLE", "Enter", "Record", "SideTimes", "Target", "WebResult",
           "measure_web", "without_readback"]

GOAL_RATIO = 1.15
#: Longest wait for a side's reply (launch + login, or one record) before giving up.
REPLY_TIMEOUT_S = 120
OURS, BASELINE, NO_READBACK = "ours", "handwritten", "ours-without-readback"

Record = dict[str, object]
Enter = Callable[[Record], str]
#: A side: given a running target system (e.g. a ``LegacyApp``), a context manager that launches the browser,
#: logs in and yields a function entering one record (returning its receipt number).
Session = Callable[[Any, Path], AbstractContextManager[Enter]]


@dataclass(frozen=True)
class SideTimes:
    side: str
    setup_s: float  # launch the browser and log in
    record_s: list[list[float]]  # [round][record] seconds
    cpu_s: list[float] = field(default_factory=list)  # CPU seconds of each entry (none without /proc)

    @property
    def cpu_s_per_record(self) -> float | None:
        """The median CPU time of an entry: the side's thread, driver and browser."""
        return statistics.median(self.cpu_s) if self.cpu_s else None

    @property
    def best_per_record(self) -> list[float]:
        return [min(times) for times in zip(*self.record_s, strict=False)]

    @property
    def s_per_record(self) -> float:
        best = self.best_per_record
        return sum(best) / len(best)

    @property
    def quartiles(self) -> tuple[float, float, float]:
        """The lower quartile, median and upper quartile of every entry's time (its spread)."""
        every = [seconds for times in self.record_s for seconds in times]
        if len(every) < 2:
            return (every[0],) * 3 if every else (0.0, 0.0, 0.0)
        low, middle, high = statistics.quantiles(every, n=4, method="inclusive")
        return low, middle, high

    def round_s_per_record(self) -> list[float]:
        return [sum(times) / len(times) for times in self.record_s]


@dataclass(frozen=True)
class WebResult:
    records: int
    rounds: int
    ours: SideTimes
    baseline: SideTimes
    without_readback: SideTimes | None = None
    target: str = "sample"

    @property
    def ratio(self) -> float:
        """Ours ÷ hand-written time per record (lower is better; 1.0 = no overhead)."""
        return self.ours.s_per_record / self.baseline.s_per_record

    @property
    def median_ratio(self) -> float:
        """Ours ÷ hand-written, median time per entry (less moved by one slow entry)."""
        return self.ours.quartiles[1] / self.baseline.quartiles[1]

    @property
    def cpu_ratio(self) -> float | None:
        """Ours ÷ hand-written, median CPU time per entry (None where it is not measured)."""
        ours, baseline = self.ours.cpu_s_per_record, self.baseline.cpu_s_per_record
        return ours / baseline if ours is not None and baseline else None

    @property
    def ratio_without_readback(self) -> float | None:
        """Ours without reading values back ÷ hand-written (the figure before issue 16)."""
        if self.without_readback is None:
            return None
        return self.without_readback.s_per_record / self.baseline.s_per_record

    @property
    def readback_s_per_record(self) -> float | None:
        """What reading back every entered value costs per record (ours − ours without it)."""
        if self.without_readback is None:
            return None
        return self.ours.s_per_record - self.without_readback.s_per_record

    @property
    def meets_goal(self) -> bool:
        return self.ratio <= GOAL_RATIO

    def as_json(self) -> dict[str, object]:
        return {
            "target": self.target,
            "records": self.records,
            "rounds": self.rounds,
            "ours_s_per_record": self.ours.s_per_record,
            "baseline_s_per_record": self.baseline.s_per_record,
            "ratio": self.ratio,
            "median_ratio": self.median_ratio,
            "cpu_ratio": self.cpu_ratio,
            "ours_cpu_s_per_record": self.ours.cpu_s_per_record,
            "baseline_cpu_s_per_record": self.baseline.cpu_s_per_record,
            "ours_quartiles_s": list(self.ours.quartiles),
            "baseline_quartiles_s": list(self.baseline.quartiles),
            "goal_ratio": GOAL_RATIO,
            "meets_goal": self.meets_goal,
            "ours_setup_s": self.ours.setup_s,
            "baseline_setup_s": self.baseline.setup_s,
            "ours_record_s": self.ours.record_s,
            "baseline_record_s": self.baseline.record_s,
            **({} if self.without_readback is None else {
                "without_readback_s_per_record": self.without_readback.s_per_record,
                "ratio_without_readback": self.ratio_without_readback,
                "readback_s_per_record": self.readback_s_per_record,
            }),
        }


# -- the two sides -----------------------------------------------------------------------
def without_readback(steps: list) -> list:
    """The same steps with ``verify: false`` on every fill, select and check (in frames too)."""
    changed = []
    for step in steps:
        if step.in_frame is not None:
            step = step.model_copy(update={"in_frame": step.in_frame.model_copy(
                update={"steps": without_readback(step.in_frame.steps)})})
        kind = step.kind
        args = step.args
        if kind in ("fill", "select", "check") and not isinstance(args, str):
            step = step.model_copy(update={kind: args.model_copy(update={"verify": False})})
        elif kind == "check":  # the short form (check: 男): the same as {label: 男}
            data = {**step.model_dump(exclude_none=True), "check": {"label": args, "verify": False}}
            step = type(step).model_validate(data)
        changed.append(step)
    return changed


@contextmanager
def ours_session(app: LegacyApp, folder: Path, readback: bool = True) -> Iterator[Enter]:
    """Our robot: the scenario's login once, then its entry steps for each record
    (``readback=False``: without reading entered values back)."""
    loaded = inputs.scenario()
    web = loaded.scenario.web
    assert web is not None
    if not readback:
        web = web.model_copy(update={"login": without_readback(web.login), "entry": without_readback(web.entry)})
    masked = frozenset(name for name, spec in loaded.scenario.fields.items() if spec.mask)
    site = load_site(write_demo_site(folder / "site", app.url))
    secrets = SecretMapping(site.secrets, given=app.secrets())
    with WebEntryRobot(web, site, secrets, masked, folder / "screenshots") as robot:
        yield lambda record: str(robot.enter(record, "bench").get("receipt_no") or "")


@contextmanager
def handwritten_session(app: LegacyApp, folder: Path) -> Iterator[Enter]:
    """The hand-written script: the same operations as straight Playwright calls."""
    with handwritten.open_page(chromium_settings()) as page:
        handwritten.log_in(page, app.url, app.user, app.password)
        yield lambda record: handwritten.enter(page, app.url, record)


@contextmanager
def ours_without_readback_session(app: LegacyApp, folder: Path) -> Iterator[Enter]:
    with ours_session(app, folder, readback=False) as enter:
        yield enter


SESSIONS: dict[str, Session] = {OURS: ours_session, BASELINE: handwritten_session,
                                NO_READBACK: ours_without_readback_session}


# -- running a side in its own thread -----------------------------------------------------------
class _Side:
    """One side in its own thread: set up once, then enter records on request. Each entry's
    wall time and, where ``/proc`` is there, its CPU time: the side's thread (where
    Playwright's sync API runs) and the processes it started (driver and browser)."""

    def __init__(self, name: str, session: Session, app: Any, folder: Path) -> None:
        self.name = name
        self._requests: queue.Queue[Record | None] = queue.Queue()
        self._replies: queue.Queue[tuple[float, str, float | None] | BaseException] = queue.Queue()
        before = child_pids(os.getpid())  # sides start one after another: what is new is this side's
        self._thread = threading.Thread(target=self._serve, args=(session, app, folder), name=f"bench-{name}", daemon=True)
        self._thread.start()
        self.setup_s, _, _ = self._reply()
        self._processes = child_pids(os.getpid()) - before

    def _serve(self, session: Session, app: Any, folder: Path) -> None:
        try:
            start = time.perf_counter()
            with session(app, folder) as enter:
                self._replies.put((time.perf_counter() - start, "", None))
                while (record := self._requests.get()) is not None:
                    tree, thread = tree_cpu_s(self._processes), time.thread_time()  # reading /proc: not counted
                    start = time.perf_counter()
                    receipt = enter(record)
                    seconds = time.perf_counter() - start
                    thread, tree_after = time.thread_time() - thread, tree_cpu_s(self._processes)
                    cpu = None if tree is None or tree_after is None else tree_after - tree + thread
                    self._replies.put((seconds, receipt, cpu))
        except BaseException as exc:  # handed to the main thread, raised there
            self._replies.put(exc)

    def _reply(self) -> tuple[float, str, float | None]:
        try:
            reply = self._replies.get(timeout=REPLY_TIMEOUT_S)
        except queue.Empty:
            raise RuntimeError(f"web benchmark, side {self.name!r}: no reply within {REPLY_TIMEOUT_S} s") from None
        if isinstance(reply, BaseException):
            raise RuntimeError(f"web benchmark, side {self.name!r} failed: {type(reply).__name__}: {reply}") from reply
        return reply

    def enter(self, record: Record) -> tuple[float, str, float | None]:
        self._requests.put(record)
        return self._reply()

    def close(self) -> None:
        self._requests.put(None)
        self._thread.join(timeout=60)


def _check_entered(app: LegacyApp, side: str, receipts: list[str], records: list[Record]) -> None:
    stored = count_records(app.db_path)
    if stored != len(receipts) or len(set(filter(None, receipts))) != len(receipts):
        raise RuntimeError(f"web benchmark, side {side!r}: {len(receipts)} records entered but {stored} stored")


@dataclass(frozen=True)
class Target:
    """A system the benchmark enters records into: how to start it, the sides that enter
    records into it, and how to check afterwards that each side's records were all stored."""

    name: str
    start: Callable[[Path], AbstractContextManager[Any]]  # a folder -> a running app
    sessions: dict[str, Session]
    records: Callable[[int], list[Record]]
    check: Callable[[Any, str, list[str], list[Record]], None]  # app, side, receipts, records entered


SAMPLE = Target("sample", lambda folder: LegacyApp(folder / "legacy.sqlite3"), SESSIONS, inputs.entry_records,
                _check_entered)


def measure_web(records: int = 10, rounds: int = 3, progress: Callable[[str], None] | None = None,
                readback_side: bool = True, target: Target = SAMPLE) -> WebResult:
    """Enter ``records`` records of ``target`` (the sample legacy system unless given)
    ``rounds`` times on both sides, taking turns (``readback_side``: and on the third side,
    ours without read-back)."""
    sessions = target.sessions if readback_side else {k: v for k, v in target.sessions.items() if k != NO_READBACK}
    entries = target.records(records)
    times: dict[str, list[list[float]]] = {name: [] for name in sessions}
    cpu: dict[str, list[float]] = {name: [] for name in sessions}
    receipts: dict[str, list[str]] = {name: [] for name in sessions}
    entered: dict[str, list[Record]] = {name: [] for name in sessions}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="jichitai-bench-")))
        apps = {name: stack.enter_context(target.start(tmp / name)) for name in sessions}
        sides: dict[str, _Side] = {}
        for name, session in sessions.items():
            sides[name] = _Side(name, session, apps[name], tmp / name)
            stack.callback(sides[name].close)
        for round_no in range(rounds):
            for name in times:
                times[name].append([])
            for index, record in enumerate(entries):
                names = list(sessions)
                shift = (round_no + index) % len(names)  # who goes first turns round
                for name in names[shift:] + names[:shift]:
                    seconds, receipt, cpu_s = sides[name].enter(record)
                    times[name][-1].append(seconds)
                    if cpu_s is not None:
                        cpu[name].append(cpu_s)
                    receipts[name].append(receipt)
                    entered[name].append(record)
            if progress:
                progress(f"web ({target.name}) round {round_no + 1}/{rounds}: "
                         + ", ".join(f"{name} {sum(t[-1]) / len(t[-1]):.3f} s/record" for name, t in times.items()))
        for name, app in apps.items():
            target.check(app, name, receipts[name], entered[name])
        setup = {name: side.setup_s for name, side in sides.items()}
    return WebResult(records, rounds, SideTimes(OURS, setup[OURS], times[OURS], cpu[OURS]),
                     SideTimes(BASELINE, setup[BASELINE], times[BASELINE], cpu[BASELINE]),
                     SideTimes(NO_READBACK, setup[NO_READBACK], times[NO_READBACK], cpu[NO_READBACK])
                     if readback_side else None, target=target.name)
