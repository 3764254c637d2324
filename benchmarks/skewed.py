"""Scans of pages a scanner turned: every page skewed 2.3–3.5° and many turned a half or a
quarter turn besides (177°, 183°, 87° …), of the sample claim (both pages) and of the
tuning procedures' forms (read with the hand-written templates of tests/procedures). Made
here with the scan generator's own degradations (``samples.scans.degrade``), from a seed,
so that a seed the reader was never tuned on can be measured. Prints, per form, the share
of fields read exactly before review, the share sent to review and the silent errors.

    python -m benchmarks.skewed [--seed 1] [--claims 8] [--forms 5] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from connectors.ocr import engine
from robots.demo import REPO
from robots.reading import read_scan
from samples.scans.degrade import PageScan, scan_page
from samples.scans.render import render_page, write_images
from shared.config import load_scenario
from shared.errors import InputFileError
from shared.fields import normalize
from shared.japanese import load_postal_table

__all__ = ["FormFigures", "measure_skewed"]

CLAIMS = REPO / "samples" / "forms" / "claims"
PROCEDURES = REPO / "samples" / "procedures" / "out"
TEMPLATES = REPO / "tests" / "procedures"
TUNING_PROCEDURES = ("kokuho", "tennyu", "hoiku")
SKEW = (2.3, 3.5)
TURNS = (0, 180, 0, 180, 90, 270)  # every page skewed; two in three also turned 180°, one in three a quarter turn


@dataclass
class FormFigures:
    form: str
    pages: int = 0
    fields: int = 0
    exact: int = 0
    review: int = 0
    silent: int = 0
    refused: int = 0  # pages not read at all (cannot be aligned)
    cpu_s: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)  # "field: code" of each field sent to review

    def line(self) -> str:
        share = (lambda n: 100 * n / self.fields) if self.fields else (lambda n: 0.0)
        per_page = self.cpu_s / self.pages if self.pages else 0.0
        return (f"{self.form:>8}: {self.pages:3d} pages {self.fields:4d} fields  exact {share(self.exact):5.1f}%  "
                f"review {share(self.review):5.1f}%  silent {self.silent}  refused {self.refused}  "
                f"{per_page:.2f} s/page (CPU)")


def _spec(rng: random.Random, turn: int, skew: tuple[float, float] = SKEW) -> PageScan:
    dpi = rng.choice((200, 300))
    mode = rng.choices(("gray", "rgb"), weights=(0.65, 0.35))[0]
    return PageScan(dpi=dpi, mode=mode, rotation=turn,
                    skew_deg=round(rng.choice((-1, 1)) * rng.uniform(*skew), 3),
                    shift=(round(rng.uniform(-0.02, 0.02), 4), round(rng.uniform(-0.02, 0.02), 4)),
                    scale=round(rng.uniform(0.97, 1.03), 4), blur=round(rng.uniform(0.3, 0.9) * dpi / 300, 3),
                    noise=round(rng.uniform(0.8, 3.0), 2), jpeg_quality=rng.randint(50, 90))


def _scan(pdf: Path, pages: list[int], out: Path, rng: random.Random, seed: int, upright: bool) -> Path:
    images = []
    specs = [_spec(rng, 0, (0.0, 0.5)) if upright else _spec(rng, rng.choice(TURNS)) for _ in pages]
    dpi = specs[0].dpi
    for page, spec in zip(pages, specs, strict=True):
        spec = PageScan(**{**asdict(spec), "dpi": dpi, "stamp": None, "fold": None})
        image, _ = scan_page(render_page(pdf, page, dpi), spec, np.random.default_rng(rng.getrandbits(32) + seed))
        images.append(image)
    write_images(out, images, out.suffix.lstrip(".").replace("tif", "tiff").replace("jpg", "jpeg"), dpi,
                 specs[0].jpeg_quality)
    return out


def _tally(figures: FormFigures, record, expected: dict[str, object], fields, same) -> None:
    for name, value in expected.items():
        got = record.fields[name]
        figures.fields += 1
        figures.exact += same(fields[name], got, value)
        figures.review += got.status != "ok"
        figures.silent += got.status == "ok" and got.json_value() != value
        if got.status != "ok" or got.json_value() != value:
            reason = f"{name}: {got.code if got.status != 'ok' else 'SILENT'}"
            figures.reasons[reason] = figures.reasons.get(reason, 0) + 1


def _same(spec, got, expected) -> bool:
    if got.value is not None:
        return got.json_value() == expected
    return normalize(spec.type, got.original or None, options=spec.options).json_value() == expected


def measure_skewed(seed: int, claims: int = 8, forms: int = 5, *, folder: Path | None = None,
                   upright: bool = False) -> list[FormFigures]:
    """Make the skewed and turned scans of ``seed`` in a temporary folder and read them;
    ``upright``: the same forms scanned upright (skew under 0.5°), for comparison."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="skewed-") as tmp:
        out = folder or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        results = []
        with engine("tesseract") as ocr:
            results.append(_claims(out, seed, claims, ocr, upright))
            results += [_procedure(out, seed, name, forms, ocr, upright) for name in TUNING_PROCEDURES]
        return results


def _read(figures: FormFigures, path: Path, template, folder: Path, fields, ocr, postal=None):
    start = time.process_time()
    try:
        return read_scan(path, template, folder, fields, ocr, postal)
    except InputFileError:
        figures.refused += 1
        return None
    finally:
        figures.cpu_s += time.process_time() - start


def _claims(out: Path, seed: int, count: int, ocr, upright: bool) -> FormFigures:
    loaded = load_scenario(REPO / "scenarios" / "jidou-teate-nintei")
    template, fields = loaded.templates["template.yaml"], loaded.scenario.fields
    postal = load_postal_table(REPO / "samples" / "data" / "postal.json")
    truth = json.loads((CLAIMS / "truth.json").read_text(encoding="utf-8"))
    names = sorted(n for n, e in truth.items() if n.startswith("claim-") and e["status"] == "valid")
    figures = FormFigures("claim")
    for i in range(count):
        rng = random.Random(f"skewed:claim:{seed}:{i}")
        source = names[rng.randrange(len(names))]
        path = _scan(CLAIMS / source, [1, 2], out / f"claim-{seed}-{i:02d}.{rng.choice(('tif', 'pdf'))}", rng, seed, upright)
        figures.pages += 2
        record = _read(figures, path, template, loaded.folder, fields, ocr, postal)
        if record is not None:
            _tally(figures, record, truth[source]["fields"], fields, _same)
    return figures


def _procedure(out: Path, seed: int, name: str, count: int, ocr, upright: bool) -> FormFigures:
    loaded = load_scenario(TEMPLATES / name)
    template, fields = loaded.templates["template.yaml"], loaded.scenario.fields
    files = json.loads((PROCEDURES / name / "truth.json").read_text(encoding="utf-8"))["files"]
    filled = sorted(f for f, e in files.items() if e.get("kind") == "filled")
    figures = FormFigures(name)
    for i in range(count):
        rng = random.Random(f"skewed:{name}:{seed}:{i}")
        source = filled[rng.randrange(len(filled))]
        path = _scan(PROCEDURES / name / source, [1], out / f"{name}-{seed}-{i:02d}.{rng.choice(('png', 'jpg'))}",
                     rng, seed, upright)
        figures.pages += 1
        record = _read(figures, path, template, PROCEDURES / name, fields, ocr)
        if record is not None:
            expected = {f: spec["value"] for f, spec in files[source]["fields"].items()}
            _tally(figures, record, expected, fields, _same)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.skewed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--claims", type=int, default=8, help="two-page claim scans (default: %(default)s)")
    parser.add_argument("--forms", type=int, default=5, help="scans per tuning procedure (default: %(default)s)")
    parser.add_argument("--upright", action="store_true", help="the same forms scanned upright, for comparison")
    parser.add_argument("--reasons", action="store_true", help="print why each field went to review")
    parser.add_argument("--keep", type=Path, help="write the scans into this folder (kept)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    results = measure_skewed(args.seed, args.claims, args.forms, folder=args.keep, upright=args.upright)
    print(f"{'upright' if args.upright else 'skewed 2.3–3.5° and turned'}, seed {args.seed}:")
    total = FormFigures("all")
    for figures in results:
        print(figures.line())
        for key in ("pages", "fields", "exact", "review", "silent", "refused", "cpu_s"):  # reasons: per form
            setattr(total, key, getattr(total, key) + getattr(figures, key))
    print(total.line())
    if args.reasons:
        for figures in results:
            print(f"{figures.form}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(figures.reasons.items())))
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in [*results, total]], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
