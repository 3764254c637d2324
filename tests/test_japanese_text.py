"""Width, dashes, white space and kana: per-function tables."""

import pytest

import shared.japanese
from shared.japanese import (
    DASHES,
    collapse_spaces,
    hiragana_to_katakana,
    is_katakana,
    map_dashes_in_digit_runs,
    normalize_katakana,
    to_halfwidth_ascii,
)
from shared.japanese.text import edit_distances, katakana_to_halfwidth, katakana_to_hiragana

HALFWIDTH = [
    ("ＡＢＣ１２３", "ABC123"),
    ("ａｂｃ！～", "abc!~"),
    ("１ー２", "1ー2"),  # only U+FF01–U+FF5E changes
    ("１－２", "1-2"),
    ("ｻﾝﾌﾟﾙ", "ｻﾝﾌﾟﾙ"),  # half-width kana untouched
    ("東京　都", "東京　都"),  # U+3000 untouched
    ("￥１００", "￥100"),  # U+FFE5 is outside the range
]


@pytest.mark.parametrize(("text", "expected"), HALFWIDTH)
def test_to_halfwidth_ascii(text, expected):
    assert to_halfwidth_ascii(text) == expected


DIGIT_DASHES = [
    *((f"1{dash}2", "1-2") for dash in "ー−‐–—―ｰ－"),
    ("１ー２ー３", "１-２-３"),
    ("03ー1234ー5678", "03-1234-5678"),
    ("コーヒー", "コーヒー"),
    ("サンプル館101", "サンプル館101"),
    ("1ーA", "1ーA"),
    ("ー1", "ー1"),
    ("1ー", "1ー"),
]


@pytest.mark.parametrize(("text", "expected"), DIGIT_DASHES)
def test_map_dashes_in_digit_runs(text, expected):
    assert map_dashes_in_digit_runs(text) == expected


def test_dashes_constant_lists_the_spec_characters():
    assert set("ー−‐–—―ｰ－-") == set(DASHES)


SPACES = [
    ("  a   b  ", " ", "a b"),
    ("　山田 　太郎　", "\u3000", "山田\u3000太郎"),
    ("a\tb\nc", "\u3000", "a\u3000b\u3000c"),
    ("", " ", ""),
    ("abc", " ", "abc"),
]


@pytest.mark.parametrize(("text", "sep", "expected"), SPACES)
def test_collapse_spaces(text, sep, expected):
    assert collapse_spaces(text, sep) == expected


KANA = [
    ("やまだ たろう", "ヤマダ タロウ"),
    ("ぁゖゝゞ", "ァヶヽヾ"),
    ("ヤマダ", "ヤマダ"),
    ("山田やまだ", "山田ヤマダ"),
]


@pytest.mark.parametrize(("text", "expected"), KANA)
def test_hiragana_to_katakana(text, expected):
    assert hiragana_to_katakana(text) == expected


KATAKANA = [
    # docs/field-types.md
    ("ヤマダ　タロウ", "ヤマダ\u3000タロウ"),
    ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ\u3000タロウ"),
    ("やまだ たろう", "ヤマダ\u3000タロウ"),
    ("コーヒー", "コーヒー"),
    ("コ－ヒ―", "コーヒー"),
    # every dash-like character after a kana
    *((f"コ{dash}ヒ{dash}", "コーヒー") for dash in "ー−‐–—―ｰ-－"),
    ("ｺｰﾋｰ", "コーヒー"),
    ("こーひー", "コーヒー"),
    ("  ヤマダ    タロウ  ", "ヤマダ\u3000タロウ"),
    ("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "パピプペポ"),
    ("ｷｮｳｺ", "キョウコ"),  # small kana kept as read
    ("ｽﾐｽ･ｼﾞｮﾝ", "スミス・ジョン"),
    ("ヴァイオリン", "ヴァイオリン"),
]


@pytest.mark.parametrize(("text", "expected"), KATAKANA)
def test_normalize_katakana(text, expected):
    assert normalize_katakana(text) == expected


IS_KATAKANA = [
    ("ヤマダ\u3000タロウ", True),
    ("コーヒー", True),
    ("スミス・ジョン", True),
    ("キョウコ", True),
    ("ァヶ", True),  # U+30A1 and U+30F6, the ends of the range
    ("ヷ", False),  # U+30F7, just outside
    ("ヤマダ タロウ", False),  # ASCII space: normalize first
    ("山田", False),
    ("やまだ", False),
    ("ﾔﾏﾀﾞ", False),
    ("ヤマダ1", False),
    ("", False),
]


@pytest.mark.parametrize(("text", "expected"), IS_KATAKANA)
def test_is_katakana(text, expected):
    assert is_katakana(text) is expected


def test_public_api_is_explicit():
    assert sorted(shared.japanese.__all__) == sorted(set(shared.japanese.__all__))
    for name in shared.japanese.__all__:
        assert hasattr(shared.japanese, name), name


@pytest.mark.parametrize(("a", "b", "anywhere", "expected"), [
    ("鴨池", "嶋池新町", False, [2, 2, 1, 2, 3]),  # to each prefix: 嶋池 is one edit away
    ("ヤマダ", "ヤマタ", False, [3, 2, 1, 1]),
    ("サキ", "ヤマサキメイ", True, [2, 2, 2, 1, 0, 1, 2]),  # サキ stands inside at 3..5
])
def test_edit_distances(a, b, anywhere, expected):
    assert edit_distances(a, b, anywhere=anywhere) == expected


@pytest.mark.parametrize(("text", "hiragana", "half"), [
    ("ヤマダ\u3000タロウ", "やまだ\u3000たろう", "ﾔﾏﾀﾞ ﾀﾛｳ"),
    ("パン", "ぱん", "ﾊﾟﾝ"),
    ("コーイチ", "こーいち", "ｺｰｲﾁ"),
    ("山田", "山田", "山田"),
])
def test_katakana_to_hiragana_and_halfwidth(text, hiragana, half):
    assert katakana_to_hiragana(text) == hiragana
    assert katakana_to_halfwidth(text) == half
