"""保育所入所申込書: a bordered table where each label has its own cell and the value cell is
directly below it; はい・いいえ circled; the child's name with furigana; 〒, phone, address."""

from __future__ import annotations

import random
from datetime import date

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "保育所入所申込書"
X0, X1 = 50.0, 545.0
LABEL_H = 18.0
LABEL_SIZE = 9.0
REASONS = ("就労（週5日・1日8時間）", "就労（週4日・1日6時間）", "出産（令和7年6月予定）", "疾病・療養のため",
           "親族の介護", "求職活動中", "就学（専門学校）")
EMPLOYERS = ("見本商事株式会社", "サンプル電機（株）", "例野市役所", "雛形運輸株式会社", "自営業", "東雲総合病院")


def _grid(s: Sheet, top: float, value_h: float, columns: list[tuple[float, float, str]]) -> list[list[float]]:
    """A row of label cells and, below each, its value cell; returns the value areas (inset 2)."""
    areas = []
    for x0, x1, label in columns:
        s.rect(x0, top, x1, top + LABEL_H, 0.6)
        s.text(label, x0 + 5, top + LABEL_H / 2 + 3.5, LABEL_SIZE)
        s.rect(x0, top + LABEL_H, x1, top + LABEL_H + value_h, 0.8)
        areas.append(box(x0 + 2, top + LABEL_H + 2, x1 - 2, top + LABEL_H + value_h - 2))
    return areas


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 66, 18, "center")
    s.text("（令和7年度・サンプル様式）", PAGE_WIDTH / 2, 84, 9, "center")
    s.text("（あて先）見本市長", X0, 104, 9.5)
    s.rect(X0 - 4, 114, X1 + 4, 640, 1.2)  # the border of the whole table

    a = _grid(s, 120, 28, [(X0, 200, "申込日"), (200, 330, "入所希望日"), (330, X1, "希望する保育所（第1希望）")])
    s.text_field("apply_date", "申込日", "wareki_date", a[0], "cell_below", required=True)
    s.text_field("start_date", "入所希望日", "date", a[1], "cell_below", required=True)
    s.text_field("nursery1", "希望する保育所（第1希望）", "text", a[2], "cell_below", required=True)

    a = _grid(s, 172, 26, [(X0, 300, "児童のフリガナ"), (300, 390, "性別"), (390, X1, "児童の生年月日")])
    s.text_field("child_kana", "児童のフリガナ", "katakana", a[0], "cell_below", size=10.5, required=True)
    s.circled_field("child_sex", "性別", ("男", "女"), 324, a[1][1] + 15.8, position="cell_below",
                    required=True, limit=a[1])
    s.text_field("child_birth_date", "児童の生年月日", "wareki_date", a[2], "cell_below", required=True)

    a = _grid(s, 222, 34, [(X0, 300, "児童氏名"), (300, X1, "希望する保育所（第2希望）")])
    s.text_field("child_name", "児童氏名", "name", a[0], "cell_below", size=15, required=True)
    s.text_field("nursery2", "希望する保育所（第2希望）", "text", a[1], "cell_below")

    a = _grid(s, 280, 30, [(X0, 230, "保護者氏名"), (230, 430, "保護者フリガナ"), (430, X1, "児童との続柄")])
    s.text_field("guardian_name", "保護者氏名", "name", a[0], "cell_below", size=13, required=True)
    s.text_field("guardian_kana", "保護者フリガナ", "katakana", a[1], "cell_below", size=10.5)
    s.text_field("relationship", "児童との続柄", "text", a[2], "cell_below", required=True)

    a = _grid(s, 334, 28, [(X0, 200, "郵便番号"), (200, 360, "電話番号（日中の連絡先）"), (360, X1, "勤務先")])
    mark = s.text("〒", a[0][0] + 4, a[0][1] + 16.3, 10)
    s.text_field("postal_code", "郵便番号", "postal_code", box(mark + 2, a[0][1], a[0][2], a[0][3]), "cell_below",
                 required=True)
    s.text_field("phone", "電話番号（日中の連絡先）", "phone", a[1], "cell_below", required=True)
    s.text_field("employer", "勤務先", "text", a[2], "cell_below")

    a = _grid(s, 386, 36, [(X0, X1, "住所")])
    s.text_field("address", "住所", "address", a[0], "cell_below", required=True)

    a = _grid(s, 446, 30, [(X0, 300, "きょうだいが保育所に在園していますか"), (300, X1, "保護者は育児休業中ですか")])
    s.circled_field("sibling_enrolled", "きょうだいが保育所に在園していますか", ("はい", "いいえ"), 120,
                    a[0][1] + 17.3, position="cell_below", required=True, limit=a[0])
    s.circled_field("parental_leave", "保護者は育児休業中ですか", ("はい", "いいえ"), 370, a[1][1] + 17.3,
                    position="cell_below", required=True, limit=a[1])

    a = _grid(s, 500, 34, [(X0, X1, "保育を必要とする理由")])
    s.text_field("reason", "保育を必要とする理由", "text", a[0], "cell_below", required=True)
    a = _grid(s, 556, 60, [(X0, X1, "備考")])
    s.text_field("remarks", "備考", "text", a[0], "cell_below")


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    mother = rng.random() < 0.75
    guardian = V.adult(rng, date(1980, 1, 1), date(2000, 12, 31), family=home.family, sex="女" if mother else "男")
    kid = V.child(rng, home.family, date(2019, 5, 1), date(2024, 9, 30))
    if index == 1:  # born in 令和元年
        kid = V.Person(kid.family, kid.given, kid.family_kana, kid.given_kana, kid.sex, date(2019, 6, 3))
    applied = V.rand_date(rng, date(2024, 10, 1), date(2025, 2, 28))
    start = date(2025, rng.choice((4, 4, 4, 5, 6)), 1)
    nurseries = rng.sample(V.NURSERIES, 2)
    out: dict[str, V.Fill] = {
        "apply_date": V.wareki_text(applied, rng, ("kanji", "kanji", "kanji_fw", "letter_dot", "short_dot")),
        "start_date": V.western_text(start, rng),
        "nursery1": V.Written(nurseries[0], nurseries[0]),
        "child_kana": kid.kana(rng),
        "child_sex": V.circle(rng, kid.sex),
        "child_birth_date": V.wareki_text(kid.birth, rng),
        "child_name": kid.name(rng),
        "guardian_name": guardian.name(rng),
        "relationship": V.Written("母" if mother else "父", "母" if mother else "父"),
        "postal_code": V.postal_text(home.postal, rng.choice(("dash", "plain", "fw_dash", "fw_choon"))),
        "phone": V.phone(rng, home.postal),
        "address": V.address(rng, home.town),
        "sibling_enrolled": V.circle(rng, rng.choice(("はい", "いいえ"))),
        "parental_leave": V.circle(rng, "はい" if rng.random() < 0.3 else "いいえ"),
        "reason": V.Written(r := rng.choice(REASONS), r),
    }
    if rng.random() < 0.6:
        out["nursery2"] = V.Written(nurseries[1], nurseries[1])
    if rng.random() < 0.7:
        out["guardian_kana"] = guardian.kana(rng)
    if rng.random() < 0.8:
        out["employer"] = V.Written(e := rng.choice(EMPLOYERS), e)
    if rng.random() < 0.3:
        # written with a leading ideographic space, which the text type strips
        out["remarks"] = V.Written("送迎は祖母が行う日があります。", "\u3000送迎は祖母が行う日があります。")
    return out


PROCEDURE = Procedure(
    id="hoiku",
    title=TITLE,
    group="tuning",
    layouts=("bordered table: label cell, value cell below it (cell_below)", "はい・いいえ and 男・女 circled",
             "〒 printed in the postal-code cell"),
    draw=draw,
    fill=fill,
)
