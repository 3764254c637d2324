"""Scans of the sample procedures' digital forms (samples/procedures/out), made with the
scan generator's own degradations (samples.scans.degrade): ``python -m samples.scans.generate``
takes only the 児童手当 claims and their truth format, so these are made here, seeded."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from samples.scans.degrade import PageScan, scan_page
from samples.scans.render import render_page


def scan_form(pdf: Path, out: Path, *, seed: int, dpi: int = 300) -> Path:
    """A PNG scan of page 1 of ``pdf``: slightly turned and shifted, blurred and noisy, as an
    office MFP stores it in greyscale."""
    rng = random.Random(f"{pdf.parent.name}:{pdf.name}:{seed}")
    spec = PageScan(dpi=dpi, mode="gray", skew_deg=round(rng.uniform(-1.5, 1.5), 2),
                    shift=(round(rng.uniform(-0.01, 0.01), 4), round(rng.uniform(-0.01, 0.01), 4)),
                    scale=round(rng.uniform(0.99, 1.01), 4), blur=round(rng.uniform(0.3, 0.6), 2),
                    noise=round(rng.uniform(1.0, 3.0), 2))
    image, _ = scan_page(render_page(pdf, 1, dpi), spec, np.random.default_rng(seed))
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out
