"""Text in a box of a real PDF comes out in reading order, whatever order it was drawn in
(issue 14: a date line 「令和　年　月　日」 with 8 7 16 drawn after it read 「令和 年 月 日8 7 16」).
The PDFs are drawn with reportlab in the test; a whole date line typed wareki_date
normalizes to the date."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from connectors.pdf import open_pdf
from robots.reading.pdf_form import read_form
from shared.config.scenario import FieldSpec
from shared.config.template import FormTemplate
from shared.fields import normalize

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
if not GOTHIC.is_file():
    pytest.skip("the IPAex Gothic font (fonts-ipaexfont-gothic) is needed to draw the test PDFs", allow_module_level=True)
HEIGHT = 842.0
SIZE = 11.0


def draw(path: Path, strings: list[tuple[float, float, str]], *, glyph_by_glyph: bool = False) -> Path:
    """A one-page PDF with each (x, top, text) drawn in the order given; ``glyph_by_glyph``
    draws each string one character at a time, last character first."""
    if "IPAexG" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IPAexG", str(GOTHIC)))
    pdf = canvas.Canvas(str(path), pagesize=(595.0, HEIGHT))
    pdf.setFont("IPAexG", SIZE)
    for x, top, text in strings:
        baseline = HEIGHT - top - SIZE * 0.88
        if not glyph_by_glyph:
            pdf.drawString(x, baseline, text)
            continue
        offsets, position = [], x
        for char in text:
            offsets.append((position, char))
            position += pdfmetrics.stringWidth(char, "IPAexG", SIZE)
        for position, char in reversed(offsets):
            pdf.drawString(position, baseline, char)
    pdf.save()
    return path


PRINTED_DATE = [(100, 100, "令和"), (150, 100, "年"), (190, 100, "月"), (235, 100, "日")]
VALUES_DATE = [(128, 100, "8"), (172, 100, "7"), (210, 100, "16")]
ELSEWHERE = [(100, 700, "（記入例）")]  # drawn in between: pdfium then keeps the drawing order
DATE_BOX = (95, 95, 255, 116)

DATE_ORDERS = {
    "values after the printed words, last first": PRINTED_DATE + ELSEWHERE + list(reversed(VALUES_DATE)),
    "values before the printed words": VALUES_DATE + ELSEWHERE + PRINTED_DATE,
    "shuffled": random.Random(5).sample(PRINTED_DATE + VALUES_DATE + ELSEWHERE, 8),
}


@pytest.mark.parametrize("order", DATE_ORDERS.values(), ids=DATE_ORDERS.keys())
def test_a_date_line_reads_in_reading_order_and_normalizes(tmp_path, order):
    with open_pdf(draw(tmp_path / "date.pdf", order)) as pdf:
        text = pdf.text_in_box(1, DATE_BOX)
    assert text == "令和 8 年 7 月 16 日"
    assert normalize("wareki_date", text).value == datetime.date(2026, 7, 16)


@pytest.mark.parametrize("order", DATE_ORDERS.values(), ids=DATE_ORDERS.keys())
def test_the_pdfs_really_draw_out_of_reading_order(tmp_path, order):
    """The files above fool a reader that takes drawing order (pdfium's bounded text, as
    ``text_in_box`` was before)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(draw(tmp_path / "date.pdf", order))
    try:
        x0, top, x1, bottom = DATE_BOX
        drawn = pdf[0].get_textpage().get_text_bounded(left=x0, bottom=HEIGHT - bottom, right=x1, top=HEIGHT - top)
    finally:
        pdf.close()
    assert "".join(drawn.split()) != "令和8年7月16日"


@pytest.mark.parametrize("strings, box, expected", [
    ([(100, 200, "見本マンション203"), (100, 184, "東京都港区芝公園4-2-8")], (95, 180, 400, 216),
     "東京都港区芝公園4-2-8\n見本マンション203"),
    ([(100, 300, "山田"), (135, 300, "太郎")], (95, 295, 200, 316), "山田\u3000太郎"),
    ([(100, 350, "山田"), (127, 350, "太郎")], (95, 345, 200, 366), "山田 太郎"),
    # pdfium keeps no U+3000 glyph (it makes up an ASCII space): its room between full-width characters is seen
    ([(100, 400, "山田\u3000太郎")], (95, 395, 200, 416), "山田\u3000太郎"),
    ([(100, 450, "サンプル信用金庫\u3000本店")], (95, 445, 300, 466), "サンプル信用金庫\u3000本店"),
    ([(100, 500, "ﾔﾏﾀﾞ ﾀﾛｳ")], (95, 495, 200, 516), "ﾔﾏﾀﾞ ﾀﾛｳ"),
    ([(100, 550, "例野信用組合 中央支店")], (95, 545, 300, 566), "例野信用組合 中央支店"),
    ([(100, 600, "070-1234-5678")], (95, 595, 250, 616), "070-1234-5678"),
], ids=["two lines, the second drawn first", "two words a full-width character apart", "two words half a character apart", "written U+3000",
        "written U+3000 in a text", "written space", "written space between kanji", "one run"])
def test_lines_and_spaces_glyph_by_glyph_reversed(tmp_path, strings, box, expected):
    with open_pdf(draw(tmp_path / "text.pdf", strings, glyph_by_glyph=True)) as pdf:
        assert pdf.text_in_box(1, box) == expected


def test_a_character_is_inside_when_its_middle_is(tmp_path):
    """A label just left of the box is not pulled in by a box edge that grazes it."""
    with open_pdf(draw(tmp_path / "edge.pdf", [(100, 100, "氏名"), (124, 100, "山田")])) as pdf:
        assert pdf.text_in_box(1, (120, 95, 200, 116)) == "山田"
        assert pdf.text_in_box(1, (107, 95, 200, 116)) == "名山田"


def test_vertical_writing_reads_columns_right_to_left(tmp_path):
    columns = [(300, 100 + i * SIZE, c) for i, c in enumerate("東京都")] + \
              [(285, 100 + i * SIZE, c) for i, c in enumerate("港区")]
    with open_pdf(draw(tmp_path / "tate.pdf", random.Random(2).sample(columns, len(columns)))) as pdf:
        assert pdf.text_in_box(1, (280, 95, 315, 140), direction="vertical") == "東京都\n港区"
        assert pdf.text_in_box(1, (280, 95, 315, 140)) != "東京都\n港区"


def test_read_form_reads_a_whole_date_line_and_a_vertical_box(tmp_path):
    columns = [(500, 300 + i * SIZE, c) for i, c in enumerate("例野")] + [(485, 300 + i * SIZE, c) for i, c in enumerate("市")]
    path = draw(tmp_path / "form.pdf", [(100, 60, "届出書")] + DATE_ORDERS["shuffled"] + list(reversed(columns)))
    template = FormTemplate.model_validate({
        "id": "t", "title": "届出書", "fingerprint": {"keywords": ["届出書"]},
        "fields": {"request_date": {"box": list(DATE_BOX)},
                   "city": {"box": [480, 295, 515, 330], "direction": "vertical"}}})
    fields = {"request_date": FieldSpec(label="届出日", type="wareki_date", required=True),
              "city": FieldSpec(label="市", type="text")}
    record = read_form(path, template, fields)
    assert record.ok, {k: v.code for k, v in record.problems.items()}
    assert record.json_values() == {"request_date": "2026-07-16", "city": "例野市"}
