"""Server-side validation of the 認定請求 entry form.

:func:`validate_entry` takes the decoded form and returns the record to store
plus one Japanese message per problem, each naming the field's label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import checks, eras
from .fields import ACCOUNT_TYPES, CHILD_SLOTS, FIELDS, GENDERS, LABELS, PENSIONS
from .sjis import unencodable_chars

NAME_MAX = 30
TEXT_MAX = 60
STREET_MAX = 100


@dataclass
class EntryResult:
    """The cleaned record (DB column -> value) and the error messages, in screen order."""

    record: dict[str, object] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is nothing to report."""
        return not self.errors


def _check_length(label: str, value: str, limit: int) -> str | None:
    return f"{label}は{limit}文字以内で入力してください。" if len(value) > limit else None


def check_full_width(label: str, value: str) -> str | None:
    """Full-width characters only (no ASCII, no half-width kana)."""
    bad = checks.first_half_width(value)
    if bad is not None:
        shown = "半角スペース" if bad == " " else f"半角文字「{bad}」"
        return f"{label}は全角で入力してください（{shown}は使用できません）。"
    return _check_length(label, value, NAME_MAX)


def check_full_width_name(label: str, value: str) -> str | None:
    """A person's name: full-width only, surname and given name split by U+3000."""
    if " " in value:
        return f"{label}の姓と名の間は全角スペースで区切ってください。"
    return check_full_width(label, value)


def check_katakana(label: str, value: str) -> str | None:
    """Full-width katakana, ー, ・ and U+3000 only."""
    if " " in value:
        return f"{label}の区切りは全角スペースで入力してください。"
    bad = checks.first_non_katakana(value)
    if bad is not None:
        return f"{label}は全角カタカナで入力してください（「{bad}」は使用できません）。"
    return _check_length(label, value, TEXT_MAX)


def check_free_text(label: str, value: str) -> str | None:
    """Any Shift_JIS text up to the street-address length."""
    return _check_length(label, value, STREET_MAX)


class _Validator:
    def __init__(self, form: Mapping[str, str], postal: Mapping[str, str], today: dt.date) -> None:
        self.values = {f.name: form.get(f.name, "").strip() for f in FIELDS}
        self.postal = postal
        self.today = today
        self.result = EntryResult()

    def error(self, message: str | None) -> None:
        if message:
            self.result.errors.append(message)

    def clean(self, name: str) -> bool:
        """False, after naming each offending character, if the value is not Shift_JIS-clean."""
        bad = unencodable_chars(self.values[name])
        for char in bad:
            self.error(
                f"{LABELS[name]}に使用できない文字「{char}」が含まれています（Shift_JISで表せない文字です）。"
            )
        return not bad

    def usable(self, name: str, *, select: bool = False) -> str | None:
        """The value when present and Shift_JIS-clean; reports what is wrong otherwise."""
        if not self.clean(name):
            return None
        value = self.values[name]
        if not value:
            verb = "選択" if select else "入力"
            self.error(f"{LABELS[name]}を{verb}してください。")
            return None
        return value

    def text(self, name: str, check: Callable[[str, str], str | None]) -> None:
        value = self.usable(name)
        if value is not None:
            self.error(check(LABELS[name], value))
        self.result.record[name] = value

    def choice(self, name: str, choices: tuple[str, ...]) -> None:
        value = self.usable(name, select=True)
        if value is not None and value not in choices:
            self.error(f"{LABELS[name]}の値が正しくありません。")
        self.result.record[name] = value

    def run(self) -> EntryResult:
        self.text("applicant_name", check_full_width_name)
        self.text("applicant_kana", check_katakana)
        self.birth_date()
        self.choice("gender", GENDERS)
        self.my_number()
        self.address()
        self.phone()
        self.choice("pension", PENSIONS)
        self.text("bank_name", check_full_width)
        self.text("branch_name", check_full_width)
        self.choice("account_type", ACCOUNT_TYPES)
        self.account_number()
        self.text("account_holder_kana", check_katakana)
        self.children()
        if self.clean("confirmed") and self.values["confirmed"] != "1":
            self.error(f"「{LABELS['confirmed']}」にチェックを入れてください。")
        return self.result

    def birth_date(self) -> None:
        era_name = self.usable("birth_era", select=True)
        parts = [self.usable(name, select=True) for name in ("birth_year", "birth_month", "birth_day")]
        record = self.result.record
        record.update(birth_era=era_name, birth_year=None, birth_month=None, birth_day=None, birth_date=None)
        if era_name is None or None in parts:
            return
        if era_name not in eras.ERA_NAMES or not all(p.isascii() and p.isdigit() for p in parts):
            self.error("生年月日の値が正しくありません。")
            return
        year, month, day = (int(p) for p in parts)
        record.update(birth_year=year, birth_month=month, birth_day=day)
        era = eras.era_named(era_name)
        try:
            born = eras.to_western(era, year, month, day)
        except ValueError:
            self.error(f"生年月日が正しくありません（{era_name}{year}年{month}月{day}日は存在しない日付です）。")
            return
        if not era.contains(born):
            self.error(f"生年月日が元号の期間外です（{era.describe()}）。")
        elif born > self.today:
            self.error("生年月日に未来の日付は入力できません。")
        else:
            record["birth_date"] = born.isoformat()

    def my_number(self) -> None:
        value = self.usable("my_number")
        if value is not None and not (len(value) == 12 and value.isascii() and value.isdigit()):
            self.error(f"{LABELS['my_number']}は半角数字12桁で入力してください。")
        elif value is not None and not checks.is_my_number(value):
            self.error(f"{LABELS['my_number']}が正しくありません（チェックデジットが一致しません）。")
        self.result.record["my_number"] = value

    def address(self) -> None:
        code_text = self.usable("postal_code")
        code = checks.normalize_postal(code_text) if code_text is not None else None
        if code_text is not None and code is None:
            self.error(f"{LABELS['postal_code']}は半角数字7桁（ハイフン可）で入力してください。")
        elif code is not None and code not in self.postal:
            self.error(f"{LABELS['postal_code']}に該当する住所が見つかりません。")
        town_label = LABELS["address_town"]
        town = self.values["address_town"]
        if self.clean("address_town"):
            if not town:
                self.error(f"{town_label}を入力してください（「住所検索」ボタンを押してください）。")
            elif code in self.postal and town != self.postal[code]:
                self.error(f"{town_label}が郵便番号と一致しません。「住所検索」ボタンで入力し直してください。")
        self.result.record.update(postal_code=code, address_town=town or None)
        self.text("address_street", check_free_text)

    def phone(self) -> None:
        value = self.usable("phone")
        if value is not None and not checks.is_phone(value):
            self.error(f"{LABELS['phone']}は半角数字とハイフンで、数字10桁または11桁で入力してください。")
        self.result.record["phone"] = value

    def account_number(self) -> None:
        value = self.usable("account_number")
        if value is not None and not (len(value) == 7 and value.isascii() and value.isdigit()):
            self.error(f"{LABELS['account_number']}は半角数字7桁で入力してください。")
        self.result.record["account_number"] = value

    def children(self) -> None:
        previous_given = True
        for slot in CHILD_SLOTS:
            names = (f"child{slot}_name", f"child{slot}_kana", f"child{slot}_birth")
            given = any(self.values[n] for n in names)
            for name in names:
                self.result.record[name] = None
            if slot > 1 and not given:
                previous_given = False
                continue
            if slot > 1 and not previous_given:
                self.error(f"{LABELS[names[0]]}: 児童{slot - 1}が未入力です。児童1から順に入力してください。")
            self.text(names[0], check_full_width_name)
            self.text(names[1], check_katakana)
            self.child_birth(names[2])

    def child_birth(self, name: str) -> None:
        value = self.usable(name)
        if value is None:
            return
        born = checks.parse_slash_date(value)
        if born is None:
            self.error(f"{LABELS[name]}はYYYY/MM/DD形式の正しい日付で入力してください（例：2020/04/01）。")
        elif born > self.today:
            self.error(f"{LABELS[name]}に未来の日付は入力できません。")
        else:
            self.result.record[name] = born.isoformat()


def validate_entry(
    form: Mapping[str, str], postal: Mapping[str, str], today: dt.date | None = None
) -> EntryResult:
    """Validate the entry form against the postal table; see :class:`EntryResult`."""
    return _Validator(form, postal, today or dt.date.today()).run()


def form_values(form: Mapping[str, str]) -> dict[str, str]:
    """The entry form's own fields from a decoded submission, for re-display."""
    return {f.name: form.get(f.name, "") for f in FIELDS}
