"""国民健康保険 被保険者資格取得届: each label printed ABOVE its own value box (no table); a
10-digit 被保険者記号番号, the 個人番号 and the postal code in マス目; the birth date as
明・大・昭・平・令 (circled) + 年・月・日 boxes; tick boxes □ for 取得理由."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "国民健康保険 被保険者資格取得届"
LABEL_SIZE = 9.0
REASONS = ("転入", "社会保険の資格喪失", "出生", "生活保護の廃止", "その他")


def _labelled(s: Sheet, label: str, x0: float, top: float, x1: float, bottom: float) -> list[float]:
    """A label above a printed box; returns the value area (the box inset by 2)."""
    s.text(label, x0 + 1, top - 4, LABEL_SIZE)
    s.rect(x0, top, x1, bottom, 0.7)
    return box(x0 + 2, top + 2, x1 - 2, bottom - 2)


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 66, 16, "center")
    s.text("（サンプル様式）", PAGE_WIDTH / 2, 84, 9, "center")
    s.text("（あて先）見本市長", 50, 104, 10)
    s.text_field("request_date", "届出日", "date", _labelled(s, "届出日", 395, 96, 545, 120), "below",
                 required=True)

    s.text("■ 世帯主", 50, 146, 10.5)
    s.text_field("head_kana", "フリガナ", "katakana", _labelled(s, "フリガナ", 50, 166, 290, 188), "below",
                 size=10.5)
    s.text_field("head_name", "世帯主氏名", "name", _labelled(s, "世帯主氏名", 305, 166, 545, 196), "below",
                 size=13, required=True)
    s.text("被保険者記号番号", 51, 216, LABEL_SIZE)
    s.digits_field("insured_number", "被保険者記号番号", "digits", 50, 220, 10, w=20, h=24, position="below",
                   required=True, thick_every=5)
    s.text_field("phone", "電話番号", "phone", _labelled(s, "電話番号", 305, 220, 545, 244), "below")
    s.text("郵便番号", 51, 266, LABEL_SIZE)
    s.text("〒", 50, 270 + 12 + 3.8, 10)
    s.digits_field("postal_code", "郵便番号", "postal_code", 64, 270, 7, w=18, h=24, hyphen_after=3,
                   position="below", required=True)
    s.text_field("address", "住所", "address", _labelled(s, "住所", 230, 270, 545, 300), "below", required=True)

    s.text("■ 資格を取得する人", 50, 330, 10.5)
    s.text_field("kana", "フリガナ", "katakana", _labelled(s, "フリガナ", 50, 350, 290, 372), "below", size=10.5)
    s.text("性別", 306, 346, LABEL_SIZE)
    s.rect(305, 350, 405, 372, 0.7)
    s.circled_field("sex", "性別", ("男", "女"), 330, 365.5, size=10.5, position="below", required=True,
                    limit=[307, 351.5, 403, 370.5])
    s.text_field("relationship", "続柄", "text", _labelled(s, "続柄", 420, 350, 545, 372), "below", required=True)
    s.text_field("name", "氏名", "name", _labelled(s, "氏名", 50, 392, 290, 422), "below", size=13, required=True)
    s.text("個人番号", 306, 388, LABEL_SIZE)
    s.digits_field("my_number", "個人番号", "my_number", 305, 392, 12, w=20, h=30, position="below", required=True,
                   thick_every=4)
    s.text("生年月日", 51, 442, LABEL_SIZE)
    s.rect(50, 446, 330, 476, 0.7)
    s.era_date("birth_date", "生年月日", 58, 449, V.ERA_OPTIONS, required=True)
    s.text_field("acquired_date", "資格取得日", "wareki_date", _labelled(s, "資格取得日", 345, 446, 545, 476), "below",
                 required=True)
    s.text("取得理由（該当する□に印を付けてください）", 51, 496, LABEL_SIZE)
    s.rect(50, 500, 545, 548, 0.7)
    at = [(60, 518), (130, 518), (290, 518), (60, 540), (200, 540)]
    s.ticked_field("reason", "取得理由", REASONS, at, position="below", required=True)
    s.checkbox_field("head_is_applicant", "届出人は世帯主です", 52, 572, size=9.5)


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    head = V.adult(rng, date(1950, 1, 1), date(1995, 12, 31), family=home.family)
    reason = REASONS[index % len(REASONS)] if index < len(REASONS) else rng.choice(REASONS)
    if reason == "出生":
        member = V.child(rng, home.family, date(2024, 6, 1), date(2025, 10, 31))
        acquired = member.birth
        relation = "長男" if member.sex == "男" else "長女"
    else:
        if index == 3:  # a 大正 birth date: 大 circled
            member = V.adult(rng, date(1918, 1, 1), date(1926, 12, 24), family=home.family)
        else:
            member = V.adult(rng, date(1940, 1, 1), date(2004, 12, 31), family=home.family)
        if index == 1:  # born on the first day of 平成 (平成元年 in the boxes)
            member = V.Person(member.family, member.given, member.family_kana, member.given_kana, member.sex,
                              date(1989, 1, 8))
        acquired = V.rand_date(rng, date(2024, 4, 1), date(2025, 10, 31))
        older = (head.birth - member.birth).days / 365.25
        if older > 18:
            relation = "母" if member.sex == "女" else "父"
        elif older < -18:
            relation = rng.choice(("子", "長女" if member.sex == "女" else "長男"))
        elif member.sex != head.sex:
            relation = "妻" if member.sex == "女" else "夫"
        else:
            relation = {("女", True): "姉", ("女", False): "妹", ("男", True): "兄", ("男", False): "弟"}[
                (member.sex, older > 0)]
    requested = acquired + timedelta(days=rng.randint(1, 13))
    fw = rng.random() < 0.3
    out: dict[str, V.Fill] = {
        "request_date": V.western_text(requested, rng),
        "head_kana": head.kana(rng),
        "head_name": head.name(rng),
        "insured_number": V.digit_row(rng, 10, fw),
        "phone": V.phone(rng, home.postal),
        "postal_code": V.Written(home.postal, V.fullwidth(home.postal) if fw else home.postal),
        "address": V.address(rng, home.town),
        "kana": member.kana(rng),
        "sex": V.circle(rng, member.sex),
        "relationship": V.Written(relation, relation),
        "name": member.name(rng),
        "my_number": V.my_number(rng, fw),
        "birth_date": V.era_boxes(member.birth, rng) if index != 1 else V.DateParts(
            "1989-01-08", "平", "元", "1", "8", mark="circle"),
        "acquired_date": V.wareki_text(acquired, rng),
        "reason": V.tick(rng, reason),
        "head_is_applicant": V.tick(rng, rng.random() < 0.7),
    }
    return out


PROCEDURE = Procedure(
    id="kokuho",
    title=TITLE,
    group="tuning",
    layouts=("label above its own box (below)", "10-digit and 12-digit マス目, postal code in 3+4 boxes",
             "明・大・昭・平・令 circled + 年・月・日 boxes", "tick boxes □ for 取得理由", "checkbox"),
    draw=draw,
    fill=fill,
)
