"""住民票の写し等交付請求書: the request date line at the top left; the person at the counter in
a ruled table (label cell left of the value cell) with 「印」 printed at the end of the name
cell and the birth date as 明・大・昭・平・令 circled + 年・月・日 boxes inside its cell; the person
the certificate is for, each label printed above an underline; what is wanted as □ tick
options, 世帯全員・一部 circled, a number of copies before a printed 通, two checkboxes; the
use with 「その他（　　）」 written inside printed parentheses; printed notes with numbers and
times in a frame, a 受付印 square and a 市役所処理欄 table with its own □ (none of them fields).

Written from the form kinds of other municipalities, following samples/procedures/base.py and
sheet.py, as a fresh layout for benchmarks/template_new.py (its author had read the authoring
code's layout rules, but nothing was changed for this form before it was first measured)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "住民票の写し等交付請求書"
X0, LABEL_X1, X1 = 50.0, 150.0, 545.0
LABEL_SIZE = 10.0
RELATIONS = ("本人", "同一世帯", "代理人")
DOCUMENTS = ("住民票の写し", "住民票記載事項証明書", "除票の写し")
SCOPES = ("世帯全員", "一部")
PURPOSES = ("年金", "就職", "不動産登記", "その他")
OTHER_USES = ("自動車登録", "パスポート申請", "相続手続", "学校提出")


def _inset(b: list[float], d: float = 2.0) -> list[float]:
    return box(b[0] + d, b[1] + d, b[2] - d, b[3] - d)


def _row(s: Sheet, top: float, bottom: float, label: str) -> list[float]:
    """A table row: the label cell and the value cell right of it; returns the value cell."""
    cells = s.cells(top, bottom, [X0, LABEL_X1, X1])
    s.label_in(label, cells[0], LABEL_SIZE)
    return cells[1]


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 64, 18, "center")
    s.text("（サンプル様式）", PAGE_WIDTH / 2, 80, 9, "center")
    # a 受付印 square at the top right: the office stamps it
    s.text("受付印", 500, 44, 8, "center")
    s.rect(470, 48, 530, 104, 0.6)
    s.text("（あて先）見本市長", X0, 104, LABEL_SIZE)
    s.date_line("request_date", "請求日", X0, 126, required=True)

    s.text("■ 窓口に来た方（請求者）", X0, 152, 10.5)
    cell = _row(s, 160, 190, "住所")
    s.text_field("address", "住所", "address", _inset(cell), "next_cell", required=True)
    cell = _row(s, 190, 210, "フリガナ")
    s.text_field("kana", "フリガナ", "katakana", _inset(cell), "next_cell", size=9.5)
    cell = _row(s, 210, 240, "氏名")
    s.text(" 印", X1 - 22, 230, LABEL_SIZE)  # the seal mark printed at the end of the name cell
    s.text_field("name", "氏名", "name", box(cell[0] + 2, cell[1] + 2, X1 - 30, cell[3] - 2), "next_cell", size=13,
                 required=True)
    cell = _row(s, 240, 272, "生年月日")
    s.era_date("birth_date", "生年月日", cell[0] + 10, 244, V.ERA_OPTIONS, required=True, position="next_cell")
    cell = _row(s, 272, 298, "電話番号")
    s.text_field("phone", "電話番号", "phone", box(cell[0] + 2, cell[1] + 2, 330, cell[3] - 2), "next_cell",
                 required=True)
    cell = _row(s, 298, 324, "必要な方との関係")
    s.circled_field("relation", "必要な方との関係", RELATIONS, cell[0] + 16, 315, size=10.5, position="next_cell",
                    required=True, limit=[cell[0] + 2, cell[1] + 1.5, cell[2] - 2, cell[3] - 1.5])

    s.text("■ 必要な方（請求者と異なるときに記入してください）", X0, 350, 10.5)
    for name, label, x0, x1 in (("target_name", "必要な方の氏名", X0 + 10, 290), ("householder", "世帯主の氏名", 310, X1)):
        s.text(label, x0, 368, 9)
        s.line(x0, 394, x1, 394)
        s.text_field(name, label, "name", box(x0, 372, x1, 393), "below", size=12)

    s.text("■ 必要なもの（該当する□に印を付けてください）", X0, 420, 10.5)
    s.ticked_field("document", "必要なもの", DOCUMENTS, [(X0 + 10, 442), (190, 442), (360, 442)], required=True)
    s.text("範囲", X0 + 10, 466, LABEL_SIZE)
    s.circled_field("scope", "範囲", SCOPES, X0 + 50, 466, size=10.5, required=True)
    s.text("通数", 300, 466, LABEL_SIZE)
    s.line(330, 469, 380, 469)
    s.text("通", 384, 466, LABEL_SIZE)
    s.text_field("copies", "通数", "number", box(330, 451, 380, 468), "underline", size=11, required=True)
    s.checkbox_field("with_domicile", "本籍・筆頭者の記載を希望する", X0 + 10, 490)
    s.checkbox_field("with_my_number", "個人番号の記載を希望する", 300, 490)

    s.text("■ 使いみち", X0, 518, 10.5)
    s.ticked_field("purpose", "使いみち", PURPOSES, [(X0 + 10, 538), (130, 538), (200, 538), (300, 538)],
                   required=True)
    s.text("（", 358, 538, LABEL_SIZE)
    s.text("）", 530, 538, LABEL_SIZE)
    s.text_field("purpose_other", "その他の使いみち", "text", box(370, 526, 528, 542), "right", size=10)

    # printed notes in a frame: numbers, times and fees that are not fields
    s.rect(X0, 556, X1, 620, 0.6)
    s.text("注意事項", X0 + 8, 570, 9.5)
    s.text("・手数料は1通300円です。本人確認書類（運転免許証・マイナンバーカード等）をお持ちください。", X0 + 8, 586, 8.5)
    s.text("・代理人が請求するときは委任状が必要です。受付時間は平日8時30分から17時15分までです。", X0 + 8, 600, 8.5)
    s.text("・個人番号の記載された住民票の写しは、ご本人または同一世帯の方にのみ交付します。", X0 + 8, 614, 8.5)

    # the office's own table: never filled in by the applicant
    s.text("市役所処理欄", X0, 640, 9)
    cells = s.cells(646, 674, [X0, 120, 360, 420, 480, X1], 0.6)
    s.label_in("本人確認", cells[0], 9)
    for what, step in (("免許証", 0), ("個人番号カード", 60), ("その他", 150)):
        x = cells[1][0] + 6 + step
        s.rect(x, 655, x + 9, 664, 0.5)
        s.text(what, x + 12, 663.5, 8)
    s.label_in("受付者", cells[2], 9)
    s.label_in("交付数", cells[4], 9)


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    person = V.adult(rng, date(1935, 1, 1), date(2004, 12, 31), family=home.family)
    requested = V.rand_date(rng, date(2024, 4, 1), date(2025, 11, 28))
    relation = RELATIONS[index % len(RELATIONS)] if index < len(RELATIONS) else rng.choice(RELATIONS)
    document = rng.choice(DOCUMENTS)
    purpose = PURPOSES[-1] if index % 4 == 1 else rng.choice(PURPOSES)
    out: dict[str, V.Fill] = {
        "request_date": V.date_line(requested, rng),
        "address": V.address(rng, home.town),
        "kana": person.kana(rng),
        "name": person.name(rng),
        "birth_date": V.era_boxes(person.birth, rng),
        "phone": V.phone(rng, home.postal),
        "relation": V.circle(rng, relation),
        "document": V.tick(rng, document),
        "scope": V.circle(rng, rng.choice(SCOPES)),
        "copies": V.number(rng, rng.randint(1, 3)),
        "with_domicile": V.tick(rng, rng.random() < 0.4),
        "with_my_number": V.tick(rng, rng.random() < 0.2),
        "purpose": V.tick(rng, purpose),
    }
    if relation != "本人":  # the certificate is for someone else
        other = V.adult(rng, date(1935, 1, 1), date(2010, 12, 31), family=home.family)
        out["target_name"] = other.name(rng)
        if rng.random() < 0.6:
            out["householder"] = V.adult(rng, date(1940, 1, 1), date(1990, 12, 31), family=home.family).name(rng)
    if purpose == "その他":
        use = rng.choice(OTHER_USES)
        out["purpose_other"] = V.Written(use, use)
    if index == 0:  # 令和元年 on the date line
        day = date(2019, 5, 1) + timedelta(days=rng.randint(0, 200))
        out["request_date"] = V.DateParts(day.isoformat(), "令和", "元", str(day.month), str(day.day))
    return out


PROCEDURE = Procedure(
    id="juminhyo",
    title=TITLE,
    group="held_out",
    layouts=("ruled table, label cell left of value cell (next_cell), 印 printed in the name cell",
             "明・大・昭・平・令 circled + 年・月・日 boxes inside a table cell",
             "label printed above an underline (below)", "本人・同一世帯・代理人 and 世帯全員・一部 circled",
             "tick boxes □ (two groups)", "number before a printed 通 (underline)", "two checkboxes",
             "text inside printed parentheses after その他 (right)", "date line 請求日 令和□年□月□日 at the left",
             "not fields: 受付印 square, framed notes with fees and times, 市役所処理欄 with its own □"),
    draw=draw,
    fill=fill,
    written_after_tuning=True,
)
