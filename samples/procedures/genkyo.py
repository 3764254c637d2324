"""児童扶養手当 現況届: two columns side by side, each block headed by a vertical title (縦書き);
inside a cell the label is printed small in its top-left corner and the value is written
below it in the same cell; an 8-digit 受給者番号 and the 個人番号 in マス目; はい・いいえ circled;
tick boxes for the 支給要件; a declaration checkbox; amounts."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "児童扶養手当 現況届"
LEFT = (50.0, 68.0, 290.0)  # block left, end of the vertical heading strip, block right
RIGHT = (305.0, 323.0, 545.0)
LABEL_SIZE = 7.5
REQUIREMENTS = ("父母が婚姻を解消", "父又は母が死亡", "父又は母が重度の障害", "父又は母の生死が不明", "婚姻によらない出生")


def _block(s: Sheet, title: str, col: tuple[float, float, float], top: float, bottom: float) -> None:
    s.rect(col[0], top, col[2], bottom, 1.1)
    s.rect(col[0], top, col[1], bottom, 1.1)
    s.vtext(title, (col[0] + col[1]) / 2, top, bottom, 10)


def _cell(s: Sheet, label: str, x0: float, top: float, x1: float, bottom: float) -> list[float]:
    """A cell with its label in the top-left corner; returns the value area below the label."""
    s.rect(x0, top, x1, bottom, 0.6)
    s.text(label, x0 + 3, top + 9, LABEL_SIZE)
    return box(x0 + 2, top + 11, x1 - 2, bottom - 2)


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 62, 17, "center")
    s.text("（令和7年・サンプル様式）", PAGE_WIDTH / 2, 80, 9, "center")
    s.text("受給者番号", 50, 113, 10)
    s.digits_field("recipient_number", "受給者番号", "digits", 108, 98, 8, w=18, h=22, size=12, required=True)
    s.text("提出日", 350, 113, 10)
    s.line(385, 117, 545, 117, 0.6)
    s.text_field("submit_date", "提出日", "date", box(385, 98, 545, 116.5), "underline", required=True)

    # left column: the recipient
    top, bottom = 132.0, 470.0
    _block(s, "受給者", LEFT, top, bottom)
    x0, x1 = LEFT[1], LEFT[2]
    rows = (("kana", "フリガナ", "katakana", 32.0, 10.5), ("name", "氏名", "name", 40.0, 14.0),
            ("birth_date", "生年月日", "wareki_date", 32.0, 11.0))
    t = top
    for name, label, type_, row_h, size in rows:
        s.text_field(name, label, type_, _cell(s, label, x0, t, x1, t + row_h), "below", size=size, required=True)
        t += row_h
    s.rect(x0, t, x1, t + 44, 0.6)
    s.text("個人番号", x0 + 3, t + 9, LABEL_SIZE)
    s.digits_field("my_number", "個人番号", "my_number", x0 + 7, t + 14, 12, w=17, h=24, size=11.5,
                   position="below", required=True, thick_every=4)
    t += 44
    s.text_field("postal_code", "郵便番号", "postal_code", _cell(s, "郵便番号", x0, t, x1, t + 30), "below",
                 required=True)
    t += 30
    s.text_field("address", "住所", "address", _cell(s, "住所", x0, t, x1, t + 52), "below", size=10,
                 required=True)
    t += 52
    s.text_field("phone", "電話番号", "phone", _cell(s, "電話番号", x0, t, x1, t + 30), "below")
    t += 30
    s.text_field("occupation", "職業", "text", _cell(s, "職業", x0, t, x1, bottom), "below")

    # right column: the children, then income and child support
    top2, bottom2 = 132.0, 300.0
    _block(s, "対象児童", RIGHT, top2, bottom2)
    x0, xm, x1 = RIGHT[1], 440.0, RIGHT[2]
    h = (bottom2 - top2) / 3
    for i in (1, 2, 3):
        t = top2 + (i - 1) * h
        s.text_field(f"child{i}_name", "氏名", "name", _cell(s, "氏名", x0, t, xm, t + h), "below", size=12,
                     required=i == 1)
        s.text_field(f"child{i}_birth_date", "生年月日", "wareki_date", _cell(s, "生年月日", xm, t, x1, t + h),
                     "below", size=10.5, required=i == 1)
    top3 = 312.0
    _block(s, "所得・養育費", RIGHT, top3, bottom)
    t = top3
    s.text_field("income", "前年の所得額", "money", _cell(s, "前年の所得額", x0, t, x1, t + 40), "below",
                 required=True)
    t += 40
    a = _cell(s, "養育費を受け取っていますか", x0, t, x1, t + 40)
    s.circled_field("support", "養育費を受け取っていますか", ("はい", "いいえ"), 370, a[1] + 17.5, position="below",
                    required=True, limit=a)
    t += 40
    s.text_field("support_amount", "養育費の月額", "money", _cell(s, "養育費の月額", x0, t, x1, t + 36), "below")
    t += 36
    s.text_field("household_size", "同居している人数", "number", _cell(s, "同居している人数", x0, t, x1, bottom),
                 "below")

    # below both columns: the requirement and the declaration
    s.rect(50, 484, 545, 540, 0.8)
    s.text("支給要件（該当する□に印を付けてください）", 56, 497, 9)
    at = [(60, 516), (190, 516), (310, 516), (60, 533), (190, 533)]
    s.ticked_field("requirement", "支給要件", REQUIREMENTS, at, size=9.5, position="below", required=True)
    s.checkbox_field("declaration", "上記の記載内容に相違ありません。", 52, 566, required=True)


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    me = V.adult(rng, date(1975, 1, 1), date(2001, 12, 31), family=home.family, sex="女" if rng.random() < 0.85 else "男")
    submitted = V.rand_date(rng, date(2025, 8, 1), date(2025, 8, 29))
    n = 1 + index % 3
    taken: set[str] = set()
    earliest = max(me.birth + timedelta(days=365 * 19), date(2007, 4, 2))
    out: dict[str, V.Fill] = {
        "recipient_number": V.digit_row(rng, 8),
        "submit_date": V.western_text(submitted, rng),
        "kana": me.kana(rng),
        "name": me.name(rng),
        "birth_date": V.wareki_text(me.birth, rng),
        "my_number": V.my_number(rng, rng.random() < 0.2),
        "postal_code": V.postal_text(home.postal, rng.choice(V.POSTAL_STYLES)),
        "address": V.address(rng, home.town),
        "phone": V.phone(rng, home.postal),
        "income": V.money(rng, rng.choice((1200000, 985000, 1560000, 432000, 2043000))),
        "requirement": V.tick(rng, REQUIREMENTS[index % len(REQUIREMENTS)]),
        "declaration": V.tick(rng, True),
    }
    if rng.random() < 0.7:
        out["occupation"] = V.Written(o := rng.choice(("会社員", "パート", "自営業", "介護職員", "無職")), o)
    for i in range(1, n + 1):
        family = home.family if rng.random() < 0.8 else rng.choice(V.SURNAMES)
        kid = V.child(rng, family, earliest, date(2024, 12, 31), taken)
        out[f"child{i}_name"] = kid.name(rng)
        out[f"child{i}_birth_date"] = V.wareki_text(kid.birth, rng)
    receives = rng.random() < 0.5
    out["support"] = V.circle(rng, "はい" if receives else "いいえ")
    if receives:
        out["support_amount"] = V.money(rng, rng.choice((20000, 35000, 50000, 15000)))
    out["household_size"] = V.number(rng, 1 + n + rng.choice((0, 0, 1, 2)))
    return out


PROCEDURE = Procedure(
    id="genkyo",
    title=TITLE,
    group="held_out",
    layouts=("two columns with vertical (縦書き) block headings", "label in a cell's top-left corner, value below it",
             "8-digit 受給者番号 and 12-digit 個人番号 in マス目", "はい・いいえ circled", "tick boxes □", "checkbox",
             "amounts"),
    draw=draw,
    fill=fill,
)
