"""Every bad export refused with a Japanese message naming the file and, where there is one,
the element or path: a table of hostile and broken files, each read by the sample scenario's
templates (the pure reader; the batch going on around them is tests/test_online_pipeline.py)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable

import pytest

from robots.demo.runner import REPO
from robots.reading.files import template_for
from robots.reading.online import read_export
from robots.reading.online.archive import MAX_RATIO
from shared.config import load_scenario
from shared.errors import InputFileError

FILES = REPO / "samples" / "online" / "files"
XML = (FILES / "egov-001.xml").read_bytes()
JSON = json.loads((FILES / "api-001.json").read_text(encoding="utf-8"))
CSV = (FILES / "list-001.csv").read_bytes()
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(scope="module")
def loaded():
    return load_scenario(REPO / "scenarios" / "jidou-teate-nintei")


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _json(change: Callable[[dict], None]) -> bytes:
    document = json.loads(json.dumps(JSON))
    change(document)
    return json.dumps(document, ensure_ascii=False).encode()


def _set(pointer: str, value: object) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        *parents, last = pointer.strip("/").split("/")
        node = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    return change


def _with_attachment(name: str, digest: str, members: dict[str, bytes]) -> bytes:
    listed = f"<添付ファイル><ファイル名>{name}</ファイル名><ハッシュ値>{digest}</ハッシュ値></添付ファイル>".encode()
    xml = XML.replace("<添付書類>\n".encode(), "<添付書類>\n".encode() + listed, 1)
    return _zip({"申請.xml": xml, **members})


LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE DataRoot [<!ENTITY a "ha">'
          + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True))
          + ']>\n').encode() + XML.split(b"\n", 1)[1].replace("<受付番号>".encode(), "<受付番号>&i;".encode(), 1)
EXTERNAL = XML.replace(b'?>\n', b'?>\n<!DOCTYPE DataRoot SYSTEM "http://127.0.0.1:9/evil.dtd">\n', 1)
PARAMETER = XML.replace(b'?>\n', b'?>\n<!DOCTYPE DataRoot [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n', 1)
BOMB = _zip({"申請.xml": XML, "添付.pdf": b"\0" * (MAX_RATIO * 1000 + (1 << 17))})
STORED_BIG = _zip({"申請.xml": XML, "scan.tif": bytes(range(256)) * 8192}, zipfile.ZIP_STORED)  # 2 MB, ratio 1
SJIS_XML = XML.decode("utf-8").encode("cp932")
UTF8_AS_SJIS = XML.replace(b'encoding="UTF-8"', b'encoding="Shift_JIS"', 1)

CASES = [
    # name, bytes, message key, words the message must hold besides the file's name
    ("dtd-external.xml", EXTERNAL, "online.xml_dtd", "DOCTYPE"),
    ("dtd-parameter-entity.xml", PARAMETER, "online.xml_dtd", "DOCTYPE"),
    ("billion-laughs.xml", LAUGHS, "online.xml_dtd", "展開爆弾"),
    ("truncated.xml", XML[: XML.index(b"\n", len(XML) // 2)], "online.xml_broken", "行目"),
    ("sjis-declared-utf8.xml", SJIS_XML, "online.encoding_sjis_as_utf8", "Shift_JIS"),
    ("utf8-declared-sjis.xml", UTF8_AS_SJIS, "online.encoding_utf8_as_sjis", "UTF-8"),
    ("unknown-form.xml", XML.replace(b"900A010200001000", b"900A010299999999"), "online.wrong_form", "e:様式ID"),
    ("newer-version.xml", XML.replace("<様式バージョン>1.0".encode(), "<様式バージョン>1.1".encode()),
     "online.version_newer", "e:様式バージョン"),
    ("older-unknown-version.xml", XML.replace("<様式バージョン>1.0".encode(), "<様式バージョン>0.9".encode()),
     "online.version_unknown", "0.9"),
    ("no-receipt.xml", XML.replace("<受付番号>R07-004100</受付番号>".encode(), b""), "online.receipt_missing", "e:受付番号"),
    ("egov-slip.zip", _zip({"../申請.xml": XML}), "online.zip_slip", "../申請.xml"),
    ("egov-absolute.zip", _zip({"/tmp/申請.xml": XML}), "online.zip_slip", "/tmp/申請.xml"),
    ("egov-backslash.zip", _zip({"..\\..\\申請.xml": XML}), "online.zip_slip", "申請.xml"),
    ("egov-bomb.zip", BOMB, "online.zip_bomb", "添付.pdf"),
    ("egov-truncated.zip", _zip({"申請.xml": XML, "a.pdf": PDF})[:-30], "online.zip_broken", "zip"),
    ("egov-not-a-zip.zip", b"PK\x03\x04 this is not a zip", "online.zip_broken", "zip"),
    ("egov-two-exports.zip", _zip({"a.xml": XML, "b.xml": XML}), "online.zip_exports", "2"),
    ("egov-attachment-missing.zip", _with_attachment("住民票.pdf", "0" * 64, {}), "online.attachment_missing", "住民票.pdf"),
    ("egov-attachment-replaced.zip", _with_attachment("住民票.pdf", hashlib.sha256(b"other").hexdigest(),
                                                      {"住民票.pdf": PDF}), "online.attachment_hash", "住民票.pdf"),
    ("truncated.json", json.dumps(JSON, ensure_ascii=False).encode()[:200], "online.json_broken", "行目"),
    ("nan.json", _json(_set("/申請内容/加入年金", "X")).replace(b"\"X\"", b"NaN"), "online.json_broken", "JSON"),
    ("deep.json", b"[" * 5000 + b"]" * 5000, "online.json_broken", "JSON"),
    ("sjis.json", json.dumps(JSON, ensure_ascii=False).encode("cp932"), "online.encoding_sjis_as_utf8", "Shift_JIS"),
    ("other-procedure.json", _json(_set("/手続ID", "KAIGO-0001")), "online.wrong_form", "/手続ID"),
    ("newer.json", _json(_set("/手続バージョン", "2")), "online.version_newer", "/手続バージョン"),
    ("utf8-declared-cp932.csv", CSV.decode("cp932").encode("utf-8"), "online.encoding_utf8_as_sjis", "UTF-8"),
    ("column-missing.csv", CSV.decode("cp932").replace("口座番号", "口座No", 1).encode("cp932"),
     "online.csv_columns_missing", "口座番号"),
    ("header-only.csv", CSV.split(b"\r\n", 1)[0] + b"\r\n", "online.no_records", "1件も"),
]


@pytest.mark.parametrize(("name", "data", "key", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_export_is_refused_naming_the_file(loaded, tmp_path, name, data, key, words):
    path = tmp_path / name
    path.write_bytes(data)
    template = loaded.templates[{".xml": "template-egov-xml.yaml", ".zip": "template-egov-xml.yaml",
                                 ".json": "template-api-json.yaml", ".csv": "template-csv.yaml"}[path.suffix]]
    with pytest.raises(InputFileError) as caught:
        read = read_export(path, template, loaded.scenario.fields, name=name, sha256=hashlib.sha256(data).hexdigest())
        problems = [form.problem for form in read.forms if form.problem is not None]
        if problems:
            raise problems[0]
    error = caught.value
    assert error.key == key
    message = error.message()
    assert message.startswith(f"{name}: ") and words in message, message
    assert "山" not in message and "146541540991" not in message  # no value of the application
    assert error.message(lang="en") != message


FIELD_CASES = [
    ("/申請内容/振込先/口座番号", 1234567, "account_number", "文字列であるべきところが数値"),
    ("/申請者/氏名", {"姓": "見本"}, "claimant_name", "オブジェクト"),
    ("/申請者/個人番号", 146541540991, "my_number", "数値"),
    ("/申請内容/記載内容確認", "はい", "consent", None),
    ("/申請内容/記載内容確認", 1, "consent", "真偽値"),
    ("/申請内容/児童", {"氏名": "x"}, "child1_name", None),
]


@pytest.mark.parametrize(("pointer", "value", "field", "words"), FIELD_CASES)
def test_a_json_value_of_the_wrong_type_fails_that_field_naming_the_path(loaded, tmp_path, pointer, value, field, words):
    data = _json(_set(pointer, value))
    path = tmp_path / "api.json"
    path.write_bytes(data)
    template = loaded.templates["template-api-json.yaml"]
    [form] = read_export(path, template, loaded.scenario.fields, name=path.name,
                         sha256=hashlib.sha256(data).hexdigest()).forms
    problem = form.record.problems[field]
    message = problem.message() or ""
    if words is not None:
        assert words in message and pointer in message, message
    assert str(value) not in message or isinstance(value, int) and value == 1


def test_the_same_receipt_number_twice_in_one_file(loaded, tmp_path):
    rows = CSV.split(b"\r\n")
    data = b"\r\n".join([*rows[:2], rows[1], *rows[2:]])
    path = tmp_path / "twice.csv"
    path.write_bytes(data)
    read = read_export(path, loaded.templates["template-csv.yaml"], loaded.scenario.fields, name=path.name,
                       sha256=hashlib.sha256(data).hexdigest())
    assert [form.problem.key if form.problem else None for form in read.forms] == [None, "online.receipt_twice", None]
    assert len({form.key for form in read.forms}) == 3


def test_a_zip_named_in_cp932_by_windows_is_read(loaded, tmp_path):
    name = "申請書.xml".encode("cp932")  # 申 is 0x90 0x5C: its second byte is a backslash in ASCII
    packed = _zip({"ABCDEF.xml": XML}).replace(b"ABCDEF.xml", name)  # raw CP932 names, no UTF-8 flag
    path = tmp_path / "egov-windows.zip"
    path.write_bytes(packed)
    assert template_for(loaded, path).format == "xml"
    read = read_export(path, loaded.templates["template-egov-xml.yaml"], loaded.scenario.fields, name=path.name, sha256="0" * 64)
    assert read.forms[0].record.ok and read.forms[0].receipt == "R07-004100"


def test_a_big_stored_member_is_not_a_bomb(loaded, tmp_path):
    path = tmp_path / "egov-stored.zip"
    path.write_bytes(STORED_BIG)
    read = read_export(path, loaded.templates["template-egov-xml.yaml"], loaded.scenario.fields, name=path.name,
                       sha256="0" * 64)
    assert read.forms[0].record.ok
