"""Scan corpora of any sample form filled in any installed font.

Usage::

    python -m samples.scans.corpus --form kokuho --font vl-gothic --seed 4242 --count 4 --out /tmp/c

``--form`` is ``claim`` (the 児童手当 認定請求書 of ``samples/forms``) or a procedure of
``samples/procedures`` (``tennyu``, ``kokuho``, ``hoiku``, ``inkan``, ``iryohi``, ``genkyo``);
``--font`` a name of ``samples.scans.fonts.FONTS`` (``ipaex-gothic``, ``ipaex-mincho``,
``vl-gothic``, ``noto-sans-cjk-jp``, ``seto``) or a TrueType file. The digital forms are made
by the form's own generator (a process of its own, as reportlab registers one fill font per
process) into ``OUT/digital/``, then scanned with the degradations of ``degrade.py``: the
claim through ``generate.generate`` (stamps, folds, bad inputs and all), a procedure's
one-page forms as image-only PDF, TIFF, PNG or JPEG, turned 0/90/180/270°, skewed, shifted,
blurred, noisy, greyscale, colour or black-and-white, sometimes folded.

``OUT/truth.json`` maps each scan to ``{source, form, font, format, pages, fields,
degradations}``, ``fields`` being the normalized values the reader should produce (the
digital truth's), the same shape as ``samples/scans/out/truth.json``; ``OUT/template_dir``
is where the form's blank lies (a template's ``blank_form`` is relative to it).

Ground truth: imports only ``samples`` and the libraries the generators use.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from . import generate as claims
from .degrade import scan_page
from .fonts import FONTS, font_file
from .render import FORMATS, render_page, write_images

PROCEDURES_INDEX = Path(__file__).resolve().parents[1] / "procedures" / "index.json"
CLAIM = "claim"
# Committed generations: the reader was tuned on these seeds (samples/forms 7, samples/scans 7,
# samples/procedures 11) — a corpus reported as held out must use another.
TUNED_SEEDS = {CLAIM: (7,), "procedures": (11,)}
SINGLE_PAGE_FORMATS = ("pdf", "tiff", "png", "jpeg")


@dataclass(frozen=True)
class Corpus:
    """A generated corpus: where its scans and truth are, and what the reader needs."""

    form: str
    font: str
    seed: int
    folder: Path
    truth: dict[str, dict]
    template_dir: Path  # the folder a template's ``blank_form`` is relative to (procedures)

    @property
    def valid(self) -> list[str]:
        """The scans of complete forms (every page present, no file-level problem)."""
        return [name for name, entry in sorted(self.truth.items())
                if entry["status"] == "valid" and entry["source"] and len([p for p in entry["pages"] if p]) ==
                entry.get("form_pages", 2)]


def procedures() -> dict[str, dict]:
    """The sample procedures (``samples/procedures/index.json``): id → title, group, …"""
    return json.loads(PROCEDURES_INDEX.read_text(encoding="utf-8"))["procedures"]


def forms() -> list[str]:
    return [CLAIM, *procedures()]


def tuned(form: str, font: str, seed: int) -> dict[str, bool]:
    """Which of the corpus's form, font and seed the reader was tuned on."""
    is_claim = form == CLAIM
    group = None if is_claim else procedures()[form]["group"]
    return {
        "form": is_claim or group == "tuning",
        "font": FONTS[font].tuned if font in FONTS else False,
        "seed": seed in TUNED_SEEDS[CLAIM if is_claim else "procedures"],
    }


def digital_forms(form: str, font: Path, seed: int, count: int, out: Path) -> Path:
    """Make ``count`` filled digital forms of ``form`` in ``font``; returns their folder."""
    run = [sys.executable, "-m"]
    if form == CLAIM:
        command = [*run, "samples.forms.generate", "--claims-only", "--out", str(out / CLAIM)]
        folder = out / CLAIM
    else:
        command = [*run, "samples.procedures.generate", "--out", str(out / "procedures")]
        folder = out / "procedures" / form
    command += ["--count", str(count), "--seed", str(seed), "--fill-font", str(font)]
    if not (folder / "truth.json").is_file():  # the procedures generator writes every procedure at once
        subprocess.run(command, check=True, capture_output=True, cwd=Path(__file__).resolve().parents[2])
    return folder


def _procedure_scans(folder: Path, out: Path, seed: int, form: str) -> dict[str, dict]:
    digital = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    sources = sorted(name for name, entry in digital["files"].items() if entry["kind"] == "filled")
    truth: dict[str, dict] = {}
    for i, source in enumerate(sources):
        fmt = SINGLE_PAGE_FORMATS[(i + seed) % len(SINGLE_PAGE_FORMATS)]
        name = f"{form}-{i + 1:03d}{FORMATS[fmt]}"
        rng = claims._rng(seed, form, "scan", name)
        dpi = 150 if rng.random() < 0.05 else rng.choice(claims.COMMON_DPI)
        mode = "bw" if fmt in ("pdf", "tiff", "png") and rng.random() < 0.15 else \
            rng.choices(("rgb", "gray"), weights=(0.35, 0.65))[0]
        quality = None if mode == "bw" or fmt == "png" else rng.randint(40, 90)
        threshold = rng.randint(150, 190) if mode == "bw" else None
        white = rng.randint(225, 242) if mode != "bw" and rng.random() < 0.5 else None
        spec = claims._page_spec(rng, dpi, mode, quality, threshold, white)
        if fmt == "png" and mode != "bw":
            spec = replace(spec, noise=0.0)  # lossless greyscale: no sensor noise (as the claim's PNGs)
        if rng.random() < 0.1:
            spec = replace(spec, fold=claims._fold(rng, rng.choice(("half", "thirds"))))
        image, transform = scan_page(render_page(folder / source, 1, dpi), spec, claims._pixel_rng(seed, name))
        write_images(out / name, [image], fmt, dpi, quality)
        degradation = spec.as_truth()
        degradation.update(size=list(image.size), page_to_image=transform)
        fields = {field: entry["value"] for field, entry in digital["files"][source]["fields"].items()}
        truth[name] = {"source": source, "format": fmt, "status": "valid", "problem": None, "fields": fields,
                       "pages": [1], "form_pages": 1, "degradations": [degradation]}
    return truth


def build(form: str, font: str, seed: int, count: int, out: Path | str) -> Corpus:
    """Digital forms of ``form`` filled in ``font`` (seed ``seed``), scanned into ``out``."""
    if form not in forms():
        raise ValueError(f"unknown form {form!r}; one of {', '.join(forms())}")
    out = Path(out)
    scans = out / "scans" / form
    scans.mkdir(parents=True, exist_ok=True)
    folder = digital_forms(form, font_file(font), seed, count, out / "digital")
    if form == CLAIM:
        truth = json.loads(claims.generate(scans, count, seed, folder).read_text(encoding="utf-8"))
    else:
        truth = _procedure_scans(folder, scans, seed, form)
    for entry in truth.values():
        entry.update(form=form, font=font)
    (scans / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return Corpus(form, font, seed, scans, truth, folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.scans.corpus",
        description="サンプル様式（児童手当・6種類の手続）を任意のフォントで記入し、劣化を加えたスキャンと正解データを生成します。",
    )
    parser.add_argument("--form", default=CLAIM, help=f"one of {', '.join(forms())} (default: %(default)s)")
    parser.add_argument("--font", default="ipaex-gothic", help=f"one of {', '.join(FONTS)} or a .ttf (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=4242, help="random seed (default: %(default)s)")
    parser.add_argument("--count", type=int, default=4, help="filled forms to scan (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    corpus = build(args.form, args.font, args.seed, args.count, args.out)
    marks = tuned(args.form, args.font, args.seed)
    print(f"truth: {corpus.folder / 'truth.json'} ({len(corpus.valid)} complete scans; tuned on: "
          + ", ".join(k for k, v in marks.items() if v) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
