"""就学援助費受給申請書: the applicant's block as a table of two label/value pairs per row
(label cell left of its value cell); the guardian's name on an underline ending in a printed
「印」; a table of the children in numbered rows under column headings; the household's
situation as □ tick options on two lines; the reason in a tall cell with its label in the
corner; the bank account (bank, branch, 普通・当座 circled, 7-digit マス目); a consent to tick;
notes and an office table captioned 「※教育委員会記入欄」 above it, and a photo box for the
applicant's identity card copy (none of them fields).

Written after template new's spurious-field fixes (stamp boxes, office captions, statement
check boxes) as a second fresh layout, following samples/procedures/base.py and sheet.py."""

from __future__ import annotations

import random
from datetime import date

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "就学援助費受給申請書"
X0, X1 = 50.0, 545.0
LABEL_SIZE = 9.5
SITUATIONS = ("生活保護の停止・廃止", "児童扶養手当の受給", "市民税の非課税", "国民年金保険料の免除", "その他")
SCHOOLS = ("見本市立第一小学校", "見本市立東小学校", "見本市立中央中学校", "例野市立南中学校")
BANKS = ("見本銀行", "サンプル信用金庫", "例野農業協同組合", "雛形銀行")
BRANCHES = ("本店", "駅前支店", "中央支店", "東支店")
REASONS = ("病気のため収入が減った", "離職したため", "ひとり親家庭になったため", "家計が苦しいため")


def _inset(b: list[float], d: float = 2.0) -> list[float]:
    return box(b[0] + d, b[1] + d, b[2] - d, b[3] - d)


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 62, 18, "center")
    s.text("（令和7年度・サンプル様式）", PAGE_WIDTH / 2, 78, 9, "center")
    s.text("（あて先）見本市教育委員会", X0, 100, LABEL_SIZE)
    s.date_line("request_date", "申請日", 362, 100, required=True)

    # the applicant: two label/value pairs per row
    rows = [(112, 140, ("住所", "address", "address", True), None),
            (140, 162, ("フリガナ", "guardian_kana", "katakana", False), ("電話番号", "phone", "phone", True)),
            (162, 190, ("保護者氏名", "guardian_name", "name", True), ("続柄", "relationship", "text", True))]
    for top, bottom, left, right in rows:
        xs = [X0, 120, 330, 390, X1] if right else [X0, 120, X1]
        cells = s.cells(top, bottom, xs)
        label, name, type_, required = left
        s.label_in(label, cells[0], LABEL_SIZE)
        s.text_field(name, label, type_, _inset(cells[1]), "next_cell", required=required,
                     size=12 if type_ == "name" else 10.5)
        if right:
            label, name, type_, required = right
            s.label_in(label, cells[2], LABEL_SIZE)
            s.text_field(name, label, type_, _inset(cells[3]), "next_cell", required=required)

    # the children: numbered rows under column headings
    s.text("■ 援助を受ける児童生徒", X0, 210, 10)
    columns = [(X0, 72, "番号"), (72, 210, "児童生徒氏名"), (210, 380, "学校名"), (380, 430, "学年"), (430, X1, "生年月日")]
    for x0, x1, heading in columns:
        s.rect(x0, 216, x1, 234, 0.6)
        s.text(heading, x0 + 4, 228.5, 9)
    for row in (1, 2):
        top = 234 + (row - 1) * 26
        cells = s.cells(top, top + 26, [c[0] for c in columns] + [X1])
        s.text(str(row), (X0 + 72) / 2, top + 17, 10, "center")
        kinds = (("name", "name", 11.5), ("school", "text", 10), ("grade", "number", 10.5), ("birth_date", "wareki_date", 10))
        for cell, (key, type_, size), (_, _, heading) in zip(cells[1:], kinds, columns[1:], strict=True):
            s.text_field(f"child{row}_{key}", f"{heading}（{row}）", type_, _inset(cell), "next_cell", size=size,
                         required=row == 1)

    s.text("■ 世帯の状況（あてはまる□に印を付けてください）", X0, 306, 10)
    s.ticked_field("situation", "世帯の状況", SITUATIONS, [(X0 + 10, 326), (200, 326), (340, 326), (X0 + 10, 344),
                                                        (200, 344)], required=True)
    cell = s.cells(356, 400, [X0, X1])[0]
    s.text("申請の理由", X0 + 4, 365, 8)
    s.text_field("reason", "申請の理由", "text", box(X0 + 2, 368, X1 - 2, 398), "below", size=10.5, required=True)

    s.text("■ 振込先口座", X0, 420, 10)
    cells = s.cells(428, 454, [X0, 120, 290, 350, X1])
    s.label_in("金融機関名", cells[0], LABEL_SIZE)
    s.text_field("bank", "金融機関名", "text", _inset(cells[1]), "next_cell", required=True)
    s.label_in("支店名", cells[2], LABEL_SIZE)
    s.text_field("branch", "支店名", "text", _inset(cells[3]), "next_cell", required=True)
    cells = s.cells(454, 482, [X0, 120, 290, 350, X1])
    s.label_in("預金種別", cells[0], LABEL_SIZE)
    s.circled_field("account_type", "預金種別", ("普通", "当座"), cells[1][0] + 20, 472, size=10.5,
                    position="next_cell", required=True, limit=[cells[1][0] + 2, 455.5, cells[1][2] - 2, 480.5])
    s.label_in("口座番号", cells[2], LABEL_SIZE)
    s.digits_field("account_number", "口座番号", "digits", 362, 456, 7, w=20, h=24, required=True,
                   position="next_cell")

    s.checkbox_field("consent", "世帯の所得の状況を教育委員会が調べることに同意します。", X0 + 4, 508, required=True)
    s.text("保護者氏名（自署）", X0 + 4, 536, LABEL_SIZE)
    s.line(150, 540, 400, 540)
    s.text("印", 404, 536, LABEL_SIZE)
    s.text_field("signature", "保護者氏名（自署）", "name", box(150, 520, 400, 539), "underline", size=12,
                 required=True)

    # not fields: a box for the copy of an identity card, notes, the office's table
    s.text("本人確認書類の写し（貼付）", 430, 562, 8)
    s.rect(430, 568, 520, 628, 0.6)
    s.text("注意", X0, 562, 9)
    s.text("1 所得の基準額は世帯の人数で決まります（例 4人世帯 3,150,000円）。", X0 + 6, 578, 8)
    s.text("2 申請は毎年4月1日から5月31日までです。", X0 + 6, 592, 8)
    s.text("3 認定されたときは、7月と12月に振り込みます。", X0 + 6, 606, 8)
    s.text("※教育委員会記入欄", X0, 648, 8.5)
    cells = s.cells(654, 680, [X0, 120, 230, 300, 410, X1], 0.6)
    for cell, label in zip(cells, ("受付日", "", "認定", "", "決定通知日"), strict=True):
        if label:
            s.label_in(label, cell, 8.5)


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    guardian = V.adult(rng, date(1975, 1, 1), date(1995, 12, 31), family=home.family)
    first = V.child(rng, home.family, date(2010, 4, 2), date(2018, 4, 1), taken=set())
    out: dict[str, V.Fill] = {
        "request_date": V.date_line(V.rand_date(rng, date(2025, 4, 1), date(2025, 5, 31)), rng),
        "address": V.address(rng, home.town),
        "guardian_kana": guardian.kana(rng),
        "phone": V.phone(rng, home.postal),
        "guardian_name": guardian.name(rng),
        "relationship": V.Written(*(("父",) * 2 if guardian.sex == "男" else ("母",) * 2)),
        "child1_name": first.name(rng),
        "child1_school": V.Written(*(rng.choice(SCHOOLS),) * 2),
        "child1_grade": V.number(rng, rng.randint(1, 6)),
        "child1_birth_date": V.wareki_text(first.birth, rng),
        "situation": V.tick(rng, SITUATIONS[index % len(SITUATIONS)]),
        "reason": V.Written(*(rng.choice(REASONS),) * 2),
        "bank": V.Written(*(rng.choice(BANKS),) * 2),
        "branch": V.Written(*(rng.choice(BRANCHES),) * 2),
        "account_type": V.circle(rng, rng.choice(("普通", "普通", "当座"))),
        "account_number": V.digit_row(rng, 7),
        "consent": V.tick(rng, True),
        "signature": guardian.name(rng),
    }
    if index % 2 == 0:  # a second child on every other form
        second = V.child(rng, home.family, date(2010, 4, 2), date(2018, 4, 1), taken={first.given})
        out["child2_name"] = second.name(rng)
        out["child2_school"] = V.Written(*(rng.choice(SCHOOLS),) * 2)
        out["child2_grade"] = V.number(rng, rng.randint(1, 6))
        out["child2_birth_date"] = V.wareki_text(second.birth, rng)
    return out


PROCEDURE = Procedure(
    id="shugaku",
    title=TITLE,
    group="held_out",
    layouts=("table, two label/value pairs per row (next_cell)", "numbered rows under column headings",
             "tick boxes □ on two lines", "label in a tall cell's corner (below)", "普通・当座 circled",
             "7-digit 口座番号 in マス目", "statement checkbox", "name on an underline ending in a printed 印",
             "not fields: a box to paste a copy in, notes with amounts and dates, a table under 「※教育委員会記入欄」"),
    draw=draw,
    fill=fill,
    written_after_tuning=True,
)
