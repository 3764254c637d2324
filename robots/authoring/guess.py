"""Guess a field's type and an English field name from its printed label and the value
written on a filled sample (pure functions; ``template new`` uses them)."""

from __future__ import annotations

import re
import unicodedata

from shared.japanese.identifiers import my_number_is_valid

__all__ = ["LABEL_RULES", "guess_name", "guess_type", "unique_name"]

LABEL_RULES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    # (words in the label, field type, base of the field name) — first match wins
    (("個人番号", "マイナンバー"), "my_number", "my_number"),
    (("フリガナ", "ふりがな", "カナ", "かな"), "katakana", "kana"),
    (("郵便番号", "〒"), "postal_code", "postal_code"),
    (("電話", "連絡先", "携帯"), "phone", "phone"),
    (("生年月日",), "wareki_date", "birth_date"),
    (("申請日", "請求日", "届出日", "提出日", "年月日"), "wareki_date", "request_date"),
    (("住所", "所在地", "居所"), "address", "address"),
    (("氏名", "名前", "申請者", "請求者"), "name", "name"),
    (("金額", "手数料", "料金", "（円）", "額"), "money", "amount"),
    (("口座番号", "記号番号", "番号"), "digits", "number"),
    (("通数", "枚数", "件数", "人数", "部数"), "number", "count"),
)
NAME_WORDS: tuple[tuple[str, str], ...] = (
    # words that give a field a more specific name (prefix)
    ("請求者", "claimant"), ("申請者", "applicant"), ("所有者", "owner"), ("届出人", "notifier"),
    ("児童", "child"), ("世帯主", "householder"), ("口座名義", "account_holder"), ("口座", "account"), ("犬", "dog"),
    ("金融機関", "bank"), ("支店", "branch"), ("預金種別", "account_type"), ("性別", "sex"),
    ("年金", "pension"), ("種類", "kind"), ("毛色", "color"), ("目的", "purpose"), ("証明書", "certificate"),
    ("本人確認", "id_checked"), ("相違", "confirmed"), ("確認", "confirmed"), ("同意", "consent"), ("続柄", "relationship"),
)

_ERA = re.compile(r"^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR]|[㍾㍽㍼㍻㋿])\s*(元|\d{1,2})\s*[年./／-]")
_WESTERN_DATE = re.compile(r"^\d{4}\s*[年/／.-]\s*\d{1,2}\s*[月/／.-]\s*\d{1,2}\s*日?$")
_POSTAL = re.compile(r"^〒?\s*\d{3}[-‐ー−]?\d{4}$")
_PHONE = re.compile(r"^0\d{1,4}[-‐ー−(（]?\d{1,4}[-‐ー−)）]?\d{3,4}$")
_MONEY = re.compile(r"^[¥￥]\s*[\d,]+$|^[\d,]+\s*円$")
_KATAKANA = re.compile(r"^[\u30a1-\u30f6ー・\u3000 ]+$")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _type_from_value(value: str) -> str | None:
    text = _nfkc(value)
    squashed = re.sub(r"\s+", "", text)
    if not squashed:
        return None
    if _ERA.match(squashed):
        return "wareki_date"
    if _WESTERN_DATE.match(squashed):
        return "date"
    if my_number_is_valid(squashed):
        return "my_number"
    if _POSTAL.match(squashed):
        return "postal_code"
    if _PHONE.match(squashed) and len(re.sub(r"\D", "", squashed)) in (10, 11):
        return "phone"
    if _MONEY.match(squashed):
        return "money"
    if squashed.isdigit():
        return "number" if len(squashed) <= 3 else "digits"
    if _KATAKANA.match(text):
        return "katakana"
    return None


def guess_type(label: str, value: str | None) -> str:
    """The field type for a printed ``label`` and the ``value`` written on the sample:
    the label decides when it names the kind of data, else the value's shape, else text."""
    squashed = re.sub(r"\s+", "", label)
    for words, field_type, _ in LABEL_RULES:
        if any(word in squashed for word in words):
            if field_type == "wareki_date" and value and _type_from_value(value) == "date":
                return "date"
            return field_type
    if squashed.endswith("日") and value and _type_from_value(value) in ("date", "wareki_date"):
        return _type_from_value(value) or "wareki_date"
    return (_type_from_value(value) if value else None) or "text"


def guess_name(label: str, field_type: str, row: int | None = None) -> str:
    """An English field name from the label's words (``claimant_name``, ``child_name_2``)."""
    squashed = re.sub(r"\s+", "", label)
    base = next((name for words, _, name in LABEL_RULES if any(w in squashed for w in words)), None)
    prefix = next((name for word, name in NAME_WORDS if word in squashed), None)
    if base is None:
        base = prefix or ("date" if field_type in ("date", "wareki_date") else "field")
        prefix = None
    if prefix and not base.startswith(prefix):
        base = f"{prefix}_{base}"
    return f"{base}_{row}" if row is not None else base


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3`` … if it is taken; adds the result to ``taken``."""
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    taken.add(candidate)
    return candidate
