"""Era dates: every spelling in docs/field-types.md, era boundaries, 元年, leap days."""

from datetime import date

import pytest

from shared.japanese import (
    ERAS,
    WarekiError,
    find_era,
    format_wareki,
    parse_date,
    parse_wareki,
    to_wareki,
    wareki_to_date,
)
from shared.messages import t

PARSES = [
    # docs/field-types.md
    ("令和6年4月1日", date(2024, 4, 1)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("R6.4.1", date(2024, 4, 1)),
    ("R06/04/01", date(2024, 4, 1)),
    ("令6.4.1", date(2024, 4, 1)),
    ("㋿6.4.1", date(2024, 4, 1)),
    ("平成２年３月４日", date(1990, 3, 4)),
    ("昭和五十年十月一日", date(1975, 10, 1)),
    ("5060401", date(2024, 4, 1)),
    ("2024-04-01", date(2024, 4, 1)),
    ("2024/4/1", date(2024, 4, 1)),
    ("2024年4月1日", date(2024, 4, 1)),
    ("２０２４年４月１日", date(2024, 4, 1)),
    # the brief and spec §5
    ("H2.3.4", date(1990, 3, 4)),
    ("S60/05/03", date(1985, 5, 3)),
    ("h2.3.4", date(1990, 3, 4)),
    ("Ｒ６．４．１", date(2024, 4, 1)),
    ("R元.5.1", date(2019, 5, 1)),
    ("令和 6年 4月 1日", date(2024, 4, 1)),
    ("令和６年４月１日", date(2024, 4, 1)),
    ("令和六年四月一日", date(2024, 4, 1)),
    ("昭和六十四年一月七日", date(1989, 1, 7)),
    ("平成三十一年四月三十日", date(2019, 4, 30)),
    ("平成十年十二月二十日", date(1998, 12, 20)),
    ("二〇二四年四月一日", date(2024, 4, 1)),
    # single-character eras
    ("㍾45.7.29", date(1912, 7, 29)),
    ("㍽元.7.30", date(1912, 7, 30)),
    ("㍼60.5.3", date(1985, 5, 3)),
    ("㍻2.3.4", date(1990, 3, 4)),
    ("㋿元年5月1日", date(2019, 5, 1)),
    # GYYMMDD, one per era code
    ("1010125", date(1868, 1, 25)),
    ("2010730", date(1912, 7, 30)),
    ("3600503", date(1985, 5, 3)),
    ("4310430", date(2019, 4, 30)),
    ("５０６０４０１", date(2024, 4, 1)),
]


@pytest.mark.parametrize(("text", "expected"), PARSES)
def test_parse_wareki(text, expected):
    assert parse_wareki(text) == expected


# Each era's first and last day, in era spelling.
BOUNDARIES = [
    ("明治元年1月25日", date(1868, 1, 25)),
    ("明治45年7月29日", date(1912, 7, 29)),
    ("大正元年7月30日", date(1912, 7, 30)),
    ("大正15年12月24日", date(1926, 12, 24)),
    ("昭和元年12月25日", date(1926, 12, 25)),
    ("昭和64年1月7日", date(1989, 1, 7)),
    ("平成元年1月8日", date(1989, 1, 8)),
    ("平成31年4月30日", date(2019, 4, 30)),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("令和1年5月1日", date(2019, 5, 1)),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDARIES)
def test_era_boundaries_parse(text, expected):
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(("text", "expected"), BOUNDARIES)
def test_format_wareki_round_trips_boundaries(text, expected):
    assert parse_wareki(format_wareki(expected)) == expected


LEAP_DAYS = [
    ("平成4年2月29日", date(1992, 2, 29)),
    ("令和2年2月29日", date(2020, 2, 29)),
    ("R6.2.29", date(2024, 2, 29)),
    ("2000-02-29", date(2000, 2, 29)),
]


@pytest.mark.parametrize(("text", "expected"), LEAP_DAYS)
def test_leap_days(text, expected):
    assert parse_wareki(text) == expected


ERRORS = [
    # outside the era's span: flagged, never converted
    ("平成31年5月1日", "field.wareki.out_of_era", {"era": "平成", "last": "平成31年4月30日"}),
    ("平成32年1月1日", "field.wareki.out_of_era", {"era": "平成", "last": "平成31年4月30日"}),
    ("昭和64年1月8日", "field.wareki.out_of_era", {"era": "昭和", "last": "昭和64年1月7日"}),
    ("明治45年7月30日", "field.wareki.out_of_era", {"era": "明治", "last": "明治45年7月29日"}),
    ("大正15年12月25日", "field.wareki.out_of_era", {"era": "大正", "last": "大正15年12月24日"}),
    ("H31.5.1", "field.wareki.out_of_era", {"era": "平成", "last": "平成31年4月30日"}),
    ("4310501", "field.wareki.out_of_era", {"era": "平成", "last": "平成31年4月30日"}),
    ("令和1年4月30日", "field.wareki.before_era_start", {"era": "令和", "first": "令和元年5月1日"}),
    ("平成元年1月7日", "field.wareki.before_era_start", {"era": "平成", "first": "平成元年1月8日"}),
    ("明治元年1月24日", "field.wareki.before_era_start", {"era": "明治", "first": "明治元年1月25日"}),
    ("令和0年5月1日", "field.wareki.before_era_start", {"era": "令和", "first": "令和元年5月1日"}),
    # before 明治, written in Gregorian
    ("1868-01-24", "field.wareki.before_meiji", {}),
    ("1850年1月1日", "field.wareki.before_meiji", {}),
    # impossible dates
    ("令和5年2月29日", "field.date.impossible", {}),
    ("令和6年2月30日", "field.date.impossible", {}),
    ("R6.13.1", "field.date.impossible", {}),
    ("R6.4.31", "field.date.impossible", {}),
    ("R6.0.1", "field.date.impossible", {}),
    ("2023-02-29", "field.date.impossible", {}),
    # not a date in any accepted spelling
    ("", "field.wareki.format", {}),
    ("令和", "field.wareki.format", {}),
    ("6年4月1日", "field.wareki.format", {}),
    ("X6.4.1", "field.wareki.format", {}),
    ("R6.4/1", "field.wareki.format", {}),
    ("6060401", "field.wareki.format", {}),
    ("506041", "field.wareki.format", {}),
    ("昭和十十年一月一日", "field.wareki.format", {}),
    ("令和6年4月1", "field.wareki.format", {}),
]


@pytest.mark.parametrize(("text", "code", "params"), ERRORS)
def test_parse_wareki_errors(text, code, params):
    with pytest.raises(WarekiError) as caught:
        parse_wareki(text)
    assert (caught.value.code, caught.value.params) == (code, params)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("text", "code", "params"), ERRORS)
def test_wareki_error_messages_render_in_both_languages(text, code, params):
    with pytest.raises(WarekiError) as caught:
        parse_wareki(text)
    assert caught.value.message("ja") == t(code, lang="ja", **params)
    assert caught.value.message("en") == t(code, lang="en", **params)


DATES = [
    ("2024-04-01", date(2024, 4, 1)),
    ("2024/4/1", date(2024, 4, 1)),
    ("2024/04/01", date(2024, 4, 1)),
    ("2024年4月1日", date(2024, 4, 1)),
    ("２０２４年４月１日", date(2024, 4, 1)),
    ("２０２４－０４－０１", date(2024, 4, 1)),
    (" 2024-04-01 ", date(2024, 4, 1)),
    ("1850-01-01", date(1850, 1, 1)),  # a plain date field has no 明治 limit
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


DATE_ERRORS = [
    ("令和6年4月1日", "field.date.format"),  # era dates are wareki_date fields
    ("2024-4/1", "field.date.format"),
    ("24-04-01", "field.date.format"),
    ("20240401", "field.date.format"),
    ("6年4月1日", "field.date.format"),
    ("2024-02-30", "field.date.impossible"),
    ("2024年13月1日", "field.date.impossible"),
]


@pytest.mark.parametrize(("text", "code"), DATE_ERRORS)
def test_parse_date_errors(text, code):
    with pytest.raises(WarekiError) as caught:
        parse_date(text)
    assert caught.value.code == code


TO_WAREKI = [
    (date(1868, 1, 25), ("明治", 1), "明治元年1月25日"),
    (date(1912, 7, 29), ("明治", 45), "明治45年7月29日"),
    (date(1912, 7, 30), ("大正", 1), "大正元年7月30日"),
    (date(1926, 12, 24), ("大正", 15), "大正15年12月24日"),
    (date(1926, 12, 25), ("昭和", 1), "昭和元年12月25日"),
    (date(1989, 1, 7), ("昭和", 64), "昭和64年1月7日"),
    (date(1989, 1, 8), ("平成", 1), "平成元年1月8日"),
    (date(2019, 4, 30), ("平成", 31), "平成31年4月30日"),
    (date(2019, 5, 1), ("令和", 1), "令和元年5月1日"),
    (date(2024, 4, 1), ("令和", 6), "令和6年4月1日"),
]


@pytest.mark.parametrize(("day", "era_year", "text"), TO_WAREKI)
def test_to_wareki_and_format(day, era_year, text):
    assert to_wareki(day) == era_year
    assert format_wareki(day) == text


def test_to_wareki_before_meiji_is_an_error():
    with pytest.raises(WarekiError) as caught:
        to_wareki(date(1868, 1, 24))
    assert caught.value.code == "field.wareki.before_meiji"


ERA_TABLE = [
    ("明治", "M", 1, date(1868, 1, 25), date(1912, 7, 29)),
    ("大正", "T", 2, date(1912, 7, 30), date(1926, 12, 24)),
    ("昭和", "S", 3, date(1926, 12, 25), date(1989, 1, 7)),
    ("平成", "H", 4, date(1989, 1, 8), date(2019, 4, 30)),
    ("令和", "R", 5, date(2019, 5, 1), None),
]


def test_eras_table():
    assert [(e.name, e.letter, e.code, e.start, e.end) for e in ERAS] == ERA_TABLE


FIND_ERA = [
    ("令和", "令和"), ("令", "令和"), ("R", "令和"), ("r", "令和"), ("㋿", "令和"), ("5", "令和"),
    ("㍻", "平成"), ("㍼", "昭和"), ("㍽", "大正"), ("㍾", "明治"), ("明", "明治"), ("T", "大正"),
]


@pytest.mark.parametrize(("key", "name"), FIND_ERA)
def test_find_era(key, name):
    assert find_era(key).name == name


WAREKI_TO_DATE = [  # era circled on paper, 年・月・日 read from separate boxes
    (("令", 6, 4, 1), date(2024, 4, 1)),
    (("平成", 1, 1, 8), date(1989, 1, 8)),
    ((ERAS[2], 64, 1, 7), date(1989, 1, 7)),
]


@pytest.mark.parametrize(("args", "expected"), WAREKI_TO_DATE)
def test_wareki_to_date(args, expected):
    assert wareki_to_date(*args) == expected
