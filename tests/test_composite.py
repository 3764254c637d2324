"""Composite fields (shared.composite): one field assembled from the boxes a form splits it
into, each part checked and named in its message, the whole validated as one value of its
type. Table tests of the pure assembly; the template model and the loader refuse parts that
do not make a field of the scenario's type."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from shared.composite import assemble, parts_problem, shape_of
from shared.config import load_scenario
from shared.config.template import FieldBinding
from shared.errors import ConfigError

DATE = ("era", "year", "month", "day")

ASSEMBLED = [
    # (field type, parts, value, original)
    ("wareki_date", {"era": "昭", "year": "63", "month": "1", "day": "6"}, datetime.date(1988, 1, 6), "昭63年1月6日"),
    ("wareki_date", {"era": "平", "year": "元", "month": "1", "day": "8"}, datetime.date(1989, 1, 8), "平元年1月8日"),
    ("wareki_date", {"era": "令和", "year": "６", "month": "１２", "day": "２７"}, datetime.date(2024, 12, 27), None),
    ("wareki_date", {"era": "大", "year": "十四", "month": "八", "day": "八"}, datetime.date(1925, 8, 8), None),
    ("wareki_date", {"era": "R", "year": "07", "month": "02", "day": "18"}, datetime.date(2025, 2, 18), None),
    ("wareki_date", {"era": "昭", "year": "63年", "month": "1月", "day": "6日"}, datetime.date(1988, 1, 6), "昭63年1月6日"),
    ("date", {"year": "2024", "month": "4", "day": "1"}, datetime.date(2024, 4, 1), "2024年4月1日"),
    ("date", {"era": "令", "year": "6", "month": "4", "day": "1"}, datetime.date(2024, 4, 1), None),
    ("phone", {"area": "03", "local": "1234", "number": "5678"}, "03-1234-5678", "03-1234-5678"),
    ("phone", {"area": "０９０", "local": "１２３４", "number": "５６７８"}, "090-1234-5678", None),
    ("postal_code", {"first": "100", "last": "0001"}, "1000001", "100-0001"),
    ("postal_code", {"first": "〒１００", "last": "０００１"}, "1000001", None),
    ("name", {"family": "山田", "given": "太郎"}, "山田\u3000太郎", "山田\u3000太郎"),
    ("name", {"family": "髙橋 ", "given": " 恵美"}, "髙橋\u3000恵美", None),
    ("katakana", {"family": "やまだ", "given": "ﾀﾛｳ"}, "ヤマダ\u3000タロウ", None),
]


@pytest.mark.parametrize("field_type, parts, value, original", ASSEMBLED)
def test_parts_assemble_into_one_valid_value(field_type, parts, value, original):
    result = assemble(field_type, parts, required=True)
    assert (result.status, result.code, result.value) == ("ok", None, value)
    if original is not None:
        assert result.original == original


WRONG = [
    # (field type, parts, status, code, part named or None)
    ("wareki_date", {"era": "平", "year": "31", "month": "5", "day": "1"}, "invalid", "field.wareki.out_of_era", None),
    ("wareki_date", {"era": "令", "year": "元", "month": "4", "day": "30"}, "invalid", "field.wareki.before_era_start", None),
    ("wareki_date", {"era": "昭", "year": "60", "month": "2", "day": "30"}, "invalid", "field.date.impossible", None),
    ("wareki_date", {"era": "昭", "year": "60", "month": "2", "day": None}, "invalid", "composite.part_missing", "day"),
    ("wareki_date", {"era": None, "year": "60", "month": "2", "day": "3"}, "invalid", "composite.part_missing", "era"),
    ("wareki_date", {"era": "昭", "year": "6O", "month": "2", "day": "3"}, "invalid", "composite.part_number", "year"),
    ("wareki_date", {"era": "昭", "year": "60", "month": "元", "day": "3"}, "invalid", "composite.part_number", "month"),
    ("wareki_date", {"era": "天", "year": "60", "month": "2", "day": "3"}, "invalid", "composite.part_era", "era"),
    ("phone", {"area": "03", "local": "12a4", "number": "5678"}, "invalid", "composite.part_digits", "local"),
    ("phone", {"area": "03", "local": "1234", "number": ""}, "invalid", "composite.part_missing", "number"),
    ("phone", {"area": "00", "local": "1234", "number": "5678"}, "invalid", "field.phone.invalid", None),
    ("postal_code", {"first": "10", "last": "0001"}, "invalid", "composite.part_length", "first"),
    ("name", {"family": "山田", "given": None}, "invalid", "composite.part_missing", "given"),
    ("wareki_date", {"era": None, "year": None, "month": "", "day": " "}, "missing", "field.required", None),
    ("name", {"family": None, "given": None}, "missing", "field.required", None),
]


@pytest.mark.parametrize("field_type, parts, status, code, part", WRONG)
def test_a_wrong_part_is_named_and_a_blank_field_is_required(field_type, parts, status, code, part):
    result = assemble(field_type, parts, required=True)
    assert (result.status, result.code, result.value) == (status, code, None)
    named = result.params.get("part")
    assert (named.key if named is not None else None) == (f"part.{part}" if part else None)
    if part:
        assert result.original  # what was read is kept for the person who checks it
        assert "空欄" not in result.message() or code == "composite.part_missing"
        assert "必須項目" not in result.message()


def test_a_part_missing_names_the_part_in_both_languages():
    result = assemble("wareki_date", {"era": "昭", "year": "60", "month": "2", "day": None})
    assert "「日」" in result.message("ja") and "day" in result.message("en")
    assert "必須項目" not in result.message("ja")


def test_an_unwritten_optional_field_is_empty_and_a_fixed_era_is_not_writing():
    assert assemble("wareki_date", {"era": "令和", "year": None, "month": None, "day": None}, fixed=["era"]).status == "ok"
    fixed = assemble("wareki_date", {"era": "令和", "year": "6", "month": "4", "day": "1"}, fixed=["era"])
    assert fixed.value == datetime.date(2024, 4, 1)


@pytest.mark.parametrize("field_type, names, problem", [
    ("wareki_date", DATE, None), ("date", DATE[1:], None), ("wareki_date", DATE[1:], None),
    ("phone", ("area", "local", "number"), None), ("postal_code", ("first", "last"), None),
    ("name", ("family", "given"), None), ("katakana", ("family", "given"), None),
    ("phone", ("first", "last"), "area・local・number"), ("wareki_date", ("family", "given"), "era・year・month・day"),
    ("money", ("first", "last"), "-"),
])
def test_parts_problem_names_the_parts_a_type_takes(field_type, names, problem):
    assert parts_problem(field_type, names) == problem


def test_shape_of_part_names():
    assert shape_of(["year", "month", "day"]) == "date"
    assert shape_of(["year", "month"]) is None
    assert shape_of(["family", "given", "era"]) is None


CIRCLED_ERA = {"read": "circled", "options": {"昭": [1, 2, 3, 4], "平": [5, 2, 7, 4]}}
BOX = {"box": [1, 2, 3, 4]}


@pytest.mark.parametrize("binding, key", [
    ({"parts": {"year": BOX, "month": BOX}}, "config.template.parts_shape"),
    ({"parts": {"era": {"value": "令和", "box": [1, 2, 3, 4]}, "year": BOX, "month": BOX, "day": BOX}},
     "config.template.part_location"),
    ({"parts": {"era": {"read": "circled", "box": [1, 2, 3, 4]}, "year": BOX, "month": BOX, "day": BOX}},
     "config.template.part_location"),
    ({"parts": {"family": {"value": "山田"}, "given": BOX}}, "config.template.part_location"),
    ({"box": [1, 2, 3, 4], "parts": {"first": BOX, "last": BOX}}, "config.template.parts_alone"),
])
def test_the_template_model_refuses_parts_that_cannot_be_read(binding, key):
    with pytest.raises(ValidationError) as caught:
        FieldBinding.model_validate(binding)
    assert key in str(caught.value)


def test_a_template_composite_date_keeps_the_template_new_shape():
    binding = FieldBinding.model_validate({"page": 1, "parts": {"era": CIRCLED_ERA, "year": BOX, "month": BOX, "day": BOX}})
    assert binding.location == "parts"
    assert list(binding.part_boxes) == ["era", "year", "month", "day"]
    assert binding.part_boxes["era"] == [(1, 2, 3, 4), (5, 2, 7, 4)]
    assert binding.area == (1, 2, 7, 4)


def test_the_loader_refuses_parts_that_do_not_make_the_scenario_type(tmp_path: Path):
    source = Path(__file__).parent / "procedures" / "kokuho"
    for name in ("scenario.yaml", "template.yaml"):
        text = (source / name).read_text(encoding="utf-8")
        if name == "scenario.yaml":
            text = text.replace("postal_code: {label: 郵便番号, type: postal_code", "postal_code: {label: 郵便番号, type: phone")
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(tmp_path)
    message = str(caught.value)
    assert "template.yaml" in message and "postal_code" in message and "area・local・number" in message
