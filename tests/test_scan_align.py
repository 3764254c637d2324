"""Registration of a scanned page to its blank form (connectors/scan/align.py), against the
ground truth of the scan generator: every field box of a page skewed 2.3-3.5° and turned a
half or a quarter turn lands within 0.6 pt of where the blank form prints it, the turn is
reported, and the registration is sure (quality 1). Before the fine pass, turned pages were
up to 3.5 pt off and a ruled form (転入届) sent every field to review."""

from __future__ import annotations

import numpy as np
import pytest

from connectors.scan import Aligner, NotAligned
from robots.demo.runner import REPO
from samples.scans.degrade import PageScan, scan_page
from samples.scans.render import render_page
from shared.config import load_scenario

PROCEDURES = REPO / "samples" / "procedures" / "out"
DPI = 300


@pytest.fixture(scope="module")
def tennyu():
    loaded = load_scenario(REPO / "tests" / "procedures" / "tennyu")
    template = loaded.templates["template.yaml"]
    blank = render_page(PROCEDURES / "tennyu" / "blank.pdf", 1, DPI)[:, :, 0]
    boxes = [binding.box for binding in template.fields.values() if binding.box is not None]
    return Aligner(np.ascontiguousarray(blank)), boxes


@pytest.mark.parametrize(("turn", "skew", "dpi"), [(180, 3.0, 200), (180, -2.5, 300), (0, 3.5, 300), (90, -2.3, 200),
                                                   (270, 3.2, 300)])
def test_a_skewed_turned_page_lands_within_a_fraction_of_a_point(tennyu, turn, skew, dpi):
    aligner, boxes = tennyu
    spec = PageScan(dpi=dpi, mode="gray", rotation=turn, skew_deg=skew, shift=(0.012, -0.01), scale=1.01,
                    blur=0.5, noise=2.0)
    image, truth = scan_page(render_page(PROCEDURES / "tennyu" / "filled-001.pdf", 1, dpi), spec,
                             np.random.default_rng(3))
    page = np.asarray(image.convert("L"))
    _, alignment = aligner.align(page)
    assert alignment.rotation == turn  # the quarter turns (counter-clockwise) that stand it up
    assert abs(alignment.skew + skew) < 0.3
    assert alignment.refined and alignment.quality == 1.0
    to_image = np.vstack([np.array(truth), [0, 0, 1]])
    full = np.array(alignment.matrix)
    worst = 0.0
    for x0, top, x1, bottom in boxes:
        for point in ((x0, top), (x1, bottom)):
            mapped = full @ to_image @ np.array([*point, 1.0])
            worst = max(worst, float(np.hypot(*(mapped[:2] / mapped[2] - np.array(point) * DPI / 72))) * 72 / DPI)
    assert worst < 0.6


def test_another_form_is_not_aligned(tennyu):
    aligner, _ = tennyu
    other = render_page(PROCEDURES / "kokuho" / "blank.pdf", 1, DPI)[:, :, 0]
    with pytest.raises(NotAligned):
        aligner.align(np.ascontiguousarray(other))
