"""Generate the Excel and Word versions of the sample 児童手当 認定請求書, a list workbook
with 50 applicants, a notice template, the deliberately broken files and their ground truth.

Usage::

    python -m samples.office.generate [--out samples/office/files] [--seed 11]

writes ``<out>/*.xlsx|.xlsm|.docx``, ``<out>/truth.json`` and the notice templates
``<out>/notice-template.docx`` (also copied to ``scenarios/jidou-teate-nintei/notice.docx``)
and ``<out>/notice-template-missing.docx`` (lacks a placeholder; ``validate`` refuses it);
and the forms of other procedures in ``<out>/procedures/`` (転入届 workbooks and list,
保育所入所申込書 documents; ``samples.office.tennyu`` and ``samples.office.hoiku``) with their
own ``truth.json``. Output is deterministic for a given seed.

This is ground truth: it imports only the standard library, openpyxl, python-docx,
msoffcrypto-tool and the sample values of ``samples.forms`` and ``samples.procedures`` —
never the project's ``robots``, ``connectors`` or ``shared`` packages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import shutil
import zipfile
from pathlib import Path

from samples.forms.records import Claim, load_postal
from samples.forms.records import make_claim as _make_claim
from samples.office import hoiku, tennyu, word

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "samples" / "office" / "files"
SCENARIO_NOTICE = REPO / "scenarios" / "jidou-teate-nintei" / "notice.docx"
ENCRYPTED_PASSWORD = "sample"
FIELDS = (
    "request_date", "claimant_name", "claimant_kana", "birth_date", "sex", "my_number", "postal_code", "address",
    "phone", "pension", "bank_name", "branch_name", "account_type", "account_number", "account_holder_kana",
    *(f"child{i}_{p}" for i in (1, 2, 3) for p in ("name", "kana", "birth_date")), "consent",
)
LIST_TITLES = {
    "request_date": "請求日", "claimant_name": "請求者氏名", "claimant_kana": "フリガナ", "birth_date": "生年月日",
    "sex": "性別", "my_number": "個人番号", "postal_code": "郵便番号", "address": "住所", "phone": "電話番号",
    "pension": "加入している年金", "bank_name": "金融機関名", "branch_name": "支店名", "account_type": "預金種別",
    "account_number": "口座番号", "account_holder_kana": "口座名義（カナ）",
    **{f"child{i}_{p}": f"児童{i} {t}" for i in (1, 2, 3) for p, t in (("name", "氏名"), ("kana", "フリガナ"), ("birth_date", "生年月日"))},
    "consent": "記載内容の確認",
}
MACRO_BIN = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # stands in for a VBA project; never run


def make_claim(rng: random.Random, postal: dict[str, str]) -> Claim:
    """A claim from ``samples.forms.records``, drawn again while its phone number is not
    one Japan allocates (that generator makes e.g. 011-4xx-xxxx, which phonenumbers
    rightly calls invalid)."""
    import phonenumbers

    while True:
        claim = _make_claim(rng, postal)
        if phonenumbers.is_valid_number(phonenumbers.parse(str(claim.values["phone"]), "JP")):
            return claim


def truth_entry(claim: Claim | None, status: str = "valid", problem: str | None = None,
                problem_field: str | None = None) -> dict:
    return {"status": status, "problem": problem, "problem_field": problem_field,
            "fields": None if claim is None else {f: claim.values.get(f) for f in FIELDS}}


# --- Excel form -----------------------------------------------------------------------------


def _excel_form(claim: Claim, *, date_cell: bool = False, branch_formula: str | None = None,
                sheet_name: str = "認定請求書", extra_sheet: bool = False, merge_over_label: bool = False):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name
    mincho = Font(name="ＭＳ 明朝", size=11)
    thin = Side(style="thin")
    for col, width in zip("ABCDEFGH", (10, 10, 12, 12, 12, 10, 12, 12), strict=False):
        ws.column_dimensions[col].width = width

    def put(ref: str, value: object, merge: str | None = None, bold: bool = False) -> None:
        ws[ref] = value
        ws[ref].font = Font(name="ＭＳ 明朝", size=16 if bold else 11, bold=bold)
        ws[ref].alignment = Alignment(vertical="center", horizontal="center" if bold else "left")
        if merge:
            ws.merge_cells(merge)
        for row in ws[merge or f"{ref}:{ref}"]:
            for cell in row:
                cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)

    w = claim.written
    put("A1", "児童手当　認定請求書", "A1:H1", bold=True)
    ws["A2"] = "（Excel版サンプル様式）　太枠内を記入してください。"
    ws["A2"].font = mincho
    put("A3", "請求日", "A3:B3")
    request = dt.date.fromisoformat(str(claim.values["request_date"]))
    put("C3", dt.datetime(request.year, request.month, request.day) if date_cell else w["request_date"], "C3:H3")
    if date_cell:
        ws["C3"].number_format = "yyyy/m/d"
    put("A4", "フリガナ", "A4:B4")
    put("C4", w["claimant_kana"], "C4:H4")
    if merge_over_label:  # the resident merged the label row into one cell: the label's neighbour is gone
        put("A5", "請求者氏名", "A5:H5")
    else:
        put("A5", "請求者氏名", "A5:B5")
        put("C5", w["claimant_name"], "C5:H5")
    put("A6", "生年月日", "A6:B6")
    put("C6", w["birth_date"], "C6:E6")
    put("F6", "性別")
    put("G6", w["sex"], "G6:H6")
    put("A7", "個人番号", "A7:B7")
    put("C7", w["my_number"], "C7:H7")
    put("A8", "郵便番号", "A8:B8")
    put("C8", w["postal_code"], "C8:D8")
    put("E8", "電話番号")
    put("F8", w["phone"], "F8:H8")
    put("A9", "住所", "A9:B9")
    ws.merge_cells("C9:H9")
    put("A10", w["address"], "A10:H10")
    put("A11", "加入している年金", "A11:B11")
    put("C11", w["pension"], "C11:H11")
    put("A12", "金融機関名", "A12:B12")
    put("C12", w["bank_name"], "C12:E12")
    put("F12", "支店名")
    put("G12", f"={branch_formula}" if branch_formula else w["branch_name"], "G12:H12")
    put("A13", "預金種別", "A13:B13")
    put("C13", w["account_type"])
    put("D13", "口座番号")
    put("E13", w["account_number"], "E13:F13")
    ws["E13"].number_format = "@"
    put("A14", "口座名義（カナ）", "A14:B14")
    put("C14", w["account_holder_kana"], "C14:H14")
    put("A16", "児童の氏名", "A16:B16")
    put("C16", "児童のフリガナ", "C16:E16")
    put("F16", "児童の生年月日", "F16:H16")
    for i in (1, 2, 3):
        row = 16 + i
        put(f"A{row}", w[f"child{i}_name"], f"A{row}:B{row}")
        put(f"C{row}", w[f"child{i}_kana"], f"C{row}:E{row}")
        put(f"F{row}", w[f"child{i}_birth_date"], f"F{row}:H{row}")
    put("A21", "記載内容の確認", "A21:B21")
    put("C21", "レ" if claim.marks.get("consent", "").endswith("レ") else "☑")
    ws.print_area = "A1:H21"
    quoted = f"'{sheet_name}'"
    wb.defined_names["個人番号"] = DefinedName("個人番号", attr_text=f"{quoted}!$C$7")
    wb.defined_names["金融機関名"] = DefinedName("金融機関名", attr_text=f"{quoted}!$C$12")
    if extra_sheet:
        example = wb.create_sheet("記入例")
        example["A1"] = "児童手当　認定請求書（記入例）"
    return wb


def _save(wb, path: Path) -> None:
    wb.save(path)


def _cache_formula(path: Path, cell: str, value: str) -> None:
    """Give the formula at ``cell`` a cached string result, as Excel does when it saves."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    sheet, count = re.subn(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
                           lambda m: f'<c r="{cell}"{m.group(1)} t="str"><f>{m.group(2)}</f><v>{value}</v></c>', sheet)
    assert count == 1, cell
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    _rewrite(path, members)


def _rewrite(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def _stable(path: Path) -> None:
    """Fixed timestamps inside the package, so that generating again changes no byte."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    if "docProps/core.xml" in members:
        core = members["docProps/core.xml"].decode()
        core = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", r"\g<1>2024-01-01T00:00:00Z\g<3>", core)
        members["docProps/core.xml"] = core.encode()
    _rewrite(path, members)


def _make_macro(path: Path) -> None:
    """Turn the .xlsx at ``path`` into a macro-enabled workbook with a VBA part."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    types = members["[Content_Types].xml"].decode()
    types = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                          "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    members["[Content_Types].xml"] = types.encode()
    rels = members["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>')
    members["xl/_rels/workbook.xml.rels"] = rels.encode()
    members["xl/vbaProject.bin"] = MACRO_BIN
    _rewrite(path, members)


def _encrypt(plain: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with plain.open("rb") as source, target.open("wb") as out:
        OOXMLFile(source).encrypt(ENCRYPTED_PASSWORD, out)


def _fake_ole(path: Path) -> None:
    """An old binary Office file (OLE compound file header) under a new-format name."""
    header = bytearray(512)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[24:26], header[26:28], header[28:30], header[30:32] = b"\x3e\x00", b"\x03\x00", b"\xfe\xff", b"\x09\x00"
    path.write_bytes(bytes(header) + b"\0" * 1024)


def excel_forms(out: Path, rng: random.Random, postal: dict[str, str]) -> dict[str, dict]:
    truth: dict[str, dict] = {}
    for n in range(1, 9):
        claim = make_claim(rng, postal)
        name = f"claim-excel-{n:03d}.xlsx"
        wb = _excel_form(claim, date_cell=n % 3 == 1, branch_formula='"' + claim.values["branch_name"][:2] + '"&"'
                         + claim.values["branch_name"][2:] + '"' if n == 4 else None)
        _save(wb, out / name)
        if n == 4:
            _cache_formula(out / name, "G12", str(claim.values["branch_name"]))
        truth[name] = truth_entry(claim)
    claim = make_claim(rng, postal)
    _save(_excel_form(claim), out / "claim-excel-009.xlsm")
    _make_macro(out / "claim-excel-009.xlsm")
    truth["claim-excel-009.xlsm"] = truth_entry(claim)
    claim = make_claim(rng, postal)
    _save(_excel_form(claim, sheet_name="Sheet1"), out / "claim-excel-010-renamed-sheet.xlsx")
    truth["claim-excel-010-renamed-sheet.xlsx"] = truth_entry(claim)

    claim = make_claim(rng, postal)
    plain = out / "_plain.xlsx"
    _save(_excel_form(claim), plain)
    _encrypt(plain, out / "bad-excel-encrypted.xlsx")
    plain.unlink()
    truth["bad-excel-encrypted.xlsx"] = truth_entry(None, "broken", "office.encrypted")
    claim = make_claim(rng, postal)
    _save(_excel_form(claim, branch_formula='"駅前"&"支店"'), out / "bad-excel-formula-no-value.xlsx")
    truth["bad-excel-formula-no-value.xlsx"] = truth_entry(claim, "broken", "xlsx.formula_no_value", "branch_name")
    claim = make_claim(rng, postal)
    _save(_excel_form(claim, sheet_name="コピー", extra_sheet=True), out / "bad-excel-sheet-renamed.xlsx")
    truth["bad-excel-sheet-renamed.xlsx"] = truth_entry(None, "broken", "xlsx.sheet_missing")
    claim = make_claim(rng, postal)
    _save(_excel_form(claim, merge_over_label=True), out / "bad-excel-merged-over-value.xlsx")
    truth["bad-excel-merged-over-value.xlsx"] = truth_entry(claim, "broken", "field.required", "claimant_name")
    _fake_ole(out / "bad-excel-old-xls.xlsx")
    truth["bad-excel-old-xls.xlsx"] = truth_entry(None, "broken", "xlsx.old_format")
    return truth


# --- list workbook -----------------------------------------------------------------------------


def _list_book(claims: list[Claim], header_row: int, order: list[str], sheet: str, titles: dict[str, str]):
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "児童手当 認定請求 申請者一覧（窓口受付分）"
    ws["A1"].font = Font(name="ＭＳ 明朝", size=14, bold=True)
    ws["A2"] = "※ 1行に1人。見出しの名前は変えないでください。"
    for col, field in enumerate(order, start=1):
        cell = ws.cell(row=header_row, column=col, value=titles[field])
        cell.font = Font(name="ＭＳ 明朝", bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    row = header_row + 1
    for index, claim in enumerate(claims):
        if index == 10:
            row += 1  # a blank line people leave between groups
        for col, field in enumerate(order, start=1):
            value = claim.written[field]
            if field == "consent":
                value = "レ" if index % 2 else "☑"
            cell = ws.cell(row=row, column=col, value=value)
            cell.number_format = "@"
        row += 1
    return wb


def list_books(out: Path, rng: random.Random, postal: dict[str, str]) -> dict[str, dict]:
    truth: dict[str, dict] = {}
    order = list(FIELDS)
    claims = [make_claim(rng, postal) for _ in range(50)]
    name = "一覧-001.xlsx"
    _save(_list_book(claims, 4, order, "申請者一覧", LIST_TITLES), out / name)
    rows, row = {}, 5
    for index, claim in enumerate(claims):
        if index == 10:
            row += 1
        rows[str(row)] = {f: claim.values.get(f) for f in FIELDS}
        row += 1
    truth[name] = {"status": "list", "sheet": "申請者一覧", "rows": rows}
    # the header row moved down and the columns reordered: still read by the column titles
    moved = [make_claim(rng, postal) for _ in range(5)]
    shuffled = order[:]
    rng.shuffle(shuffled)
    name = "一覧-002-header-moved.xlsx"
    _save(_list_book(moved, 7, shuffled, "申請者一覧", LIST_TITLES), out / name)
    truth[name] = {"status": "list", "sheet": "申請者一覧",
                   "rows": {str(8 + i): {f: c.values.get(f) for f in FIELDS} for i, c in enumerate(moved)}}
    renamed = dict(LIST_TITLES, claimant_name="氏名")
    name = "一覧-bad-header-renamed.xlsx"
    _save(_list_book(moved[:2], 4, order, "申請者一覧", renamed), out / name)
    truth[name] = {"status": "broken", "problem": "xlsx.header_not_found", "problem_field": None, "fields": None}
    return truth


# --- Word form -----------------------------------------------------------------------------------


def word_forms(out: Path, rng: random.Random, postal: dict[str, str]) -> dict[str, dict]:
    truth: dict[str, dict] = {}
    for n in range(1, 9):
        claim = make_claim(rng, postal)
        name = f"claim-word-{n:03d}.docx"
        word.claim_form(claim, out / name)
        truth[name] = truth_entry(claim)
    claim = make_claim(rng, postal)
    digits = str(claim.values["my_number"])
    claim.written["my_number"] = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    word.claim_form(claim, out / "bad-word-mynumber.docx")
    truth["bad-word-mynumber.docx"] = truth_entry(None, "broken", "field.my_number.check_digit", "my_number")
    _fake_ole(out / "bad-word-really-doc.docx")
    truth["bad-word-really-doc.docx"] = truth_entry(None, "broken", "docx.old_format")
    return truth


def other_procedures(out: Path, seed: int) -> dict[str, dict]:
    """The forms of other procedures (転入届 workbooks and list, 保育所入所申込書 documents) in
    ``out``, with their truth; drawn from their own random stream (the claims above keep theirs)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed * 1000 + 14)
    from samples.procedures.values import load_postal as load_procedure_postal

    postal = load_procedure_postal()
    truth: dict[str, dict] = {}
    truth.update(tennyu.forms(out, rng, postal))
    truth.update(tennyu.list_book(out, rng, postal))
    truth.update(hoiku.forms(out, rng, postal))
    for path in sorted(out.iterdir()):
        if path.suffix in (".xlsx", ".docx"):
            _stable(path)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    postal = load_postal()
    truth: dict[str, dict] = {}
    truth.update(excel_forms(out, rng, postal))
    truth.update(word_forms(out, rng, postal))
    truth.update(list_books(out, rng, postal))
    word.notice_template(out / "notice-template.docx", missing=None)
    word.notice_template(out / "notice-template-missing.docx", missing="claimant_name")
    for path in sorted(out.iterdir()):
        if path.suffix in (".xlsx", ".xlsm", ".docx") and path.name not in ("bad-excel-encrypted.xlsx",) and zipfile.is_zipfile(path):
            _stable(path)
    SCENARIO_NOTICE.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out / "notice-template.docx", SCENARIO_NOTICE)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    others = other_procedures(out / "procedures", args.seed)
    print(f"wrote {len(truth)} files and truth.json to {out}, {len(others)} of other procedures to {out / 'procedures'}")


if __name__ == "__main__":
    main()
