"""子ども医療費助成金 申請書（兼 医療機関証明書）: framed sections without inner rules, each
value written to the right of its label; the 申請日 and 初診日 written between the printed
令和・年・月・日; a doctor's section with the hospital, the doctor's name (no furigana), the
diagnosis, 入院・通院 circled, the number of visit days and the amount paid."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "子ども医療費助成金 申請書"
X0, X1 = 50.0, 545.0
ROW = 27.0


def _right(s: Sheet, label: str, x: float, top: float, x1: float, size: float = 10.0) -> list[float]:
    """A label, and the value area to its right up to ``x1`` on the same row (no cell lines)."""
    end = s.text(label, x, top + ROW / 2 + 3.8, size)
    return box(end + 6, top + 2, x1, top + ROW - 2)


def _section(s: Sheet, title: str, top: float, bottom: float) -> None:
    s.rect(X0, top, X1, bottom, 1.0)
    s.rect(X0, top, X0 + 20, bottom, 1.0)
    s.vtext(title, X0 + 10, top, bottom, 9.5)


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 64, 17, "center")
    s.text("（兼 医療機関証明書・サンプル様式）", PAGE_WIDTH / 2, 82, 9, "center")
    s.text("（あて先）見本市長", X0, 104, 10)
    s.date_line("request_date", "申請日", 360, 104, required=True)

    L = X0 + 28
    _section(s, "申請者", 116, 116 + 5 * ROW + 8)
    t = 120.0
    s.text_field("applicant_address", "住所", "address", _right(s, "住所", L, t, X1 - 6), "right", required=True)
    t += ROW
    s.text_field("applicant_kana", "フリガナ", "katakana", _right(s, "フリガナ", L, t, 300), "right", size=10)
    s.text_field("phone", "電話番号", "phone", _right(s, "電話番号", 310, t, X1 - 6), "right")
    t += ROW
    s.text_field("applicant_name", "氏名", "name", _right(s, "氏名", L, t, 300), "right", size=13, required=True)
    t += ROW
    s.text_field("bank_name", "振込先金融機関", "text", _right(s, "振込先金融機関", L, t, 330), "right", required=True)
    t += ROW
    end = s.text("口座番号（普通）", L, t + ROW / 2 + 3.8, 10)
    s.digits_field("account_number", "口座番号（普通）", "digits", end + 8, t + 2, 7, w=20, h=ROW - 4, size=12,
                   required=True)

    top2 = 116 + 5 * ROW + 16
    _section(s, "対象児童", top2, top2 + 2 * ROW + 8)
    t = top2 + 4
    s.text_field("child_kana", "フリガナ", "katakana", _right(s, "フリガナ", L, t, 300), "right", size=10)
    s.text_field("child_birth_date", "生年月日", "date", _right(s, "生年月日", 310, t, X1 - 6), "right",
                 required=True)
    t += ROW
    s.text_field("child_name", "氏名", "name", _right(s, "氏名", L, t, 300), "right", size=13, required=True)
    s.text_field("insurance_symbol", "健康保険証の記号", "text", _right(s, "健康保険証の記号", 310, t, X1 - 6), "right")

    top3 = top2 + 2 * ROW + 16
    _section(s, "医療機関の証明", top3, top3 + 7 * ROW + 24)
    s.text("（この欄は医療機関が記入してください）", L, top3 + 14, 8)
    t = top3 + 18
    s.text_field("hospital", "医療機関名", "text", _right(s, "医療機関名", L, t, X1 - 6), "right", required=True)
    t += ROW
    s.text_field("hospital_address", "所在地", "address", _right(s, "所在地", L, t, X1 - 6), "right")
    t += ROW
    s.text_field("doctor", "医師氏名", "name", _right(s, "医師氏名", L, t, 300), "right", size=12, required=True)
    s.text_field("department", "診療科", "text", _right(s, "診療科", 310, t, X1 - 6), "right")
    t += ROW
    s.text_field("diagnosis", "傷病名", "text", _right(s, "傷病名", L, t, X1 - 6), "right", required=True)
    t += ROW
    s.date_line("first_visit", "初診日", L, t + ROW / 2 + 3.8, size=10, required=True)
    s.text("入院・通院の別", 310, t + ROW / 2 + 3.8, 10)
    s.circled_field("care_type", "入院・通院の別", ("入院", "通院"), 400, t + ROW / 2 + 3.8, size=10.5,
                    required=True, limit=[395, t + 1, X1 - 4, t + ROW - 1])
    t += ROW
    area = _right(s, "通院日数", L, t, 190)
    s.text("日", 192, t + ROW / 2 + 3.8, 10)
    s.text_field("visit_days", "通院日数", "number", area, "right", align="right")
    area = _right(s, "保険診療の自己負担額", 230, t, 420)
    s.text_field("copay", "保険診療の自己負担額", "money", area, "right", align="right", required=True)
    t += ROW
    s.text("上記のとおり証明します。", L, t + ROW / 2 + 3.8, 9)


DOCTOR_DAYS = (1, 2, 3, 4, 5, 8, 12)


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    parent = V.adult(rng, date(1975, 1, 1), date(2002, 12, 31), family=home.family)
    kid = V.child(rng, home.family, date(2010, 4, 2), date(2024, 8, 31))
    first = V.rand_date(rng, date(2024, 9, 1), date(2025, 9, 30))
    filed = first + timedelta(days=rng.randint(20, 60))
    hospital_home = rng.choice(sorted(postal))
    inpatient = rng.random() < 0.25
    days = rng.choice(DOCTOR_DAYS)
    out: dict[str, V.Fill] = {
        "request_date": V.date_line(filed, rng),
        "applicant_address": V.address(rng, home.town),
        "applicant_kana": parent.kana(rng),
        "phone": V.phone(rng, home.postal),
        "applicant_name": parent.name(rng),
        "bank_name": V.Written(b := rng.choice(("見本銀行 駅前支店", "サンプル信用金庫　本店", "例野信用組合 中央支店")), b),
        "account_number": V.digit_row(rng, 7, rng.random() < 0.2),
        "child_kana": kid.kana(rng),
        "child_birth_date": V.western_text(kid.birth, rng),
        "child_name": kid.name(rng),
        "hospital": V.Written(h := rng.choice(V.HOSPITALS), h),
        "hospital_address": V.address(rng, postal[hospital_home]),
        "doctor": V.doctor(rng),
        "department": V.Written(d := rng.choice(V.DEPARTMENTS), d),
        "diagnosis": V.Written(g := rng.choice(V.DIAGNOSES), g),
        "first_visit": V.date_line(first, rng),
        "care_type": V.circle(rng, "入院" if inpatient else "通院"),
        "copay": V.money(rng, rng.choice((1200, 3450, 12340, 800, 56780, 2000))),
    }
    if not inpatient:
        out["visit_days"] = V.number(rng, days)
    if rng.random() < 0.6:
        symbol = f"{rng.randint(10, 999)}"
        symbol = V.fullwidth(symbol) if rng.random() < 0.4 else symbol  # text: kept as written
        out["insurance_symbol"] = V.Written(symbol, symbol)
    return out


PROCEDURE = Procedure(
    id="iryohi",
    title=TITLE,
    group="held_out",
    layouts=("framed sections with vertical headings, value right of its label without cell lines (right)",
             "two date lines 令和□年□月□日", "入院・通院 circled", "7-digit 口座番号 in マス目", "amount, number"),
    draw=draw,
    fill=fill,
)
