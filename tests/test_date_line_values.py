"""A whole date line read from one box — the printed 令和・年・月・日 with the values between
them, maybe after its printed label — normalizes to the date; the same line with nothing
written in it is an empty field (「必須項目が空欄です」 when required), never a bad date."""

from __future__ import annotations

import datetime

import pytest

from shared.fields import normalize

LINES = [
    # (field type, text read from the box, status, code, value)
    ("wareki_date", "令和 8 年 7 月 16 日", "ok", None, datetime.date(2026, 7, 16)),
    ("wareki_date", "令和\u3000８年\u3000７月\u3000１６日", "ok", None, datetime.date(2026, 7, 16)),
    ("wareki_date", "令和 元 年 5 月 11 日", "ok", None, datetime.date(2019, 5, 11)),
    ("wareki_date", "令和 07 年 02 月 18 日", "ok", None, datetime.date(2025, 2, 18)),
    ("wareki_date", "申請年月日\u3000令和\u30008年\u30007月\u300016日", "ok", None, datetime.date(2026, 7, 16)),
    ("date", "届出日 2024 年 4 月 1 日", "ok", None, datetime.date(2024, 4, 1)),
    ("wareki_date", "令和 年 月 日", "missing", "field.required", None),
    ("wareki_date", "申請日\u3000令和\u3000\u3000年\u3000\u3000月\u3000\u3000日", "missing", "field.required", None),
    ("date", "年 月 日", "missing", "field.required", None),
    ("wareki_date", "令和 8 年 7 月 日", "invalid", "field.wareki.format", None),
    ("wareki_date", "令和 8 年 2 月 30 日", "invalid", "field.date.impossible", None),
    ("wareki_date", "昨日", "invalid", "field.wareki.format", None),
    ("wareki_date", "申請日 昨日", "invalid", "field.wareki.format", None),
    ("wareki_date", "12日令和6年4月1日", "invalid", "field.wareki.format", None),
    ("wareki_date", "昭54.12.2", "ok", None, datetime.date(1979, 12, 2)),
]


@pytest.mark.parametrize("field_type, text, status, code, value", LINES)
def test_a_date_line_normalizes_or_is_empty(field_type, text, status, code, value):
    result = normalize(field_type, text, required=True)
    assert (result.status, result.code, result.value) == (status, code, value)
    assert result.original == text
