"""Field types (docs/field-types.md): one table of (type, raw, expected value) per outcome."""

import re
import string
from datetime import date

import pytest

from shared.fields import FIELD_TYPES, normalize
from shared.messages import CATALOG, t

TYPES = ["text", "name", "katakana", "number", "money", "digits", "date", "wareki_date", "my_number",
         "postal_code", "phone", "address", "choice", "checkbox"]
SEX = ["男", "女"]
ERA_CODES = {"明": "M", "大": "T", "昭": "S", "平": "H", "令": "R"}

OK = [
    # type, raw, options, normalized value
    ("text", "  自由記述\u3000", None, "自由記述"),
    ("text", "a  b", None, "a  b"),
    # name: docs examples; code points kept exactly
    ("name", "山田　太郎", None, "山田\u3000太郎"),
    ("name", "山田 太郎", None, "山田\u3000太郎"),
    ("name", "髙橋 﨑子", None, "髙橋\u3000﨑子"),
    ("name", "𠮷田", None, "𠮷田"),
    ("name", " 山田\t \u3000太郎 ", None, "山田\u3000太郎"),
    ("name", "\u9ad9\u6a4b \ufa11\u5b50", None, "\u9ad9\u6a4b\u3000\ufa11\u5b50"),  # 髙橋 﨑子, no NFKC
    ("name", "\U00020bb7\u7530", None, "\U00020bb7\u7530"),  # 𠮷田
    ("name", "葛\U000e0100城", None, "葛\U000e0100城"),  # IVS kept
    ("name", "ﾔﾏﾀﾞ", None, "ﾔﾏﾀﾞ"),  # a name is not a kana field: nothing folded
    # katakana: docs examples
    ("katakana", "ヤマダ　タロウ", None, "ヤマダ\u3000タロウ"),
    ("katakana", "ﾔﾏﾀﾞ ﾀﾛｳ", None, "ヤマダ\u3000タロウ"),
    ("katakana", "やまだ たろう", None, "ヤマダ\u3000タロウ"),
    ("katakana", "コーヒー", None, "コーヒー"),
    ("katakana", "コ－ヒ―", None, "コーヒー"),
    ("katakana", "ｷｮｳｺ", None, "キョウコ"),  # small kana: ok (confidence is the OCR layer's job)
    ("katakana", "ァィゥェォッャュョヮ", None, "ァィゥェォッャュョヮ"),
    ("katakana", "スミス・ジョン", None, "スミス・ジョン"),
    # number
    ("number", "12", None, 12),
    ("number", "１２", None, 12),
    ("number", "1,234", None, 1234),
    ("number", "１，２３４", None, 1234),
    ("number", "0", None, 0),
    ("number", "-5", None, -5),
    # money
    ("money", "¥1,234", None, 1234),
    ("money", "１２３４円", None, 1234),
    ("money", "￥１，２３４", None, 1234),
    ("money", "¥ 1,234 円", None, 1234),
    ("money", "0円", None, 0),
    # date
    ("date", "2024-04-01", None, date(2024, 4, 1)),
    ("date", "2024/4/1", None, date(2024, 4, 1)),
    ("date", "2024年4月1日", None, date(2024, 4, 1)),
    ("date", "２０２４年４月１日", None, date(2024, 4, 1)),
    # wareki_date: docs examples
    ("wareki_date", "令和6年4月1日", None, date(2024, 4, 1)),
    ("wareki_date", "令和元年5月1日", None, date(2019, 5, 1)),
    ("wareki_date", "R6.4.1", None, date(2024, 4, 1)),
    ("wareki_date", "R06/04/01", None, date(2024, 4, 1)),
    ("wareki_date", "令6.4.1", None, date(2024, 4, 1)),
    ("wareki_date", "㋿6.4.1", None, date(2024, 4, 1)),
    ("wareki_date", "平成２年３月４日", None, date(1990, 3, 4)),
    ("wareki_date", "昭和五十年十月一日", None, date(1975, 10, 1)),
    ("wareki_date", "5060401", None, date(2024, 4, 1)),
    ("wareki_date", "2024-04-01", None, date(2024, 4, 1)),
    ("wareki_date", "2024/4/1", None, date(2024, 4, 1)),
    ("wareki_date", "2024年4月1日", None, date(2024, 4, 1)),
    ("wareki_date", "昭和64年1月7日", None, date(1989, 1, 7)),
    ("wareki_date", "平成4年2月29日", None, date(1992, 2, 29)),
    # my_number
    ("my_number", "123456789018", None, "123456789018"),
    ("my_number", "1234 5678 9018", None, "123456789018"),
    ("my_number", "１２３４５６７８９０１８", None, "123456789018"),
    # postal_code
    ("postal_code", "〒100-0001", None, "1000001"),
    ("postal_code", "1000001", None, "1000001"),
    ("postal_code", "１００ー０００１", None, "1000001"),
    ("postal_code", "〒１００－０００１", None, "1000001"),
    # phone
    ("phone", "03-1234-5678", None, "03-1234-5678"),
    ("phone", "０３ー１２３４ー５６７８", None, "03-1234-5678"),
    ("phone", "09012345678", None, "090-1234-5678"),
    ("phone", "０９０－１２３４－５６７８", None, "090-1234-5678"),
    ("phone", "0466-12-3456", None, "0466-12-3456"),
    # address: docs example
    ("address", "東京都千代田区千代田１ー２ー３　サンプル館101", None,
     "東京都千代田区千代田1-2-3\u3000サンプル館101"),
    ("address", "東京都  千代田区\u3000\u3000千代田１－２－３", None, "東京都\u3000千代田区\u3000千代田1-2-3"),
    ("address", "千代田１丁目２番３号　コーポ１０１", None, "千代田1丁目2番3号\u3000コーポ101"),
    ("address", "髙田馬場１−２", None, "髙田馬場1-2"),
    # choice: option text, or its code
    ("choice", "男", SEX, "男"),
    ("choice", " 女 ", SEX, "女"),
    ("choice", "令", ERA_CODES, "R"),
    ("choice", "はい", {"はい": True, "いいえ": False}, True),
    ("choice", "Ｙｅｓ", ["Yes", "No"], "Yes"),
    # checkbox
    ("checkbox", True, None, True),
    ("checkbox", False, None, False),
    ("checkbox", None, None, False),
    ("checkbox", "☑", None, True),
    ("checkbox", "レ", None, True),
    ("checkbox", "✓", None, True),
    ("checkbox", "■", None, True),
    ("checkbox", "×", None, True),
    ("checkbox", "☐", None, False),
    ("checkbox", "", None, False),
]


@pytest.mark.parametrize(("field_type", "raw", "options", "expected"), OK)
def test_ok(field_type, raw, options, expected):
    result = normalize(field_type, raw, options=options)
    assert (result.status, result.code, result.params) == ("ok", None, {})
    assert result.ok and result.message() is None
    assert result.value == expected and type(result.value) is type(expected)


@pytest.mark.parametrize(("field_type", "raw", "options", "expected"), OK)
def test_original_text_is_kept(field_type, raw, options, expected):
    result = normalize(field_type, raw, options=options)
    if isinstance(raw, str):
        assert result.original == raw
    else:
        assert result.original == ("☑" if raw else "☐")


INVALID = [
    ("digits", "12a4", None, "field.digits.invalid", {}),
    # type, raw, options, code, params
    ("katakana", "山田", None, "field.katakana.invalid", {}),
    ("katakana", "ヤマダ1", None, "field.katakana.invalid", {}),
    ("katakana", "Yamada", None, "field.katakana.invalid", {}),
    ("number", "12.5", None, "field.number.invalid", {}),
    ("number", "十二", None, "field.number.invalid", {}),
    ("number", "1 2", None, "field.number.invalid", {}),
    ("money", "-100円", None, "field.money.invalid", {}),
    ("money", "千円", None, "field.money.invalid", {}),
    ("money", "1.5", None, "field.money.invalid", {}),
    ("date", "令和6年4月1日", None, "field.date.format", {}),
    ("date", "2024-02-30", None, "field.date.impossible", {}),
    ("wareki_date", "平成31年5月1日", None, "field.wareki.out_of_era",
     {"era": "平成", "last": "平成31年4月30日"}),
    ("wareki_date", "昭和64年1月8日", None, "field.wareki.out_of_era",
     {"era": "昭和", "last": "昭和64年1月7日"}),
    ("wareki_date", "令和1年4月30日", None, "field.wareki.before_era_start",
     {"era": "令和", "first": "令和元年5月1日"}),
    ("wareki_date", "明治元年1月24日", None, "field.wareki.before_era_start",
     {"era": "明治", "first": "明治元年1月25日"}),
    ("wareki_date", "1868-01-24", None, "field.wareki.before_meiji", {}),
    ("wareki_date", "令和5年2月29日", None, "field.date.impossible", {}),
    ("wareki_date", "令和6年2月30日", None, "field.date.impossible", {}),
    ("wareki_date", "昨日", None, "field.wareki.format", {}),
    ("my_number", "123456789012", None, "field.my_number.check_digit", {}),
    ("my_number", "12345678901", None, "field.my_number.format", {}),
    ("my_number", "1234567890I8", None, "field.my_number.format", {}),
    ("postal_code", "100-001", None, "field.postal_code.invalid", {}),
    ("phone", "03-1234-567", None, "field.phone.invalid", {}),
    ("phone", "電話なし", None, "field.phone.invalid", {}),
    ("choice", "他", SEX, "field.choice.not_in_options", {"options": "男・女"}),
    ("choice", "男女", SEX, "field.choice.not_in_options", {"options": "男・女"}),
    ("choice", "R", ERA_CODES, "field.choice.not_in_options", {"options": "明・大・昭・平・令"}),
    ("checkbox", "?", None, "field.checkbox.invalid", {}),
]


@pytest.mark.parametrize(("field_type", "raw", "options", "code", "params"), INVALID)
def test_invalid(field_type, raw, options, code, params):
    result = normalize(field_type, raw, options=options)
    assert (result.status, result.value) == ("invalid", None)
    assert (result.code, result.params) == (code, params)
    assert result.original == raw and not result.ok


EMPTY = [None, "", "   ", "\u3000", "\t\n"]
TEXT_TYPES = [name for name in TYPES if name not in ("choice", "checkbox")]


@pytest.mark.parametrize("field_type", TEXT_TYPES + ["choice"])
@pytest.mark.parametrize("raw", EMPTY)
def test_required_empty_is_missing(field_type, raw):
    options = SEX if field_type == "choice" else None
    result = normalize(field_type, raw, required=True, options=options)
    assert (result.status, result.value, result.code) == ("missing", None, "field.required")
    assert result.original == raw


@pytest.mark.parametrize("field_type", TEXT_TYPES + ["choice"])
@pytest.mark.parametrize("raw", EMPTY)
def test_optional_empty_is_ok_none(field_type, raw):
    options = SEX if field_type == "choice" else None
    result = normalize(field_type, raw, options=options)
    assert (result.status, result.value, result.code) == ("ok", None, None)


CHECKBOX_REQUIRED = [
    (True, "ok", True, None, "☑"),
    ("レ", "ok", True, None, "レ"),
    (False, "missing", False, "field.checkbox.required", "☐"),
    (None, "missing", False, "field.checkbox.required", "☐"),
    ("☐", "missing", False, "field.checkbox.required", "☐"),
]


@pytest.mark.parametrize(("raw", "status", "value", "code", "original"), CHECKBOX_REQUIRED)
def test_required_checkbox_must_be_ticked(raw, status, value, code, original):
    result = normalize("checkbox", raw, required=True)
    assert (result.status, result.value) == (status, value)
    assert (result.code, result.original) == (code, original)


def test_required_checkbox_message_says_it_must_be_ticked():
    result = normalize("checkbox", False, required=True)
    assert "チェック" in result.message("ja")
    assert "ticked" in result.message("en")


JSON = [
    ("wareki_date", "令和6年4月1日", "2024-04-01"),
    ("date", "2024/4/1", "2024-04-01"),
    ("number", "1,234", 1234),
    ("checkbox", True, True),
    ("text", "", None),
    ("wareki_date", "平成31年5月1日", None),
]


@pytest.mark.parametrize(("field_type", "raw", "expected"), JSON)
def test_json_value(field_type, raw, expected):
    assert normalize(field_type, raw).json_value() == expected


def test_field_types_table():
    from shared.config.scenario import FIELD_TYPE_NAMES

    assert list(FIELD_TYPES) == TYPES
    assert sorted(FIELD_TYPE_NAMES) == sorted(TYPES)
    assert all(callable(function) for function in FIELD_TYPES.values())


@pytest.mark.parametrize("field_type", TYPES)
def test_field_type_functions_match_normalize(field_type):
    raw = True if field_type == "checkbox" else "令和6年4月1日"
    options = [raw] if field_type == "choice" else None
    expected = normalize(field_type, raw, options=options)
    assert FIELD_TYPES[field_type](raw, options=options) == expected


def test_unknown_field_type_names_it_and_the_known_ones():
    with pytest.raises(KeyError) as caught:
        normalize("zip_code", "1000001")
    assert "zip_code" in str(caught.value)
    assert all(name in str(caught.value) for name in TYPES)


MISUSE = [
    ("choice", "男", None),  # a choice needs its options
    ("choice", "男", "男女"),  # a string is not a list of options
    ("text", "男", SEX),  # options only for choice
    ("text", True, None),  # a bool only for checkbox
    ("checkbox", 1, None),
]


@pytest.mark.parametrize(("field_type", "raw", "options"), MISUSE)
def test_programming_errors_raise_type_error(field_type, raw, options):
    with pytest.raises(TypeError):
        normalize(field_type, raw, options=options)


# --- messages ------------------------------------------------------------------------

FIELD_KEYS = sorted(key for key in CATALOG if key.startswith("field."))
PLACEHOLDER = re.compile(r"{(\w+)}")


@pytest.mark.parametrize("key", FIELD_KEYS)
def test_every_field_message_exists_in_both_languages(key):
    ja, en = CATALOG[key]
    assert ja and en and ja != en
    assert re.search("[ぁ-んァ-ン一-龥]", ja), "Japanese first"
    assert set(PLACEHOLDER.findall(ja)) == set(PLACEHOLDER.findall(en))
    params = {name: "X" for name in PLACEHOLDER.findall(ja)}
    assert t(key, lang="ja", **params) and t(key, lang="en", **params)


@pytest.mark.parametrize(("field_type", "raw", "options", "code", "params"), INVALID)
def test_every_invalid_result_renders_in_both_languages(field_type, raw, options, code, params):
    result = normalize(field_type, raw, options=options)
    assert result.message("ja") == t(code, lang="ja", **params)
    assert result.message("en") == t(code, lang="en", **params)
    assert result.message("ja") != result.message("en")


def test_every_code_the_fields_produce_is_a_field_key():
    produced = {normalize(f, r, options=o).code for f, r, o, _, _ in INVALID}
    produced |= {"field.required", "field.checkbox.required"}
    assert produced <= set(FIELD_KEYS)
    assert set(FIELD_KEYS) - produced <= {"field.text.unencodable"}  # used by check_encodable


MY_NUMBER_FAILURES = [
    "123456789012",
    "１２３４５６７８９０１２",
    "1234 5678 9012",
    "98765432101",
    "9876543210987",
    "0000000000001",
    "12345678901A",
    "12345678901７",
]


@pytest.mark.parametrize("raw", MY_NUMBER_FAILURES)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_my_number_messages_never_contain_a_digit_of_the_input(raw, lang):
    result = normalize("my_number", raw)
    assert result.status == "invalid"
    message = result.message(lang)
    input_digits = {c for c in raw if c.isdigit()} | {c for c in raw if c in string.digits}
    assert not any(d in message for d in input_digits), message
    assert not any(c.isdigit() for c in message), message  # and no digit at all
    assert not any(str(v) in raw for v in result.params.values())


@pytest.mark.parametrize("raw, expected", [
    ("0123456", "0123456"), ("０１２ ３４５６", "0123456"), ("1 2 3 4 5 6 7", "1234567"), ("123ー4567", "1234567"),
])
def test_digits_keep_leading_zeros(raw, expected):
    assert normalize("digits", raw).value == expected


@pytest.mark.parametrize("raw", ["12a4", "一二三"])
def test_digits_refuse_other_characters(raw):
    result = normalize("digits", raw)
    assert (result.status, result.code) == ("invalid", "field.digits.invalid")
