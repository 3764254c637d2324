"""Child paths walked over the children select what XPath selects; other paths are left to XPath."""

import pytest
from lxml import etree

from robots.reading.online.child_path import compile_child_path

NS = (("e", "urn:e"), ("f", "urn:f"))
DOCUMENT = etree.fromstring("""<e:R xmlns:e="urn:e" xmlns:f="urn:f">
  <e:人><e:氏名>山田 太郎</e:氏名><e:氏名>二つ目</e:氏名></e:人>
  <e:児童一覧>
    <e:児童 番号="1"><e:氏名>一</e:氏名></e:児童>
    <e:児童 番号="2"><e:氏名>二</e:氏名><f:氏名>別の名前空間</f:氏名></e:児童>
    <e:児童><e:氏名>番号なし</e:氏名></e:児童>
    <e:児童 番号=""><e:氏名>空の番号</e:氏名></e:児童>
  </e:児童一覧>
  <plain><v>名前空間なし</v></plain>
  <e:plain><v>外</v></e:plain>
</e:R>""")

AGREES = [
    "e:人/e:氏名",
    "./e:人/e:氏名",
    "e:児童一覧/e:児童",
    "e:児童一覧/e:児童/e:氏名",
    "e:児童一覧/e:児童[@番号='1']/e:氏名",
    'e:児童一覧/e:児童[@番号="2"]/e:氏名',
    "e:児童一覧/e:児童[@番号='']/e:氏名",
    "e:児童一覧/e:児童[@番号 = '3']/e:氏名",
    "e:児童一覧/e:児童/f:氏名",
    "plain/v",
    "e:plain/v",
    "e:無い/e:氏名",
    "e:人",
]

LEFT_TO_XPATH = [
    "//e:氏名",
    "e:人/e:氏名[1]",
    "e:人/e:氏名/text()",
    "e:児童一覧/e:児童/@番号",
    "e:人/*",
    "e:人/",
    "/e:R/e:人",
    "g:人/g:氏名",  # an unknown prefix: XPath reports it
    "string(e:人)",
    "e:児童一覧/e:児童[@番号='1' and @x]",
    "",
]


@pytest.mark.parametrize("path", AGREES)
def test_child_path_selects_what_xpath_selects(path):
    walk = compile_child_path(path, NS)
    assert walk is not None
    expected = etree.XPath(path, namespaces=dict(NS))(DOCUMENT)
    assert walk(DOCUMENT) == expected


@pytest.mark.parametrize("path", LEFT_TO_XPATH)
def test_other_paths_are_left_to_xpath(path):
    assert compile_child_path(path, NS) is None
