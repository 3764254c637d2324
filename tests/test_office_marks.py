"""Pure pieces of office forms read like paper ones: ticked options in a cell's text, and
which rows of a list are totals rather than applicants (table tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from connectors.office import CellValue, has_marks, read_ticks
from robots.reading.office_list import summary_row, total_label

OPTIONS = ["国内", "国外"]


@pytest.mark.parametrize("text, options, ticked, unticked, missing", [
    ("■国内　□国外", OPTIONS, ["国内"], ["国外"], []),
    ("□国内　■国外", OPTIONS, ["国外"], ["国内"], []),
    ("☑国内 ☐国外", OPTIONS, ["国内"], ["国外"], []),
    ("☐ 国内　☒ 国外", OPTIONS, ["国外"], ["国内"], []),  # Word's checked glyph, a space after the box
    ("レ国内　□国外", OPTIONS, ["国内"], ["国外"], []),  # レ written over the box
    ("ﾚ国内　□国外", OPTIONS, ["国内"], ["国外"], []),  # half-width ﾚ
    ("□✓国外　□国内", OPTIONS, ["国外"], ["国内"], []),  # ✓ next to the box, options in another order
    ("✔□国外　□国内", OPTIONS, ["国外"], ["国内"], []),
    ("■国内　■国外", OPTIONS, ["国内", "国外"], [], []),
    ("□国内　□国外", OPTIONS, [], ["国内", "国外"], []),
    ("■国　内　□国外", OPTIONS, ["国内"], ["国外"], []),  # spaces inside an option
    ("■国内", OPTIONS, ["国内"], [], ["国外"]),  # the other option lost its box (or the template is wrong)
    ("国内", OPTIONS, [], [], ["国内", "国外"]),  # no boxes at all
    ("×国内　□国外", OPTIONS, [], ["国外"], ["国内"]),  # × is not a tick here (it also means "no")
    ("□レンタル　■購入", ["レンタル", "購入"], ["購入"], ["レンタル"], []),  # レ that begins an option
    ("レレンタル　□購入", ["レンタル", "購入"], ["レンタル"], ["購入"], []),
    ("■保育短時間　□保育標準時間", ["保育標準時間", "保育短時間"], ["保育短時間"], ["保育標準時間"], []),
    ("■外国籍　□国外", ["国外", "外国籍"], ["外国籍"], ["国外"], []),  # the longer option wins at a box
    ("（該当に■）□就労　■妊娠・出産", ["就労", "妊娠・出産"], ["妊娠・出産"], ["就労"], []),  # the instruction is not an option
])
def test_ticked_options_in_text(text, options, ticked, unticked, missing):
    ticks = read_ticks(text, options)
    assert (list(ticks.ticked), list(ticks.unticked), list(ticks.missing)) == (ticked, unticked, missing)


@pytest.mark.parametrize("text, expected", [("■国内", True), ("☐", True), ("国内 国外", False), ("○国内", False)])
def test_has_marks(text, expected):
    assert has_marks(text) is expected


@pytest.mark.parametrize("text, word", [
    ("合計", "合計"), ("合　計", "合計"), ("合計：", "合計"), ("小計", "小計"), ("計", "計"), ("計（人）", "計"),
    ("総合計", "総合計"), ("総計", "総計"), ("累計", "累計"), ("合計人数", "合計"), ("ｺﾞｳｹｲ", None),
    ("計画相談支援", None), ("合計3人で転入する予定です（世帯全員）", None), ("会計課", None), ("山田　計", None),
])
def test_total_label(text, word):
    assert total_label(text) == word


def _cells(**values: object) -> dict[str, CellValue]:
    return {title: CellValue("一覧", f"{chr(65 + i)}9", v) for i, (title, v) in enumerate(values.items())}


REQUIRED = ["氏名", "生年月日"]


@pytest.mark.parametrize("texts, cells, expected", [
    (["小計", "5"], _cells(氏名=None, 生年月日=None, 人数=5), ("label", "小計")),  # the label in an unbound No. column
    (["合　計", "12"], _cells(氏名="合　計", 生年月日=None, 人数=12), ("label", "合計")),  # the label in a required column
    ([], _cells(氏名=None, 生年月日=None, 人数=7), ("numbers", "")),  # no label, numbers only
    ([], _cells(氏名=None, 生年月日=None, 人数=7.0), ("numbers", "")),
    # an applicant's row stays a record, even with 合計 in a remark or a required field empty
    (["山田　太郎", "合計"], _cells(氏名="山田　太郎", 生年月日=dt.datetime(1990, 1, 1), 人数=2), None),
    (["山田　太郎", "3"], _cells(氏名="山田　太郎", 生年月日=None, 人数=3), None),
    (["備考だけ"], _cells(氏名=None, 生年月日=None, 人数=None), None),  # nothing counted: flagged as a record
    ([], _cells(氏名=None, 生年月日=None, 人数=True), None),  # a TRUE cell is not a number
])
def test_summary_rows(texts, cells, expected):
    assert summary_row(texts, cells, REQUIRED) == expected


def test_a_formula_row_without_label_is_a_total():
    cells = _cells(氏名=None, 生年月日=None)
    cells["人数"] = CellValue("一覧", "N9", None, formula_without_value=True, formula=True)
    assert summary_row([], cells, REQUIRED) == ("numbers", "")
    assert summary_row([], cells, []) is None  # with no required field, numbers alone decide nothing
