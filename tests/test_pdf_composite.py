"""Composite fields and marks on digital PDFs: a date from a circled (or printed, or fixed)
era and 年・月・日 boxes validated as one date; messages that name the part; circled options
found with the printed option's box or a ring-sized one; a template whose boxes miss the
writing is named as the likely cause instead of 「必須項目が空欄です」."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from robots.demo.runner import REPO
from robots.reading.pdf_form import read_form
from shared.config import load_scenario
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
if not GOTHIC.is_file():
    pytest.skip("the IPAex Gothic font (fonts-ipaexfont-gothic) is needed to draw the test PDFs", allow_module_level=True)
HEIGHT, SIZE = 842.0, 11.0
ERAS = {"明": 100.0, "大": 125.0, "昭": 150.0, "平": 175.0, "令": 200.0}  # x of each printed era, top 100
UNITS = {"year": (250.0, "年"), "month": (300.0, "月"), "day": (350.0, "日")}  # the box ends where the unit is printed


def draw(path: Path, *, circled: tuple[str, ...] = ("昭",), values: dict[str, str] | None = None,
         printed_era: str | None = None) -> Path:
    if "IPAexG" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IPAexG", str(GOTHIC)))
    pdf = canvas.Canvas(str(path), pagesize=(595.0, HEIGHT))
    pdf.setFont("IPAexG", SIZE)
    text = lambda x, top, s: pdf.drawString(x, HEIGHT - top - SIZE * 0.88, s)  # noqa: E731
    text(100, 60, "生年月日の届")
    if printed_era:
        text(100, 100, printed_era)
    else:
        for era, x in ERAS.items():
            text(x, 100, era)
    for x, unit in UNITS.values():
        text(x, 100, unit)
    for name, value in (values or {}).items():
        text(UNITS[name][0] - 30, 100, value)
    for era in circled:  # drawn last: an ellipse around the option, as a pen would
        x = ERAS[era]
        pdf.ellipse(x - 5, HEIGHT - 100 - SIZE - 4, x + SIZE + 5, HEIGHT - 100 + 4)
    pdf.save()
    return path


def option_box(era: str, pad: float = 2.0) -> list[float]:
    x = ERAS[era]
    return [x - pad, 100 - pad, x + SIZE + pad, 100 + SIZE + pad]


def template(era: dict | None = None, **boxes: list[float]) -> FormTemplate:
    parts = {"era": era or {"read": "circled", "options": {e: option_box(e) for e in ERAS}}}
    parts |= {name: {"box": [x - 38, 95, x, 116]} for name, (x, _) in UNITS.items()}
    return FormTemplate.model_validate({"id": "t", "title": "届", "fingerprint": {"keywords": ["生年月日の届"]},
                                        "fields": {"birth_date": {"parts": parts}}})


FIELDS = {"birth_date": FieldSpec(label="生年月日", type="wareki_date", required=True)}
DATE = {"year": "63", "month": "1", "day": "6"}


def read(path: Path, tpl: FormTemplate | None = None):
    return read_form(path, tpl or template(), FIELDS).fields["birth_date"]


def test_a_circled_era_and_three_boxes_read_as_one_date(tmp_path):
    value = read(draw(tmp_path / "f.pdf", values=DATE))
    assert (value.status, value.json_value(), value.original) == ("ok", "1988-01-06", "昭63年1月6日")


def test_the_whole_date_is_checked_against_its_era(tmp_path):
    value = read(draw(tmp_path / "f.pdf", circled=("平",), values=DATE))
    assert (value.status, value.code) == ("invalid", "field.wareki.out_of_era")
    assert "平成" in value.message()


@pytest.mark.parametrize("circled, values, code, part", [
    ((), DATE, "composite.era_none", "元号"),
    (("昭", "平"), DATE, "composite.era_many", "元号"),
    (("昭",), {"year": "63", "day": "6"}, "composite.part_missing", "月"),
    (("昭",), {"year": "6A", "month": "1", "day": "6"}, "composite.part_number", "年"),
], ids=["no era circled", "two eras circled", "month left empty", "year unreadable"])
def test_a_wrong_part_is_named_never_blank(tmp_path, circled, values, code, part):
    value = read(draw(tmp_path / "f.pdf", circled=circled, values=values))
    assert (value.status, value.code) == ("invalid", code)
    assert f"「{part}」" in value.message() and "必須項目" not in value.message()


def test_nothing_written_is_the_required_message(tmp_path):
    value = read(draw(tmp_path / "f.pdf", circled=()))
    assert (value.status, value.code) == ("missing", "field.required")


def test_a_printed_or_fixed_era(tmp_path):
    path = draw(tmp_path / "f.pdf", circled=(), values={"year": "6", "month": "4", "day": "1"}, printed_era="令和")
    assert read(path, template({"box": [95, 95, 140, 116]})).json_value() == "2024-04-01"
    assert read(path, template({"value": "令和"})).json_value() == "2024-04-01"


@pytest.mark.parametrize("pad", [0.0, 2.0, 6.0], ids=["the characters' own box", "the characters + 2pt", "ring-sized"])
def test_a_circled_option_is_found_with_any_box_around_the_printed_option(tmp_path, pad):
    era = {"read": "circled", "options": {e: option_box(e, pad) for e in ERAS}}
    assert read(draw(tmp_path / "f.pdf", values=DATE), template(era)).json_value() == "1988-01-06"


PROCEDURES = REPO / "samples" / "procedures" / "out"


def kokuho():
    loaded = load_scenario(Path(__file__).parent / "procedures" / "kokuho")
    truth = json.loads((PROCEDURES / "kokuho" / "truth.json").read_text(encoding="utf-8"))
    return loaded, truth


def shifted(binding: FieldBinding, dx: float) -> FieldBinding:
    move = lambda b: (b[0] + dx, b[1], b[2] + dx, b[3])  # noqa: E731
    if binding.options:
        return binding.model_copy(update={"options": {k: move(b) for k, b in binding.options.items()}})
    return binding.model_copy(update={"box": move(binding.box)})


@pytest.mark.parametrize("field, dx", [("sex", 60.0), ("reason", 25.0)], ids=["circled options", "tick boxes"])
def test_option_boxes_that_miss_the_marks_blame_the_template(field, dx):
    loaded, truth = kokuho()
    tpl = loaded.templates["template.yaml"]
    wrong = tpl.model_copy(update={"fields": {**tpl.fields, field: shifted(tpl.fields[field], dx)}})
    for file in ("filled-001.pdf", "filled-002.pdf"):
        value = read_form(PROCEDURES / "kokuho" / file, wrong, loaded.scenario.fields).fields[field]
        assert (value.status, value.code) == ("invalid", "template_suspect.choice"), file
        assert "テンプレート" in value.message() and "必須項目" not in value.message()


def test_a_box_that_cuts_through_the_writing_blames_the_template():
    from connectors.pdf import open_pdf

    loaded, _ = kokuho()
    tpl = loaded.templates["template.yaml"]
    box = tpl.fields["relationship"].box
    assert box is not None
    with open_pdf(PROCEDURES / "kokuho" / "filled-001.pdf") as pdf:
        (_, written), = pdf.chars(1).inside(box)  # 妻
    reach = written[1] + 0.35 * (written[3] - written[1])  # the box holds the top third of the writing only
    off = FieldBinding(page=1, box=(box[0], written[1] - 2, box[2], reach))
    wrong = tpl.model_copy(update={"fields": {**tpl.fields, "relationship": off}})
    value = read_form(PROCEDURES / "kokuho" / "filled-001.pdf", wrong, loaded.scenario.fields).fields["relationship"]
    assert (value.status, value.code) == ("invalid", "template_suspect.text")
