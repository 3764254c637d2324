"""Generate modelled exports of online 児童手当 認定請求 applications (as an application-management
system receiving them from マイナポータル would write them), the deliberately bad ones, and their
ground truth.

Usage::

    python -m samples.online.generate [--out samples/online/files] [--seed 19]

Honest about what it is: we have no official export file. The XML follows the public shape of
e-Gov's 申請書XML (``DataRoot``, 様式ID, 様式バージョン, dates split into 年号/年/月/日,
attachments referenced by file name); the JSON follows the shape of an API's application-detail
response (受付番号, 申請日時, 申請者, 手続ID, 添付ファイル); the CSV is a list export in Shift_JIS
(CP932). Element names, ids and the namespace are made up (``urn:example:...``).

This is ground truth: it imports only the standard library and ``samples.forms`` (the claims and the
PDF form generator that fills the attached 認定請求書) —
never the project's ``robots``, ``connectors`` or ``shared`` packages.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from samples.forms.generate import write_form
from samples.forms.records import Claim, load_postal, make_claim, wareki

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "samples" / "online" / "files"
NAMESPACE = "urn:example:jichitai-rpa:egov-model:jidou-teate"
FORM_ID = "900A010200001000"  # 様式ID (modelled)
PROCEDURE_ID = "JT-NINTEI-0001"  # 手続ID (modelled)
VERSION = "1.0"
ATTACHMENT = "本人確認書類.pdf"
CLAIM_FORM = "認定請求書.pdf"  # the filled claim form attached to a zip: read by the scenario's PDF template


def _pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII), written by hand: the attachment of a zip."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def claim_form(claim: Claim, seed: int = 0) -> bytes:
    """The claim filled in on the sample 認定請求書 (the samples' own PDF form generator)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claim.pdf"
        write_form(path, claim, random.Random(seed))
        return path.read_bytes()


def _era_parts(iso: str) -> dict[str, str]:
    d = date.fromisoformat(iso)
    (name, *_), year = wareki(d)
    return {"年号": name, "年": str(year), "月": str(d.month), "日": str(d.day)}


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date_xml(tag: str, iso: str | None, indent: str) -> str:
    if iso is None:
        return ""
    parts = "".join(f"<{k}>{v}</{k}>" for k, v in _era_parts(iso).items())
    return f"{indent}<{tag}>{parts}</{tag}>\n"


def egov_xml(values: dict, receipt: str, *, attachments: dict[str, bytes] | None = None, form_id: str = FORM_ID,
             version: str = VERSION, encoding: str = "UTF-8", account: bool = True) -> str:
    """The XML of one application (e-Gov 申請書XML shape, modelled); ``account=False`` leaves
    out the bank account (振込先口座), which the attached claim form then gives."""
    v = values
    children = ""
    for i in (1, 2, 3):
        if v[f"child{i}_name"] is None:
            continue
        children += (f"    <児童 番号=\"{i}\">\n      <氏名>{_esc(v[f'child{i}_name'])}</氏名>\n"
                     f"      <フリガナ>{_esc(v[f'child{i}_kana'])}</フリガナ>\n"
                     + _date_xml("生年月日", v[f"child{i}_birth_date"], "      ") + "    </児童>\n")
    listed = "".join(f"    <添付ファイル><ファイル名>{_esc(n)}</ファイル名><ハッシュ値>{hashlib.sha256(d).hexdigest()}"
                     f"</ハッシュ値></添付ファイル>\n" for n, d in (attachments or {}).items())
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<DataRoot xmlns="{NAMESPACE}">\n'
            f"  <様式ID>{form_id}</様式ID>\n  <様式バージョン>{version}</様式バージョン>\n  <受付番号>{receipt}</受付番号>\n"
            + _date_xml("申請年月日", v["request_date"], "  ")
            + f"  <請求者>\n    <氏名>{_esc(v['claimant_name'])}</氏名>\n    <フリガナ>{_esc(v['claimant_kana'])}</フリガナ>\n"
            + _date_xml("生年月日", v["birth_date"], "    ")
            + f"    <性別>{v['sex']}</性別>\n    <個人番号>{v['my_number']}</個人番号>\n"
              f"    <郵便番号>{v['postal_code']}</郵便番号>\n    <住所>{_esc(v['address'])}</住所>\n"
              f"    <電話番号>{v['phone']}</電話番号>\n    <加入年金>{v['pension']}</加入年金>\n  </請求者>\n"
            + (f"  <振込先口座>\n    <金融機関名>{_esc(v['bank_name'])}</金融機関名>\n    <支店名>{_esc(v['branch_name'])}</支店名>\n"
               f"    <預金種別>{v['account_type']}</預金種別>\n    <口座番号>{v['account_number']}</口座番号>\n"
               f"    <口座名義カナ>{_esc(v['account_holder_kana'])}</口座名義カナ>\n  </振込先口座>\n" if account else "")
            + f"  <児童一覧>\n{children}  </児童一覧>\n  <記載内容確認>{'true' if v['consent'] else 'false'}</記載内容確認>\n"
              f"  <添付書類>\n{listed}  </添付書類>\n</DataRoot>\n")


def api_json(values: dict, receipt: str, *, attachments: dict[str, bytes] | None = None,
             procedure_id: str = PROCEDURE_ID, version: str = VERSION) -> dict:
    """The application-detail response of one application (an API's shape, modelled)."""
    v = values
    children = [{"氏名": v[f"child{i}_name"], "フリガナ": v[f"child{i}_kana"], "生年月日": v[f"child{i}_birth_date"]}
                for i in (1, 2, 3) if v[f"child{i}_name"] is not None]
    return {
        "受付番号": receipt, "手続ID": procedure_id, "手続バージョン": version,
        "申請日時": f"{v['request_date']}T10:{int(receipt[-2:]) % 60:02d}:00+09:00",
        "申請者": {"氏名": v["claimant_name"], "氏名フリガナ": v["claimant_kana"], "生年月日": v["birth_date"],
                 "性別": v["sex"], "個人番号": v["my_number"], "郵便番号": v["postal_code"], "住所": v["address"],
                 "電話番号": v["phone"]},
        "申請内容": {"加入年金": v["pension"], "児童": children, "記載内容確認": v["consent"],
                 "振込先": {"金融機関名": v["bank_name"], "支店名": v["branch_name"], "預金種別": v["account_type"],
                         "口座番号": v["account_number"], "口座名義カナ": v["account_holder_kana"]}},
        "添付ファイル": [{"ファイル名": n, "SHA256": hashlib.sha256(d).hexdigest()} for n, d in (attachments or {}).items()],
    }


ACCOUNT_FIELDS = ["bank_name", "branch_name", "account_type", "account_number", "account_holder_kana"]
CSV_COLUMNS = ["受付番号", "手続ID", "申請日", "氏名", "フリガナ", "生年月日_年号", "生年月日_年", "生年月日_月", "生年月日_日",
               "性別", "個人番号", "郵便番号", "住所", "電話番号", "加入年金", "金融機関名", "支店名", "預金種別", "口座番号",
               "口座名義カナ", "児童1氏名", "児童1フリガナ", "児童1生年月日", "児童2氏名", "児童2フリガナ", "児童2生年月日",
               "児童3氏名", "児童3フリガナ", "児童3生年月日", "記載内容確認"]


def csv_row(values: dict, receipt: str) -> list[str]:
    v = values
    birth = _era_parts(v["birth_date"])
    row = [receipt, PROCEDURE_ID, v["request_date"].replace("-", "/"), v["claimant_name"], v["claimant_kana"],
           birth["年号"], birth["年"], birth["月"], birth["日"], v["sex"], v["my_number"], v["postal_code"],
           v["address"], v["phone"], v["pension"], v["bank_name"], v["branch_name"], v["account_type"],
           v["account_number"], v["account_holder_kana"]]
    for i in (1, 2, 3):
        row += [v[f"child{i}_name"] or "", v[f"child{i}_kana"] or "", v[f"child{i}_birth_date"] or ""]
    return [*row, "1" if v["consent"] else "0"]


def _csv(rows: list[list[str]], encoding: str = "cp932") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():  # a fixed time: the same seed gives the same bytes
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 4, 1, 9, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _claims(rng: random.Random, count: int) -> list[Claim]:
    postal = load_postal()
    claims: list[Claim] = []
    numbers: set[str] = set()
    while len(claims) < count:
        claim = make_claim(rng, postal)
        if claim.values["my_number"] not in numbers:  # one claim per person
            numbers.add(claim.values["my_number"])
            claims.append(claim)
    return claims


def _bad_files(good: dict, receipt: str) -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, the message key the reader must give)."""
    xml = egov_xml(good, receipt)
    body = xml.split("\n", 1)[1]
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    attachment = _pdf("attachment")
    slip = _zip({"../../outside.xml": xml.encode("utf-8")})
    bomb = _zip({"申請.xml": xml.encode("utf-8"), "添付.pdf": b"\0" * 30_000_000})
    whole = _zip({"申請.xml": egov_xml(good, receipt, attachments={ATTACHMENT: attachment}).encode(), ATTACHMENT: attachment})
    wrong_type = api_json(good, receipt)
    wrong_type["申請内容"]["振込先"]["口座番号"] = int(good["account_number"])
    return {
        "bad-egov-dtd-external.xml": (xml.replace("?>\n", '?>\n<!DOCTYPE DataRoot [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', 1)
                                      .replace("<受付番号>", "<受付番号>&x;", 1).encode(), "online.xml_dtd"),
        "bad-egov-billion-laughs.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE DataRoot [<!ENTITY l0 "lol">{laughs}]>\n'
                                        .encode() + body.replace("<受付番号>", "<受付番号>&l9;", 1).encode(), "online.xml_dtd"),
        "egov-bad-zip-slip.zip": (slip, "online.zip_slip"),
        "egov-bad-zip-bomb.zip": (bomb, "online.zip_bomb"),
        "egov-bad-truncated.zip": (whole[: len(whole) // 2], "online.zip_broken"),
        "bad-egov-unknown-form.xml": (egov_xml(good, receipt, form_id="900A010200009999").encode(), "online.wrong_form"),
        "bad-egov-newer-version.xml": (egov_xml(good, receipt, version="2.0").encode(), "online.version_newer"),
        "bad-egov-sjis-declared-utf8.xml": (xml.encode("cp932"), "online.encoding_sjis_as_utf8"),
        "bad-egov-utf8-declared-sjis.xml": (egov_xml(good, receipt, encoding="Shift_JIS").encode("utf-8"),
                                            "online.encoding_utf8_as_sjis"),
        "bad-api-wrong-type.json": (json.dumps(wrong_type, ensure_ascii=False, indent=1).encode(), "online.wrong_type"),
        "bad-list-utf8-declared-cp932.csv": (_csv([csv_row(good, receipt)], "utf-8"), "online.encoding_utf8_as_sjis"),
    }


def generate(out: Path, seed: int = 19) -> dict[str, dict]:
    """Write the exports and ``truth.json`` into ``out``; returns the truth."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    drawn = _claims(rng, 9)
    claims = [dict(claim.values) for claim in drawn]
    truth: dict[str, dict] = {}
    receipts = [f"R07-{4100 + n:06d}" for n in range(len(claims))]

    def write(name: str, data: bytes, entry: dict) -> None:
        (out / name).write_bytes(data)
        truth[name] = entry

    for n in range(2):
        write(f"egov-{n + 1:03d}.xml", egov_xml(claims[n], receipts[n]).encode("utf-8"),
              {"status": "valid", "records": {receipts[n]: claims[n]}})
    # the bank account is not in the XML: it comes from the attached, filled claim form (read as a PDF form)
    attachment = claim_form(drawn[2], seed)
    write("egov-003.zip", _zip({"申請書.xml": egov_xml(claims[2], receipts[2], attachments={CLAIM_FORM: attachment},
                                                      account=False).encode(), CLAIM_FORM: attachment}),
          {"status": "valid", "records": {receipts[2]: claims[2]}, "attachments": {receipts[2]: [CLAIM_FORM]},
           "read_from_attachment": ACCOUNT_FIELDS})
    for n in (3, 4):
        write(f"api-{n - 2:03d}.json", json.dumps(api_json(claims[n], receipts[n]), ensure_ascii=False, indent=1).encode(),
              {"status": "valid", "records": {receipts[n]: claims[n]}})
    attachment = claim_form(drawn[5], seed)
    write("api-003.zip", _zip({"detail.json": json.dumps(api_json(claims[5], receipts[5], attachments={CLAIM_FORM: attachment}),
                                                          ensure_ascii=False).encode(), CLAIM_FORM: attachment}),
          {"status": "valid", "records": {receipts[5]: claims[5]}, "attachments": {receipts[5]: [CLAIM_FORM]}})
    write("list-001.csv", _csv([csv_row(claims[n], receipts[n]) for n in (6, 7)]),
          {"status": "valid", "records": {receipts[n]: claims[n] for n in (6, 7)}})
    # the same 受付番号 twice: in one file (the second row refused), and in a second file (refused)
    write("list-002-receipt-twice.csv", _csv([csv_row(claims[8], receipts[8]), csv_row(claims[8], receipts[8])]),
          {"status": "valid", "records": {receipts[8]: claims[8]}, "refused": ["online.receipt_twice"]})
    write("egov-004-receipt-again.xml", egov_xml(claims[0], receipts[0]).replace("<様式バージョン>1.0", "<様式バージョン>1.0", 1)
          .encode("utf-8") + b"<!-- resent -->\n", {"status": "refused", "problem": "online.receipt_seen"})
    for name, (data, problem) in _bad_files(claims[0], "R07-009999").items():
        write(name, data, {"status": "refused", "problem": problem})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    generate(args.out, args.seed)


if __name__ == "__main__":
    main()
