"""The postal-code table (KEN_ALL.CSV or JSON) and the check of an address read by OCR
against the town its postal code names (table-driven)."""

from __future__ import annotations

import json

import pytest

from shared.japanese.address import load_postal_table, match_town, split_street
from shared.japanese.errors import DataError

KEN_ALL_ROWS = [
    '01101,"060  ","0600001","ﾎｯｶｲﾄﾞｳ","ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ","ｷﾀ1ｼﾞｮｳﾆｼ","北海道","札幌市中央区","北一条西（１～１９丁目）",1,0,1,0,0,0',
    '13101,"100  ","1000000","ﾄｳｷｮｳﾄ","ﾁﾖﾀﾞｸ","ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ","東京都","千代田区","以下に掲載がない場合",0,0,0,0,0,0',
    '46201,"890  ","8900064","ｶｺﾞｼﾏｹﾝ","ｶｺﾞｼﾏｼ","ｶﾓｲｹｼﾝﾏﾁ","鹿児島県","鹿児島市","鴨池新町",0,0,0,0,0,0',
    '99999,"999  ","9999999","ﾃｽﾄ","ﾃｽﾄ","ｱ","見本県","見本市","東町",0,0,0,0,0,0',
    '99999,"999  ","9999999","ﾃｽﾄ","ﾃｽﾄ","ｲ","見本県","見本市","西町",0,0,0,0,0,0',
]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8"])
def test_ken_all_is_read_in_either_encoding(tmp_path, encoding):
    path = tmp_path / "KEN_ALL.CSV"
    path.write_bytes("\r\n".join(KEN_ALL_ROWS).encode(encoding))
    table = load_postal_table(path)
    assert table == {
        "0600001": "北海道札幌市中央区北一条西",  # the （１～１９丁目） note is not part of the name
        "1000000": "東京都千代田区",  # "no town listed": the city only
        "8900064": "鹿児島県鹿児島市鴨池新町",
        "9999999": "見本県見本市",  # one code, two towns: the part they share
    }


def test_json_table(tmp_path):
    path = tmp_path / "postal.json"
    path.write_text(json.dumps({"1000001": "東京都千代田区千代田"}), encoding="utf-8")
    assert load_postal_table(path) == {"1000001": "東京都千代田区千代田"}


@pytest.mark.parametrize(("name", "content"), [
    ("missing.csv", None),
    ("list.json", b"[1, 2]"),
    ("broken.json", b"{"),
    ("short.csv", b"1,2,3"),
    ("latin.csv", bytes([0x81, 0x20, 0xFF]) * 4),
])
def test_unreadable_tables_say_which_file(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        load_postal_table(path)
    assert caught.value.code == "postal.table_unreadable"
    assert name in caught.value.message("ja")


TOWN = "鹿児島県鹿児島市鴨池新町"
MATCHES = [
    ("鹿児島県鹿児島市鴨池新町1-4-6", "鹿児島県鹿児島市鴨池新町1-4-6", 0),
    ("鹿児島県鹿児島市嶋池新町1-4-6", "鹿児島県鹿児島市鴨池新町1-4-6", 1),  # a misread kanji is corrected
    ("鹿児島県 鹿児島市鴨池新町 1-4-6", "鹿児島県鹿児島市鴨池新町1-4-6", 0),  # spaces inside the town
    ("鹿児島鹿児島市鴨池新町1-4-6", "鹿児島県鹿児島市鴨池新町1-4-6", 1),  # a lost character
]


@pytest.mark.parametrize(("address", "text", "edits"), MATCHES)
def test_town_matches(address, text, edits):
    matched = match_town(address, TOWN)
    assert matched is not None
    assert (matched.text, matched.length, matched.edits) == (text, len(TOWN), edits)


@pytest.mark.parametrize("address", ["大阪府大阪市北区梅田1-1-1", "鹿児島市1-4-6", ""])
def test_another_town_does_not_match(address):
    assert match_town(address, TOWN) is None


STREETS = [
    ("1-4-6", ("1-4-6", "")),
    ("1丁目11番4号メゾン・ド・サンプルA棟305号室", ("1丁目11番4号", "メゾン・ド・サンプルA棟305号室")),
    ("2-25-4 サンプルハイツ 1205号室", ("2-25-4", "サンプルハイツ1205号室")),
    ("3-23-12第2見本荘1205号室", ("3-23-12", "第2見本荘1205号室")),
    ("4-.11-16 コーポ例野101", None),  # a stray mark inside the number
    ("3コー23-12第2見本荘", None),  # a number inside the building: the number did not parse
    ("", None),
]


@pytest.mark.parametrize(("rest", "expected"), STREETS)
def test_street_shapes(rest, expected):
    assert split_street(rest) == expected
