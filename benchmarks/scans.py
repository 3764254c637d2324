"""Scans: our pipeline (align, clean zones, one reused in-process Tesseract, and PP-OCRv5
as the second engine on every text field) against a baseline of pytesseract
called once per field box on the unaligned page (a process per field), on the same scans
of the committed corpus, on one core. Accuracy is printed side by side: exact fields before
review, the share sent to review, and silent errors (ours).

Besides the committed corpus (the one the reader was tuned on), held-out corpora are made
in a temporary folder with another seed and in fonts the reader was not tuned on
(``held_out``), and read the same way: their figures are printed apart, tuned and untuned."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from connectors.ocr import OcrEngine, OcrResult, engine
from connectors.scan import cut, load_pages
from robots.demo import REPO
from robots.reading import read_scan
from shared.config import load_scenario
from shared.fields import normalize
from shared.japanese import load_postal_table

__all__ = ["GOAL_S_PER_PAGE", "HELD_OUT", "CorpusFigures", "ScanResult", "held_out", "measure_corpus", "measure_scans"]

GOAL_S_PER_PAGE = 0.6
GOAL_ACCURACY = 0.98
GOAL_REVIEW = 0.10
CORPUS = REPO / "samples" / "scans" / "out"
HELD_OUT_SEED = 4242  # never the seed of the committed corpus (7 for the forms, the generator's default for scans)
FONTS = Path("/usr/share/fonts")
#: Held-out corpora: (label, fill font file or None for IPAex Gothic, tuned on it).
HELD_OUT: tuple[tuple[str, Path | None, bool], ...] = (
    ("IPAex Gothic, seed 4242", None, True),
    ("IPAex Mincho", FONTS / "opentype/ipaexfont-mincho/ipaexm.ttf", False),
    ("IPA Mincho", FONTS / "opentype/ipafont-mincho/ipam.ttf", False),
    ("VL Gothic", FONTS / "truetype/vlgothic/VL-Gothic-Regular.ttf", False),
    ("Noto Sans CJK JP", FONTS / "opentype/noto/NotoSansCJK-Regular.ttc", False),
    ("Seto (handwriting-style)", FONTS / "truetype/seto/setofont.ttf", False),
)


class Timed(OcrEngine):
    """An engine that adds up the time spent in its ``recognize`` calls: wall-clock
    ``seconds`` and the CPU time of the calling thread ``cpu`` (the figure that does not
    depend on what else the machine runs)."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner, self.seconds, self.cpu, self.calls = inner, 0.0, 0.0, 0
        self.name = inner.name

    def reset(self) -> None:
        self.seconds, self.cpu, self.calls = 0.0, 0.0, 0

    def recognize(self, image, *, kind: str = "text", whitelist: str | None = None,  # type: ignore[no-untyped-def]
                  single_line: bool = True) -> OcrResult:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            return self.inner.recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.thread_time() - cpu
            self.calls += 1

    def detect_orientation(self, page_image) -> tuple[int, float]:  # type: ignore[no-untyped-def]
        return self.inner.detect_orientation(page_image)

    def close(self) -> None:
        self.inner.close()


@dataclass(frozen=True)
class CorpusFigures:
    """What the reader did on one corpus."""

    label: str
    tuned: bool
    engines: str
    files: int
    pages: int
    fields: int
    exact: float
    review_share: float
    silent_errors: int
    s_per_page: float  # wall clock, on one core shared with whatever else runs
    cpu_s_per_page: float  # CPU time of the reading thread
    first_cpu_s_per_page: float  # of which in the first engine's calls
    second_cpu_s_per_page: float  # ... and in the second engine's
    second_calls_per_page: float
    silent_fields: tuple[str, ...] = ()  # field names only, never the values
    crashed: int = 0  # files the reader raised on (their fields counted as sent to a person)

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ScanResult:
    files: int
    pages: int
    ours_s_per_page: float
    baseline_s_per_page: float
    ours_exact: float
    baseline_exact: float
    review_share: float
    silent_errors: int
    cpu_s_per_page: float = 0.0
    first_cpu_s_per_page: float = 0.0
    second_cpu_s_per_page: float = 0.0
    corpora: tuple[CorpusFigures, ...] = field(default=())

    @property
    def speedup(self) -> float:
        return self.baseline_s_per_page / self.ours_s_per_page

    def as_json(self) -> dict[str, object]:
        data = {k: v for k, v in self.__dict__.items() if k != "corpora"}
        return {**data, "speedup": self.speedup, "goal_s_per_page": GOAL_S_PER_PAGE, "goal_accuracy": GOAL_ACCURACY,
                "goal_review": GOAL_REVIEW, "corpora": [c.as_json() for c in self.corpora]}


def _same(spec, text: str | None, expected) -> bool:
    return normalize(spec.type, text or None, options=spec.options).json_value() == expected


def _chosen(truth: dict, files: int | None) -> list[str]:
    chosen = [n for n, e in sorted(truth.items()) if e["status"] == "valid" and len([p for p in e["pages"] if p]) == 2]
    return chosen[:files] if files else chosen


@contextmanager
def one_core() -> Iterator[None]:
    """The process on one CPU (as ``taskset -c 0``) while measuring, and OMP on one thread."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not hasattr(os, "sched_getaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def measure_corpus(corpus: Path, label: str, *, tuned: bool, files: int | None = None,
                   second: str | None = "ppocr") -> CorpusFigures:
    """The reader over the valid two-page scans of ``corpus`` (its ``truth.json``), with
    Tesseract first and ``second`` (``None``: Tesseract alone)."""
    loaded = load_scenario(REPO / "scenarios" / "jidou-teate-nintei")
    template, fields = loaded.templates["template.yaml"], loaded.scenario.fields
    postal = load_postal_table(REPO / "samples" / "data" / "postal.json")  # the demo site's table
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    chosen = _chosen(truth, files)
    right = total = review = silent = pages = crashed = 0
    silent_fields: list[str] = []
    seconds = cpu = 0.0
    with Timed(engine("tesseract")) as first, Timed(engine(second)) if second else _nothing() as other:
        read_scan(corpus / chosen[0], template, loaded.folder, fields, first, postal, second=other)  # warm-up
        first.reset()
        if other is not None:
            other.reset()
        for name in chosen:
            start, started_cpu = time.perf_counter(), time.thread_time()
            pages += len([p for p in truth[name]["pages"] if p])
            try:
                record = read_scan(corpus / name, template, loaded.folder, fields, first, postal, second=other)
            except Exception:  # a crash on one file (counted; its fields count as sent to a person)
                crashed += 1
                total += len(truth[name]["fields"])
                review += len(truth[name]["fields"])
                continue
            finally:
                seconds += time.perf_counter() - start
                cpu += time.thread_time() - started_cpu
            for field_name, value in truth[name]["fields"].items():
                spec, got = fields[field_name], record.fields[field_name]
                total += 1
                right += got.json_value() == value if got.value is not None else _same(spec, got.original, value)
                review += got.status != "ok"
                if got.status == "ok" and got.json_value() != value:
                    silent += 1
                    silent_fields.append(field_name)
        second_cpu = other.cpu if other is not None else 0.0
        calls = other.calls if other is not None else 0
        return CorpusFigures(label, tuned, "+".join(["tesseract", *([second] if second else [])]), len(chosen), pages,
                             total, right / total, review / total, silent, seconds / pages, cpu / pages,
                             first.cpu / pages, second_cpu / pages, calls / pages, tuple(silent_fields), crashed)


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def held_out(folder: Path, *, seed: int = HELD_OUT_SEED, font: Path | None = None, count: int = 12) -> Path:
    """A corpus the reader was not tuned on: ``count`` claims filled in ``font`` (IPAex
    Gothic when ``None``) with ``seed``, scanned with the generator's degradations. Made
    with the sample generators' command lines, as a user would; returns its folder."""
    forms, scans = folder / "forms", folder / "scans"
    run = [sys.executable, "-m"]
    fill = ["--fill-font", str(font)] if font is not None else []
    subprocess.run([*run, "samples.forms.generate", "--out", str(forms), "--count", str(count), "--seed", str(seed),
                    "--claims-only", *fill], cwd=REPO, check=True, capture_output=True)
    subprocess.run([*run, "samples.scans.generate", "--forms", str(forms), "--out", str(scans), "--count", str(count),
                    "--seed", str(seed)], cwd=REPO, check=True, capture_output=True)
    return scans


def _baseline(files: list[str], corpus: Path) -> tuple[float, int, int]:
    """pytesseract once per field box on the unaligned page: seconds, fields right, fields."""
    import pytesseract

    loaded = load_scenario(REPO / "scenarios" / "jidou-teate-nintei")
    template, fields = loaded.templates["template.yaml"], loaded.scenario.fields
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    seconds, right, total = 0.0, 0, 0
    for name in files:
        start = time.perf_counter()
        scans = load_pages(corpus / name)
        baseline: dict[str, str] = {}
        for field_name, binding in template.fields.items():
            if binding.box is None or binding.read != "text":
                continue
            page = scans[binding.page - 1]
            zone = cut(page.image, binding.box, page.dpi)
            baseline[field_name] = pytesseract.image_to_string(zone, lang="jpn", config="--psm 7").strip() if zone.size else ""
        seconds += time.perf_counter() - start
        for field_name, value in truth[name]["fields"].items():
            total += 1
            right += field_name in baseline and _same(fields[field_name], baseline[field_name], value)
    return seconds, right, total


def measure_scans(files: int | None, *, held_out_count: int | None = 12, second: str | None = "ppocr") -> ScanResult:
    """Both pipelines over the first ``files`` valid two-page scans of the committed corpus
    (all of them when ``None``), on one core; then the reader alone over each held-out
    corpus of ``HELD_OUT`` whose font is installed (``held_out_count`` claims; ``None``:
    none)."""
    with one_core():
        ours = measure_corpus(CORPUS, "committed corpus (IPAex Gothic)", tuned=True, files=files, second=second)
        truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
        chosen = _chosen(truth, files)
        base_seconds, base_right, base_total = _baseline(chosen, CORPUS)
        corpora = [ours]
        if held_out_count:  # the full run: Tesseract alone as before too, and the held-out corpora
            corpora.append(measure_corpus(CORPUS, "committed corpus, Tesseract alone", tuned=True, files=files,
                                          second=None))
            with tempfile.TemporaryDirectory(prefix="rpa-scans-") as tmp:
                for index, (label, font, tuned) in enumerate(HELD_OUT):
                    if font is not None and not font.is_file():
                        continue
                    corpus = held_out(Path(tmp) / str(index), font=font, count=held_out_count)
                    corpora.append(measure_corpus(corpus, label, tuned=tuned, second=second))
    return ScanResult(ours.files, ours.pages, ours.s_per_page, base_seconds / ours.pages, ours.exact,
                      base_right / base_total, ours.review_share, ours.silent_errors, ours.cpu_s_per_page,
                      ours.first_cpu_s_per_page, ours.second_cpu_s_per_page, tuple(corpora))
