"""Composite fields on a scan: each part's zone read with the OCR settings of what it holds
(year, month and day numbers; phone and postal digits; names and kana), a circled era with
the ring detector, then assembled and validated as one field (``shared.composite``). The
field's crop shows every part; each part's own crop is kept too.

With a second OCR engine the field is judged as text fields are (``robots.reading.scan.evidence``):
the second engine reads every part the first read by OCR, the parts read by ink or fixed by the
form are the same in both, and the field is used without a person only when the two assemble
to the same value; otherwise it goes to review (``scan.engines_disagree``) with the second
engine's field as the suggestion. The first engine's two models agreeing on a year is then no
evidence (it is without a second engine, as before)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from connectors.scan import clean_zone, close_gaps, cut
from robots.reading.marks import union
from robots.reading.scan.checks import AGREED, Reading
from robots.reading.scan.evidence import SECOND_SETTINGS, as_value
from robots.reading.scan.marks import DPI
from shared.composite import FIELD_TYPE_SHAPES, assemble
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding
from shared.fields import FieldValue
from shared.messages import Msg

if TYPE_CHECKING:
    from connectors.ocr import OcrEngine

__all__ = ["CompositeReading", "read_composite"]

Box = tuple[float, float, float, float]
#: Reads one zone as ``reader._read_field`` does: (page, blank, binding, spec, engine) -> Reading.
ReadZone = Callable[[np.ndarray, np.ndarray, FieldBinding, FieldSpec, object], Reading]

DATE_NUMBER_CHARACTERS = "0123456789元〇一二三四五六七八九十"
ERA_CHARACTERS = "明治大正昭和平成令和MTSHR"
DOUBTED = 0.5
CROP_PAD = 6.0  # points around the parts in the field's crop
ONE_CROP = 2.5  # parts whose common box is at most this many times their own area share one crop
_PART_TYPES = {"phone": "digits", "postal_code": "digits"}


@dataclass
class CompositeReading:
    """A composite field as read: the field's reading (its crop shows all parts) and each
    part's crop."""

    reading: Reading
    part_crops: dict[str, np.ndarray] = field(default_factory=dict)
    suggestion: str | None = None  # the second engine's field, where the engines disagree


def _date_number(page: np.ndarray, box: Box, engine) -> tuple[str | None, float, np.ndarray, np.ndarray | None]:
    """A year, month or day box: digits read by two models (Tesseract's eng digits, and jpn
    with digits, 元 and kanji numerals); agreeing digits are sure, 元 or kanji numerals are
    taken from the second reading with its own confidence. Also the zone's writing, as OCR
    was given it (None: nothing written)."""
    zone = cut(page, box, DPI)
    cleaned = clean_zone(zone)
    if cleaned is None:
        return None, AGREED, zone, None
    cleaned = close_gaps(cleaned)
    digits = engine.recognize(cleaned, kind="digits", single_line=True)
    other = engine.recognize(cleaned, kind="text", whitelist=DATE_NUMBER_CHARACTERS, single_line=True)
    first = re.sub(r"\D", "", digits.text)
    second = _date_text(other.text)
    if first and first == second:
        return first, AGREED, zone, cleaned
    if second and not second.isdigit():
        return second, min(other.confidence, 0.9), zone, cleaned
    return (first or second or None), DOUBTED, zone, cleaned


def _date_text(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _era_text(text: str) -> str | None:
    return "".join(c for c in text if c in ERA_CHARACTERS) or None


def _second_part(cleaned: np.ndarray, how: str, part_type: str, engine: OcrEngine) -> str | None:
    """The second engine's text of one part's zone, as the first engine's is taken: an era
    mark, a year/month/day number, or a value of the part's type."""
    if how == "era":
        return _era_text(engine.recognize(cleaned, kind="text", whitelist=ERA_CHARACTERS, single_line=True).text)
    if how == "number":
        text = engine.recognize(cleaned, kind="text", whitelist=DATE_NUMBER_CHARACTERS, single_line=True).text
        return _date_text(text) or None
    kind, whitelist = SECOND_SETTINGS.get(part_type, ("text", None))
    value = as_value(FieldSpec(label="part", type=part_type), engine.recognize(
        cleaned, kind=kind, whitelist=whitelist, single_line=True).text)
    return str(value.value) if value.value is not None else value.original


def _crop(page: np.ndarray, boxes: list[Box], crops: list[np.ndarray]) -> np.ndarray:
    """One crop over the parts when they sit together (with what is printed between them),
    else the parts' crops side by side."""
    whole = union(boxes)
    own = sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes)
    if (whole[2] - whole[0]) * (whole[3] - whole[1]) <= ONE_CROP * max(own, 1.0) or len(crops) < 2:
        return cut(page, whole, DPI, CROP_PAD)
    height = max(c.shape[0] for c in crops)
    gap = np.full((height, 12), 255, np.uint8)
    pieces = []
    for crop in crops:
        pieces += [np.pad(crop, ((0, height - crop.shape[0]), (0, 0)), constant_values=255), gap]
    return np.hstack(pieces[:-1])


def read_composite(page: np.ndarray, blank: np.ndarray, binding: FieldBinding, spec: FieldSpec, engine,
                   read_zone: ReadZone, *, second: OcrEngine | None = None) -> CompositeReading:
    """Read each part of ``binding`` and assemble the field of ``spec``'s type; with a
    ``second`` engine, judge it by the two engines' agreement (see the module's docstring)."""
    assert binding.parts is not None
    shape = FIELD_TYPE_SHAPES[spec.type]
    texts: dict[str, str | None] = {}
    fixed: list[str] = []
    confidences: list[float] = []
    crops: dict[str, np.ndarray] = {}
    boxes: list[Box] = []
    many: FieldValue | None = None
    doubt: FieldValue | None = None  # a part a person should look at (a variant kanji …)
    zones: dict[str, tuple[np.ndarray, str, str]] = {}  # OCR parts: writing, how it is read, part type
    for name, part in binding.parts.items():
        boxes += part.boxes
        if part.value is not None:
            texts[name], fixed = part.value, [*fixed, name]
            continue
        if part.options is not None:
            options = list(part.options)
            reading = read_zone(page, blank, FieldBinding(read="circled", options=part.options),
                                FieldSpec(label=spec.label, type="choice", options=options), engine)
            if reading.value.code == "pdf.choice_many":
                many = FieldValue(reading.value.original, None, "needs_review", "composite.era_many",
                                  {"part": Msg(f"part.{name}"), **reading.value.params}, reading.value.confidence)
            texts[name] = reading.value.value if isinstance(reading.value.value, str) else None
            confidence, crop = reading.value.confidence, reading.crop
        elif name == "era":  # an era printed or written in a box
            assert part.box is not None
            reading = read_zone(page, blank, FieldBinding(box=part.box), FieldSpec(label=spec.label, type="text"), engine)
            texts[name], confidence, crop = _era_text(str(reading.value.value or "")), reading.value.confidence, reading.crop
            if reading.cleaned is not None:
                zones[name] = (reading.cleaned, "era", "text")
        elif shape == "date":
            assert part.box is not None
            texts[name], confidence, crop, cleaned = _date_number(page, part.box, engine)
            if cleaned is not None:
                zones[name] = (cleaned, "number", "text")
        else:
            assert part.box is not None
            part_type = _PART_TYPES.get(shape, spec.type)
            reading = read_zone(page, blank, FieldBinding(box=part.box), FieldSpec(label=spec.label, type=part_type),
                                engine)
            if reading.cleaned is not None:
                zones[name] = (reading.cleaned, "value", part_type)
            value = reading.value
            texts[name] = str(value.value) if value.value is not None else value.original
            confidence, crop = value.confidence, reading.crop
            if value.status == "needs_review" and doubt is None:
                doubt = value
        confidences.append(1.0 if confidence is None else confidence)
        if crop is not None:
            crops[name] = crop
    field_crop = _crop(page, boxes, list(crops.values())) if boxes else None
    if many is not None:
        return CompositeReading(Reading(many, field_crop), crops)
    value = assemble(spec.type, texts, required=spec.required, fixed=fixed)
    if value.code == "composite.part_missing" and any(
            part.options is not None and texts[name] is None for name, part in binding.parts.items()):
        value = replace(value, code="composite.era_none", params={"part": Msg("part.era")})
    if value.ok and doubt is not None:
        value = replace(value, status="needs_review", code=doubt.code, params=doubt.params)
    confidence = min(confidences, default=1.0)
    if second is None or not zones:  # one engine, or nothing read by OCR: judged as before
        return CompositeReading(Reading(replace(value, confidence=confidence), field_crop), crops)
    other = assemble(spec.type, {**texts, **{name: _second_part(cleaned, how, part_type, second)
                                             for name, (cleaned, how, part_type) in zones.items()}},
                     required=spec.required, fixed=fixed)
    if value.ok and other.ok and value.json_value() == other.json_value():
        reading = Reading(replace(value, confidence=AGREED), field_crop, confirmed_by="engines")
        return CompositeReading(reading, crops)
    if value.ok:
        value = replace(value, status="needs_review", code="scan.engines_disagree", params={},
                        confidence=min(confidence, DOUBTED))
    else:
        value = replace(value, confidence=confidence)
    suggestion = other.original or (str(other.json_value()) if other.value is not None else None)
    return CompositeReading(Reading(value, field_crop), crops, suggestion)

