r"""Field types: normalize the text read for one record field and say whether it is usable.

One small pure function per type, looked up by name in ``FIELD_TYPES``; ``normalize`` is
the entry point. The rules are those of ``docs/field-types.md``.

    >>> from shared.fields import normalize
    >>> normalize("wareki_date", "令和元年5月1日").json_value()
    '2019-05-01'
    >>> result = normalize("my_number", "123456789012")
    >>> result.status, result.code
    ('invalid', 'field.my_number.check_digit')
    >>> normalize("postal_code", "", required=True).status
    'missing'

The original text is always kept in ``FieldValue.original``. A failed field carries a
catalog key (``code``) and parameters that never hold personal data.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Protocol

from shared.japanese import (
    DataError,
    collapse_spaces,
    is_katakana,
    map_dashes_in_digit_runs,
    normalize_katakana,
    normalize_my_number,
    normalize_phone,
    normalize_postal_code,
    parse_date,
    parse_wareki,
    to_halfwidth_ascii,
)
from shared.messages import Msg, t

__all__ = [
    "FIELD_TYPES",
    "FieldStatus",
    "FieldTypeFunction",
    "FieldValue",
    "Options",
    "normalize",
]

FieldStatus = Literal["ok", "invalid", "missing", "needs_review"]
#: Choice options: the allowed option texts, or a mapping option text -> code.
Options = Mapping[str, str] | Sequence[str]

_IDEOGRAPHIC_SPACE = "\u3000"
_TICKED, _UNTICKED = "☑", "☐"
#: Marks read from a checkbox (spec §5: レ, ✓, ■, × or a drawn mark).
_TICK_MARKS = frozenset("☑☒✓✔レ■×✗")
_EMPTY_BOX_MARKS = frozenset("☐□")


@dataclass(frozen=True)
class FieldValue:
    """The result of normalizing one field.

    ``original`` is the text as read (checkbox: ``☑``/``☐``; choice: the option text read),
    ``value`` the normalized value (``str``, ``int``, ``datetime.date``, ``bool`` or
    ``None``), ``code`` the catalog key when ``status`` is not ``ok``, and ``params`` the
    message parameters (never personal data).
    """

    original: str | None
    value: object
    status: FieldStatus
    code: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    confidence: float | None = None  # 0..1 for values read by OCR; None when read from text

    @property
    def ok(self) -> bool:
        """True when the value can be used as is."""
        return self.status == "ok"

    def message(self, lang: str | None = None) -> str | None:
        """The catalog message for a failed field in ``lang`` (default: current language);
        ``None`` for an ``ok`` field."""
        return None if self.code is None else t(self.code, lang=lang, **self.params)

    def explained(self, code: str, **params: object) -> FieldValue:
        """The same value, its problem (if any) told inside message ``code``, which gets the
        original problem as its ``reason`` parameter beside ``params``."""
        if self.ok:
            return self
        reason = Msg(self.code or "", **self.params)
        return FieldValue(self.original, self.value, self.status, code, {**params, "reason": reason}, self.confidence)

    def json_value(self) -> object:
        """The value as JSON can hold it: a date becomes its ISO string ``YYYY-MM-DD``."""
        return self.value.isoformat() if isinstance(self.value, datetime.date) else self.value


class FieldTypeFunction(Protocol):
    """The signature every field type shares (``FIELD_TYPES[name]``)."""

    def __call__(self, raw: str | bool | None, *, required: bool = False,
                 options: Options | None = None) -> FieldValue: ...


# --- converters: non-empty text -> value, or DataError ----------------------------


def _text(text: str) -> str:
    return text.strip()


def _name(text: str) -> str:
    # No NFKC: variant kanji, compatibility ideographs (﨑) and IVS stay as written.
    return collapse_spaces(text, _IDEOGRAPHIC_SPACE)


def _katakana(text: str) -> str:
    value = normalize_katakana(text)
    if not is_katakana(value):
        raise DataError("field.katakana.invalid")
    return value


_INTEGER = re.compile("-?[0-9]+")
_ASCII_DIGITS = re.compile("[0-9]+")
_MONEY_MARKS = re.compile("[¥￥円,]")
_DIGIT_SEPARATORS = re.compile(r"[\s\-]")
_WHITE_SPACE = re.compile(r"\s+")


def _number(text: str) -> int:
    value = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if not _INTEGER.fullmatch(value):
        raise DataError("field.number.invalid")
    return int(value)


def _money(text: str) -> int:
    value = _MONEY_MARKS.sub("", unicodedata.normalize("NFKC", text)).strip()
    if not _ASCII_DIGITS.fullmatch(value):
        raise DataError("field.money.invalid")
    return int(value)


def _digits(text: str) -> str:
    value = _DIGIT_SEPARATORS.sub("", map_dashes_in_digit_runs(unicodedata.normalize("NFKC", text)))
    if not _ASCII_DIGITS.fullmatch(value):
        raise DataError("field.digits.invalid")
    return value


def _address(text: str) -> str:
    return collapse_spaces(map_dashes_in_digit_runs(to_halfwidth_ascii(text)), _IDEOGRAPHIC_SPACE)


_CONVERTERS: dict[str, Callable[[str], object]] = {
    "text": _text,
    "name": _name,
    "katakana": _katakana,
    "number": _number,
    "money": _money,
    "digits": _digits,
    "date": parse_date,
    "wareki_date": parse_wareki,
    "my_number": normalize_my_number,
    "postal_code": normalize_postal_code,
    "phone": normalize_phone,
    "address": _address,
}


# A date line printed on the form (「令和　年　月　日」) read with nothing written in it: only
# the printed era names, 年・月・日 and separators. Such a field is empty, not a bad date.
_EMPTY_DATE_FRAME = re.compile(r"(?:明治|大正|昭和|平成|令和|西暦|[明大昭平令年月日・\s])*")
_EMPTY_FRAMES: dict[str, re.Pattern[str]] = {"date": _EMPTY_DATE_FRAME, "wareki_date": _EMPTY_DATE_FRAME}
# A box drawn over a whole date line may hold its printed label too (「申請年月日　令和…」): a
# label without digits before an era name or a Western year is set aside when the whole
# text is not a date.
_DATE_LABEL = re.compile(r"^(?P<label>[^0-9０-９]{1,12}?)\s*(?=明治|大正|昭和|平成|令和|西暦|[0-9０-９]{4}\s*[年/.\-])")
_LABELLED = frozenset({"date", "wareki_date"})


def _without_label(type_name: str, text: str) -> str | None:
    """``text`` without a printed label before the date, or None when it has none."""
    if type_name not in _LABELLED or not (m := _DATE_LABEL.match(text)):
        return None
    return text[m.end():]


# --- field type functions -----------------------------------------------------------


def _empty_frame(type_name: str, text: str) -> bool:
    """A printed frame (a date line's 令和・年・月・日, maybe after its label) with nothing
    written in it."""
    frame = _EMPTY_FRAMES.get(type_name)
    if frame is None:
        return False
    rest = _without_label(type_name, text)
    return any(frame.fullmatch(unicodedata.normalize("NFKC", t)) for t in (text, rest) if t is not None)


def _empty(original: str | None, required: bool) -> FieldValue:
    if required:
        return FieldValue(original, None, "missing", "field.required")
    return FieldValue(original, None, "ok")


def _as_text(type_name: str, raw: object) -> str | None:
    """``raw``, which must be text or None (anything else is the caller's bug)."""
    if raw is not None and not isinstance(raw, str):
        raise TypeError(f"a {type_name} field takes text or None, not {type(raw).__name__}")
    return raw


def _text_field(type_name: str, convert: Callable[[str], object]) -> FieldTypeFunction:
    """The field type function for a converter of non-empty text."""

    def normalize_field(raw: str | bool | None, *, required: bool = False,
                        options: Options | None = None) -> FieldValue:
        text = _as_text(type_name, raw)
        if options is not None:
            raise TypeError(f"options apply to choice fields only, not {type_name}")
        if text is None or not text.strip() or _empty_frame(type_name, text):
            return _empty(text, required)
        try:
            value = convert(text)
        except DataError as exc:
            rest = _without_label(type_name, text)
            if rest is None:
                return FieldValue(text, None, "invalid", exc.code, dict(exc.params))
            try:
                value = convert(rest)
            except DataError:
                return FieldValue(text, None, "invalid", exc.code, dict(exc.params))
        return FieldValue(text, value, "ok")

    normalize_field.__name__ = normalize_field.__qualname__ = f"normalize_{type_name}"
    normalize_field.__doc__ = f"Normalize a ``{type_name}`` field (see docs/field-types.md)."
    return normalize_field


def _choice_key(text: str) -> str:
    """Compare options ignoring width and white space: ``Ｙｅｓ `` matches ``Yes``."""
    return _WHITE_SPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=256)
def _choice_keys(codes: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Option key -> code, the first option winning a shared key; built once per option list
    (a scenario's options are the same for every record)."""
    return {_choice_key(option): code for option, code in reversed(codes)}


def normalize_choice(raw: str | bool | None, *, required: bool = False,
                     options: Options | None = None) -> FieldValue:
    """The option marked: its text (options given as a list) or its code (options given
    as a mapping option text -> code). An option not in the list is ``invalid``."""
    text = _as_text("choice", raw)
    if options is None or isinstance(options, str):
        raise TypeError("a choice field needs options: a list of texts or a mapping text -> code")
    codes = options if isinstance(options, Mapping) else {option: option for option in options}
    if text is None or not text.strip():
        return _empty(text, required)
    by_key = _choice_keys(tuple(codes.items()))
    key = _choice_key(text)
    if key not in by_key:
        return FieldValue(text, None, "invalid", "field.choice.not_in_options",
                          {"options": "・".join(codes)})
    return FieldValue(text, by_key[key], "ok")


def normalize_checkbox(raw: str | bool | None, *, required: bool = False,
                       options: Options | None = None) -> FieldValue:
    """Ticked or not, as a ``bool``. ``raw`` is a bool (``None`` = not ticked) or a mark
    read from the box (``☑ ✓ レ ■ ×`` ticked; ``☐ □`` or blank not). A required box
    left empty is ``missing``."""
    if options is not None:
        raise TypeError("options apply to choice fields only, not checkbox")
    if isinstance(raw, str):
        mark = raw.strip()
        if mark and mark not in _TICK_MARKS | _EMPTY_BOX_MARKS:
            return FieldValue(raw, None, "invalid", "field.checkbox.invalid")
        original, ticked = raw, mark in _TICK_MARKS
    elif raw is None or isinstance(raw, bool):
        ticked = bool(raw)
        original = _TICKED if ticked else _UNTICKED
    else:
        raise TypeError(f"a checkbox field takes a bool, a mark or None, not {type(raw).__name__}")
    if required and not ticked:
        return FieldValue(original, False, "missing", "field.checkbox.required")
    return FieldValue(original, ticked, "ok")


class _FieldTypes(Mapping[str, FieldTypeFunction]):
    """A read-only table of field types; an unknown name fails naming the known ones."""

    def __init__(self, functions: Mapping[str, FieldTypeFunction]) -> None:
        self._functions = dict(functions)

    def __getitem__(self, name: str) -> FieldTypeFunction:
        try:
            return self._functions[name]
        except KeyError:
            known = ", ".join(self._functions)
            raise KeyError(f"unknown field type {name!r}; known types: {known}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._functions)

    def __len__(self) -> int:
        return len(self._functions)

    def __repr__(self) -> str:
        return f"FIELD_TYPES({', '.join(self._functions)})"


#: Field type name -> its function ``(raw, *, required=False, options=None) -> FieldValue``.
FIELD_TYPES: Mapping[str, FieldTypeFunction] = _FieldTypes({
    **{name: _text_field(name, convert) for name, convert in _CONVERTERS.items()},
    "choice": normalize_choice,
    "checkbox": normalize_checkbox,
})


def normalize(field_type: str, raw: str | bool | None, *, required: bool = False,
              options: Options | None = None) -> FieldValue:
    """Normalize ``raw`` as a field of ``field_type``; never raises for bad data.

    An empty field is ``missing`` when ``required``, else ``ok`` with value ``None``
    (a checkbox: ``False``). ``options`` are for ``choice`` fields only. An unknown
    ``field_type`` raises ``KeyError`` naming the known types.
    """
    return FIELD_TYPES[field_type](raw, required=required, options=options)
