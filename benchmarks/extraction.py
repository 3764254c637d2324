"""Extraction: our ``read_form`` against bare pdfplumber word extraction of the same files,
and ours against the floor of reading a digital form (``benchmarks.floor``).

The baseline only opens each PDF with pdfplumber and runs ``page.extract_words()`` on
every page; it does not map words to fields, check marks or normalize anything. Ours does
all of that and should still be at least ``GOAL_SPEEDUP`` times faster. The floor (pypdfium2
open + ``get_text_bounded`` over the template's boxes) is what no reader can go below; ours
should cost at most ``GOAL_FLOOR_RATIO`` times it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pdfplumber

from benchmarks import inputs
from benchmarks.floor import FloorResult, measure_floors
from benchmarks.timing import best, median, timed
from robots.reading import FormRecord, read_form

__all__ = ["GOAL_SPEEDUP", "ExtractionResult", "measure_extraction"]

GOAL_SPEEDUP = 4.0


@dataclass(frozen=True)
class ExtractionResult:
    forms: int
    repeats: int
    ours_ms_per_form: float  # best of ``repeats`` passes over all forms
    baseline_ms_per_form: float
    ours_median_ms_per_form: float
    baseline_median_ms_per_form: float
    fields_right: int
    fields_total: int
    forms_all_right: int
    floors: tuple[FloorResult, ...] = field(default=())  # ours against the floor: sample form, new forms

    @property
    def speedup(self) -> float:
        """How many times faster ours is than the baseline (higher is better)."""
        return self.baseline_ms_per_form / self.ours_ms_per_form

    @property
    def meets_goal(self) -> bool:
        return self.speedup >= GOAL_SPEEDUP

    def as_json(self) -> dict[str, object]:
        figures = {name: value for name, value in asdict(self).items() if name != "floors"}
        return {**figures, "speedup": self.speedup, "goal_speedup": GOAL_SPEEDUP, "meets_goal": self.meets_goal,
                "floor": {floor.forms_set: floor.as_json() for floor in self.floors}}


def _ours(files: list[Path]) -> list[FormRecord]:
    loaded = inputs.scenario()
    template = loaded.templates[inputs.TEMPLATE]
    return [read_form(path, template, loaded.scenario.fields) for path in files]


def _baseline(files: list[Path]) -> int:
    words = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                words += len(page.extract_words())
    return words


def _accuracy(files: list[Path], records: list[FormRecord]) -> tuple[int, int, int]:
    """(fields exactly right, fields, forms with every field right) against truth.json."""
    truth = inputs.truth()
    right = total = whole = 0
    for path, record in zip(files, records, strict=True):
        got = record.json_values()
        expected = truth[path.name]["fields"]
        hits = sum(1 for name, value in expected.items() if got.get(name) == value)
        right, total, whole = right + hits, total + len(expected), whole + (hits == len(expected))
    return right, total, whole


def measure_extraction(repeats: int = 5, limit: int | None = None) -> ExtractionResult:
    """Time both readers over the valid sample forms, alternating, ``repeats`` times each
    after one untimed warm-up pass; then ours against the floor (``measure_floors``)."""
    files = inputs.valid_forms(limit)
    _ours(files), _baseline(files)  # warm-up: imports, caches, the page cache of the OS
    ours: list[float] = []
    baseline: list[float] = []
    records: list[FormRecord] = []
    for _ in range(repeats):
        seconds, records = timed(lambda: _ours(files))
        ours.append(seconds)
        baseline.append(timed(lambda: _baseline(files))[0])
    per_form = 1000 / len(files)
    right, total, whole = _accuracy(files, records)
    return ExtractionResult(
        forms=len(files),
        repeats=repeats,
        ours_ms_per_form=best(ours) * per_form,
        baseline_ms_per_form=best(baseline) * per_form,
        ours_median_ms_per_form=median(ours) * per_form,
        baseline_median_ms_per_form=median(baseline) * per_form,
        fields_right=right,
        fields_total=total,
        forms_all_right=whole,
        floors=measure_floors(repeats, limit),
    )
