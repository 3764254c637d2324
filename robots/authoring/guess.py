"""Guess a field's type and an English field name from its printed label and the value
written on a filled sample (pure functions; ``template new`` uses them)."""

from __future__ import annotations

import re
import unicodedata

from shared.japanese.identifiers import my_number_is_valid

__all__ = ["LABEL_RULES", "clean_label", "guess_name", "guess_type", "is_label_like", "unique_name"]

LABEL_RULES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    # (words in the label, field type, base of the field name) — first match wins
    (("個人番号", "マイナンバー"), "my_number", "my_number"),
    (("フリガナ", "ふりがな", "カナ", "かな"), "katakana", "kana"),
    (("郵便番号", "〒"), "postal_code", "postal_code"),
    (("電話", "連絡先", "携帯"), "phone", "phone"),
    (("生年月日",), "wareki_date", "birth_date"),
    (("申請日", "請求日", "届出日", "提出日", "申込日", "年月日"), "wareki_date", "request_date"),
    (("住所", "所在地", "居所"), "address", "address"),
    (("氏名", "名前", "申請者", "請求者"), "name", "name"),
    (("金額", "手数料", "料金", "（円）", "額"), "money", "amount"),
    (("口座番号", "記号番号", "番号"), "digits", "number"),
    (("通数", "枚数", "件数", "人数", "部数", "日数", "回数"), "number", "count"),
)
PERSON_NAME = re.compile(r"(者|人|師|主|長|親|児|子)名$")  # 代表者名, 医師名, 世帯主名: a person's name
DATE_LABEL = re.compile(r"(日|年月日|期日)$")  # 転入した日, 入所希望日, 初診日
MONEY_LABEL = re.compile(r"(費|代|料|手当|助成金|負担金|所得|収入)$")
COUNT_LABEL = re.compile(r"(数|年齢|歳)$")  # 児童数, 扶養親族の数: a count
LABEL_ENDINGS = ("名", "日", "先", "号", "所", "地", "額", "数", "別", "柄", "由", "考", "業", "齢", "者", "人", "ナ", "な",
                 "金", "費", "料", "類", "目", "容", "間", "期", "年", "月", "法", "種", "区分", "番号", "有無", "状況")
NOTE = re.compile(r"[（(][^）)]*(ください|こと|場合|□|○)[^）)]*[）)]")
NAME_WORDS: tuple[tuple[str, str], ...] = (
    # words that give a field a more specific name (prefix)
    ("請求者", "claimant"), ("申請者", "applicant"), ("所有者", "owner"), ("届出人", "notifier"),
    ("児童", "child"), ("世帯主", "householder"), ("口座名義", "account_holder"), ("口座", "account"), ("犬", "dog"),
    ("金融機関", "bank"), ("支店", "branch"), ("預金種別", "account_type"), ("性別", "sex"),
    ("年金", "pension"), ("種類", "kind"), ("毛色", "color"), ("目的", "purpose"), ("証明書", "certificate"),
    ("本人確認", "id_checked"), ("相違", "confirmed"), ("確認", "confirmed"), ("同意", "consent"), ("続柄", "relationship"),
)

LABEL_TYPE_NAMES = {"name": "name", "money": "amount", "wareki_date": "date", "number": "count"}

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


def clean_label(text: str) -> str:
    """A printed label without its instructions in brackets (「（該当する□に印を付けてください）」)."""
    cleaned = NOTE.sub("", re.sub(r"\s+", "", text)).strip("：:")
    return cleaned or re.sub(r"\s+", "", text)


def is_label_like(text: str) -> bool:
    """Whether printed text reads as an item's label (short, a noun), not a sentence or note."""
    squashed = clean_label(text)
    if not 1 <= len(squashed) <= 14 or any(mark in squashed for mark in "。、※") or squashed[0] in "（(注*＊":
        return False
    if any(word in squashed for words, _, _ in LABEL_RULES for word in words):
        return True
    return squashed.endswith(LABEL_ENDINGS)


def _label_type(squashed: str, value: str | None) -> str | None:
    """The type a label names, or None when it names none."""
    for words, field_type, _ in LABEL_RULES:
        if any(word in squashed for word in words):
            return field_type
    if PERSON_NAME.search(squashed) and not squashed.endswith(("機関名", "店名", "所名", "園名", "校名")):
        return "name"
    if MONEY_LABEL.search(squashed):
        return "money"
    if COUNT_LABEL.search(squashed):
        return "number"
    if DATE_LABEL.search(squashed) and not squashed.endswith(("曜日", "日数")):
        return "wareki_date"
    return None


def guess_type(label: str, value: str | None) -> str:
    """The field type for a printed ``label`` and the ``value`` written on the sample:
    the label decides when it names the kind of data, else the value's shape, else text.
    A date label with a Western date written is ``date``; a name label with kana only is
    still a name."""
    squashed = clean_label(label)
    named = _label_type(squashed, value)
    shape = _type_from_value(value) if value else None
    if named == "wareki_date" and shape == "date":
        return "date"
    if named is not None:
        return named
    return shape or "text"


def guess_name(label: str, field_type: str, row: int | None = None) -> str:
    """An English field name from the label's words (``claimant_name``, ``child_name_2``)."""
    squashed = clean_label(label)
    marked = field_type in ("checkbox", "choice")  # a mark's label names no kind of data
    base = None if marked else next((name for words, _, name in LABEL_RULES if any(w in squashed for w in words)), None)
    if base is None and not marked:
        base = LABEL_TYPE_NAMES.get(_label_type(squashed, None) or "")
    found = [(squashed.index(word), squashed.index(word) + len(word), name) for word, name in NAME_WORDS if word in squashed]
    found = sorted(f for f in found if not any(o != f and o[0] <= f[0] and f[1] <= o[1] for o in found))
    prefix = found[0][2] if found else None
    if base is None:
        base = found[-1][2] if found else \
            {"date": "date", "wareki_date": "date", "checkbox": "check", "choice": "choice"}.get(field_type, "field")
        prefix = found[0][2] if len(found) > 1 else None
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
