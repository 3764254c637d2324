"""Scenario templates render in Jinja2's sandbox with our filters only."""

from __future__ import annotations

import datetime as dt

import pytest

from shared.templating import TemplateRenderError, evaluate, referenced_names, render

RECORD = {"record": {"birth_date": dt.date(1989, 1, 8), "address": "東京都千代田区千代田1-2-3", "town": "東京都千代田区千代田",
                     "child2_name": None}}


@pytest.mark.parametrize("template, expected", [
    ("{{ record.birth_date | era }}", "平成"),
    ("{{ record.birth_date | era_year }}", "1"),
    ("{{ record.birth_date | wareki }}", "平成元年1月8日"),
    ("{{ record.birth_date | ymd }}", "1989/01/08"),
    ("{{ record.birth_date.month }}", "1"),
    ("{{ record.address | strip_prefix(record.town) }}", "1-2-3"),
    ("plain text", "plain text"),
])
def test_filters(template, expected):
    assert render(template, RECORD) == expected


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__ }}",
    "{{ record.__class__ }}",
    "{{ record.birth_date.__class__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ record.update({'x': 1}) }}",
])
def test_python_internals_are_out_of_reach(template):
    with pytest.raises(TemplateRenderError):
        render(template, RECORD)


def test_unknown_names_fail_instead_of_rendering_empty():
    with pytest.raises(TemplateRenderError) as caught:
        render("{{ record.nope }}", RECORD)
    assert caught.value.key == "template.undefined"


def test_when_expressions():
    assert evaluate("record.address", RECORD)
    assert not evaluate("record.child2_name", RECORD)
    assert not evaluate("record.missing_field", RECORD)


def test_referenced_names():
    assert ("record", "address") in referenced_names("{{ record.address | strip_prefix(record.town) }}")
    assert ("secret", "pw") in referenced_names("{{ secret.pw }}")


@pytest.mark.parametrize("template, expected", [
    ("{{ record.child2_name }}", ""),                      # an empty optional field is empty text, never "None"
    ("a{{ record.child2_name }}b", "ab"),
    ("{{ record.child2_name | default('なし', true) }}", "なし"),
    ("{{ record.zero }}", "0"),
    ("{{ record.flag }}", "False"),
])
def test_none_renders_as_empty(template, expected):
    assert render(template, {"record": {**RECORD["record"], "zero": 0, "flag": False}}) == expected


@pytest.mark.parametrize("template, unguarded", [
    ("{{ record.child2_name }}", {("record", "child2_name")}),
    ("{{ record.child2_birth | ymd }}", {("record", "child2_birth")}),
    ("{{ record.child2_name | default('') }}", set()),
    ("{{ record.child2_name if record.child2_name else '' }}", set()),
    ("{% if record.child2_name %}{{ record.child2_name }}{% endif %}", set()),
    ("{{ record.address | strip_prefix(record.town) }}", {("record", "address"), ("record", "town")}),
    ("plain", set()),
])
def test_unguarded_names(template, unguarded):
    from shared.templating import unguarded_names

    assert unguarded_names(template) == unguarded
