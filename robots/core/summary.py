"""What a run tells its caller: what happened to each item it touched, the files it wrote,
and why it stopped if it did. Holds no personal data (item numbers, file names, states,
reasons from the message catalog)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shared.ledger import State

if TYPE_CHECKING:
    from robots.web.timing import StepTiming

__all__ = ["ENDED_WELL", "Outcome", "RunSummary"]

ENDED_WELL = frozenset({State.DONE, State.READ})
"""The outcomes that need no person: entered into the target system, or read and kept by
a scenario without ``web``."""


@dataclass
class Outcome:
    """What happened to one item (an item may have several outcomes in one run)."""

    item_id: int
    source: str
    state: State
    receipt_no: str | None = None
    reason: str | None = None
    left: bool = False  # not taken up: the run stopped (its reason is the run's ``fatal``); waits for the next run


@dataclass
class RunSummary:
    run_id: str
    scenario_id: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    duplicate_files: list[str] = field(default_factory=list)
    taken_elsewhere: list[str] = field(default_factory=list)  # files another run beside this one took in first
    left_files: list[tuple[str, str]] = field(default_factory=list)  # (inbox path, reason: inbox.left.<reason>)
    notes: list[str] = field(default_factory=list)  # about files beyond their items (a list's totals rows skipped)
    state_counts: dict[str, int] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    log_path: Path | None = None
    review_sheet: Path | None = None
    fatal: str | None = None
    output_problems: list[str] = field(default_factory=list)  # an output not written (retried next run)
    step_timings: list[StepTiming] = field(default_factory=list)  # the web steps of this run
    html_report: Path | None = None
    video_dir: Path | None = None
    reading_only: bool = False  # the scenario has no web: items end read, none is entered

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
        """0: every item this run touched ended well (entered, or read by a reading-only
        scenario) and every output was written, or there was nothing to do (no item taken
        up: an output problem left from earlier runs, e.g. a CSV row that cannot be written,
        is printed again but is not this run's); 1: a person is needed (an item failed or
        needs review, or an output was not written); 2: the run was stopped."""
        if self.fatal:
            return 2
        outcomes = self.final_outcomes()
        if not outcomes:
            return 0
        needs_person = any(o.state not in ENDED_WELL for o in outcomes)
        return 1 if self.output_problems or needs_person else 0
