"""Records for the admin app: made-up 転入届 entries, the same for a given seed (standard
library only, so that they are an independent truth for ``admin_app.stored_records``)."""

from __future__ import annotations

import datetime as dt
import random

__all__ = ["expected_row", "records"]

_FAMILY = [("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
           ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ")]
_GIVEN = [("太郎", "タロウ", "男"), ("花子", "ハナコ", "女"), ("健一", "ケンイチ", "男"), ("美咲", "ミサキ", "女"),
          ("翔太", "ショウタ", "男"), ("陽菜", "ヒナ", "女"), ("大輔", "ダイスケ", "男"), ("結衣", "ユイ", "女")]
_TOWNS = [("1000001", "東京都千代田区千代田"), ("5300001", "大阪府大阪市北区梅田"), ("4600001", "愛知県名古屋市中区三の丸"),
          ("8120011", "福岡県福岡市博多区博多駅前"), ("0600001", "北海道札幌市中央区北一条西")]


def records(count: int, seed: int = 7) -> list[dict[str, object]]:
    """``count`` records as the web robot gets them (dates as ``datetime.date``)."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        family, family_kana = rng.choice(_FAMILY)
        given, given_kana, sex = rng.choice(_GIVEN)
        postal, town = rng.choice(_TOWNS)
        _, prev_town = rng.choice(_TOWNS)
        moved = dt.date(2026, 4, 1) + dt.timedelta(days=rng.randrange(200))
        made.append({
            "kind": "転入",
            "notified_on": moved + dt.timedelta(days=rng.randrange(14)),
            "moved_on": moved,
            "name": f"{family}　{given}",
            "kana": f"{family_kana}　{given_kana}",
            "birth_date": dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 60)),
            "sex": sex,
            "household": "世帯主" if index % 3 == 0 else "世帯員",
            "postal_code": f"{postal[:3]}-{postal[3:]}",
            "address": f"{town}{rng.randrange(1, 9)}丁目{rng.randrange(1, 30)}番{rng.randrange(1, 20)}号",
            "phone": f"0{rng.randrange(10, 99)}-{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
            "prev_address": f"{prev_town}{rng.randrange(1, 9)}-{rng.randrange(1, 30)}",
            "left_on": moved - dt.timedelta(days=rng.randrange(1, 10)),
        })
    return made


def expected_row(record: dict[str, object]) -> dict[str, str]:
    """What the admin app should store for ``record`` (its ``stored_records`` row without the receipt)."""
    row = {name: value.isoformat() if isinstance(value, dt.date) else str(value) for name, value in record.items()}
    return {**row, "id_checked": "1"}
