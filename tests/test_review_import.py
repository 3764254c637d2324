"""review import on a real SQLite ledger and a real sheet: a blank correction keeps the
value the robot kept (never the text in the sheet's other columns read again), a typed one
is checked like a value read from a form, and the public copy and key hash follow."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import SCENARIO_DIR

from robots.reading.review_sheet import CORRECT_COLUMN, ReviewRow, import_review_sheet, write_review_sheet
from shared.audit import open_audited_ledger
from shared.config import load_scenario
from shared.errors import BusinessError
from shared.identity import key_hash
from shared.ledger import State

KEY = b"k" * 32
STORED = {"claimant_name": "髙橋　蓮", "sex": "女", "bank_name": "見本銀行", "my_number": "123456789018",
          "consent": True, "request_date": "2024-11-03"}


@pytest.fixture
def scenario():
    return load_scenario(SCENARIO_DIR).scenario


def _item_for_review(ledger, scenario):
    item = ledger.add(scenario.id, "scan-002.tif", "0" * 64, "run-1")
    public = {k: v for k, v in STORED.items() if not scenario.fields[k].mask}
    ledger.update(item.id, values=dict(STORED), public=public,
                  key_hash=key_hash(KEY, scenario.id, scenario.key, STORED))
    return ledger.transition(item.id, State.NEEDS_REVIEW, reason_key="item.needs_review", reason_params={})


def _sheet(tmp_path, item_id, rows):
    """A sheet as the robot writes it; ``rows`` are (field, text in the "value read"
    column, correction typed)."""
    path = write_review_sheet(tmp_path / "確認シート.xlsx",
                              [ReviewRow(item_id, field, "scan-002.tif", field, read, "理由", None)
                               for field, read, _ in rows])
    book = openpyxl.load_workbook(path)
    for index, (_, _, correction) in enumerate(rows, start=2):
        book.active.cell(index, CORRECT_COLUMN).value = correction
    book.save(path)
    return path


@pytest.mark.parametrize(("rows", "values", "counts"), [
    # blank: the stored (mended) value stays, whatever text the sheet shows beside it
    ([("claimant_name", "高橋 夢", None)], {"claimant_name": "髙橋　蓮"}, (1, 0, 0)),
    ([("claimant_name", "髙橋　蓮", "  ")], {"claimant_name": "髙橋　蓮"}, (1, 0, 0)),
    # typed: normalized like a reading (half-width space, full-width digits, wareki)
    ([("claimant_name", "高橋 夢", "髙橋 蓮")], {"claimant_name": "髙橋　蓮"}, (1, 0, 1)),
    ([("request_date", "2024-11-03", "令和６年１１月４日")], {"request_date": "2024-11-04"}, (1, 0, 1)),
    ([("sex", "女", "男")], {"sex": "男"}, (1, 0, 1)),
    ([("consent", "✓", "☐")], {}, (0, 1, 0)),  # a required box typed unticked: still doubtful, value kept
    ([("consent", "✓", "レ")], {"consent": True}, (1, 0, 1)),
    # a typed value that fails its check keeps the item in review
    ([("my_number", "123456789018", "123456789012")], {"my_number": "123456789018"}, (0, 1, 0)),
    ([("my_number", "", "234567890121")], {"my_number": "234567890121"}, (1, 0, 1)),
])
def test_import_keeps_or_checks_each_value(tmp_path, scenario, rows, values, counts):
    with open_audited_ledger(tmp_path / "ledger.sqlite3", "test") as (ledger, audit):
        item = _item_for_review(ledger, scenario)
        result = import_review_sheet(_sheet(tmp_path, item.id, rows), scenario, ledger, audit, "確認担当", item_key=KEY)
        after = ledger.get(item.id)
    assert (result["released"], result["still"], result["corrected"]) == counts
    assert after.state == (State.NEW if counts[0] else State.NEEDS_REVIEW)
    expected = {**STORED, **values}
    assert after.values == expected
    assert after.public == {k: v for k, v in expected.items() if not scenario.fields[k].mask}
    assert after.key_hash == key_hash(KEY, scenario.id, scenario.key, expected)  # key field corrected: hash follows


def test_a_choice_may_be_typed_as_the_code_the_sheet_shows(tmp_path, scenario):
    from shared.config.scenario import FieldSpec

    coded = scenario.model_copy(deep=True)
    coded.fields["sex"] = FieldSpec(label="性別", type="choice", options={"男": "1", "女": "2"}, required=True)
    with open_audited_ledger(tmp_path / "ledger.sqlite3", "test") as (ledger, audit):
        item = _item_for_review(ledger, coded)
        import_review_sheet(_sheet(tmp_path, item.id, [("sex", "2", "1")]), coded, ledger, audit, "確認担当")
        assert ledger.get(item.id).values["sex"] == "1"


def test_a_sheet_of_another_scenario_is_refused(tmp_path, scenario):
    with open_audited_ledger(tmp_path / "ledger.sqlite3", "test") as (ledger, audit):
        item = _item_for_review(ledger, scenario)
        with pytest.raises(BusinessError) as caught:
            import_review_sheet(_sheet(tmp_path, item.id, [("no_such_field", "x", "y")]), scenario, ledger, audit, "a")
    assert caught.value.key == "review.unknown_field" and "no_such_field" in caught.value.message("ja")
