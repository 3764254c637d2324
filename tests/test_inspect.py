"""template inspect draws the template's boxes over a form, and over an aligned scan."""

from __future__ import annotations

import cv2
from conftest import CLAIMS
from test_scan_review import scan_of

from robots.authoring.inspection import inspect_form


def test_boxes_are_drawn_over_a_pdf_and_an_aligned_scan(tmp_path, sample_scenario):
    template = sample_scenario.templates["template.yaml"]
    for form in (CLAIMS / "claim-002.pdf", scan_of("claim-002.pdf", tmp_path / "scan.tif", upside_down=True)):
        pages = inspect_form(form, template, sample_scenario.folder, tmp_path / "out")
        assert len(pages) == 2
        picture = cv2.imread(str(pages[0]))
        assert picture.shape[:2] == (1754, 1240)  # A4 at 150 dpi, upright even for the upside-down scan
        red = (picture[:, :, 2] > 180) & (picture[:, :, 0] < 60) & (picture[:, :, 1] < 60)
        assert red.sum() > 200  # the tick boxes are drawn
