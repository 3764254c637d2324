"""Reading order in a scanned zone (robots.reading.scan.order): a zone of several lines is
read line by line, top to bottom; a 縦書き zone column by column, right to left — through
real Tesseract on text drawn in IPAex Gothic."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from connectors.ocr import engine
from connectors.scan import clean_zone
from robots.reading.scan.order import columns, lines, read_in_order

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
if not GOTHIC.is_file():
    pytest.skip("the IPAex Gothic font (fonts-ipaexfont-gothic) is needed to draw the zones", allow_module_level=True)
SIZE = 42  # pixels: an 10 pt line at 300 dpi


def zone(rows: list[tuple[int, int, str]], size: tuple[int, int], vertical: bool = False) -> np.ndarray:
    """A white zone with each (x, y, text) drawn in black; vertical text one character below another."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(GOTHIC), SIZE)
    for x, y, text in rows:
        if vertical:
            for i, char in enumerate(text):
                draw.text((x, y + i * (SIZE + 4)), char, font=font, fill=0)
        else:
            draw.text((x, y), text, font=font, fill=0)
    return np.asarray(image)


@pytest.mark.parametrize("rows, count", [
    ([(10, 10, "東京都港区")], 1),
    ([(10, 10, "東京都港区"), (10, 70, "芝公園4-2-8")], 2),
    ([(10, 10, "一行目"), (10, 70, "二行目"), (10, 130, "三行目")], 3),
    ([(10, 10, "ニ・ー・二")], 1),  # marks and flat kanji are no lines of their own
])
def test_lines_are_split_top_to_bottom(rows, count):
    cleaned = clean_zone(zone(rows, (600, 60 * len(rows) + 30)))
    assert cleaned is not None
    assert len(lines(cleaned)) == count


def test_columns_are_split_right_to_left():
    cleaned = clean_zone(zone([(200, 10, "東京都"), (120, 10, "港区")], (280, 170), vertical=True))
    assert cleaned is not None
    first, second = columns(cleaned)
    inked = lambda image: int((image < 128).any(axis=1).sum())  # noqa: E731
    assert inked(first) > inked(second)  # the right column (東京都) is the longer one, read first


@pytest.fixture(scope="module")
def ocr():
    with engine("tesseract") as started:
        yield started


def test_a_two_line_zone_reads_top_to_bottom(ocr):
    cleaned = clean_zone(zone([(10, 70, "見本マンション"), (10, 10, "東京都港区芝公園")], (600, 130)))
    result = read_in_order(ocr, cleaned, kind="text", whitelist=None)
    assert result.text.replace(" ", "") == "東京都港区芝公園見本マンション"


def test_a_vertical_zone_reads_right_to_left(ocr):
    cleaned = clean_zone(zone([(200, 10, "東京都"), (120, 10, "港区")], (280, 170), vertical=True))
    result = read_in_order(ocr, cleaned, kind="text", whitelist=None, direction="vertical")
    assert result.text.replace(" ", "") == "東京都港区"
