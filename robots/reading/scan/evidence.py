"""Evidence from independent readings: with a second OCR engine, a field read by OCR is
used without a person only when

- the second engine, reading the same zone, gives the same value after the field's
  normalization (spaces included), the value passed the field's checks, and it holds no
  variant-prone kanji and no era mark; or
- a check between fields confirmed it (the furigana fits the name, ``confirm_furigana``).

Everything else goes to a person, with the second engine's reading as the suggestion.
The first engine's own confidence, and its agreeing with itself (a larger re-reading, its
``eng`` and ``jpn`` models on digits), are no evidence: in a font it was not measured on it
repeats its misreadings (VL Gothic's dotted zero read as 6 by both models). Fields read by
ink (ticks, circled options) and composite fields keep their own judgement.

    suggestions = confirm_by_engines(readings, fields, second)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from robots.reading.scan.checks import AGREED, Reading
from robots.reading.scan.glyphs import VARIANTS
from robots.reading.scan.tidy import tidy_ocr_text
from shared.config.scenario import FieldSpec
from shared.fields import FieldValue, normalize
from shared.japanese.address import split_street
from shared.japanese.readings import reading_fits

if TYPE_CHECKING:
    from connectors.ocr import OcrEngine

__all__ = ["ERA_SYMBOLS", "SECOND_SETTINGS", "confirm_by_engines", "second_reading"]

#: Era marks as one character: both engines fold them (㍻ read as 平 or not at all).
ERA_SYMBOLS = "㋿㍻㍼㍽㍾"
_KATAKANA_WRITTEN = ("".join(map(chr, range(0x30A1, 0x30F7))) + "".join(map(chr, range(0xFF66, 0xFFA0)))
                     + "".join(map(chr, range(0x3041, 0x3097))) + "ー・ 　")
_DATE = "0123456789０１２３４５６７８９令和平成昭大正明治元年月日./-RHSTM" + ERA_SYMBOLS
#: How the second engine reads a field type: (kind, whitelist); others as ``text``.
SECOND_SETTINGS: dict[str, tuple[str, str | None]] = {
    "name": ("name", None),
    "katakana": ("katakana", _KATAKANA_WRITTEN),
    "address": ("address", None),
    "my_number": ("digits", None),
    "digits": ("digits", None),
    "postal_code": ("text", "0123456789〒-"),
    "phone": ("text", "0123456789-()"),
    "wareki_date": ("text", _DATE),
    "date": ("text", _DATE),
}
EVIDENCE_TYPES = frozenset({*SECOND_SETTINGS, "text"})


def address_form(value: FieldValue) -> FieldValue:
    """An address as it is written: town, 番地, one U+3000, building (``check_addresses``
    writes it so too): a space both engines missed, or one read into the 番地, is set right.
    A value not shaped like that is returned as it is."""
    text = value.value
    if not value.ok or not isinstance(text, str):
        return value
    first = next((i for i, c in enumerate(text) if c.isascii() and c.isdigit()), None)
    street = split_street(text[first:]) if first else None
    if first is None or street is None:
        return value
    number, building = street
    town = "".join(text[:first].split())
    formed = normalize("address", town + number + ("\u3000" + building if building else ""))
    return dataclasses.replace(formed, original=value.original, confidence=value.confidence)


def _parts_fit(readings: Mapping[str, Reading], fields: Mapping[str, FieldSpec], field: str,
               value: FieldValue) -> bool:
    """A name has a family and a given name (two engines both missing the space agree on
    「山田太郎」), and as many parts as each furigana read for it; a furigana as many as its
    name."""
    spec = fields[field]
    parts = len(str(value.value).split())
    if spec.type == "name":
        if parts < 2:
            return False
        kanas = [readings[k] for k, s in fields.items() if s.reading_of == field and k in readings]
        return all(len(k.parts()) == parts for k in kanas if k.value.value)
    name = readings.get(spec.reading_of or "")
    return name is None or not name.value.value or len(name.parts()) == parts


def second_reading(reading: Reading, spec: FieldSpec, engine: OcrEngine) -> tuple[str, FieldValue] | None:
    """The second engine's text of the zone ``reading`` was read from, and that text as a
    value of the field (normalized and checked like the first); ``None`` without a zone."""
    if reading.cleaned is None:
        return None
    kind, whitelist = SECOND_SETTINGS.get(spec.type, ("text", None))
    result = engine.recognize(reading.cleaned, kind=kind, whitelist=whitelist, single_line=True)
    text = tidy_ocr_text(spec.type, result.text)
    value = normalize(spec.type, text or None, required=spec.required, options=spec.options)
    return text, address_form(value) if spec.type == "address" else value


def _variant_prone(value: FieldValue) -> bool:
    return isinstance(value.value, str) and any(c in VARIANTS for c in value.value)


def _same(first: FieldValue, second: FieldValue, resolved: bool) -> bool:
    """The same value; a name whose variant kanji the shape decided (髙) agrees with a
    reading of the common form (高) there."""
    if not (first.ok and second.ok):
        return False
    if first.value is None or second.value is None:
        return first.value is None and second.value is None  # both read nothing in a field that may be blank
    if first.json_value() == second.json_value():
        return True
    one, two = first.value, second.value
    if not (resolved and isinstance(one, str) and isinstance(two, str) and len(one) == len(two)):
        return False
    return all(a == b or (b in VARIANTS and a in VARIANTS[b]) for a, b in zip(one, two, strict=True))


def _fits_name(readings: Mapping[str, Reading], spec: FieldSpec, value: FieldValue) -> bool:
    """A furigana agreed on by both engines is taken only when it fits its name as read: a
    voiced mark both lost (ﾔﾏﾀﾞ read ヤマタ) makes it no reading of 山田."""
    if spec.reading_of is None:
        return True
    name = readings.get(spec.reading_of)
    return name is not None and isinstance(name.value.value, str) and reading_fits(name.value.value, str(value.value))


def confirm_by_engines(readings: dict[str, Reading], fields: Mapping[str, FieldSpec],
                       second: OcrEngine) -> dict[str, str]:
    """Judge every OCR reading by the evidence above, in place: a confirmed one gets
    ``AGREED``, an unconfirmed one goes to review (``scan.engines_disagree``, or its own
    reason when it already had one). Returns the second engine's reading of each field it
    read that is not confirmed, as the suggestion a person sees."""
    suggestions: dict[str, str] = {}
    for field, reading in readings.items():
        spec = fields[field]
        if spec.type not in EVIDENCE_TYPES or reading.cleaned is None:
            continue  # read by ink, blank, or composite: judged as before
        value = address_form(reading.value) if spec.type == "address" else reading.value
        if reading.confirmed_by is not None and value.ok:
            reading.value = dataclasses.replace(value, confidence=max(value.confidence or 0.0, AGREED))
            continue
        read = second_reading(reading, spec, second)
        if read is None:
            continue
        text, other = read
        agreed = (_same(value, other, reading.resolved) and not reading.marks_doubtful
                  and not (spec.type == "name" and _variant_prone(other) and not reading.resolved)
                  and not any(c in ERA_SYMBOLS for c in f"{value.original or ''}{text}")
                  and (spec.type not in ("name", "katakana") or _parts_fit(readings, fields, field, value))
                  and _fits_name(readings, spec, value))
        if agreed:
            reading.confirmed_by = "engines"
            reading.value = dataclasses.replace(value, confidence=AGREED)
            continue
        if text:
            suggestions[field] = str(other.value) if other.ok and other.value is not None else text
        if value.ok:
            reading.value = dataclasses.replace(value, status="needs_review", code="scan.engines_disagree",
                                                params={}, confidence=min(value.confidence or 0.0, 0.5))
    return suggestions
