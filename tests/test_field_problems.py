"""Messages that help: an invalid field says what was read (never a personal value in the
stored reason), whether the writing or the template is the likely cause, and a value that
was read but could not be parsed never says the applicant left it blank."""

from __future__ import annotations

import pytest

from robots.reading.problems import Cause, field_problem, likely_cause, printed_words, sheet_reason
from shared.config.scenario import FieldSpec
from shared.fields import FieldValue, normalize
from shared.messages import Msg

PRINTED = printed_words(["個人番号", "請求者氏名", "金融機関名", "児童手当", "性別", "日"])


@pytest.mark.parametrize(("field_type", "value", "expected"), [
    # a value of the right shape that fails a check: the writing
    ("my_number", normalize("my_number", "123456789012"), Cause("writing")),
    ("wareki_date", normalize("wareki_date", "平成31年5月1日"), Cause("writing")),
    ("wareki_date", normalize("wareki_date", "令和6年2月30日"), Cause("writing")),
    ("text", normalize("text", "", required=True), Cause("writing", blank=True)),  # really blank
    ("checkbox", normalize("checkbox", None, required=True), Cause("writing", blank=True)),
    ("katakana", normalize("katakana", "山田 太郎"), Cause("writing")),  # kanji in the furigana box
    # printed words inside the box: the template
    ("my_number", normalize("my_number", "個人番号 1234 5678 9018"), Cause("template", printed="個人番号")),
    ("text", normalize("wareki_date", "金融機関名 見本銀行"), Cause("template", printed="金融機関名")),
    ("phone", normalize("phone", "電話 03-1234-5678"), Cause("template")),  # kanji in a box for digits
    ("my_number", normalize("my_number", "1234567890180901"), Cause("template", digits=(12, 16))),
    ("postal_code", normalize("postal_code", "100-00012"), Cause("template", digits=(7, 8))),
    ("text", FieldValue(None, None, "missing", "pdf.anchor_not_found", {"label": "氏名", "page": 1}), Cause("template")),
    ("text", FieldValue(None, None, "missing", "office.field_at", {"where": "A1", "reason": Msg("office.label_not_found")}),
     Cause("template")),
    # nothing points either way: the crop decides
    ("wareki_date", normalize("wareki_date", "令和ろく年"), None),
    ("name", FieldValue("高橋", "高橋", "needs_review", "scan.variant_kanji", {"chars": "高"}), None),
    ("my_number", normalize("my_number", "12345"), None),  # too few digits: not written, or not all read
])
def test_likely_cause(field_type, value, expected):
    assert likely_cause(field_type, value, PRINTED) == expected


def test_printed_words_drop_spaces_and_single_characters():
    assert printed_words(["請求者 氏名", "日", "児童手当"]) == ("請求者氏名", "児童手当")


BANK = FieldSpec(label="金融機関名", type="text", required=True)
NUMBER = FieldSpec(label="個人番号", type="my_number", required=True, mask=True)
DATE = FieldSpec(label="請求日", type="wareki_date", required=True)


@pytest.mark.parametrize(("spec", "raw", "shown", "hidden"), [
    (DATE, "令和ろく年四月", ["「請求日」", "読み取った文字:「令和ろく年四月」", "日付として読めません"], ["考えられる原因"]),
    (DATE, "平成31年5月1日", ["読み取った文字:「平成31年5月1日」", "考えられる原因: 用紙の記入"], []),
    (NUMBER, "123456789012", ["「個人番号」", "チェックデジット", "考えられる原因: 用紙の記入"], ["123456789012", "読み取った"]),
    (NUMBER, "個人番号123456789018", ["印刷の文字「個人番号」"], ["123456789018", "読み取った"]),
    (BANK, "見本銀行 123456789018", ["[個人番号]"], ["123456789018"]),  # a My Number in another box is scrubbed
])
def test_the_stored_reason_shows_what_was_read_except_personal_values(spec, raw, shown, hidden):
    value = normalize(spec.type, raw, required=spec.required)
    if value.ok:  # a text field takes anything: make it fail as a check between fields would
        value = FieldValue(raw, raw, "needs_review", "scan.low_confidence", {"percent": 50})
    text = field_problem(spec, value, PRINTED).render("ja")
    for part in shown:
        assert part in text, (part, text)
    for part in hidden:
        assert part not in text, (part, text)
    assert field_problem(spec, value, PRINTED).render("en") != text


def test_the_review_sheet_shows_the_raw_text_of_every_field():
    value = normalize("my_number", "123456789012")
    text = sheet_reason(NUMBER, value, PRINTED)
    assert "読み取った文字:「123456789012」" in text and "チェックデジット" in text and "「個人番号」" not in text
    blank = sheet_reason(NUMBER, normalize("my_number", None, required=True))
    assert "読み取れた文字はありません" in blank and "記入漏れ" in blank and "読めています" not in blank


def test_a_required_zone_with_ink_but_no_text_is_not_called_blank():
    """A scan zone with ink from which OCR gets no text (letters in a box for digits, a
    scribble) goes to a person with its own reason, not 「必須項目が空欄です」."""
    import numpy as np

    from robots.reading.scan.reader import _read_field
    from shared.config.template import FieldBinding

    class NothingRead:  # an engine that finds no text in the ink
        def recognize(self, image, **_):
            from connectors.ocr import OcrResult

            return OcrResult("", 0.0, (), ())

    import cv2

    page = np.full((400, 1200), 255, np.uint8)
    cv2.putText(page, "ABC", (120, 200), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 8)  # writing inside the zone
    binding = FieldBinding(page=1, box=(10.0, 10.0, 200.0, 60.0))
    blank = np.full_like(page, 255)
    reading = _read_field(page, blank, binding, NUMBER, NothingRead())
    assert reading.value.status == "needs_review" and reading.value.code == "scan.ink_unread"
    assert "空欄" not in reading.value.message("ja")
    empty = _read_field(blank, blank, binding, NUMBER, NothingRead())  # no ink: really blank
    assert empty.value.status == "missing" and empty.value.code == "field.required"
