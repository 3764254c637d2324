"""Extraction against its floor: what reading a digital form costs at the very least.

The floor opens each PDF with pypdfium2 and calls ``get_text_bounded`` on every box of the
template (text boxes, each option's box, each part of a composite field), nothing else: no
safety checks, no reading order, no marks, no normalization. Ours is ``robots.read_file``,
the documented way of reading one form (docs/api.md), which does all of that; the figure is
ours as a multiple of the floor (lower is better).

Measured on the sample form (``samples/forms``) and on the filled digital forms of every
procedure with a hand-written template in ``tests/procedures`` (``samples/procedures/out``).
Each form is timed in CPU time (``time.process_time``: the machine may be shared, and what
other processes do is not ours), ours and the floor in turn, and keeps its best of the
passes; a figure is the sum over the forms. Before each pass of ours the safety scan's
memory is emptied (``shared.pdfcheck.forget_checked``): every file is new to the reader, as
in a run, and only what repeats between files (the printed form's font) is recognized after
the first. ``seen_ms_per_form`` is the same files read again (the scan remembered).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pypdfium2 as pdfium

import robots
from benchmarks import inputs
from shared.config import FormTemplate, LoadedScenario, load_scenario
from shared.pdfcheck import forget_checked

__all__ = ["GOAL_FLOOR_RATIO", "FloorResult", "floor_boxes", "measure_floors", "read_floor"]

GOAL_FLOOR_RATIO = 1.5
REPO = Path(__file__).resolve().parents[1]
PROCEDURE_FORMS = REPO / "samples" / "procedures" / "out"
PROCEDURE_TEMPLATES = REPO / "tests" / "procedures"

Box = tuple[float, float, float, float]
Form = tuple[Path, LoadedScenario]


@dataclass(frozen=True)
class FloorResult:
    forms_set: str  # "sample" or "procedures"
    forms: int
    repeats: int
    ours_ms_per_form: float  # CPU time, each form's best pass, every file new to the reader
    floor_ms_per_form: float
    seen_ms_per_form: float  # the same files read again: the safety scan remembers them

    @property
    def ratio(self) -> float:
        """Ours as a multiple of the floor (lower is better)."""
        return self.ours_ms_per_form / self.floor_ms_per_form

    @property
    def meets_goal(self) -> bool:
        return self.ratio <= GOAL_FLOOR_RATIO

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio, "goal_ratio": GOAL_FLOOR_RATIO, "meets_goal": self.meets_goal}


def floor_boxes(template: FormTemplate) -> list[tuple[int, Box]]:
    """(page, box) of every box the template reads on a PDF."""
    boxes: list[tuple[int, Box]] = []
    for binding in template.fields.values():
        if binding.box is not None:
            boxes.append((binding.page, binding.box))
        if isinstance(binding.options, dict):
            boxes += [(binding.page, box) for box in binding.options.values()]
        for part in (binding.parts or {}).values():
            if part.box is not None:
                boxes.append((binding.page, part.box))
            boxes += [(binding.page, box) for box in (part.options or {}).values()]
    return boxes


def read_floor(path: Path, boxes: list[tuple[int, Box]]) -> list[str]:
    """The floor: pypdfium2 open, then ``get_text_bounded`` on each box (top-left boxes turned
    into PDF space), each page loaded once."""
    pdf = pdfium.PdfDocument(path)
    pages: dict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage, float]] = {}
    texts = []
    try:
        for number, (x0, top, x1, bottom) in boxes:
            if number not in pages:
                page = pdf[number - 1]
                pages[number] = (page, page.get_textpage(), page.get_height())
            _, textpage, height = pages[number]
            texts.append(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top))
    finally:
        for page, textpage, _ in pages.values():
            textpage.close()
            page.close()
        pdf.close()
    return texts


def sample_forms(limit: int | None) -> list[Form]:
    loaded = inputs.scenario()
    return [(path, loaded) for path in inputs.valid_forms(limit)]


def procedure_forms(limit: int | None) -> list[Form]:
    """The filled digital forms of each procedure with a template in tests/procedures."""
    forms: list[Form] = []
    for folder in sorted(p for p in PROCEDURE_TEMPLATES.iterdir() if p.is_dir()):
        loaded = load_scenario(folder)
        truth = json.loads((PROCEDURE_FORMS / folder.name / "truth.json").read_text(encoding="utf-8"))
        names = sorted(name for name, entry in truth["files"].items() if entry["kind"] == "filled")
        forms += [(PROCEDURE_FORMS / folder.name / name, loaded) for name in names]
    return forms[:limit]


def _cpu(function: Callable[[], object]) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def measure_floor(forms_set: str, forms: list[Form], repeats: int) -> FloorResult:
    """Ours, the floor and ours again on files seen, form by form in turn, ``repeats`` passes
    after an untimed one; each form's best pass of each."""
    boxes = {id(loaded): floor_boxes(loaded.templates[loaded.scenario.inputs[0].template]) for _, loaded in forms}
    best = {side: [float("inf")] * len(forms) for side in ("ours", "floor", "seen")}
    for timed in [False] + [True] * repeats:
        forget_checked()
        for index, (path, loaded) in enumerate(forms):
            times = {
                "ours": _cpu(lambda: robots.read_file(path, loaded)),  # noqa: B023 - called at once
                "floor": _cpu(lambda: read_floor(path, boxes[id(loaded)])),  # noqa: B023
                "seen": _cpu(lambda: robots.read_file(path, loaded)),  # noqa: B023
            }
            if timed:
                for side, seconds in times.items():
                    best[side][index] = min(best[side][index], seconds)
    per_form = 1000 / len(forms)
    return FloorResult(forms_set, len(forms), repeats, sum(best["ours"]) * per_form, sum(best["floor"]) * per_form,
                       sum(best["seen"]) * per_form)


def measure_floors(repeats: int = 5, limit: int | None = None) -> tuple[FloorResult, FloorResult]:
    """Ours against the floor on the sample form and on the procedures' forms."""
    return (measure_floor("sample", sample_forms(limit), repeats),
            measure_floor("procedures", procedure_forms(limit), repeats))
