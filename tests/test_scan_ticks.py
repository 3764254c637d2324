"""Tick boxes on scans: a mark is a stroke across much of the printed square; dust,
noise and the printed square itself are not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from robots.reading.scan.reader import DPI, _tick, is_blank

BOX = (49, 299, 63, 313)  # points: a 12 pt printed square plus a 1 pt pad, as in the template
PX = DPI / 72


def _page() -> np.ndarray:
    page = np.full((1400, 400), 255, np.uint8)
    x0, y0, x1, y1 = (round(v * PX) for v in (50, 300, 62, 312))
    cv2.rectangle(page, (x0, y0), (x1, y1), 0, 3)
    return page


def _draw(kind: str) -> np.ndarray:
    page = _page()
    x0, y0, x1, y1 = (round(v * PX) for v in (50, 300, 62, 312))
    if kind == "check":
        cv2.polylines(page, [np.array([(x0 + 8, y0 + 25), (x0 + 18, y1 - 8), (x1 - 6, y0 + 6)])], False, 0, 4)
    elif kind == "cross":
        cv2.line(page, (x0 + 7, y0 + 7), (x1 - 7, y1 - 7), 0, 4)
        cv2.line(page, (x0 + 7, y1 - 7), (x1 - 7, y0 + 7), 0, 4)
    elif kind == "filled":
        cv2.rectangle(page, (x0 + 10, y0 + 10), (x1 - 10, y1 - 10), 0, -1)
    elif kind == "speck":
        cv2.circle(page, ((x0 + x1) // 2, (y0 + y1) // 2), 2, 0, -1)
    elif kind == "shifted_square":  # the printed square a little off after alignment
        page = np.roll(page, 2, axis=1)
    return page


@pytest.mark.parametrize(("kind", "marked", "sure"), [
    ("none", False, True),
    ("shifted_square", False, True),
    ("speck", False, True),
    ("check", True, True),
    ("cross", True, True),
    ("filled", True, True),
])
def test_tick_marks(kind, marked, sure):
    found, certainty = _tick(_draw(kind), _page(), BOX)
    assert found is marked
    assert (certainty >= 0.95) is sure


def test_blank_page_and_printed_page():
    assert is_blank(np.full((3508, 2480), 250, np.uint8))
    noisy = np.full((3508, 2480), 250, np.uint8)
    noisy[np.random.default_rng(1).random(noisy.shape) < 0.001] = 0  # scanner noise: isolated dots
    assert is_blank(noisy)
    printed = np.full((3508, 2480), 250, np.uint8)
    for y in range(200, 3300, 100):
        cv2.line(printed, (150, y), (2300, y), 0, 3)  # a ruled form
    assert not is_blank(printed)
