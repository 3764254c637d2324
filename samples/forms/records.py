"""Fake claimants for the sample 児童手当 forms, and how each value is written on paper.

Each field is chosen as its normalized value first (what ``docs/field-types.md`` says a
reader must produce) and then *written* in one of many spellings. The truth is the
chosen value, never a re-normalization of the written text, so this module shares no
code with the normalizers it checks. Standard library only.
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

POSTAL_JSON = Path(__file__).resolve().parents[1] / "data" / "postal.json"

# --- names (a made-up list; the 見本・例野 style names are deliberately unreal) -------------

SURNAMES = (
    ("山田", "ヤマダ"),
    ("見本", "ミホン"),
    ("例野", "レイノ"),
    ("仮屋", "カリヤ"),
    ("試川", "タメシカワ"),
    ("髙橋", "タカハシ"),  # 髙 U+9AD9 (in cp932)
    ("山﨑", "ヤマザキ"),  # 﨑 U+FA11 (compatibility ideograph, in cp932)
    ("宮﨑", "ミヤザキ"),
    ("架空", "カクウ"),
    ("手本", "テホン"),
    ("星見", "ホシミ"),
    ("雛形", "ヒナガタ"),
    ("緑丘", "ミドリオカ"),
    ("東雲", "シノノメ"),
)
# the one name a Shift_JIS (cp932) target cannot take; 𠮷 (U+20BB7) is not in IPAex fonts
CP932_REJECTED_SURNAME = ("剝野", "ハギノ")  # 剝 U+525D

MALE_GIVEN = (
    ("太郎", "タロウ"),
    ("浩一", "コーイチ"),
    ("健太", "ケンタ"),
    ("大輔", "ダイスケ"),
    ("冬馬", "トーマ"),
    ("雄一", "ユウイチ"),
    ("翔", "ショウ"),
    ("一郎", "イチロウ"),
)
FEMALE_GIVEN = (
    ("花子", "ハナコ"),
    ("優里", "ユーリ"),
    ("恵美", "エミ"),
    ("京子", "キョウコ"),
    ("陽子", "ヨウコ"),
    ("真理", "マリ"),
    ("由美", "ユミ"),
    ("里沙", "リサ"),
)
CHILD_GIVEN = (
    ("陽翔", "ハルト"),
    ("蓮", "レン"),
    ("結菜", "ユイナ"),
    ("凛", "リン"),
    ("湊", "ミナト"),
    ("葵", "アオイ"),
    ("芽依", "メイ"),
    ("樹", "イツキ"),
    ("悠真", "ユウマ"),
    ("紬", "ツムギ"),
    ("翔太", "ショータ"),
    ("莉子", "リコ"),
)

BANKS = ("見本銀行", "サンプル信用金庫", "例野信用組合", "ひな形銀行", "みほん農業協同組合", "試行労働金庫")
BRANCHES = ("本店", "駅前支店", "中央支店", "市役所前支店", "みなと支店", "第一出張所")
BUILDINGS = (
    "サンプルハイツ",
    "見本マンション",
    "コーポ例野",
    "メゾン・ド・サンプル",
    "グランドメゾン見本ヶ丘タワーレジデンス",
    "第２見本荘",
)
PENSIONS = ("厚生年金", "国民年金", "共済組合")
TICK_MARKS = ("glyph:レ", "glyph:■", "cross", "check")

# area codes whose numbers phonenumbers always formats as code-XXX(X)-XXXX
AREA_CODES = {
    "1000001": "03",
    "1600022": "03",
    "5300001": "06",
    "4600008": "052",
    "0600001": "011",
    "8100001": "092",
    "6008216": "075",
    "2310023": "045",
    "3300063": "048",
    "6500001": "078",
}

# --- wareki ------------------------------------------------------------------------------

# (name, letter, one character, ligature, first day)
ERAS = (
    ("令和", "R", "令", "㋿", date(2019, 5, 1)),
    ("平成", "H", "平", "㍻", date(1989, 1, 8)),
    ("昭和", "S", "昭", "㍼", date(1926, 12, 25)),
    ("大正", "T", "大", "㍽", date(1912, 7, 30)),
    ("明治", "M", "明", "㍾", date(1868, 1, 25)),
)
DATE_STYLES = (
    "kanji",  # 昭和60年5月3日 (元年 for year 1)
    "kanji_fw",  # 平成２年３月４日
    "kanji_num",  # 昭和五十年十月一日
    "letter_dot",  # H2.3.4
    "letter_slash",  # S60/05/03
    "short_dot",  # 令6.4.1
    "ligature_dot",  # ㍻2.3.4
)
_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KANJI_DIGITS = "〇一二三四五六七八九"


def fullwidth(s: str) -> str:
    return s.translate(_FW)


def kanji_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    out = "" if tens == 0 else ("十" if tens == 1 else _KANJI_DIGITS[tens] + "十")
    return out + (_KANJI_DIGITS[ones] if ones else "")


def wareki(d: date) -> tuple[tuple, int]:
    for era in ERAS:
        if d >= era[4]:
            return era, d.year - era[4].year + 1
    raise ValueError(f"before 明治: {d}")


def write_date(d: date, style: str) -> str:
    if style == "gregorian":
        return f"{d.year}年{d.month}月{d.day}日"
    (name, letter, one, lig, _), y = wareki(d)
    if style == "kanji":
        return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    if style == "kanji_fw":
        return fullwidth(f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日")
    if style == "kanji_num":
        return f"{name}{'元' if y == 1 else kanji_number(y)}年{kanji_number(d.month)}月{kanji_number(d.day)}日"
    if style == "letter_dot":
        return f"{letter}{y}.{d.month}.{d.day}"
    if style == "letter_slash":
        return f"{letter}{y:02d}/{d.month:02d}/{d.day:02d}"
    if style == "short_dot":
        return f"{one}{y}.{d.month}.{d.day}"
    if style == "ligature_dot":
        return f"{lig}{y}.{d.month}.{d.day}"
    raise ValueError(style)


# --- kana --------------------------------------------------------------------------------


def _halfwidth_table() -> dict[str, str]:
    """Full-width katakana → half-width spelling, built from NFKC itself (so it agrees)."""
    table: dict[str, str] = {}
    singles = [chr(c) for c in range(0xFF66, 0xFF9E)]  # ｦ .. ﾝ (and ｰ)
    for h in singles:
        table[unicodedata.normalize("NFKC", h)] = h
    for h in singles:
        for mark in "ﾞﾟ":
            composed = unicodedata.normalize("NFKC", h + mark)
            if len(composed) == 1:
                table.setdefault(composed, h + mark)
    table["\u3000"] = " "
    return table


_HALF = _halfwidth_table()


def halfwidth_kana(s: str) -> str:
    return "".join(_HALF[c] for c in s)


def hiragana(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


KANA_STYLES = ("full", "full_ascii_space", "half", "hiragana", "dash_variant")


def write_kana(kana: str, style: str) -> str:
    """``kana`` is normalized katakana with one U+3000 between the parts."""
    if style == "full":
        return kana
    if style == "full_ascii_space":
        return kana.replace("\u3000", " ")
    if style == "half":
        return halfwidth_kana(kana)
    if style == "hiragana":
        return hiragana(kana)
    if style == "dash_variant":
        return kana.replace("ー", "－")
    raise ValueError(style)


# --- My Number ---------------------------------------------------------------------------

MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def my_number_check_digit(first11: str) -> int:
    r = sum(int(c) * w for c, w in zip(first11, MY_NUMBER_WEIGHTS, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


def make_my_number(rng: random.Random) -> str:
    first11 = "".join(rng.choice("0123456789") for _ in range(11))
    return first11 + str(my_number_check_digit(first11))


# --- one claim ---------------------------------------------------------------------------


@dataclass
class Claim:
    """One filled form: normalized values, what is written, and how marks are drawn."""

    values: dict[str, object] = field(default_factory=dict)
    written: dict[str, str | None] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)  # field -> mark style
    target_rejects: str | None = None
    digits_fullwidth: bool = False  # digits in the マス目 written full-width

    def set(self, name: str, value: object, written: str | None) -> None:
        self.values[name] = value
        self.written[name] = written


def load_postal() -> dict[str, str]:
    return json.loads(POSTAL_JSON.read_text(encoding="utf-8"))


def _rand_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _name(surname: tuple[str, str], given: tuple[str, str], rng: random.Random) -> tuple[str, str, str]:
    """(normalized name, written name, normalized kana)."""
    value = f"{surname[0]}\u3000{given[0]}"
    written = surname[0] + rng.choice(("\u3000", "\u3000", " ")) + given[0]
    return value, written, f"{surname[1]}\u3000{given[1]}"


def _postal_written(code: str, style: str) -> str:
    dashed = f"{code[:3]}-{code[3:]}"
    return {
        "mark_dash": f"〒{dashed}",
        "plain": code,
        "dash": dashed,
        "fw_dash": fullwidth(dashed),
        "fw_choon": f"〒{fullwidth(code[:3])}ー{fullwidth(code[3:])}",
    }[style]


# Local exchange numbers the numbering plan leaves unassigned (Sapporo 011-4xx, 011-9xx): a
# phone number there is not a valid number, and the form's truth would not pass its own check.
_UNASSIGNED = {"011": (4, 9)}


def _phone(rng: random.Random, postal: str) -> str:
    area = AREA_CODES.get(postal) if rng.random() < 0.7 else None
    if area is None:
        return f"{rng.choice(('090', '080', '070'))}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
    if len(area) == 2:
        return f"{area}-{rng.randint(2000, 6999)}-{rng.randint(0, 9999):04d}"
    local = rng.randint(200, 999)
    if local // 100 in _UNASSIGNED.get(area, ()):
        local -= 200  # moved into an assigned range, without another draw (the seeds' forms stay as they were)
    return f"{area}-{local}-{rng.randint(0, 9999):04d}"


def _phone_written(phone: str, style: str) -> str:
    return {
        "dash": phone,
        "plain": phone.replace("-", ""),
        "fw_minus": fullwidth(phone),
        "fw_choon": fullwidth(phone.replace("-", "ー")),
    }[style]


def _address(rng: random.Random, town: str, fw_digits: bool) -> tuple[str, str]:
    """(normalized, written)."""
    a, b, c = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20)
    style = rng.choice(("ascii", "fw_choon", "fw_minus", "chome_fw", "chome"))
    if style == "ascii":
        value, written = f"{a}-{b}-{c}", f"{a}-{b}-{c}"
    elif style == "fw_choon":
        value, written = f"{a}-{b}-{c}", "ー".join(fullwidth(str(n)) for n in (a, b, c))
    elif style == "fw_minus":
        value, written = f"{a}-{b}-{c}", fullwidth(f"{a}-{b}-{c}")
    elif style == "chome_fw":
        value, written = f"{a}丁目{b}番{c}号", fullwidth(f"{a}丁目{b}番{c}号")
    else:
        value, written = f"{a}丁目{b}番{c}号", f"{a}丁目{b}番{c}号"
    value, written = town + value, town + written
    if rng.random() < 0.6:
        building = rng.choice(BUILDINGS)
        room = rng.choice(("101", "203", "1205号室", "Ａ棟305号室"))
        if rng.random() < 0.5 or fw_digits:
            room_written = fullwidth(room)
        else:
            room_written = room
        value += "\u3000" + building.replace("２", "2") + room.replace("Ａ", "A")
        written += rng.choice(("\u3000", " ")) + building + room_written
    return value, written


@dataclass
class Overrides:
    """Fixed choices for one form, so that every spelling the brief asks for appears."""

    request_date: tuple[date, str] | None = None
    birth_date: tuple[date, str] | None = None
    child1_birth_date: tuple[date, str] | None = None
    surname: tuple[str, str] | None = None
    given: tuple[str, str] | None = None
    kana_style: str | None = None
    target_rejects: str | None = None


def make_claim(rng: random.Random, postal: dict[str, str], ov: Overrides | None = None) -> Claim:
    ov = ov or Overrides()
    claim = Claim(target_rejects=ov.target_rejects)
    fw = rng.random() < 0.35  # this writer uses full-width digits
    claim.digits_fullwidth = fw and rng.random() < 0.5

    req, req_style = ov.request_date or (
        _rand_date(rng, date(2024, 6, 3), date(2025, 12, 26)),
        rng.choice(("kanji", "kanji", "kanji_fw", "letter_dot", "letter_slash", "short_dot", "gregorian")),
    )
    if fw and req_style == "kanji":
        req_style = "kanji_fw"
    claim.set("request_date", req.isoformat(), write_date(req, req_style))

    female = rng.random() < 0.6
    surname = ov.surname or rng.choice(SURNAMES)
    given = ov.given or rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    if ov.given:
        female = ov.given in FEMALE_GIVEN
    name, name_written, kana = _name(surname, given, rng)
    kana_style = ov.kana_style or rng.choice(KANA_STYLES + ("full",) * 3)
    if kana_style == "dash_variant" and "ー" not in kana:
        kana_style = "full"
    claim.set("claimant_kana", kana, write_kana(kana, kana_style))
    claim.set("claimant_name", name, name_written)

    birth, birth_style = ov.birth_date or (
        _rand_date(rng, date(1975, 1, 1), date(2000, 12, 31)),
        rng.choice(DATE_STYLES),
    )
    claim.set("birth_date", birth.isoformat(), write_date(birth, birth_style))
    claim.set("sex", "女" if female else "男", "女" if female else "男")
    claim.marks["sex"] = rng.choice(("ellipse", "circle"))

    number = make_my_number(rng)
    claim.set("my_number", number, fullwidth(number) if claim.digits_fullwidth else number)

    code = rng.choice(sorted(postal))
    claim.set(
        "postal_code",
        code,
        _postal_written(code, rng.choice(("fw_dash", "fw_choon")) if fw else rng.choice(("mark_dash", "plain", "dash"))),
    )
    phone = _phone(rng, code)
    claim.set("phone", phone, _phone_written(phone, rng.choice(("fw_minus", "fw_choon")) if fw else rng.choice(("dash", "plain"))))
    address, address_written = _address(rng, postal[code], fw)
    claim.set("address", address, address_written)

    pension = rng.choice(PENSIONS)
    claim.set("pension", pension, pension)
    claim.marks["pension"] = rng.choice(TICK_MARKS)

    bank, branch = rng.choice(BANKS), rng.choice(BRANCHES)
    claim.set("bank_name", bank, bank)
    claim.set("branch_name", branch, branch)
    account_type = "普通" if rng.random() < 0.8 else "当座"
    claim.set("account_type", account_type, account_type)
    claim.marks["account_type"] = "ellipse"
    account = "".join(rng.choice("0123456789") for _ in range(7))
    claim.set("account_number", account, fullwidth(account) if claim.digits_fullwidth else account)
    holder_style = rng.choice(("half", "half", "full", "full_ascii_space"))
    claim.set("account_holder_kana", kana, write_kana(kana, holder_style))

    # children: under 18 on the request date's fiscal year, at least 18 years younger than the claimant
    n_children = rng.choice((1, 1, 2, 2, 2, 3))
    if ov.child1_birth_date:
        n_children = max(n_children, 1)
    child_given = rng.sample(CHILD_GIVEN, 3)  # no two children with the same name
    earliest = max(date(birth.year + 18, birth.month, min(birth.day, 28)), date(req.year - 17, 4, 2))
    for i in range(1, 4):
        if i > n_children:
            for part in ("name", "kana", "birth_date"):
                claim.set(f"child{i}_{part}", None, None)
            continue
        if i == 1 and ov.child1_birth_date:
            cbirth, cstyle = ov.child1_birth_date
        else:
            cbirth = _rand_date(rng, earliest, req - timedelta(days=30))
            cstyle = rng.choice(("kanji", "kanji", "kanji_fw", "letter_dot", "letter_slash", "short_dot", "ligature_dot"))
        child_surname = surname if rng.random() < 0.9 else rng.choice(SURNAMES)
        cname, cname_written, ckana = _name(child_surname, child_given[i - 1], rng)
        cks = rng.choice(("full", "full", "full_ascii_space", "half", "hiragana"))
        claim.set(f"child{i}_name", cname, cname_written)
        claim.set(f"child{i}_kana", ckana, write_kana(ckana, cks))
        claim.set(f"child{i}_birth_date", cbirth.isoformat(), write_date(cbirth, cstyle))

    claim.set("consent", True, None)
    claim.marks["consent"] = rng.choice(TICK_MARKS)
    return claim


# Every spelling the brief names appears at least once, on these forms (index → overrides).
FIXED = {
    0: Overrides(birth_date=(date(1985, 5, 3), "kanji"), surname=("山田", "ヤマダ"), given=("太郎", "タロウ"), kana_style="half"),
    1: Overrides(birth_date=(date(1989, 1, 8), "kanji"), surname=("髙橋", "タカハシ"), given=("浩一", "コーイチ")),
    2: Overrides(child1_birth_date=(date(2019, 5, 1), "kanji"), surname=("山﨑", "ヤマザキ")),
    3: Overrides(
        birth_date=(date(1990, 3, 4), "letter_dot"),
        surname=CP932_REJECTED_SURNAME,
        given=("花子", "ハナコ"),
        target_rejects="cp932",
    ),
    4: Overrides(birth_date=(date(1985, 5, 3), "letter_slash"), kana_style="dash_variant", given=("優里", "ユーリ")),
    5: Overrides(request_date=(date(2024, 4, 1), "letter_slash")),
    6: Overrides(request_date=(date(2024, 4, 1), "short_dot")),
    7: Overrides(birth_date=(date(1990, 3, 4), "kanji_fw")),
    8: Overrides(birth_date=(date(1975, 10, 1), "kanji_num")),
    9: Overrides(birth_date=(date(1990, 3, 4), "ligature_dot"), kana_style="hiragana"),
    10: Overrides(request_date=(date(2025, 1, 6), "ligature_dot")),  # ㋿7.1.6
}
