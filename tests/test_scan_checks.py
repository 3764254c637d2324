"""Checks across the fields of a scanned form (robots/reading/scan/checks.py): names against their
furigana, addresses against the postal table. Each case gives what OCR read and shows
what the checks make of it (table-driven)."""

from __future__ import annotations

import pytest
from test_ocr_glyphs import line

from connectors.ocr.glyphs import default_fonts
from robots.reading.scan.checks import (
    AGREED,
    DOUBTED,
    Reading,
    check_addresses,
    confirm_furigana,
    doubt_mismatched_furigana,
)
from shared.config.scenario import FieldSpec
from shared.fields import normalize
from shared.japanese.text import katakana_to_halfwidth as half_width

FIELDS = {
    "name": FieldSpec(label="氏名", type="name"),
    "kana": FieldSpec(label="フリガナ", type="katakana", reading_of="name"),
}


def read(field_type: str, text: str, confidence: float, image: str | None = None, *, doubtful: bool = False,
         symbols: tuple = ()) -> Reading:
    value = normalize(field_type, text)
    value = value.__class__(value.original, value.value, value.status, value.code, value.params, confidence)
    return Reading(value, None, doubtful, symbols, line(image) if image else None)


@pytest.mark.skipif(not default_fonts(), reason="no Japanese font installed (make system-deps installs IPAex)")
@pytest.mark.parametrize(("name", "kana", "expected"), [
    # (name as read, written, confidence), (furigana as read, written, confidence, doubtful), expected values and sure?
    (("山田 太郎", "山田\u3000太郎", 0.9), ("ヤマダ タロウ", "ヤマダ\u3000タロウ", 0.9, False),
     ("山田\u3000太郎", True, "ヤマダ\u3000タロウ", True)),
    (("雛形 細", "雛形\u3000紬", 0.7), ("ヒナガタ ツムギ", "ヒナガタ\u3000ツムギ", 0.9, False),
     ("雛形\u3000紬", True, "ヒナガタ\u3000ツムギ", True)),  # the kanji mended by shape
    (("山田 太郎", "山田\u3000太郎", 0.9), ("ヤマタ タロウ", half_width("ヤマダ\u3000タロウ"), 0.75, True),
     ("山田\u3000太郎", False, "ヤマダ\u3000タロウ", True)),  # the lost ﾞ put back by shape
    (("緑丘 太郎", "緑丘\u3000太郎", 0.9), ("ミト リオカ タロウ", half_width("ミドリオカ\u3000タロウ"), 0.75, True),
     ("緑丘\u3000太郎", True, "ミドリオカ\u3000タロウ", True)),  # one spelling fits: both confirmed
    (("山田 花子", "山田\u3000花子", 0.9), ("スズキ ハナコ", "スズキ\u3000ハナコ", 0.9, False),
     ("山田\u3000花子", False, "スズキ\u3000ハナコ", False)),  # another person's furigana: nothing confirmed
])
def test_names_and_furigana(name, kana, expected):
    readings = {"name": read("name", name[0], name[2], name[1]),
                "kana": read("katakana", kana[0], kana[2], kana[1], doubtful=kana[3])}
    confirm_furigana(readings, FIELDS)
    name_value, name_sure, kana_value, kana_sure = expected
    assert readings["name"].value.value == name_value
    assert (readings["name"].value.confidence >= AGREED) == name_sure
    assert readings["kana"].value.value == kana_value
    assert (readings["kana"].value.confidence >= AGREED) == kana_sure


def test_a_doubtful_furigana_the_same_as_a_confirmed_one_is_confirmed():
    fields = {**FIELDS, "holder_kana": FieldSpec(label="口座名義", type="katakana", reading_of="name")}
    readings = {"name": read("name", "見本 一郎", 0.9, "見本\u3000一郎"),
                "kana": read("katakana", "ミホン イチロウ", 0.9, "ミホン\u3000イチロウ"),
                # half-width, no image to compare: only being the same as a confirmed furigana helps
                "holder_kana": read("katakana", "ミホン イチロウ", 0.75, doubtful=True)}
    confirm_furigana(readings, fields)
    assert all(readings[f].value.confidence >= AGREED for f in ("name", "kana", "holder_kana"))


@pytest.mark.parametrize(("kana", "doubted"), [
    ("シノノメ ユウマ", False), ("リル", True), ("シノノメユウマ", True), ("シノ ノメ ユウマ", True),
])
def test_a_furigana_must_have_the_parts_of_its_name(kana, doubted):
    readings = {"name": read("name", "東雲 悠真", 0.9), "kana": read("katakana", kana, 0.97)}
    doubt_mismatched_furigana(readings, FIELDS)
    assert (readings["kana"].value.confidence == DOUBTED) == doubted


ADDRESS_FIELDS = {
    "postal_code": FieldSpec(label="郵便番号", type="postal_code"),
    "address": FieldSpec(label="住所", type="address", postal_code_field="postal_code"),
}
POSTAL = {"8900062": "鹿児島県鹿児島市鴨池新町"}


@pytest.mark.parametrize(("text", "rest_confidence", "expected", "sure"), [
    ("鹿児島県鹿児島市嶋池新町1-4-6 サンプルハイツ 101", 0.99, "鹿児島県鹿児島市鴨池新町1-4-6\u3000サンプルハイツ101", True),
    ("鹿児島県鹿児島市鴨池新町1丁目4番6号", 0.99, "鹿児島県鹿児島市鴨池新町1丁目4番6号", True),
    ("鹿児島県鹿児島市鴨池新町1-4-6", 0.6, "鹿児島県鹿児島市鴨池新町1-4-6", False),  # the 番地 itself is doubtful
    ("鹿児島県鹿児島市鴨池新町4-.11-16", 0.99, "鹿児島県鹿児島市鴨池新町4-.11-16", False),  # a stray mark
    ("大阪府大阪市北区梅田1-1-1", 0.99, "大阪府大阪市北区梅田1-1-1", False),  # another town than the code's
])
def test_addresses_against_the_postal_table(text, rest_confidence, expected, sure):
    symbols = tuple((char, 0.99 if i < 12 else rest_confidence) for i, char in enumerate(c for c in text if c != " "))
    readings = {"postal_code": read("postal_code", "890-0062", AGREED),
                "address": read("address", text, 0.9, symbols=symbols)}
    check_addresses(readings, ADDRESS_FIELDS, POSTAL)
    assert readings["address"].value.value == expected
    assert (readings["address"].value.confidence >= AGREED) == sure
