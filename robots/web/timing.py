"""How long each web step took (for the run report's timeline and chart, and one line of the
operational log per step: the item, the step's personal-data-free label, how long, ok or not)."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from shared.logs import logger

__all__ = ["StepTiming", "note_step"]


@dataclass(frozen=True)
class StepTiming:
    """One step run: which item, which step (its personal-data-free label), how long."""

    item: str
    step: str
    kind: str
    started: float  # seconds since the epoch, to the millisecond
    seconds: float
    ok: bool
    paced: float | None = None  # presenter mode: seconds spent before the step (banner, highlight, waiting for Enter)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def note_step(timings: list[StepTiming], item: str, step: str, kind: str, started: float, ok: bool,
              paced: float | None = None) -> None:
    """Append the timing of a step that began at ``started`` (``time.perf_counter()``);
    ``paced``: the presenter's time just before it (None without presenter mode)."""
    seconds = time.perf_counter() - started
    timings.append(StepTiming(item, step, kind, round(time.time() - seconds, 3), round(seconds, 4), ok,
                              None if paced is None else round(paced, 4)))
    (logger.info if ok else logger.warning)("step " + ("done" if ok else "failed"), item=item, step=step, kind=kind,
                                            seconds=round(seconds, 3))
