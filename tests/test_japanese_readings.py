"""Furigana against the kanji of a name, from KANJIDIC2 readings (table-driven)."""

from __future__ import annotations

import pytest

from shared.japanese.readings import kanji_readings, reading_fits, repair_furigana

FITS = [
    ("山田\u3000太郎", "ヤマダ\u3000タロウ"),     # rendaku: 田 タ → ダ
    ("雛形\u3000紬", "ヒナガタ\u3000ツムギ"),     # rendaku, and a kun reading as a noun
    ("試川\u3000浩一", "タメシカワ\u3000コーイチ"),  # ため.す → タメシ; ー for ウ
    ("見本 優里", "みほん ゆうり"),              # み.る → ミ; hiragana; ASCII spaces
    ("東雲\u3000結菜", "シノノメ\u3000ユイナ"),   # nanori しの + のめ; ゆ.う → ユイ
    ("一郎", "イチロウ"),
    ("日立", "ヒタチ"),
    ("佐々木\u3000花子", "ササキ\u3000ハナコ"),   # 々 repeats 佐
    ("一茶", "イッサ"),                           # sokuon at a join
    ("大野\u3000さくら", "オオノ\u3000サクラ"),   # kana in the name stands for itself
    ("剝野\u3000冬馬", "ハギノ\u3000トウマ"),     # は.ぐ → ハギ
    ("髙橋\u3000陽翔", "タカハシ\u3000ハルト"),   # 髙 read as 高; 翔 ト, a modern name reading
]

DOES_NOT_FIT = [
    ("雛形\u3000細", "ヒナガタ\u3000ツムギ"),     # OCR's 細 for 紬
    ("泉空\u3000由美", "カクウ\u3000ユミ"),        # 泉 for 架
    ("例野\u3000夢", "レイノ\u3000レン"),          # 夢 for 蓮
    ("陽閉", "ハルト"),                            # 閉 と.じる: a one-kana stem is not a reading
    ("緑丘\u3000太郎", "ミトリオカ\u3000タロウ"),  # ド read as ト
    ("星見\u3000樹", "ホシミイツキ"),              # the space between the parts was lost
    ("見本\u3000京子", "ミホン\u3000キヨウコ"),     # small ョ read as large
    ("", "ヤマダ"),
    ("山田", ""),
    ("寿限無寿限無五劫の擦り切れ", "ジュゲムジュゲムゴコウノスリキレ"),  # longer than any name
]


@pytest.mark.parametrize(("name", "kana"), FITS)
def test_readings_that_fit(name, kana):
    assert reading_fits(name, kana)


@pytest.mark.parametrize(("name", "kana"), DOES_NOT_FIT)
def test_readings_that_do_not_fit(name, kana):
    assert not reading_fits(name, kana)


def test_the_table_covers_the_joyo_and_name_kanji():
    table = kanji_readings()
    assert len(table) > 12000
    assert {"ツムギ", "ツムグ"} <= table["紬"]
    assert "ト" not in table["閉"] and "トジ" in table["閉"]
    assert table["髙"] == table["高"]


REPAIRS = [
    # (name, furigana as OCR read it, marks may be lost unseen, mended spelling or None)
    ("緑丘\u3000太郎", "ミト\u3000リオカ\u3000タロウ", True, "ミドリオカ\u3000タロウ"),  # ﾄﾞ read as ト and a space
    ("星見\u3000紬", "ホシミ\u3000ツムキ", False, "ホシミ\u3000ツムギ"),
    ("見本\u3000京子", "ミホン\u3000キヨウコ", False, "ミホン\u3000キョウコ"),
    ("髙橋\u3000樹", "タカハシイツキ", False, "タカハシ\u3000イツキ"),  # the lost space is put back
    ("山田\u3000太郎", "ヤマタ\u3000タロウ", False, "ヤマタ\u3000タロウ"),  # as read: it fits
    ("山田\u3000太郎", "ヤマタ\u3000タロウ", True, None),  # ヤマタ or ヤマダ: cannot tell
    ("山﨑\u3000大輔", "ヤマサキ\u3000タ\u3000イスケ", True, None),
    ("雛形\u3000細", "ヒナガタ\u3000ツムギ", False, None),  # the name is misread: nothing fits
]


@pytest.mark.parametrize(("name", "kana", "doubtful", "expected"), REPAIRS)
def test_repairs(name, kana, doubtful, expected):
    assert repair_furigana(name, kana, marks_doubtful=doubtful) == expected
