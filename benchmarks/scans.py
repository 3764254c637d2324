"""Scans of every sample form (the claim, the six procedures) filled in every installed font,
generated at run time from a held-out seed, read by our pipeline (align, clean zones, one
reused in-process Tesseract) and by a baseline of pytesseract called once per field box on
the unaligned page (a process per field), in the same run, on one core.

Per form × font it gives exact fields before review, the share sent to review, silent errors
(a value accepted and wrong), forms needing no person, crashes, and seconds per page read with
Tesseract alone and with both engines (Tesseract and the second engine, PP-OCRv5, as a site
with ``ocr.engines: [tesseract, ppocr]`` reads; the same scans, read again; there the CPU
seconds spent in each engine are shown apart, the rest being loading, alignment and the
checks — CPU seconds of this process are the figures to rely on on a shared machine). Which
form, font and seed the reader was tuned on is marked (the claim and the tuning procedures;
IPAex Gothic; the committed seeds): the default seed is drawn at run time and printed, so a
figure can be reproduced with ``--scan-seed`` and is never one the reader was tuned on."""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.scan_templates import claim_scenario, procedure_scenario
from connectors.ocr import OcrEngine, OcrError, engine
from connectors.scan import cut, load_pages
from robots.reading import read_scan
from samples.scans import corpus as corpora
from samples.scans.fonts import installed_fonts
from shared.errors import InputFileError
from shared.fields import normalize
from shared.japanese import default_postal_table

__all__ = ["GOAL_S_PER_PAGE", "Cell", "ScanResult", "Score", "format_matrix", "measure_scans"]

GOAL_S_PER_PAGE = 0.6
GOAL_ACCURACY = 0.98
GOAL_REVIEW = 0.10


@dataclass
class Score:
    """Accuracy of one configuration's readings of a cell's scans."""

    files: int = 0
    fields: int = 0
    exact: int = 0
    review: int = 0
    silent: int = 0
    no_review_files: int = 0
    crashed: int = 0
    silent_fields: list[str] = field(default_factory=list)  # file:field (names only, never values)
    # why fields went to a person (the message code, the inner reason's after a ›), and how
    # many of those the reader had read right (a person's time spent for nothing)
    reasons: dict[str, int] = field(default_factory=dict)
    right_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, record, expected: dict, fields) -> None:
        """Count the fields of ``record`` (``None``: refused or crashed) against ``expected``."""
        reviewed = 0
        self.files += 1
        for field_name, value in expected.items():
            self.fields += 1
            got = record.fields.get(field_name) if record is not None else None
            if got is None:
                reviewed += 1
                continue
            spec = fields[field_name]
            right = got.json_value() == value if got.value is not None else _same(spec, got.original, value)
            self.exact += right
            reviewed += got.status != "ok"
            if got.status != "ok":
                why = f"{review_reason(got)} @{spec.type}"
                self.reasons[why] = self.reasons.get(why, 0) + 1
                self.right_reasons[why] = self.right_reasons.get(why, 0) + right
            if got.status == "ok" and got.json_value() != value:
                self.silent += 1
                self.silent_fields.append(f"{name}:{field_name}")
        self.review += reviewed
        self.no_review_files += reviewed == 0


@dataclass
class Cell:
    """One form in one font: counts over its scans (fields of every complete scan)."""

    form: str
    font: str
    seed: int
    tuned: dict[str, bool]
    template: str  # shipped | hand-written | drawn from the blank
    files: int = 0
    pages: int = 0
    fields: int = 0
    exact: int = 0
    review: int = 0
    silent: int = 0
    no_review_files: int = 0  # forms a person need not look at
    refused: int = 0  # files the reader refused (quarantine): every field to a person
    crashed: int = 0  # files the reader raised an unexpected exception on
    ours_s: float = 0.0  # wall-clock seconds
    ours_cpu_s: float = 0.0  # CPU seconds of this process (the machine may be shared)
    baseline_files: int = 0
    baseline_pages: int = 0
    baseline_fields: int = 0
    baseline_exact: int = 0
    baseline_s: float = 0.0
    baseline_cpu_s: float = 0.0  # with the Tesseract processes pytesseract started
    both_pages: int = 0  # pages read again with both engines (0: no second engine installed)
    both_s: float = 0.0  # wall-clock seconds of those readings
    both_cpu_s: float = 0.0
    both_first_cpu_s: float = 0.0  # of both_cpu_s: in the first engine (Tesseract) reading zones
    both_second_cpu_s: float = 0.0  # of both_cpu_s: in the second engine (PP-OCR) reading zones
    silent_fields: list[str] = field(default_factory=list)  # file:field (names only, never values)
    # the same scans as a site with both engines reads them (the configuration the goals are for)
    both: Score = field(default_factory=lambda: Score())

    def share(self, part: float, whole: float) -> float:
        return part / whole if whole else 0.0

    @property
    def s_per_page(self) -> float:
        return self.share(self.ours_s, self.pages)

    @property
    def baseline_s_per_page(self) -> float:
        return self.share(self.baseline_s, self.baseline_pages)

    @property
    def cpu_s_per_page(self) -> float:
        return self.share(self.ours_cpu_s, self.pages)

    @property
    def baseline_cpu_s_per_page(self) -> float:
        return self.share(self.baseline_cpu_s, self.baseline_pages)

    @property
    def both_s_per_page(self) -> float:
        return self.share(self.both_s, self.both_pages)

    @property
    def both_cpu_s_per_page(self) -> float:
        return self.share(self.both_cpu_s, self.both_pages)

    @property
    def both_first_cpu_s_per_page(self) -> float:
        return self.share(self.both_first_cpu_s, self.both_pages)

    @property
    def both_second_cpu_s_per_page(self) -> float:
        return self.share(self.both_second_cpu_s, self.both_pages)


@dataclass(frozen=True)
class ScanResult:
    """Every cell, and the sums over them (the summary row of the benchmark table)."""

    cells: list[Cell]
    seed: int
    count: int
    second: str | None = None  # the second engine the scans were read again with (None: not installed)

    def _sum(self, name: str) -> float:
        return sum(getattr(c, name) for c in self.cells)

    @property
    def files(self) -> int:
        return int(self._sum("files"))

    @property
    def pages(self) -> int:
        return int(self._sum("pages"))

    @property
    def ours_s_per_page(self) -> float:
        return self._sum("ours_s") / max(1, self.pages)

    @property
    def baseline_s_per_page(self) -> float:
        return self._sum("baseline_s") / max(1, self._sum("baseline_pages"))

    @property
    def cpu_s_per_page(self) -> float:
        return self._sum("ours_cpu_s") / max(1, self.pages)

    @property
    def baseline_cpu_s_per_page(self) -> float:
        return self._sum("baseline_cpu_s") / max(1, self._sum("baseline_pages"))

    @property
    def both_s_per_page(self) -> float:
        return self._sum("both_s") / max(1, self._sum("both_pages"))

    @property
    def both_cpu_s_per_page(self) -> float:
        return self._sum("both_cpu_s") / max(1, self._sum("both_pages"))

    @property
    def both_first_cpu_s_per_page(self) -> float:
        """With both engines: CPU seconds per page in the first engine's readings."""
        return self._sum("both_first_cpu_s") / max(1, self._sum("both_pages"))

    @property
    def both_second_cpu_s_per_page(self) -> float:
        """With both engines: CPU seconds per page in the second engine's readings."""
        return self._sum("both_second_cpu_s") / max(1, self._sum("both_pages"))

    @property
    def both_rest_cpu_s_per_page(self) -> float:
        """With both engines: the rest (loading, aligning, cleaning zones, marks, checks)."""
        return self.both_cpu_s_per_page - self.both_first_cpu_s_per_page - self.both_second_cpu_s_per_page

    @property
    def speedup(self) -> float:
        return self.baseline_s_per_page / self.ours_s_per_page if self.ours_s_per_page else 0.0

    @property
    def ours_exact(self) -> float:
        return self._sum("exact") / max(1, self._sum("fields"))

    @property
    def baseline_exact(self) -> float:
        return self._sum("baseline_exact") / max(1, self._sum("baseline_fields"))

    @property
    def review_share(self) -> float:
        return self._sum("review") / max(1, self._sum("fields"))

    @property
    def silent_errors(self) -> int:
        return int(self._sum("silent"))

    def _both(self, name: str) -> int:
        return sum(getattr(c.both, name) for c in self.cells)

    @property
    def both_exact(self) -> float:
        """Exact fields before review as a site with both engines reads the scans."""
        return self._both("exact") / max(1, self._both("fields"))

    @property
    def both_review_share(self) -> float:
        return self._both("review") / max(1, self._both("fields"))

    @property
    def both_silent_errors(self) -> int:
        return self._both("silent")

    def as_json(self) -> dict[str, object]:
        return {"files": self.files, "pages": self.pages, "seed": self.seed, "count_per_cell": self.count,
                "ours_s_per_page": self.ours_s_per_page, "baseline_s_per_page": self.baseline_s_per_page,
                "ours_cpu_s_per_page": self.cpu_s_per_page, "baseline_cpu_s_per_page": self.baseline_cpu_s_per_page,
                "second_engine": self.second, "both_s_per_page": self.both_s_per_page,
                "both_cpu_s_per_page": self.both_cpu_s_per_page,
                "both_first_engine_cpu_s_per_page": self.both_first_cpu_s_per_page,
                "both_second_engine_cpu_s_per_page": self.both_second_cpu_s_per_page,
                "both_rest_cpu_s_per_page": self.both_rest_cpu_s_per_page,
                "speedup": self.speedup, "ours_exact": self.ours_exact, "baseline_exact": self.baseline_exact,
                "review_share": self.review_share, "silent_errors": self.silent_errors,
                "both_exact": self.both_exact, "both_review_share": self.both_review_share,
                "both_silent_errors": self.both_silent_errors,
                "goal_s_per_page": GOAL_S_PER_PAGE, "goal_accuracy": GOAL_ACCURACY, "goal_review": GOAL_REVIEW,
                "cells": [{**asdict(c), "s_per_page": c.s_per_page, "baseline_s_per_page": c.baseline_s_per_page,
                           "cpu_s_per_page": c.cpu_s_per_page, "baseline_cpu_s_per_page": c.baseline_cpu_s_per_page,
                           "both_s_per_page": c.both_s_per_page, "both_cpu_s_per_page": c.both_cpu_s_per_page,
                           "both_first_cpu_s_per_page": c.both_first_cpu_s_per_page,
                           "both_second_cpu_s_per_page": c.both_second_cpu_s_per_page}
                          for c in self.cells]}


class _Timed(OcrEngine):
    """An engine whose readings are timed (CPU seconds of this process): how the time with
    both engines divides between them."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner, self.cpu_s, self.name = inner, 0.0, inner.name

    def recognize(self, image, *, kind: str = "text", whitelist: str | None = None, single_line: bool = True):
        start = time.process_time()  # os.times() counts in clock ticks, too coarse for one zone
        try:
            return self.inner.recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)
        finally:
            self.cpu_s += time.process_time() - start

    def detect_orientation(self, page_image):
        return self.inner.detect_orientation(page_image)

    def close(self) -> None:  # the inner engine is closed by whoever opened it
        pass


def review_reason(value) -> str:
    """The code that sent a field to a person, with the reason it wraps (``a › b``); the
    benchmark adds the field's type (``@katakana``)."""
    reason = value.params.get("reason")
    inner = getattr(reason, "key", None)
    return f"{value.code} › {inner}" if inner else str(value.code)


def _same(spec, text: str | None, expected) -> bool:
    return normalize(spec.type, text or None, options=spec.options).json_value() == expected


def _baseline(path: Path, template, pytesseract) -> tuple[dict[str, str], int]:
    """pytesseract once per text field box of the unaligned page; the text read, and pages."""
    scans = load_pages(path)
    read: dict[str, str] = {}
    for name, binding in template.fields.items():
        if binding.box is None or binding.read != "text" or binding.page > len(scans):
            continue
        page = scans[binding.page - 1]
        zone = cut(page.image, binding.box, page.dpi)
        read[name] = pytesseract.image_to_string(zone, lang="jpn", config="--psm 7").strip() if zone.size else ""
    return read, len(scans)


def _measure_cell(cell: Cell, corpus, loaded, template_dir: Path, ocr, postal, baseline_count: int,
                  second=None) -> None:
    import pytesseract

    template, fields = loaded.templates["template.yaml"], loaded.scenario.fields
    chosen = corpus.valid
    if not chosen:
        return
    try:  # warm-up, untimed: the blank's aligner and the engines' models loaded
        read_scan(corpus.folder / chosen[0], template, template_dir, fields, ocr, postal)
        if second is not None:
            read_scan(corpus.folder / chosen[0], template, template_dir, fields, ocr, postal, second=second)
    except Exception:  # noqa: BLE001, S110 - the same file is read and counted below
        pass
    for index, name in enumerate(chosen):
        entry = corpus.truth[name]
        expected = entry["fields"]
        path = corpus.folder / name
        start, cpu = time.perf_counter(), _cpu()
        record = None
        try:
            record = read_scan(path, template, template_dir, fields, ocr, postal)
        except InputFileError:
            cell.refused += 1
        except Exception:  # noqa: BLE001 - a crash is a figure of its own, the batch goes on
            cell.crashed += 1
        cell.ours_s += time.perf_counter() - start
        cell.ours_cpu_s += _cpu() - cpu
        cell.files += 1
        cell.pages += len(entry["pages"])
        reviewed = 0
        for name_, value in expected.items():
            cell.fields += 1
            got = record.fields.get(name_) if record is not None else None
            if got is None:
                reviewed += 1
                continue
            # the value read (mended by the checks); a value that did not normalize, as read
            spec = fields[name_]
            cell.exact += got.json_value() == value if got.value is not None else _same(spec, got.original, value)
            reviewed += got.status != "ok"
            if got.status == "ok" and got.json_value() != value:
                cell.silent += 1
                cell.silent_fields.append(f"{name}:{name_}")
        cell.review += reviewed
        cell.no_review_files += reviewed == 0
        if second is not None:  # the same scan as a site with both engines reads it: its time only
            first_timed, second_timed = _Timed(ocr), _Timed(second)
            start, cpu = time.perf_counter(), _cpu()
            both = None
            try:
                both = read_scan(path, template, template_dir, fields, first_timed, postal, second=second_timed)
            except InputFileError:
                pass
            except Exception:  # noqa: BLE001 - a crash is a figure of its own, the batch goes on
                cell.both.crashed += 1
            cell.both_s += time.perf_counter() - start
            cell.both_cpu_s += _cpu() - cpu
            cell.both_first_cpu_s += first_timed.cpu_s
            cell.both_second_cpu_s += second_timed.cpu_s
            cell.both_pages += len(entry["pages"])
            cell.both.add(name, both, expected, fields)
        if index < baseline_count:
            start, cpu = time.perf_counter(), _cpu()
            text, pages = _baseline(path, template, pytesseract)
            cell.baseline_s += time.perf_counter() - start
            cell.baseline_cpu_s += _cpu() - cpu
            cell.baseline_files += 1
            cell.baseline_pages += pages
            for name_, value in expected.items():
                cell.baseline_fields += 1
                cell.baseline_exact += name_ in text and _same(fields[name_], text[name_], value)


def _cpu() -> float:
    """CPU seconds of this process and of the processes it started and waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _one_core() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's own threads, before it is loaded
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _second_engine(stack: ExitStack, name: str | None, progress: Callable[[str], None]):
    """The second engine started in ``stack``, or None when it is not wanted or not installed."""
    if name is None:
        return None
    try:
        return stack.enter_context(engine(name))
    except OcrError as exc:  # the ocr2 extra is not installed: the both-engine columns stay empty
        progress(f"  ({name}: {exc}; s/page with both engines not measured)")
        return None


def measure_scans(count: int, *, forms: Sequence[str] | None = None, fonts: Sequence[str] | None = None,
                  seed: int | None = None, baseline_count: int = 1, second: str | None = "ppocr",
                  progress: Callable[[str], None] = lambda _: None) -> ScanResult:
    """``count`` filled forms per form × font, scanned and read, with Tesseract alone and
    again with ``second`` too (``None``, or not installed: Tesseract alone); the baseline on
    the first ``baseline_count`` of each. ``seed`` ``None``: drawn now (held out)."""
    _one_core()
    forms = list(forms or corpora.forms())
    fonts = list(fonts or installed_fonts())
    seed = seed if seed is not None else random.SystemRandom().randrange(1000, 1_000_000)
    postal = default_postal_table()  # Japan Post's codes: no site table
    cells: list[Cell] = []
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp, engine("tesseract") as ocr, ExitStack() as stack:
        other = _second_engine(stack, second, progress)
        work = Path(tmp)
        for font in fonts:
            for form in forms:
                progress(f"  {form} × {font} (seed {seed}, {count} forms)…")
                corpus = corpora.build(form, font, seed, count, work / font)
                if form == corpora.CLAIM:
                    loaded, kind = claim_scenario(), "shipped"
                    template_dir = loaded.folder
                else:
                    loaded, hand = procedure_scenario(form, corpus.template_dir, work / "scenarios" / font)
                    template_dir, kind = corpus.template_dir, "hand-written" if hand else "drawn from the blank"
                cell = Cell(form, font, seed, corpora.tuned(form, font, seed), kind)
                _measure_cell(cell, corpus, loaded, template_dir, ocr, postal, baseline_count, other)
                cells.append(cell)
    return ScanResult(cells, seed, count, second if other is not None else None)


def _pct(value: float) -> str:
    return f"{value:.1%}"


def format_matrix(result: ScanResult) -> list[str]:
    """The per form × font table (plain text, one line per cell)."""
    both = f"tesseract+{result.second}" if result.second else "both engines"
    head = ("form", "font", "tuned on", "files", "exact", "review", "silent", "no-review forms", "refused/crash",
            f"{both}: exact", "review", "silent", "no-review forms", "tesseract s/page wall/cpu",
            f"{both} s/page wall/cpu", "cpu in 1st/2nd engine", "baseline exact", "baseline s/page wall/cpu",
            "template")
    rows = [head]
    for c in result.cells:
        tuned = "+".join(k for k, v in c.tuned.items() if v) or "none (held out)"
        rows.append((c.form, c.font, tuned, str(c.files), _pct(c.share(c.exact, c.fields)),
                     _pct(c.share(c.review, c.fields)), str(c.silent), f"{c.no_review_files}/{c.files}",
                     f"{c.refused}/{c.crashed}", *_scored(c.both, c.both_pages),
                     f"{c.s_per_page:.2f}/{c.cpu_s_per_page:.2f}",
                     f"{c.both_s_per_page:.2f}/{c.both_cpu_s_per_page:.2f}" if c.both_pages else "—",
                     f"{c.both_first_cpu_s_per_page:.2f}/{c.both_second_cpu_s_per_page:.2f}" if c.both_pages else "—",
                     _pct(c.share(c.baseline_exact, c.baseline_fields)),
                     f"{c.baseline_s_per_page:.2f}/{c.baseline_cpu_s_per_page:.2f}", c.template))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths, strict=True)))
             .rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    silent = [f"{c.form}×{c.font}: {', '.join(c.silent_fields)}" for c in result.cells if c.silent_fields]
    if silent:
        lines.append("silent errors, tesseract (file:field): " + "; ".join(silent))
    silent = [f"{c.form}×{c.font}: {', '.join(c.both.silent_fields)}" for c in result.cells if c.both.silent_fields]
    if silent:
        lines.append(f"silent errors, {both} (file:field): " + "; ".join(silent))
    lines.extend(format_reasons(result, both))
    return lines


def format_reasons(result: ScanResult, both: str, top: int = 8) -> list[str]:
    """Per font, the commonest reasons fields went to a person with both engines (of them, read right)."""
    by_font: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
    for c in result.cells:
        reasons, right = by_font.setdefault(c.font, ({}, {}))
        for why, count in c.both.reasons.items():
            reasons[why] = reasons.get(why, 0) + count
            right[why] = right.get(why, 0) + c.both.right_reasons.get(why, 0)
    lines = []
    for font, (reasons, right) in by_font.items():
        if reasons:
            common = sorted(reasons.items(), key=lambda item: -item[1])[:top]
            lines.append(f"to a person, {both}, {font} (fields: of them read right): "
                         + ", ".join(f"{why} {count}: {right[why]}" for why, count in common))
    return lines


def _scored(score: Score, pages: int) -> tuple[str, str, str, str]:
    """A configuration's exact, review, silent and no-review columns ("—" when not read)."""
    if not pages:
        return "—", "—", "—", "—"
    return (_pct(score.exact / max(1, score.fields)), _pct(score.review / max(1, score.fields)), str(score.silent),
            f"{score.no_review_files}/{score.files}")
