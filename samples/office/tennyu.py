"""転入届 as an Excel workbook (one form per file) and 転入届 受付一覧 (a list with 小計・合計
rows), filled with made-up people. Options are ticked in the cell as a resident types them
(「■男　□女」, 「☑国内 ☐国外」, 「レ国内　□国外」, 「□✓国外」); dates are date cells or wareki
text; phones sometimes number cells (the leading 0 lost, as Excel does). Ground truth: the
standard library, openpyxl and the sample value helpers only."""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from pathlib import Path

from samples.procedures import values as V

SHEET = "転入届"
LIST_SHEET = "受付一覧"
RELATIONSHIPS = ("世帯主", "妻", "夫", "子", "母", "父")
ABROAD = ("アメリカ合衆国カリフォルニア州サンノゼ市", "大韓民国ソウル特別市", "オーストラリア連邦シドニー市")
TICK_STYLES = (("■", "□"), ("☑", "☐"), ("レ", "□"), ("✓□", "□"))
FIELDS = ("request_date", "move_date", "name", "kana", "birth_date", "sex", "postal_code", "new_address", "old_address",
          "moved_from", "phone", "householder_name", "relationship", "people", "note", "email")
LIST_TITLES = {
    "request_date": "届出日", "move_date": "転入日", "name": "氏名", "kana": "フリガナ", "birth_date": "生年月日", "sex": "性別",
    "postal_code": "郵便番号", "new_address": "新しい住所", "old_address": "前の住所", "moved_from": "前住所の区分",
    "phone": "電話番号", "householder_name": "世帯主氏名", "relationship": "続柄", "people": "異動人数",
}


def ticked(options: tuple[str, ...], chosen: set[str], style: tuple[str, str]) -> str:
    """「■国内　□国外」: each option after its box, the chosen ones ticked."""
    on, off = style
    return "　".join(f"{on if option in chosen else off}{option}" for option in options)


def record(rng: random.Random, postal: dict[str, str]) -> tuple[dict[str, object], dict[str, object]]:
    """(what is typed into the workbook, the truth) for one resident moving in."""
    home = V.household(rng, postal)
    person = V.adult(rng, family=home.family)
    request = V.rand_date(rng, dt.date(2024, 4, 1), dt.date(2025, 3, 28))
    moved = request - dt.timedelta(days=rng.randint(0, 13))
    name, kana = person.name(rng), person.kana(rng, ("full", "ascii_space", "half", "hiragana"))
    new_address, old_address = V.address(rng, home.town), V.address(rng, rng.choice(sorted(postal.values())))
    phone = V.phone(rng, home.postal)
    postal_code = V.postal_text(home.postal, rng.choice(V.POSTAL_STYLES))
    head = person if rng.random() < 0.6 else V.adult(rng, family=home.family)
    relationship = "世帯主" if head is person else rng.choice(RELATIONSHIPS[1:])
    householder = name if head is person else head.name(rng)
    abroad = rng.random() < 0.2
    place = rng.choice(ABROAD)
    old = V.Written(place, place) if abroad else old_address
    people = rng.randint(1, 4)
    note = rng.choice((None, None, "転入学あり", "国民健康保険 加入手続き済み"))
    typed: dict[str, object] = {
        "request_date": request, "move_date": V.wareki_text(moved, rng, ("kanji", "kanji_fw", "short_dot")).original,
        "name": name.original, "kana": kana.original, "birth_date": person.birth, "sex": person.sex,
        "postal_code": postal_code.original, "new_address": new_address.original, "old_address": old.original,
        "moved_from": "国外" if abroad else "国内", "phone": phone.original, "householder_name": householder.original,
        "relationship": relationship, "people": people, "note": note,
    }
    truth: dict[str, object] = {
        "request_date": request.isoformat(), "move_date": moved.isoformat(), "name": name.value, "kana": kana.value,
        "birth_date": person.birth.isoformat(), "sex": person.sex, "postal_code": home.postal,
        "new_address": new_address.value, "old_address": old.value, "moved_from": typed["moved_from"],
        "phone": phone.value, "householder_name": householder.value, "relationship": relationship, "people": people,
        "note": note, "email": None,
    }
    return typed, truth


def workbook(typed: dict[str, object], rng: random.Random, *, ticks: dict[str, set[str]] | None = None):
    """The 転入届 form: labels in A:B, values in C:H (merged), a hidden 記入例 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    thin = Side(style="thin")

    def put(ref: str, value: object, merge: str | None = None, *, size: int = 11, fmt: str | None = None) -> None:
        ws[ref] = value
        ws[ref].font = Font(name="ＭＳ 明朝", size=size)
        ws[ref].alignment = Alignment(vertical="center")
        if fmt:
            ws[ref].number_format = fmt
        if merge:
            ws.merge_cells(merge)
        for row in ws[merge or f"{ref}:{ref}"]:
            for cell in row:
                cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)

    chosen = ticks or {}
    style = rng.choice(TICK_STYLES)
    put("A1", "転入届（Excel版サンプル様式）", "A1:H1", size=16)
    ws["A2"] = "（あて先）見本市長　　太枠の中を記入し、該当する□を■にしてください。"
    put("A3", "届出年月日", "A3:B3")
    request = typed["request_date"]
    as_cell = rng.random() < 0.5
    assert isinstance(request, dt.date)
    put("C3", dt.datetime(request.year, request.month, request.day) if as_cell else V.write_wareki(request, "kanji"),
        "C3:H3", fmt="yyyy/m/d" if as_cell else None)
    put("A4", "転入した日", "A4:B4")
    put("C4", typed["move_date"], "C4:H4")
    put("A5", "フリガナ", "A5:B5")
    put("C5", typed["kana"], "C5:H5")
    put("A6", "氏名", "A6:B6")
    put("C6", typed["name"], "C6:H6", size=14)
    put("A7", "生年月日", "A7:B7")
    birth = typed["birth_date"]
    assert isinstance(birth, dt.date)
    put("C7", dt.datetime(birth.year, birth.month, birth.day), "C7:E7", fmt='[$-ja-JP-x-gannen]ggge"年"m"月"d"日"')
    put("F7", "性別")
    put("G7", ticked(("男", "女"), chosen.get("sex", {str(typed["sex"])}), style), "G7:H7")
    put("A8", "郵便番号", "A8:B8")
    put("C8", typed["postal_code"], "C8:D8")
    put("E8", "電話番号")
    phone = str(typed["phone"])
    digits = re.sub(r"\D", "", phone)
    as_number = digits.isascii() and digits.startswith("0") and rng.random() < 0.4
    put("F8", int(digits) if as_number else phone, "F8:H8")  # a number cell drops the leading 0
    put("A9", "新しい住所", "A9:B9")
    put("C9", typed["new_address"], "C9:H9")
    put("A10", "前の住所", "A10:B10")
    put("C10", typed["old_address"], "C10:H10")
    put("A11", "前住所の区分", "A11:B11")
    put("C11", ticked(("国内", "国外"), chosen.get("moved_from", {str(typed["moved_from"])}), rng.choice(TICK_STYLES)),
        "C11:H11")
    put("A12", "世帯主氏名", "A12:B12")
    put("C12", typed["householder_name"], "C12:E12")
    put("F12", "続柄")
    put("G12", typed["relationship"], "G12:H12")
    put("A13", "異動する人数", "A13:B13")
    put("C13", typed["people"])
    put("A14", "備考", "A14:B14")
    put("C14", typed["note"], "C14:H14")
    example = wb.create_sheet("記入例")
    example["A1"] = "転入届（記入例）　氏名: 見本　太郎"
    example.sheet_state = "hidden"
    return wb


def forms(out: Path, rng: random.Random, postal: dict[str, str]) -> dict[str, dict]:
    truth: dict[str, dict] = {}
    for n in range(1, 7):
        typed, fields = record(rng, postal)
        name = f"tennyu-excel-{n:03d}.xlsx"
        workbook(typed, rng).save(out / name)
        truth[name] = {"procedure": "tennyu", "status": "valid", "fields": fields}
    for name, ticks, field, problem in (
        ("tennyu-bad-sex-both.xlsx", {"sex": {"男", "女"}}, "sex", "office.ticks_many"),
        ("tennyu-bad-moved-from-none.xlsx", {"moved_from": set()}, "moved_from", "office.ticks_none"),
    ):
        typed, fields = record(rng, postal)
        fields[field] = None  # what a person decides
        workbook(typed, rng, ticks=ticks).save(out / name)
        truth[name] = {"procedure": "tennyu", "status": "flagged", "fields": fields, "problem_field": field,
                       "problem": problem}
    return truth


# --- the list ------------------------------------------------------------------------------------


def _cache_numbers(path: Path, cached: dict[str, int]) -> None:
    """Give formulas a cached result, as Excel does when it saves (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    for cell, value in cached.items():
        sheet, count = re.subn(rf'(<c r="{cell}"[^>]*>)<f>(.*?)</f><v\s*/?>(?:</v>)?(</c>)',
                               rf"\g<1><f>\g<2></f><v>{value}</v>\g<3>", sheet)
        assert count == 1, cell
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def list_book(out: Path, rng: random.Random, postal: dict[str, str]) -> dict[str, dict]:
    """転入届 受付一覧: two counters' groups each closed by a 小計 row, then a 合計 row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = LIST_SHEET
    ws["A1"] = "転入届 受付一覧（窓口受付分）"
    ws["A1"].font = Font(name="ＭＳ 明朝", size=14, bold=True)
    order = ["request_date", "move_date", "name", "kana", "birth_date", "sex", "postal_code", "new_address", "old_address",
             "moved_from", "phone", "householder_name", "relationship", "people"]
    header = 3
    ws.cell(row=header, column=1, value="No.")
    for col, field in enumerate(order, start=2):
        ws.cell(row=header, column=col, value=LIST_TITLES[field]).font = Font(bold=True)
    people_col = f"{chr(ord('A') + len(order))}"
    rows: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    cached: dict[str, int] = {}
    row, number, totals = header + 1, 1, []
    for group in (4, 3):
        first, total = row, 0
        for _ in range(group):
            typed, fields = record(rng, postal)
            ws.cell(row=row, column=1, value=number)
            for col, field in enumerate(order, start=2):
                value = typed[field]
                if field in ("request_date", "birth_date"):
                    assert isinstance(value, dt.date)
                    value = V.write_wareki(value, "kanji")
                ws.cell(row=row, column=col, value=value)
            fields.update(note=None, email=None)
            rows[str(row)] = fields
            total += int(str(typed["people"]))
            row, number = row + 1, number + 1
        ws.cell(row=row, column=1, value="小計")
        ws[f"{people_col}{row}"] = f"=SUM({people_col}{first}:{people_col}{row - 1})"
        cached[f"{people_col}{row}"] = total
        skipped[str(row)] = "小計"
        totals.append(total)
        row += 1
    row += 1  # a blank line before the grand total
    ws.cell(row=row, column=4, value="合　計")  # in the 氏名 column, with a space as people type it
    ws[f"{people_col}{row}"] = sum(totals)
    skipped[str(row)] = "合計"
    name = "一覧-転入-001.xlsx"
    wb.save(out / name)
    _cache_numbers(out / name, cached)
    return {name: {"procedure": "tennyu", "status": "list", "sheet": LIST_SHEET, "rows": rows, "skipped": skipped}}
