"""Composite fields: one record field that the form splits into parts — a date written as a
circled era plus 年・月・日 boxes, a phone number in three boxes, a postal code in two, a
name in a 氏 box and a 名 box. The parts are read one by one; ``assemble`` checks each part,
joins them and validates the whole as one field of its type (era ranges, the calendar,
the phone number plan).

    >>> assemble("wareki_date", {"era": "昭", "year": "63", "month": "1", "day": "6"}).json_value()
    '1988-01-06'
    >>> assemble("phone", {"area": "03", "local": "1234", "number": "5678"}).value
    '03-1234-5678'
    >>> result = assemble("wareki_date", {"era": "平", "year": "31", "month": "5", "day": ""})
    >>> result.status, result.code, result.params["part"].key
    ('invalid', 'composite.part_missing', 'part.day')

A part left empty while others are written is ``invalid`` with ``composite.part_missing``
naming the part — never ``field.required``, which is kept for a field left wholly blank.
Pure functions; the readers (PDF, scan) give the parts' texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from functools import lru_cache

from shared.fields import FieldValue, normalize
from shared.japanese import DataError, find_era, map_dashes_in_digit_runs
from shared.messages import Msg

__all__ = ["COMPOSITE_SHAPES", "FIELD_TYPE_SHAPES", "OPTIONAL_PARTS", "assemble", "parts_problem", "shape_of"]

#: The parts a composite field may have, by shape, in reading order.
COMPOSITE_SHAPES: Mapping[str, tuple[str, ...]] = {
    "date": ("era", "year", "month", "day"),
    "phone": ("area", "local", "number"),
    "postal_code": ("first", "last"),
    "name": ("family", "given"),
}
#: Parts a field may leave out (a date without ``era`` has a Western year, or a fixed era
#: given as ``value`` in the template).
OPTIONAL_PARTS = frozenset({"era"})
#: Field type -> the shape its parts take.
FIELD_TYPE_SHAPES: Mapping[str, str] = {
    "date": "date", "wareki_date": "date", "phone": "phone", "postal_code": "postal_code",
    "name": "name", "katakana": "name", "text": "name",
}
_JOINERS = {"phone": "-", "postal_code": "-", "name": "\u3000"}
_DATE_NUMBER = re.compile("元|[0-9]+|[〇一二三四五六七八九十]+")
_DIGITS = re.compile("[0-9]+")
_POSTAL_LENGTHS = {"first": 3, "last": 4}
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile("[-〒()]")  # a printed 〒 or brackets a box may hold around the digits


def shape_of(part_names: Collection[str]) -> str | None:
    """The shape (a key of ``COMPOSITE_SHAPES``) these part names make, or None."""
    names = set(part_names)
    for shape, parts in COMPOSITE_SHAPES.items():
        if set(parts) - OPTIONAL_PARTS <= names <= set(parts):
            return shape
    return None


def parts_problem(field_type: str, part_names: Collection[str]) -> str | None:
    """Why a field of ``field_type`` cannot be assembled from these parts (the parts the
    type takes, for a message), or None when it can."""
    return _parts_problem(field_type, frozenset(part_names))


@lru_cache(maxsize=256)
def _parts_problem(field_type: str, part_names: frozenset[str]) -> str | None:
    shape = FIELD_TYPE_SHAPES.get(field_type)
    if shape is not None and shape_of(part_names) == shape:
        return None
    return "・".join(COMPOSITE_SHAPES[shape]) if shape is not None else "-"


def _part(name: str) -> Msg:
    return Msg(f"part.{name}")


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _SPACES.sub("", text)
    return text or None


def _check_date_part(name: str, text: str) -> FieldValue | None:
    if name == "era":
        try:
            find_era(unicodedata.normalize("NFKC", text))
        except DataError:
            return _invalid(text, "composite.part_era", part=_part(name))
        return None
    number = unicodedata.normalize("NFKC", text).removesuffix({"year": "年", "month": "月", "day": "日"}[name])
    if not _DATE_NUMBER.fullmatch(number) or (number == "元" and name != "year"):
        return _invalid(text, "composite.part_number", part=_part(name))
    return None


def _check_digits_part(shape: str, name: str, text: str) -> FieldValue | None:
    digits = _PUNCTUATION.sub("", map_dashes_in_digit_runs(unicodedata.normalize("NFKC", text)))
    if not _DIGITS.fullmatch(digits):
        return _invalid(text, "composite.part_digits", part=_part(name))
    expected = _POSTAL_LENGTHS.get(name) if shape == "postal_code" else None
    if expected is not None and len(digits) != expected:
        return _invalid(text, "composite.part_length", part=_part(name), count=expected, actual=len(digits))
    return None


def _invalid(original: str, code: str, **params: object) -> FieldValue:
    return FieldValue(original, None, "invalid", code, params)


def _joined(shape: str, texts: Mapping[str, str | None]) -> str:
    if shape == "date":
        era, year, month, day = (texts.get(p) or "" for p in COMPOSITE_SHAPES["date"])
        unit = lambda text, mark: text if text.endswith(mark) or not text else text + mark  # noqa: E731
        return f"{era}{unit(year, '年')}{unit(month, '月')}{unit(day, '日')}"
    return _JOINERS[shape].join(texts.get(p) or "" for p in COMPOSITE_SHAPES[shape] if p in texts)


def _whole(shape: str, field_type: str, texts: Mapping[str, str]) -> str:
    """The text the field type's own rules validate."""
    if shape != "date":
        return _joined(shape, texts)
    numbers = {p: unicodedata.normalize("NFKC", texts[p]).removesuffix(u)
               for p, u in (("year", "年"), ("month", "月"), ("day", "日"))}
    era = texts.get("era")
    prefix = find_era(unicodedata.normalize("NFKC", era)).name if era else ""
    return f"{prefix}{numbers['year']}年{numbers['month']}月{numbers['day']}日"


def assemble(field_type: str, parts: Mapping[str, str | None], *, required: bool = False,
             fixed: Collection[str] = ()) -> FieldValue:
    """The field of ``field_type`` made of ``parts`` (part name -> the text read there, or
    None when nothing was written). ``fixed`` names parts the template gives (an era printed
    on the form): they do not count as written. ``original`` is the parts joined as written
    (``昭63年1月6日``, ``03-1234-5678``, ``山田　太郎``).

    Raises ``ValueError`` when the parts do not fit the type (the template loader refuses
    such a template first)."""
    if parts_problem(field_type, parts) is not None:
        raise ValueError(f"a {field_type} field cannot be assembled from parts {', '.join(parts)}")
    shape = FIELD_TYPE_SHAPES[field_type]
    texts = {name: _clean(text) for name, text in parts.items()}
    written = [name for name, text in texts.items() if text is not None and name not in fixed]
    if not written:
        return normalize(field_type, None, required=required)
    original = _joined(shape, texts)
    for name in COMPOSITE_SHAPES[shape]:
        if name in texts and texts[name] is None:
            return FieldValue(original, None, "invalid", "composite.part_missing", {"part": _part(name)})
    present = {name: text for name, text in texts.items() if text is not None}
    for name, text in present.items():
        if shape == "date":
            problem = _check_date_part(name, text)
        elif shape in ("phone", "postal_code"):
            problem = _check_digits_part(shape, name, text)
        else:
            problem = None
        if problem is not None:
            return FieldValue(original, None, problem.status, problem.code, problem.params)
    rules = "wareki_date" if shape == "date" and present.get("era") else field_type  # a date with an era is read as one
    result = normalize(rules, _whole(shape, field_type, present), required=required)
    return FieldValue(original, result.value, result.status, result.code, result.params)
