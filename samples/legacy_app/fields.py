"""The entry form's fields: HTML name, on-screen label, and kind, in screen order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One input of the entry form; ``label`` is the exact text of its ``<label>``/``<legend>``."""

    name: str
    label: str


GENDERS = ("男", "女")
PENSIONS = ("厚生年金", "国民年金", "共済組合")
ACCOUNT_TYPES = ("普通", "当座")
CHILD_SLOTS = (1, 2, 3)


def _child_fields(slot: int) -> tuple[Field, ...]:
    return (
        Field(f"child{slot}_name", f"児童{slot} 氏名"),
        Field(f"child{slot}_kana", f"児童{slot} フリガナ"),
        Field(f"child{slot}_birth", f"児童{slot} 生年月日"),
    )


FIELDS: tuple[Field, ...] = (
    Field("applicant_name", "請求者氏名"),
    Field("applicant_kana", "フリガナ"),
    Field("birth_era", "生年月日（元号）"),
    Field("birth_year", "生年月日（年）"),
    Field("birth_month", "生年月日（月）"),
    Field("birth_day", "生年月日（日）"),
    Field("gender", "性別"),
    Field("my_number", "個人番号"),
    Field("postal_code", "郵便番号"),
    Field("address_town", "住所（都道府県・市区町村・町域）"),
    Field("address_street", "番地・建物名"),
    Field("phone", "電話番号"),
    Field("pension", "加入年金"),
    Field("bank_name", "金融機関名"),
    Field("branch_name", "支店名"),
    Field("account_type", "預金種別"),
    Field("account_number", "口座番号"),
    Field("account_holder_kana", "口座名義（カナ）"),
    *(field for slot in CHILD_SLOTS for field in _child_fields(slot)),
    Field("confirmed", "記載内容を確認しました"),
)
FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in FIELDS)
LABELS: dict[str, str] = {field.name: field.label for field in FIELDS}

# Another municipality's installation of the same system, whose screen words two fields
# differently (chosen with --labels / LEGACY_LABELS); everything else is the same.
LABEL_VARIANTS: dict[str, dict[str, str]] = {
    "standard": {},
    "b": {"applicant_name": "申請者氏名", "phone": "連絡先電話番号"},
}


def labels_for(variant: str = "standard") -> dict[str, str]:
    """The on-screen labels of ``variant`` (KeyError for an unknown variant)."""
    return {**LABELS, **LABEL_VARIANTS[variant]}
