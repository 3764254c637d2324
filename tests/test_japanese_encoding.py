"""Characters a CP932 target cannot store, and substitution tables."""

import pytest

from shared.japanese import DataError, apply_substitutions, check_encodable, unencodable_chars

UNENCODABLE = [
    ("髙橋", "cp932", []),
    ("\ufa11子", "cp932", []),  # 﨑, a compatibility ideograph CP932 holds
    ("山田　太郎", "cp932", []),
    ("\U00020bb7田", "cp932", ["\U00020bb7"]),  # 𠮷
    ("\u525d離", "cp932", ["\u525d"]),  # 剝
    ("\U00020bb7田\u525d\U00020bb7", "cp932", ["\U00020bb7", "\u525d"]),  # in order, once
    ("斎\ue000藤", "cp932", ["\ue000"]),  # 外字, although CP932 maps it to its user area
    ("\uf8ff", "cp932", ["\uf8ff"]),
    ("髙橋", "shift_jis", ["髙"]),
    ("葛\U000e0100", "cp932", ["\U000e0100"]),  # IVS selector
]


@pytest.mark.parametrize(("text", "encoding", "expected"), UNENCODABLE)
def test_unencodable_chars(text, encoding, expected):
    assert unencodable_chars(text, encoding) == expected


def test_check_encodable_counts_without_naming_the_characters():
    check_encodable("髙橋﨑子")
    with pytest.raises(DataError) as caught:
        check_encodable("\U00020bb7田\u525d")
    assert (caught.value.code, caught.value.params) == (
        "field.text.unencodable", {"encoding": "cp932", "count": 2})
    for lang in ("ja", "en"):
        assert "\U00020bb7" not in caught.value.message(lang)


SUBSTITUTIONS = [
    ("\U00020bb7田", {"\U00020bb7": "吉"}, ("吉田", [("\U00020bb7", "吉")])),
    ("\u525d\u525d", {"\u525d": "剥"}, ("剥剥", [("\u525d", "剥")])),
    ("山田", {"\U00020bb7": "吉"}, ("山田", [])),
    ("葛\U000e0100城", {"葛\U000e0100": "葛", "城": "城"}, ("葛城", [("葛\U000e0100", "葛"), ("城", "城")])),
    ("a.b", {".": "-"}, ("a-b", [(".", "-")])),  # keys are literal, not patterns
    ("abc", {}, ("abc", [])),
]


@pytest.mark.parametrize(("text", "table", "expected"), SUBSTITUTIONS)
def test_apply_substitutions(text, table, expected):
    assert apply_substitutions(text, table) == expected
