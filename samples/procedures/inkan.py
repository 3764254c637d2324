"""印鑑登録申請書: no table — each label printed before an underline the value is written on;
a 12-digit 個人番号 in マス目; tick boxes for the identity document; an agent checkbox; a fee."""

from __future__ import annotations

import random
from datetime import date

from . import values as V
from .base import Procedure
from .sheet import PAGE_WIDTH, Sheet, box

TITLE = "印鑑登録申請書"
LABEL_X, LINE_X0, LINE_X1 = 60.0, 150.0, 520.0
DOCUMENTS = ("マイナンバーカード", "運転免許証", "旅券", "その他")


def _underline(s: Sheet, label: str, baseline: float, x0: float = LINE_X0, x1: float = LINE_X1,
               label_x: float = LABEL_X, size: float = 10.5) -> list[float]:
    """The label, then a line under the writing space; returns the value area above the line."""
    s.text(label, label_x, baseline, size)
    s.line(x0, baseline + 4, x1, baseline + 4, 0.6)
    return box(x0, baseline - 17, x1, baseline + 3.5)


def draw(s: Sheet) -> None:
    s.text(TITLE, PAGE_WIDTH / 2, 70, 20, "center")
    s.text("（サンプル様式）", PAGE_WIDTH / 2, 88, 9, "center")
    s.date_line("request_date", "申請日", 360, 118, required=True)
    s.text("（あて先）見本市長", 50, 140, 10.5)
    s.text("私は、次の印鑑を登録したいので申請します。", 50, 160, 10.5)
    s.text_field("address", "住所", "address", _underline(s, "住所", 200), "underline", required=True)
    s.text_field("kana", "フリガナ", "katakana", _underline(s, "フリガナ", 232, x1=400), "underline", size=10)
    s.text_field("name", "氏名", "name", _underline(s, "氏名", 268, x1=400), "underline", size=14, required=True)
    s.text_field("birth_date", "生年月日", "wareki_date", _underline(s, "生年月日", 302, x1=340), "underline",
                 required=True)
    s.text("性別", 362, 302, 10.5)
    s.circled_field("sex", "性別", ("男", "女"), 405, 302, position="right", required=True)
    s.text_field("phone", "電話番号", "phone", _underline(s, "電話番号", 336, x1=340), "underline")
    s.text("個人番号", LABEL_X, 374, 10.5)
    s.digits_field("my_number", "個人番号", "my_number", LINE_X0, 356, 12, w=22, h=26, required=True)
    s.text("本人確認書類", LABEL_X, 414, 10.5)
    at = [(LINE_X0, 414), (LINE_X0 + 118, 414), (LINE_X0 + 200, 414), (LINE_X0 + 252, 414)]
    s.ticked_field("id_document", "本人確認書類", DOCUMENTS, at, required=True)
    # the seal impression is printed space only: no field
    s.text("登録する印鑑（印影）", LABEL_X, 446, 9)
    s.rect(LABEL_X, 452, LABEL_X + 72, 524, 0.8)
    s.checkbox_field("by_agent", "代理人が申請します（委任状を添付してください）", LINE_X0 + 10, 470)
    s.text_field("agent_name", "代理人氏名", "name", _underline(s, "代理人氏名", 500, x0=240, label_x=LINE_X0 + 10,
                                                              size=10), "underline", size=12)
    s.text_field("agent_address", "代理人住所", "address", _underline(s, "代理人住所", 530, x0=240,
                                                                  label_x=LINE_X0 + 10, size=10), "underline")
    s.text_field("fee", "印鑑登録証交付手数料", "money", _underline(s, "印鑑登録証交付手数料", 570, x0=180, x1=300,
                                                                label_x=LABEL_X, size=10), "underline")


def fill(rng: random.Random, postal: dict[str, str], index: int) -> dict[str, V.Fill]:
    home = V.household(rng, postal)
    me = V.adult(rng, date(1935, 1, 1), date(2007, 3, 31), family=home.family)
    filed = V.rand_date(rng, date(2024, 4, 1), date(2025, 12, 26))
    out: dict[str, V.Fill] = {
        "request_date": V.date_line(filed, rng),
        "address": V.address(rng, home.town),
        "kana": me.kana(rng),
        "name": me.name(rng),
        "birth_date": V.wareki_text(me.birth, rng),
        "sex": V.circle(rng, me.sex),
        "phone": V.phone(rng, home.postal),
        "my_number": V.my_number(rng, rng.random() < 0.25),
        "id_document": V.tick(rng, DOCUMENTS[index % len(DOCUMENTS)]),
        "by_agent": V.tick(rng, index % 2 == 1),
        "fee": V.money(rng, 300),
    }
    if index % 2 == 1:
        agent = V.adult(rng, date(1950, 1, 1), date(2000, 12, 31))
        out["agent_name"] = agent.name(rng)
        out["agent_address"] = V.address(rng, home.town if rng.random() < 0.5 else postal[rng.choice(sorted(postal))])
    return out


PROCEDURE = Procedure(
    id="inkan",
    title=TITLE,
    group="held_out",
    layouts=("label before an underline (underline)", "12-digit 個人番号 in マス目", "tick boxes □",
             "男・女 circled", "date line 申請日 令和□年□月□日", "checkbox", "amount"),
    draw=draw,
    fill=fill,
)
