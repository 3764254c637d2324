"""Generate scans of the sample 児童手当 forms with seeded degradations, and their truth.

Usage::

    python -m samples.scans.generate [--out samples/scans/out] [--count 32] [--seed 7]

reads the digital forms in ``samples/forms/claims`` (``python -m samples.forms.generate``)
and writes into ``--out``:

- ``scan-NNN.pdf`` / ``scan-NNN.tif``: one claim each, both pages (image-only PDF, or a
  multi-page TIFF);
- ``page1-NNN.png`` / ``page1-NNN.jpg``: page 1 only (``count // 4`` of them);
- the bad inputs ``blank-page.jpg``, ``other-form.jpg``, ``upside-down.pdf``,
  ``low-resolution.tif``, ``truncated.png`` and ``photo-angle.jpg``;
- ``truth.json``: per file, the source form, its truth (copied from the digital forms'
  truth.json), the form page on each image page, and every degradation applied.

Same seed and count → byte-identical files. This is ground truth: it imports only
``samples.forms``, pypdfium2, Pillow, numpy and OpenCV — never ``robots``, ``connectors``
or ``shared``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from samples.forms import layout

from .degrade import PageScan, blank_scan, photograph, scan_page
from .marks import Fold, Stamp, label_rows
from .render import FORMATS, FORMS_DIR, load_form_truth, page_pixels, png_bytes, render_page, write_images

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
DEFAULT_COUNT = 32
DEFAULT_SEED = 7

# Rare degradations, each given to a different claim — in this order, so that even a small
# --count gets the first few. Everything else is drawn at random per file and per page.
QUOTAS: tuple[dict, ...] = (
    {"stamp": "label", "mode": "rgb"},
    {"mode": "bw"},
    {"fold": "thirds"},
    {"dpi": 150},
    {"stamp": "margin"},
    {"dpi": 600, "mode": "bw"},
    {"fold": "half", "mode": "rgb"},
    {"mode": "bw", "dpi": 300},
    {"stamp": "margin", "mode": "gray"},
    {"dpi": 150, "fold": "thirds"},
)
ROTATION_WEIGHTS = {0: 0.58, 90: 0.14, 180: 0.14, 270: 0.14}
COMMON_DPI = (200, 300)
TRUNCATE_TO = 0.4  # truncated.png keeps this share of its bytes
PHOTO_SIZE = (2000, 1500)
OK = {"status": "valid", "problem": None, "problem_field": None}
SOURCE_KEYS = ("status", "problem", "problem_field", "target_rejects", "fields", "originals", "marks")


@dataclass
class Planned:
    """One output file: which form pages it shows and how each is scanned."""

    name: str
    source: str | None  # a file in the forms folder; None for the blank page
    fmt: str
    pages: list[int | None]  # the form page on each image page
    specs: list[PageScan]
    problem: str | None = None


def _rng(seed: int, *key: object) -> random.Random:
    return random.Random(":".join(str(k) for k in (seed, *key)))


def _pixel_rng(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng(_rng(seed, "pixels", name).getrandbits(64))


def _page_spec(
    rng: random.Random, dpi: int, mode: str, quality: int | None, threshold: int | None, white: int | None = None
) -> PageScan:
    rotation = rng.choices(list(ROTATION_WEIGHTS), weights=list(ROTATION_WEIGHTS.values()))[0]
    skew = rng.triangular(-4.0, 4.0, 0.0)
    shift = (rng.uniform(-0.03, 0.03), rng.uniform(-0.03, 0.03))
    scale = rng.uniform(0.95, 1.05)
    blur = 0.0 if rng.random() < 0.3 else rng.uniform(0.3, 1.0) * dpi / 300
    noise = 0.0 if rng.random() < 0.2 else rng.uniform(0.8, 4.0)
    return PageScan(
        dpi=dpi,
        mode=mode,
        rotation=rotation,
        skew_deg=round(skew, 3),
        shift=(round(shift[0], 4), round(shift[1], 4)),
        scale=round(scale, 4),
        blur=round(blur, 3),
        noise=round(noise, 2),
        jpeg_quality=quality,
        bw_threshold=threshold,
        white_point=white,
    )


def _stamp(rng: random.Random, placement: str, request_date: str | None) -> Stamp:
    received = date.fromisoformat(request_date or "2024-11-01") + timedelta(days=rng.randint(0, 10))
    radius = rng.uniform(32.0, 38.0)
    if placement == "label":  # over a printed label, clear of the value column (x ≥ 152)
        row = rng.choice(label_rows(1)[:8])
        cx = rng.uniform(88.0, 105.0)
        center = (cx, (row.top + row.bottom) / 2 + rng.uniform(-5.0, 5.0))
    elif rng.random() < 0.5:  # top right, beside the title
        center = (rng.uniform(465.0, 505.0), rng.uniform(50.0, 70.0))
    else:  # below the notes
        center = (rng.uniform(110.0, 480.0), rng.uniform(640.0, 755.0))
    return Stamp(
        page=1,
        center=(round(center[0], 2), round(center[1], 2)),
        radius=round(radius, 2),
        angle_deg=round(rng.uniform(-20.0, 20.0), 2),
        placement=placement,
        office="見本市",
        date=received.isoformat(),
        opacity=round(rng.uniform(0.7, 0.95), 2),
    )


def _fold(rng: random.Random, kind: str) -> Fold:
    h = layout.PAGE_HEIGHT
    if kind == "thirds":
        lines = (h / 3 + rng.uniform(-8, 8), 2 * h / 3 + rng.uniform(-8, 8))
    else:
        lines = (h / 2 + rng.uniform(-6, 6),)
    band, darkness = round(rng.uniform(8, 20), 2), round(rng.uniform(0.15, 0.35), 3)
    return Fold(lines=tuple(round(v, 2) for v in lines), band=band, darkness=darkness)


def _balanced(rng: random.Random, options: tuple[str, ...], n: int) -> list[str]:
    out = [options[i % len(options)] for i in range(n)]
    rng.shuffle(out)
    return out


def _valid_claims(form_truth: dict[str, dict]) -> list[str]:
    names = sorted(n for n, e in form_truth.items() if n.startswith("claim-") and e["status"] == "valid")
    if not names:
        raise ValueError("the forms' truth.json lists no valid claim-NNN.pdf")
    return names


def plan(count: int, seed: int, form_truth: dict[str, dict]) -> list[Planned]:
    """Every output file and its degradations (no pixels yet)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    claims = _valid_claims(form_truth)
    top = _rng(seed, "plan")
    formats = _balanced(top, ("pdf", "tiff"), count)
    holders = top.sample(range(count), min(count, len(QUOTAS)))
    quota = {i: QUOTAS[k] for k, i in enumerate(holders)}
    files: list[Planned] = []
    for i in range(count):
        name = f"scan-{i + 1:03d}{FORMATS[formats[i]]}"
        rng = _rng(seed, "scan", name)
        source = claims[i % len(claims)]
        q = quota.get(i, {})
        dpi = q.get("dpi") or rng.choice(COMMON_DPI)
        mode = q.get("mode") or rng.choices(("rgb", "gray"), weights=(0.35, 0.65))[0]
        quality = None if mode == "bw" else rng.randint(40, 90)
        threshold = rng.randint(150, 190) if mode == "bw" else None
        white = rng.randint(225, 242) if mode != "bw" and rng.random() < 0.5 else None
        fold = _fold(rng, q["fold"]) if "fold" in q else None
        stamp = _stamp(rng, q["stamp"], form_truth[source]["fields"].get("request_date")) if "stamp" in q else None
        specs = []
        for page in (1, 2):
            spec = replace(_page_spec(rng, dpi, mode, quality, threshold, white), fold=fold)
            specs.append(replace(spec, stamp=stamp) if page == 1 else spec)
        files.append(Planned(name, source, formats[i], [1, 2], specs))
    singles = max(1, count // 4)
    for j, fmt in enumerate(_balanced(_rng(seed, "singles"), ("png", "jpeg"), singles)):
        name = f"page1-{j + 1:03d}{FORMATS[fmt]}"
        rng = _rng(seed, "single", name)
        dpi = rng.choice(COMMON_DPI)
        if fmt == "png":  # lossless: bilevel, or greyscale without sensor noise (PNG cannot squeeze noise)
            mode = rng.choice(("bw", "gray"))
            spec = _page_spec(rng, dpi, mode, None, rng.randint(150, 190) if mode == "bw" else None)
            spec = spec if mode == "bw" else replace(spec, noise=0.0)
        else:
            mode = rng.choices(("rgb", "gray"), weights=(0.35, 0.65))[0]
            spec = _page_spec(rng, dpi, mode, rng.randint(40, 90), None)
        files.append(Planned(name, claims[(5 * j + 2) % len(claims)], fmt, [1], [spec]))
    return files + _bad_inputs(seed, claims)


def _bad_inputs(seed: int, claims: list[str]) -> list[Planned]:
    rng = _rng(seed, "bad")

    def small(dpi: int, rotation: int = 0, quality: int | None = 75, mode: str = "gray") -> PageScan:
        return PageScan(
            dpi=dpi,
            mode=mode,
            rotation=rotation,
            skew_deg=round(rng.uniform(-1.5, 1.5), 3),
            shift=(round(rng.uniform(-0.01, 0.01), 4), round(rng.uniform(-0.01, 0.01), 4)),
            scale=1.0,
            blur=0.5 * dpi / 300,
            noise=round(rng.uniform(1.5, 3.0), 2) if quality else 0.0,
            jpeg_quality=quality,
            bw_threshold=170 if mode == "bw" else None,
        )

    upside = rng.choice(claims)
    low = rng.choice(claims)
    blank = PageScan(dpi=200, noise=2.5, jpeg_quality=75)
    low_res = [small(72, quality=80), small(72, quality=80)]
    truncated = small(200, quality=None, mode="bw")
    return [
        Planned("blank-page.jpg", None, "jpeg", [None], [blank], "blank_page"),
        Planned("other-form.jpg", "other-form.pdf", "jpeg", [1], [small(200)], "wrong_form"),
        Planned("upside-down.pdf", upside, "pdf", [1, 2], [small(200, 180), small(200, 180)]),
        Planned("low-resolution.tif", low, "tiff", [1, 2], low_res, "low_resolution"),
        Planned("truncated.png", rng.choice(claims), "png", [1], [truncated], "unreadable_image"),
        Planned(
            "photo-angle.jpg",
            rng.choice(claims),
            "jpeg",
            [1],
            [PageScan(dpi=150, mode="rgb", blur=1.2, noise=4.0, jpeg_quality=85)],
            "cannot_align",
        ),
    ]


def _photo_corners(rng: random.Random) -> list[tuple[float, float]]:
    """Far edge short, near edge long: the phone held low over the desk, well off-axis."""
    w, h = PHOTO_SIZE
    base = ((0.40, 0.07), (0.68, 0.11), (0.96, 0.94), (0.06, 0.90))
    jitter = [(rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02)) for _ in base]
    return [(round((x + jx) * w, 1), round((y + jy) * h, 1)) for (x, y), (jx, jy) in zip(base, jitter, strict=False)]


def _write(f: Planned, out: Path, forms_dir: Path, seed: int) -> list[dict]:
    """Scan ``f``'s pages and write the file; return each page's degradations for the truth."""
    pixels = _pixel_rng(seed, f.name)
    images, pages = [], []
    for page, spec in zip(f.pages, f.specs, strict=False):
        if f.source is None:
            image = blank_scan(spec.dpi, page_pixels(spec.dpi), spec.noise, pixels)
            transform = None
        else:
            rgb = render_page(forms_dir / f.source, page, spec.dpi)
            if f.problem == "cannot_align":
                corners = _photo_corners(_rng(seed, "photo", f.name))
                image, transform = photograph(rgb, spec.dpi, corners, PHOTO_SIZE, pixels)
                spec = replace(spec, extra={"perspective": {"corners": [list(c) for c in corners]}})
            else:
                image, transform = scan_page(rgb, spec, pixels)
        images.append(image)
        truth = spec.as_truth()
        if f.problem == "cannot_align":
            truth["dpi"] = None  # a camera, not a scanner
        truth.update(size=list(image.size), page_to_image=transform)
        pages.append(truth)
    path = out / f.name
    dpi = None if f.problem == "cannot_align" else f.specs[0].dpi
    if f.problem == "unreadable_image":
        data = png_bytes(images[0], dpi)
        path.write_bytes(data[: int(len(data) * TRUNCATE_TO)])
        pages[0]["truncated"] = {"kept_bytes": int(len(data) * TRUNCATE_TO), "original_bytes": len(data)}
    else:
        write_images(path, images, f.fmt, dpi, f.specs[0].jpeg_quality)
    return pages


def _entry(f: Planned, form_truth: dict[str, dict], pages: list[dict]) -> dict:
    entry: dict = {"source": f.source, "format": f.fmt}
    if f.problem is None:
        entry.update({k: form_truth[f.source][k] for k in SOURCE_KEYS})
    else:
        entry.update(status="broken", problem=f.problem, problem_field=None, target_rejects=None)
        entry.update(fields={}, originals={}, marks={})
    entry.update(pages=f.pages, degradations=pages)
    return entry


def generate(
    out_dir: Path | str = DEFAULT_OUT,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    forms_dir: Path | str = FORMS_DIR,
) -> Path:
    """Write ``count`` two-page claim scans, ``count // 4`` page-1 images and the bad inputs
    into ``out_dir``; return the path of ``truth.json``."""
    out, forms = Path(out_dir), Path(forms_dir)
    form_truth = load_form_truth(forms)
    files = plan(count, seed, form_truth)
    out.mkdir(parents=True, exist_ok=True)
    truth = {f.name: _entry(f, form_truth, _write(f, out, forms, seed)) for f in files}
    for stale in [*out.glob("scan-*"), *out.glob("page1-*")]:  # left over from a larger --count
        if stale.name not in truth:
            stale.unlink()
    path = out / "truth.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.scans.generate",
        description="児童手当 認定請求書のサンプルPDFから、劣化を加えたスキャン画像と正解データを生成します。",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="two-page claim scans (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    parser.add_argument(
        "--forms", type=Path, default=FORMS_DIR, help="digital forms and their truth.json (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    truth = generate(args.out, args.count, args.seed, args.forms)
    entries = json.loads(truth.read_text(encoding="utf-8"))
    size = sum((truth.parent / name).stat().st_size for name in entries)
    pages = sum(len(e["pages"]) for e in entries.values())
    print(f"truth: {truth} ({len(entries)} files, {pages} pages, {size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
