"""Made-up people and how their data is written on paper, for the procedure forms.

Every value is chosen in its normalized form first (what ``docs/field-types.md`` says a
reader must produce) and is then *written* in one of several spellings. The truth is the
chosen value, never a re-normalization of the written text, so nothing here shares code
with the normalizers under test. Standard library only.
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

POSTAL_JSON = Path(__file__).resolve().parents[1] / "data" / "postal.json"

# --- what one field holds on one filled form ----------------------------------------------


@dataclass
class Written:
    """A text or digit-row field: the normalized ``value`` and the ``original`` as written."""

    value: object
    original: str


@dataclass
class Marked:
    """A choice (``value`` is the option) or a checkbox (``value`` is a bool); ``mark`` says how
    the mark is drawn: ellipse | circle | glyph:レ | glyph:✓ | glyph:■ | cross | check."""

    value: object
    mark: str | None = None


@dataclass
class DateParts:
    """A date split into printed parts: values written between printed 年・月・日 (``era`` is the
    printed era word), or written in 年・月・日 boxes with the era circled (``mark`` set)."""

    value: str  # ISO date
    era: str  # the era as printed (令和) or the circled option (昭)
    year: str  # as written: "6", "０６", "元"
    month: str
    day: str
    mark: str | None = None  # how the era is circled (era_boxes only)

    @property
    def original(self) -> str:
        return f"{self.era}{self.year}年{self.month}月{self.day}日"


Fill = Written | Marked | DateParts


# --- names (made up; the 見本・例野 style names are deliberately unreal) ---------------------

SURNAMES = (
    ("山田", "ヤマダ"),
    ("見本", "ミホン"),
    ("例野", "レイノ"),
    ("仮屋", "カリヤ"),
    ("試川", "タメシカワ"),
    ("髙橋", "タカハシ"),  # 髙 U+9AD9
    ("山﨑", "ヤマザキ"),  # 﨑 U+FA11, a compatibility ideograph NFKC would fold
    ("架空", "カクウ"),
    ("手本", "テホン"),
    ("星見", "ホシミ"),
    ("雛形", "ヒナガタ"),
    ("東雲", "シノノメ"),
    ("渡邊", "ワタナベ"),  # 邊 (variant of 辺)
    ("斉藤", "サイトウ"),
)
MALE_GIVEN = (
    ("太郎", "タロウ"),
    ("浩一", "コーイチ"),
    ("健太", "ケンタ"),
    ("大輔", "ダイスケ"),
    ("翔", "ショウ"),
    ("一郎", "イチロウ"),
    ("修", "オサム"),
    ("勇気", "ユウキ"),
)
FEMALE_GIVEN = (
    ("花子", "ハナコ"),
    ("優里", "ユーリ"),
    ("恵美", "エミ"),
    ("京子", "キョウコ"),
    ("陽子", "ヨウコ"),
    ("真理", "マリ"),
    ("沙織", "サオリ"),
    ("千尋", "チヒロ"),
)
CHILD_GIVEN = (
    (("陽翔", "ハルト"), "男"),
    (("蓮", "レン"), "男"),
    (("湊", "ミナト"), "男"),
    (("樹", "イツキ"), "男"),
    (("悠真", "ユウマ"), "男"),
    (("翔太", "ショータ"), "男"),
    (("結菜", "ユイナ"), "女"),
    (("凛", "リン"), "女"),
    (("葵", "アオイ"), "女"),
    (("芽依", "メイ"), "女"),
    (("紬", "ツムギ"), "女"),
    (("莉子", "リコ"), "女"),
)
HOSPITALS = (
    "見本市立中央病院",
    "サンプル記念病院",
    "例野内科クリニック",
    "医療法人社団　雛形会　雛形総合病院",
    "東雲こどもクリニック",
    "独立行政法人 見本医療センター",
)
DEPARTMENTS = ("内科", "小児科", "整形外科", "眼科", "耳鼻咽喉科", "皮膚科")
DIAGNOSES = ("気管支喘息", "アトピー性皮膚炎", "骨折（右橈骨遠位端）", "急性虫垂炎", "アレルギー性鼻炎", "肺炎")
BUILDINGS = ("サンプルハイツ", "見本マンション", "コーポ例野", "メゾン見本", "第２雛形荘", "グランド東雲")
NURSERIES = ("見本市立みなと保育所", "ひなた保育園", "さくら第二保育園", "例野こども園", "市立中央保育所")

# area codes whose numbers phonenumbers formats as code-XXX(X)-XXXX
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
# first digits of the local part that an area code does not use (札幌 011: no 4xx or 9xx exchanges)
UNUSED_LOCAL = {"011": (4, 9)}

# --- small writing helpers ---------------------------------------------------------------------

_FW = str.maketrans("0123456789-/.ABCDEFGHIJKLMNOPQRSTUVWXYZ", "０１２３４５６７８９－／．ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")
_KANJI_DIGITS = "〇一二三四五六七八九"
# every dash a writer may use between digits (SPEC §5); the reader maps them to "-"
DASHES = ("-", "－", "ー", "−", "‐", "–", "―", "ｰ")


def fullwidth(s: str) -> str:
    return s.translate(_FW)


def kanji_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    out = "" if tens == 0 else ("十" if tens == 1 else _KANJI_DIGITS[tens] + "十")
    return out + (_KANJI_DIGITS[ones] if ones else "")


# --- wareki ------------------------------------------------------------------------------------

# (name, letter, one character, ligature, code, first day)
ERAS = (
    ("令和", "R", "令", "㋿", 5, date(2019, 5, 1)),
    ("平成", "H", "平", "㍻", 4, date(1989, 1, 8)),
    ("昭和", "S", "昭", "㍼", 3, date(1926, 12, 25)),
    ("大正", "T", "大", "㍽", 2, date(1912, 7, 30)),
    ("明治", "M", "明", "㍾", 1, date(1868, 1, 25)),
)
ERA_OPTIONS = ("明", "大", "昭", "平", "令")  # as printed for circling, oldest first


def wareki(d: date) -> tuple[tuple, int]:
    """(era row, year in the era)."""
    for era in ERAS:
        if d >= era[5]:
            return era, d.year - era[5].year + 1
    raise ValueError(f"before 明治: {d}")


WAREKI_STYLES = (
    "kanji",  # 昭和60年5月3日 (元年 for year 1)
    "kanji_fw",  # 平成２年３月４日
    "kanji_num",  # 昭和五十年十月一日
    "letter_dot",  # H2.3.4
    "letter_slash",  # S60/05/03
    "short_dot",  # 令6.4.1
    "ligature_dot",  # ㍻2.3.4
    "code7",  # 3600503 (GYYMMDD)
)
WESTERN_STYLES = ("iso", "slash", "slash_pad", "kanji", "kanji_fw")


def write_wareki(d: date, style: str) -> str:
    (name, letter, one, lig, code, _), y = wareki(d)
    if style == "kanji":
        return f"{name}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    if style == "kanji_fw":
        return f"{name}{'元' if y == 1 else fullwidth(str(y))}年{fullwidth(str(d.month))}月{fullwidth(str(d.day))}日"
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
    if style == "code7":
        return f"{code}{y:02d}{d.month:02d}{d.day:02d}"
    return write_western(d, style)


def write_western(d: date, style: str) -> str:
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "slash_pad":
        return f"{d.year}/{d.month:02d}/{d.day:02d}"
    if style == "kanji":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "kanji_fw":
        return fullwidth(f"{d.year}年{d.month}月{d.day}日")
    raise ValueError(style)


def part_written(n: int, style: str, *, gannen: bool = False) -> str:
    """One number written in a gap or a box of a split date: 6, 06, ６, 元."""
    if gannen and n == 1 and style in ("plain", "fw"):
        return "元"
    return {"plain": str(n), "pad": f"{n:02d}", "fw": fullwidth(str(n))}[style]


def date_line(d: date, rng: random.Random, era: str = "令和") -> DateParts:
    """A 令和 date written between the printed 令和・年・月・日."""
    (name, *_), y = wareki(d)
    if name != era:
        raise ValueError(f"{d} is not in {era}")
    style = rng.choice(("plain", "plain", "pad", "fw"))
    return DateParts(
        d.isoformat(),
        era,
        part_written(y, style, gannen=True),
        part_written(d.month, style),
        part_written(d.day, style),
    )


def era_boxes(d: date, rng: random.Random) -> DateParts:
    """A date with its era circled among 明・大・昭・平・令 and the numbers in 年・月・日 boxes."""
    (_, _, one, *_), y = wareki(d)
    style = rng.choice(("plain", "plain", "pad", "fw"))
    return DateParts(
        d.isoformat(),
        one,
        part_written(y, style, gannen=rng.random() < 0.5),
        part_written(d.month, style),
        part_written(d.day, style),
        mark=rng.choice(("ellipse", "circle")),
    )


def wareki_text(d: date, rng: random.Random, styles: tuple[str, ...] = WAREKI_STYLES) -> Written:
    return Written(d.isoformat(), write_wareki(d, rng.choice(styles)))


def western_text(d: date, rng: random.Random) -> Written:
    return Written(d.isoformat(), write_western(d, rng.choice(WESTERN_STYLES)))


def rand_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


# --- kana and names ----------------------------------------------------------------------------


def _halfwidth_table() -> dict[str, str]:
    """Full-width katakana → half-width spelling, built from NFKC itself (so the two agree)."""
    table: dict[str, str] = {}
    singles = [chr(c) for c in range(0xFF66, 0xFF9E)]  # ｦ .. ﾝ and ｰ
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

KANA_STYLES = ("full", "full", "full", "ascii_space", "no_space", "half", "hiragana", "dash")


def write_kana(family: str, given: str, style: str) -> Written:
    """Furigana of a name; the normalized value has one U+3000 where the writer left a space."""
    spaced = f"{family}\u3000{given}"
    if style == "full":
        return Written(spaced, spaced)
    if style == "ascii_space":
        return Written(spaced, f"{family} {given}")
    if style == "no_space":
        return Written(family + given, family + given)
    if style == "half":
        return Written(spaced, "".join(_HALF[c] for c in spaced))
    if style == "hiragana":
        return Written(spaced, "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in spaced))
    if style == "dash":  # a long-vowel mark written as a full-width minus
        if "ー" not in spaced:
            return Written(spaced, spaced)
        return Written(spaced, spaced.replace("ー", "－"))
    raise ValueError(style)


@dataclass(frozen=True)
class Person:
    family: str
    given: str
    family_kana: str
    given_kana: str
    sex: str  # 男 | 女
    birth: date

    def name(self, rng: random.Random) -> Written:
        sep = rng.choice(("\u3000", "\u3000", " ", ""))
        value = f"{self.family}\u3000{self.given}" if sep else self.family + self.given
        return Written(value, f"{self.family}{sep}{self.given}")

    def kana(self, rng: random.Random, styles: tuple[str, ...] = KANA_STYLES) -> Written:
        return write_kana(self.family_kana, self.given_kana, rng.choice(styles))


def adult(rng: random.Random, first: date = date(1950, 1, 1), last: date = date(2002, 12, 31),
          family: tuple[str, str] | None = None, sex: str | None = None) -> Person:
    sex = sex or rng.choice(("男", "女"))
    fam = family or rng.choice(SURNAMES)
    given = rng.choice(MALE_GIVEN if sex == "男" else FEMALE_GIVEN)
    return Person(fam[0], given[0], fam[1], given[1], sex, rand_date(rng, first, last))


def child(rng: random.Random, family: tuple[str, str], first: date, last: date,
          taken: set[str] | None = None) -> Person:
    choices = [c for c in CHILD_GIVEN if not taken or c[0][0] not in taken]
    (given, kana), sex = rng.choice(choices)
    if taken is not None:
        taken.add(given)
    return Person(family[0], given, family[1], kana, sex, rand_date(rng, first, last))


def doctor(rng: random.Random) -> Written:
    """A doctor's name: no furigana on these forms."""
    return adult(rng, date(1950, 1, 1), date(1990, 12, 31)).name(rng)


# --- numbers -----------------------------------------------------------------------------------

MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def my_number_check_digit(first11: str) -> int:
    r = sum(int(c) * w for c, w in zip(first11, MY_NUMBER_WEIGHTS, strict=True)) % 11
    return 0 if r <= 1 else 11 - r


def my_number(rng: random.Random, fw: bool = False) -> Written:
    """A My Number from the test range (it starts 0000) with a valid check digit."""
    first11 = "0000" + "".join(rng.choice("0123456789") for _ in range(7))
    number = first11 + str(my_number_check_digit(first11))
    return Written(number, fullwidth(number) if fw else number)


def digit_row(rng: random.Random, count: int, fw: bool = False) -> Written:
    number = "".join(rng.choice("0123456789") for _ in range(count))
    return Written(number, fullwidth(number) if fw else number)


def load_postal() -> dict[str, str]:
    return json.loads(POSTAL_JSON.read_text(encoding="utf-8"))


POSTAL_STYLES = ("dash", "plain", "fw_dash", "fw_choon", "mark_dash")


def postal_text(code: str, style: str) -> Written:
    dashed = f"{code[:3]}-{code[3:]}"
    written = {
        "dash": dashed,
        "plain": code,
        "fw_dash": fullwidth(dashed),
        "fw_choon": f"{fullwidth(code[:3])}ー{fullwidth(code[3:])}",
        "mark_dash": f"〒{dashed}",
    }[style]
    return Written(code, written)


def phone(rng: random.Random, code: str | None = None) -> Written:
    """A phone number whose national format (phonenumbers) is the value; written with one of
    the dash characters, in full-width digits, or without dashes."""
    area = AREA_CODES.get(code or "") if code and rng.random() < 0.7 else None
    if area is None:
        value = f"{rng.choice(('090', '080', '070'))}-{rng.randint(1000, 9999)}-{rng.randint(0, 9999):04d}"
    elif len(area) == 2:
        value = f"{area}-{rng.randint(2000, 6999)}-{rng.randint(0, 9999):04d}"
    else:
        local = rng.randint(200, 999)
        while local // 100 in UNUSED_LOCAL.get(area, ()):  # no such exchange in the numbering plan
            local = rng.randint(200, 999)
        value = f"{area}-{local}-{rng.randint(0, 9999):04d}"
    style = rng.choice(("ascii", "ascii", "plain", "fw", "dash"))
    if style == "ascii":
        written = value
    elif style == "plain":
        written = value.replace("-", "")
    elif style == "fw":
        written = fullwidth(value).replace("－", rng.choice(("－", "ー")))
    else:
        written = value.replace("-", rng.choice(DASHES[3:]))
    return Written(value, written)


def address(rng: random.Random, town: str) -> Written:
    """(normalized, written): block numbers with varied dashes or 丁目・番・号, maybe a building."""
    a, b, c = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20)
    style = rng.choice(("ascii", "fw_choon", "fw_minus", "dash_var", "chome", "chome_fw"))
    if style == "chome":
        value = written = f"{a}丁目{b}番{c}号"
    elif style == "chome_fw":
        value, written = f"{a}丁目{b}番{c}号", fullwidth(f"{a}丁目{b}番{c}号")
    else:
        value = f"{a}-{b}-{c}"
        dash = {"ascii": "-", "fw_choon": "ー", "fw_minus": "－", "dash_var": rng.choice(DASHES[3:])}[style]
        nums = [str(a), str(b), str(c)]
        if style in ("fw_choon", "fw_minus"):
            nums = [fullwidth(n) for n in nums]
        written = dash.join(nums)
    value, written = town + value, town + written
    if rng.random() < 0.5:
        building = rng.choice(BUILDINGS)
        room = rng.choice(("101", "203", "1205号室", "Ａ棟305号室"))
        room_written = fullwidth(room) if rng.random() < 0.5 else room
        value += "\u3000" + building.replace("２", "2") + room.replace("Ａ", "A")
        written += rng.choice(("\u3000", " ")) + building + room_written
    return Written(value, written)


def money(rng: random.Random, amount: int) -> Written:
    style = rng.choice(("comma_yen", "comma_yen", "yen_mark", "fw_yen", "plain"))
    if style == "comma_yen":
        written = f"{amount:,}円"
    elif style == "yen_mark":
        written = f"{rng.choice(('¥', '￥'))}{amount:,}"
    elif style == "fw_yen":
        written = f"{fullwidth(str(amount))}円"
    else:
        written = f"{amount:,}"
    return Written(amount, written)


def number(rng: random.Random, n: int) -> Written:
    return Written(n, fullwidth(str(n)) if rng.random() < 0.3 else str(n))


TICK_MARKS = ("glyph:レ", "glyph:✓", "glyph:■", "cross", "check")
CIRCLE_MARKS = ("ellipse", "circle")


def tick(rng: random.Random, value: object) -> Marked:
    return Marked(value, rng.choice(TICK_MARKS))


def circle(rng: random.Random, value: object) -> Marked:
    return Marked(value, rng.choice(CIRCLE_MARKS))


@dataclass
class Household:
    """One made-up applicant household shared by a procedure's fields."""

    postal: str
    town: str
    family: tuple[str, str]
    people: list[Person] = field(default_factory=list)


def household(rng: random.Random, postal: dict[str, str]) -> Household:
    code = rng.choice(sorted(postal))
    return Household(code, postal[code], rng.choice(SURNAMES))
