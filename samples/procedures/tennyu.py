"""転入届: a ruled table with each label in the cell left of its value cell; 男・女 circled; the
届出年月日 written between the printed 令和・年・月・日; two moving people with 世帯主との続柄."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "転入届"
X0, N1, L1, X1 = 50.0, 68.0, 150.0, 545.0  # table left, number column, label column, right
MID, MID_L = 330.0, 410.0  # second label/value pair on a row
RELATIONSHIPS_HEAD = ("世帯主",)
RELATIONSHIPS = ("妻", "夫", "子", "長男", "長女", "二男", "二女", "母", "父")


def _inset(b: list[float], d: float = 2.0) -> list[float]:
    return box(b[0] + d, b[1] + d, b[2] - d, b[3] - d)


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 72, 20, "center")
    s.text("（サンプル様式）", PAGE_WIDTH / 2, 90, 9, "center")
    s.text("（あて先）見本市長", X0, 116, 10)
    s.date_line("request_date", "届出年月日", 338, 116, required=True)

    def pair(top: float, bottom: float, label: str, name: str, type_: str, *, size: float = 11.0,
             right: tuple[str, str, str] | None = None, required: bool = False, left: float = X0) -> None:
        xs = [left, L1, MID, MID_L, X1] if right else [left, L1, X1]
        cells = s.cells(top, bottom, xs)
        s.label_in(label, cells[0])
        s.text_field(name, label, type_, _inset(cells[1]), "next_cell", size=size, required=required)
        if right:
            rlabel, rname, rtype = right
            s.label_in(rlabel, cells[2])
            s.text_field(rname, rlabel, rtype, _inset(cells[3]), "next_cell")

    pair(128, 158, "転入した日", "move_date", "wareki_date", right=("電話番号", "phone", "phone"), required=True)
    # 郵便番号: a printed 〒 at the start of the value cell
    cells = s.cells(158, 186, [X0, L1, MID, MID_L, X1])
    s.label_in("郵便番号", cells[0])
    mark_right = s.text("〒", cells[1][0] + 6, 158 + 14 + 3.8, 10)
    s.text_field("postal_code", "郵便番号", "postal_code", box(mark_right + 2, 160, MID - 2, 184), "next_cell",
                 required=True)
    s.label_in("世帯主氏名", cells[2])
    s.text_field("householder_name", "世帯主氏名", "name", _inset(cells[3]), "next_cell", size=12, required=True)
    pair(186, 224, "新しい住所", "new_address", "address", required=True)
    pair(224, 262, "前の住所", "old_address", "address", required=True)

    # the moving people: one block of three rows each, numbered in a narrow first column
    s.cells(272, 292, [X0, X1])
    s.text("異動した人", X0 + 8, 286, 10)
    s.text("（世帯主との続柄は、世帯主から見た続柄を記入してください）", 140, 286, 8)
    top = 292.0
    for i in (1, 2):
        block = [top, top + 26, top + 60, top + 90]
        s.rect(X0, block[0], N1, block[3])
        s.text(str(i), (X0 + N1) / 2, (block[0] + block[3]) / 2 + 4, 11, "center")
        c = s.cells(block[0], block[1], [N1, L1, X1])
        s.label_in("フリガナ", c[0])
        s.text_field(f"person{i}_kana", "フリガナ", "katakana", _inset(c[1]), "next_cell", size=10.5, required=i == 1)
        c = s.cells(block[1], block[2], [N1, L1, MID, MID_L, X1])
        s.label_in("氏名", c[0])
        s.text_field(f"person{i}_name", "氏名", "name", _inset(c[1]), "next_cell", size=14, required=i == 1)
        s.label_in("性別", c[2])
        mid = (block[1] + block[2]) / 2
        s.circled_field(f"person{i}_sex", "性別", ("男", "女"), c[3][0] + 30, mid + 4.2, position="next_cell",
                        required=i == 1, limit=[c[3][0] + 2, block[1] + 1.5, c[3][2] - 2, block[2] - 1.5])
        c = s.cells(block[2], block[3], [N1, L1, MID, MID_L + 30, X1])
        s.label_in("生年月日", c[0])
        s.text_field(f"person{i}_birth_date", "生年月日", "wareki_date", _inset(c[1]), "next_cell", required=i == 1)
        s.label_in("世帯主との続柄", c[2], 9.5)
        s.text_field(f"person{i}_relationship", "世帯主との続柄", "text", _inset(c[3]), "next_cell", required=i == 1)
        top = block[3]
    s.checkbox_field("keep_card", "マイナンバーカードを引き続き利用します（継続利用の手続き）", X0 + 4, top + 30)


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    old = V.household(rng, postal)
    moved = date(2019, 5, 1) if index == 0 else V.rand_date(rng, date(2024, 4, 1), date(2025, 11, 28))
    filed = moved + timedelta(days=rng.randint(0, 13))
    head = V.adult(rng, date(1955, 1, 1), date(1998, 12, 31), family=home.family)
    out: dict[str, V.Fill] = {
        "request_date": V.date_line(filed, rng),
        "move_date": V.wareki_text(moved, rng),
        "phone": V.phone(rng, home.postal),
        "postal_code": V.postal_text(home.postal, rng.choice(("dash", "plain", "fw_dash", "fw_choon"))),
        "householder_name": head.name(rng),
        "new_address": V.address(rng, home.town),
        "old_address": V.address(rng, old.town),
        "keep_card": V.tick(rng, rng.random() < 0.6),
    }
    people = [(head, "世帯主")]
    if index % 3 != 2:  # two people move together on most forms
        if rng.random() < 0.5:
            spouse = V.adult(rng, date(1955, 1, 1), date(1998, 12, 31), family=home.family,
                             sex="女" if head.sex == "男" else "男")
            people.append((spouse, "妻" if spouse.sex == "女" else "夫"))
        else:
            kid = V.child(rng, home.family, head.birth + timedelta(days=365 * 20), moved - timedelta(days=30))
            people.append((kid, "長男" if kid.sex == "男" else "長女"))
    for i, (p, relation) in enumerate(people, start=1):
        out[f"person{i}_kana"] = p.kana(rng)
        out[f"person{i}_name"] = p.name(rng)
        out[f"person{i}_sex"] = V.circle(rng, p.sex)
        out[f"person{i}_birth_date"] = V.wareki_text(p.birth, rng)
        out[f"person{i}_relationship"] = V.Written(relation, relation)
    if index == 0:  # 令和元年: 元 in the date line and in the move date
        out["request_date"] = V.DateParts(filed.isoformat(), "令和", "元", str(filed.month), str(filed.day))
        out["move_date"] = V.Written(moved.isoformat(), "令和元年5月1日")
    return out


PROCEDURE = Procedure(
    id="tennyu",
    title=TITLE,
    group="tuning",
    layouts=("ruled table, label cell left of value cell (next_cell)", "男・女 circled",
             "date line 届出年月日 令和□年□月□日", "checkbox"),
    draw=draw,
    fill=fill,
)
