"""A drawn ring around a circled option on a digital PDF, told from a printed frame: a ring is
a curve (Bézier segments), stroked, closed or nearly, with little of it straight; a frame is a
rectangle, a rounded box (straight sides), a shaded (filled) area, or a ring around more than
the option. A flat, wide ellipse — what a pen draws in a cramped row — is a ring (the bug:
kokuho seed 3 filled-001 ``sex``, 57 pt wide around a 10.5 pt 男, was taken for a frame)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from connectors.pdf import open_pdf
from robots.reading.pdf_form import read_form
from robots.reading.pdf_marks import is_drawn_ring
from shared.config.scenario import FieldSpec
from shared.config.template import FormTemplate

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
if not GOTHIC.is_file():
    pytest.skip("the IPAex Gothic font (fonts-ipaexfont-gothic) is needed to draw the test PDFs", allow_module_level=True)
HEIGHT, SIZE, TOP = 842.0, 10.5, 100.0
OPTIONS = {"男": 200.0, "女": 235.5}  # x of each printed option; ・ printed between them, 性別 to the left
LABEL_X = 150.0
KAPPA = 4 * (math.sqrt(2) - 1) / 3  # a quarter ellipse as one Bézier segment


def _ellipse_path(pdf: canvas.Canvas, box: tuple[float, float, float, float], quarters: int = 4,
                  miss: tuple[float, float] = (0.0, 0.0)):
    """An ellipse in ``box`` (top-left points) of Bézier quarters, as a pen path: ``quarters``
    drawn (3: an open arc; 5: on past the start), the last point ``miss`` off (a hand that
    does not quite close)."""
    x0, top, x1, bottom = box
    cx, cy, rx, ry = (x0 + x1) / 2, HEIGHT - (top + bottom) / 2, (x1 - x0) / 2, (bottom - top) / 2
    path = pdf.beginPath()
    path.moveTo(cx + rx, cy)
    points = [(cx + rx, cy), (cx, cy + ry), (cx - rx, cy), (cx, cy - ry)]
    for index in range(quarters):
        (ax, ay), (bx, by) = points[index % 4], points[(index + 1) % 4]
        # control points along the tangents at both ends
        c1 = (ax, ay + KAPPA * (by - ay)) if index % 2 == 0 else (ax + KAPPA * (bx - ax), ay)
        c2 = (bx + KAPPA * (ax - bx), by) if index % 2 == 0 else (bx, by + KAPPA * (ay - by))
        if index == quarters - 1:
            bx, by = bx + miss[0], by + miss[1]
        path.curveTo(*c1, *c2, bx, by)
    return path


HAND = {"by_hand": (4, (-1.5, 2.0)), "past_start": (5, (0.0, 0.0)), "open_arc": (3, (0.0, 0.0))}  # quarters, miss


def draw(path: Path, mark: str, box: tuple[float, float, float, float]) -> Path:
    """One cramped row 「性別　男・女」 between two printed rules, and one ``mark`` at ``box``."""
    if "IPAexG" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IPAexG", str(GOTHIC)))
    pdf = canvas.Canvas(str(path), pagesize=(595.0, HEIGHT))
    x0, top, x1, bottom = box
    if mark == "shaded":  # printed first, under the text
        pdf.setFillColorRGB(0.85, 0.85, 0.85)
        pdf.ellipse(x0, HEIGHT - bottom, x1, HEIGHT - top, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("IPAexG", SIZE)
    text = lambda x, s: pdf.drawString(x, HEIGHT - TOP - SIZE * 0.88, s)  # noqa: E731
    text(LABEL_X, "性別")
    text(OPTIONS["男"], "男")
    text((OPTIONS["男"] + OPTIONS["女"]) / 2, "・")
    text(OPTIONS["女"], "女")
    pdf.setLineWidth(0.5)
    pdf.line(140, HEIGHT - TOP + 7, 300, HEIGHT - TOP + 7)  # the row's rules: 7 pt above and below the text
    pdf.line(140, HEIGHT - TOP - SIZE - 7, 300, HEIGHT - TOP - SIZE - 7)
    pdf.setStrokeColorRGB(0.05, 0.1, 0.35)
    pdf.setLineWidth(1.0)
    if mark == "ellipse":
        pdf.ellipse(x0, HEIGHT - bottom, x1, HEIGHT - top, stroke=1, fill=0)
    elif mark in HAND:
        pdf.drawPath(_ellipse_path(pdf, box, *HAND[mark]), stroke=1, fill=0)
    elif mark == "rounded_frame":
        pdf.roundRect(x0, HEIGHT - bottom, x1 - x0, bottom - top, 3, stroke=1, fill=0)
    elif mark == "frame":
        pdf.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
    pdf.save()
    return path


MAN = (OPTIONS["男"], TOP, OPTIONS["男"] + SIZE, TOP + SIZE)
FLAT_WIDE = (MAN[0] - 24.0, MAN[1] - 4.1, MAN[2] + 22.8, MAN[3] + 4.7)  # kokuho seed 3 filled-001: 57 × 19 pt
SMALL = (MAN[0] - 5.0, MAN[1] - 4.0, MAN[2] + 5.0, MAN[3] + 4.0)
GROUP = (MAN[0] - 6.0, MAN[1] - 4.0, OPTIONS["女"] + SIZE + 6.0, MAN[3] + 4.0)  # around 男・女 both
WITH_LABEL = (LABEL_X - 8.0, MAN[1] - 4.0, MAN[2] + 12.0, MAN[3] + 4.0)  # around 性別 and 男

SUSPECT, BLANK = "template_suspect.choice", "field.required"
CASES = {
    # mark, its box, a drawn ring?, the option read, else the message (a curve near the options, none where
    # the template looks: the template is suspected, never 「空欄」)
    "small circle": ("ellipse", SMALL, True, "男"),
    "flat wide ellipse in a cramped row": ("ellipse", FLAT_WIDE, True, "男"),
    "flat wide ring by hand, not quite closed": ("by_hand", FLAT_WIDE, True, "男"),
    "flat wide ring by hand, drawn on past its start": ("past_start", FLAT_WIDE, True, "男"),
    "rounded frame of that size": ("rounded_frame", FLAT_WIDE, False, SUSPECT),
    "rectangle of that size": ("frame", FLAT_WIDE, False, BLANK),  # printed rules: no mark at all
    "shaded ellipse of that size": ("shaded", FLAT_WIDE, False, SUSPECT),
    "open arc of that size": ("open_arc", FLAT_WIDE, False, SUSPECT),
    "ring around the whole group": ("ellipse", GROUP, True, SUSPECT),
    "ring around the label and the option": ("ellipse", WITH_LABEL, True, BLANK),  # larger than a mark near them
}

TEMPLATE = FormTemplate.model_validate({
    "id": "t", "title": "届", "fingerprint": {"keywords": ["性別"]},
    "fields": {"sex": {"read": "circled", "options": {o: [x - 1, TOP - 1, x + SIZE + 1, TOP + SIZE + 1]
                                                     for o, x in OPTIONS.items()}}}})
FIELDS = {"sex": FieldSpec(label="性別", type="choice", options=["男", "女"], required=True)}


@pytest.mark.parametrize("mark, box, ring, expected", CASES.values(), ids=CASES.keys())
def test_a_drawn_ring_is_told_from_a_printed_frame(tmp_path, mark, box, ring, expected):
    path = draw(tmp_path / "f.pdf", mark, box)
    with open_pdf(path) as pdf:
        [shape] = [s for s in pdf.shapes(1) if s.box[2] - s.box[0] < 150]  # the mark, not the rules
    assert is_drawn_ring(shape) is ring, shape
    value = read_form(path, TEMPLATE, FIELDS).fields["sex"]
    if expected in OPTIONS:
        assert value.value == expected, (value.code, value.params)
    else:
        assert value.value is None and value.code == expected


def test_nothing_drawn_is_blank(tmp_path):
    value = read_form(draw(tmp_path / "f.pdf", "none", MAN), TEMPLATE, FIELDS).fields["sex"]
    assert value.value is None and value.code == BLANK
