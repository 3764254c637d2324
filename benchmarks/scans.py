"""Scans: our pipeline (align, clean zones, one reused in-process Tesseract) against a
baseline of pytesseract called once per field box on the unaligned page (a process per
field), on the same scans of the committed corpus, on one core. Accuracy is printed side by
side: exact fields before review, the share sent to review, and silent errors (ours)."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

from connectors.ocr import engine
from connectors.scan import cut, load_pages
from robots.demo import REPO
from robots.reading import read_scan
from shared.config import load_scenario
from shared.fields import normalize
from shared.japanese import load_postal_table

__all__ = ["GOAL_S_PER_PAGE", "ScanResult", "measure_scans"]

GOAL_S_PER_PAGE = 0.6
GOAL_ACCURACY = 0.98
GOAL_REVIEW = 0.10
CORPUS = REPO / "samples" / "scans" / "out"


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

    @property
    def speedup(self) -> float:
        return self.baseline_s_per_page / self.ours_s_per_page

    def as_json(self) -> dict[str, object]:
        return {**self.__dict__, "speedup": self.speedup, "goal_s_per_page": GOAL_S_PER_PAGE,
                "goal_accuracy": GOAL_ACCURACY, "goal_review": GOAL_REVIEW}


def _same(spec, text: str | None, expected) -> bool:
    return normalize(spec.type, text or None, options=spec.options).json_value() == expected


def measure_scans(files: int | None) -> ScanResult:
    """Both pipelines over the first ``files`` valid two-page scans of the corpus (all of
    them when ``None``)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core, as the goal says
    import pytesseract

    loaded = load_scenario(REPO / "scenarios" / "jidou-teate-nintei")
    template, fields = loaded.templates["template.yaml"], loaded.scenario.fields
    postal = load_postal_table(REPO / "samples" / "data" / "postal.json")  # the demo site's table
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    chosen = [n for n, e in sorted(truth.items()) if e["status"] == "valid" and len([p for p in e["pages"] if p]) == 2]
    chosen = chosen[:files] if files else chosen
    ours_time = base_time = 0.0
    ours_right = base_right = total = review = silent = pages = 0
    with engine("tesseract") as ocr:
        read_scan(CORPUS / chosen[0], template, loaded.folder, fields, ocr, postal)  # warm-up: models loaded
        for name in chosen:
            expected = truth[name]["fields"]
            start = time.perf_counter()
            record = read_scan(CORPUS / name, template, loaded.folder, fields, ocr, postal)
            ours_time += time.perf_counter() - start
            start = time.perf_counter()
            scans = load_pages(CORPUS / name)
            baseline: dict[str, str] = {}
            for field, binding in template.fields.items():
                if binding.box is None or binding.read != "text":
                    continue
                page = scans[binding.page - 1]
                zone = cut(page.image, binding.box, page.dpi)
                baseline[field] = pytesseract.image_to_string(zone, lang="jpn", config="--psm 7").strip() if zone.size else ""
            base_time += time.perf_counter() - start
            pages += len(scans)
            for field, value in expected.items():
                spec = fields[field]
                total += 1
                got = record.fields[field]
                # the value read (mended by the checks); a value that did not normalize, as read
                ours_right += got.json_value() == value if got.value is not None else _same(spec, got.original, value)
                review += got.status != "ok"
                silent += got.status == "ok" and got.json_value() != value
                base_right += field in baseline and _same(spec, baseline[field], value)
    return ScanResult(len(chosen), pages, ours_time / pages, base_time / pages, ours_right / total,
                      base_right / total, review / total, silent)
