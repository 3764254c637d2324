"""Read a scanned form (image or image-only PDF) with the same template as digital PDFs:
align each page to the blank form, read each field zone with the OCR engine, read tick
boxes and circled options by ink, and flag every value the robot doubts."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from connectors.ocr import remembering
from connectors.scan import clean_zone, close_gaps, cut, load_pages
from robots.reading.pdf_form import FormRecord
from robots.reading.scan.checks import (
    AGREED,
    Reading,
    check_addresses,
    confirm_furigana,
    doubt_look_alikes,
    doubt_mismatched_furigana,
    doubt_unknown_municipalities,
    doubt_unknown_postal_codes,
)
from robots.reading.scan.composite import read_composite
from robots.reading.scan.evidence import as_value, confirm_by_engines
from robots.reading.scan.glyphs import VARIANTS, era_by_shape, font_familiarity, resolve_variants
from robots.reading.scan.marks import ink_near, ring_inks
from robots.reading.scan.marks import tick as _tick
from robots.reading.scan.order import read_in_order
from robots.reading.scan.registration import DPI, align_pages, blank_pages, is_blank, register_pages
from robots.reading.scan.shape import doubt_shapes
from robots.reading.scan.tidy import tidy_ocr_text
from shared.config.base import union_box
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError
from shared.fields import FieldValue, normalize

if TYPE_CHECKING:
    from connectors.ocr import OcrEngine, OcrResult

__all__ = ["DPI", "ScanRecord", "align_pages", "blank_pages", "is_blank", "read_scan", "tidy_ocr_text"]

DEFAULT_MIN_CONFIDENCE = 0.95
CIRCLE_DELTA = 0.025  # more ink around an option than on the blank form
SECOND_RING = 0.5  # two options are both circled only when the fainter ring has half the ink of the other
HALF_WIDTH_RETRY = 0.8
HALF_WIDTH_CAP = 0.75
SMALL_KANA = set("ァィゥェォッャュョヮ")

# Numbers are read twice, by two different models (Tesseract's eng digits and jpn): two
# independent readings that agree are trusted; any disagreement goes to a person.
NUMBER_TYPES = frozenset({"my_number", "digits", "postal_code", "phone"})
SECOND_READING = ("text", "0123456789〒-()")
# Names, kana and addresses are not confirmed this way: Tesseract misreads some characters
# the same way at every scale (紬 as 細, 鴨 as 嶋), so two readings agreeing proves nothing.
CONFIRMED_TYPES = frozenset({"wareki_date", "date", "text"})
DATE_TYPES = frozenset({"wareki_date", "date"})
FAMILIARITY_TYPES = frozenset({"name", "katakana", "text"})
# The median closeness of a form's characters to their drawings in the fonts known here
# (``font_familiarity``). Measured: forms printed in IPAex 0.965-0.988; in VL Gothic,
# 0.80-0.93. Below it, nothing is confirmed by re-reading or by checks between fields.
FAMILIAR_FONT = 0.95
DATE_CHARACTERS = "0123456789RHSTMrhstm令和平成昭大正明治元年月日./-"
DISAGREED = 0.5
LATIN_DATE_CHARACTERS = "0123456789RHSTM./-"

OCR_SETTINGS: dict[str, tuple[str, str | None]] = {
    "my_number": ("digits", None),
    "digits": ("digits", None),
    "postal_code": ("digits", None),
    "phone": ("digits", None),
    # Furigana is written in full-width or half-width katakana, or in hiragana (normalized later).
    "katakana": ("katakana", "".join(map(chr, range(0x30A1, 0x30F7))) + "".join(map(chr, range(0xFF66, 0xFFA0)))
                 + "".join(map(chr, range(0x3041, 0x3097))) + "ー・ 　"),
}


@dataclass
class ScanRecord(FormRecord):
    """A form read from a scan: fields with confidences, and the crop of each doubtful field
    (for the review sheet; never written to logs)."""

    crops: dict[str, np.ndarray] = field(default_factory=dict)
    part_crops: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)  # composite field -> part -> crop
    alignment_quality: float = 1.0
    font_familiarity: float | None = None  # see robots.reading.scan.glyphs.font_familiarity
    suggestions: dict[str, str] = field(default_factory=dict)  # doubtful field -> the second engine's reading


def read_scan(path: Path, template: FormTemplate, template_dir: Path, fields: Mapping[str, FieldSpec],
              engine, postal: Mapping[str, str] | None = None, *, second: OcrEngine | None = None) -> ScanRecord:
    """Read the scan at ``path``. Raises ``InputFileError`` when the file is not a readable
    scan of this form; doubtful fields are ``needs_review`` in the result. ``postal`` (code →
    prefecture, city and town) lets addresses be checked against their postal code.

    With a ``second`` engine, a value read by OCR is used only on evidence
    (``robots.reading.scan.evidence``): the two engines agree and the field's checks, those
    between fields among them, pass; the font familiarity then decides only the checks made
    by shape."""
    name = Path(path).name
    if template.blank_form is None:
        raise InputFileError("scan.no_blank_form", file=name, template=template.title)
    pages = load_pages(Path(path), max_pages=template.pages + 1)
    if len(pages) > template.pages:  # several forms in one file: none may be lost
        raise InputFileError("pdf.too_many_pages", file=name, expected=template.pages, actual=f"{template.pages + 1}+")
    if len(pages) < template.pages and len(pages) != 1:
        raise InputFileError("pdf.page_missing", file=name, expected=template.pages, actual=len(pages))
    aligned, quality = register_pages(name, pages, template, template_dir)
    # The same zone is asked for again with the same settings (re-readings, alternates): read once.
    engine, second = remembering(engine), (remembering(second) if second is not None else None)
    record = ScanRecord(Path(path), template.id, alignment_quality=quality)
    blanks = blank_pages(template, template_dir)
    readings: dict[str, Reading] = {}
    suggestions: dict[str, str] = {}  # the second engine's reading of a composite field it disagrees on
    for field_name, spec in fields.items():
        binding = template.fields[field_name]
        if binding.page not in aligned:
            record.fields[field_name] = FieldValue(None, None, "needs_review", "scan.page_not_scanned",
                                                   {"page": binding.page}, 0.0)
            continue
        image, blank_page = aligned[binding.page], blanks[binding.page - 1]
        if binding.parts:
            composite = read_composite(image, blank_page, binding, spec, engine, _read_field, second=second)
            readings[field_name], record.part_crops[field_name] = composite.reading, composite.part_crops
            if composite.suggestion is not None:
                suggestions[field_name] = composite.suggestion
            continue
        readings[field_name] = _read_field(image, blank_page, binding, spec, engine)
    record.font_familiarity = font_familiarity(
        (r.cleaned, str(r.value.value)) for f, r in readings.items()
        if fields[f].type in FAMILIARITY_TYPES and r.cleaned is not None and r.value.status == "ok" and r.value.value)
    familiar = record.font_familiarity is not None and record.font_familiarity >= FAMILIAR_FONT
    if second is not None:
        if familiar:
            _resolve_variants(readings)
        confirm_furigana(readings, fields, shapes=familiar)
        doubt_mismatched_furigana(readings, fields)
        if postal:
            check_addresses(readings, fields, postal, trust_rest=False)
            doubt_unknown_postal_codes(readings, fields, postal)
        suggestions |= confirm_by_engines(readings, fields, second,
                                          lambda name, reading: _alternates(reading, fields[name], engine))
        record.suggestions = suggestions
    else:
        _font_gated_checks(readings, fields, familiar, postal)
    doubt_shapes(readings, fields)  # shapes a value cannot have go to a person, however sure (shape.py)
    if postal:
        doubt_unknown_municipalities(readings, fields, postal)  # after the engines: their agreement does not lift it
    for field_name, reading in readings.items():
        threshold = template.min_confidence.get(fields[field_name].type, DEFAULT_MIN_CONFIDENCE)
        value = _judge(reading.value, threshold, quality)
        record.fields[field_name] = value
        if not value.ok and reading.crop is not None:
            record.crops[field_name] = reading.crop
    return record


def _font_gated_checks(readings: dict[str, Reading], fields: Mapping[str, FieldSpec], familiar: bool,
                       postal: Mapping[str, str] | None) -> None:
    """One engine only: the checks between fields, and re-readings that agree, count only on
    a form printed in a font known here."""
    if familiar:
        _resolve_variants(readings)
        confirm_furigana(readings, fields, spaces=False)
    else:
        # Re-readings that agree, and the checks between fields, were measured on forms
        # printed in fonts known here; in another font the engine repeats its own misreadings.
        for reading in readings.values():
            if reading.own_confidence is not None:
                reading.value = dataclasses.replace(reading.value, confidence=reading.own_confidence)
    doubt_look_alikes(readings, fields, shapes=familiar)
    doubt_mismatched_furigana(readings, fields)
    if postal:
        check_addresses(readings, fields, postal, trust_rest=familiar)
        doubt_unknown_postal_codes(readings, fields, postal)


def _resolve_variants(readings: dict[str, Reading]) -> None:
    """Names flagged for a variant kanji get the form their shape shows, when it is clear."""
    for reading in readings.values():
        value = reading.value
        if value.code != "scan.variant_kanji" or reading.cleaned is None or not isinstance(value.value, str):
            continue
        text, undecided = resolve_variants(reading.cleaned, value.value)
        if undecided:
            reading.value = dataclasses.replace(value, params={"chars": undecided})
        else:
            reading.value = dataclasses.replace(normalize("name", text), original=value.original,
                                                confidence=value.confidence)
            reading.resolved = True


def _judge(value: FieldValue, threshold: float, quality: float) -> FieldValue:
    """A value is used only when the engine was sure, the page aligned well and the value
    passed validation; otherwise a person looks at it."""
    if value.status != "ok" or value.confidence is None:
        return value
    confidence = value.confidence * (0.5 + 0.5 * quality)
    if confidence < threshold:
        return dataclasses.replace(value, status="needs_review", code="scan.low_confidence",
                                   params={"percent": int(confidence * 100)}, confidence=confidence)
    return dataclasses.replace(value, confidence=confidence)


def _read_field(page: np.ndarray, blank: np.ndarray, binding: FieldBinding, spec: FieldSpec, engine) -> Reading:
    if binding.read == "checkbox":
        assert binding.box is not None
        marked, sure = _tick(page, blank, binding.box)
        value = _suspect(normalize(spec.type, marked, required=spec.required, options=spec.options), page, blank,
                         [binding.box], "template_suspect.choice")
        return Reading(dataclasses.replace(value, confidence=sure), cut(page, binding.box, DPI, 6))
    if binding.read in ("circled", "ticked"):
        assert isinstance(binding.options, dict)  # a box per option (the template checks it for PDFs)
        if binding.read == "circled":
            ratios = ring_inks(page, blank, binding.options)
            top = max(ratios.values(), default=0.0)  # a second ring well below the first is its spill, not a mark
            chosen = [option for option, ratio in ratios.items() if ratio > CIRCLE_DELTA and ratio >= SECOND_RING * top]
            sure = _choice_confidence(sorted(ratios.values(), reverse=True), CIRCLE_DELTA)
        else:
            ticks = {option: _tick(page, blank, box) for option, box in binding.options.items()}
            chosen = [option for option, (marked, _) in ticks.items() if marked]
            sure = min(certainty for _, certainty in ticks.values())
        boxes = list(binding.options.values())
        around = union_box(boxes)
        crop = cut(page, around, DPI, 8)
        if len(chosen) > 1:
            return Reading(FieldValue("・".join(chosen), None, "needs_review", "pdf.choice_many",
                                      {"options": "・".join(chosen)}, sure), crop)
        value = normalize(spec.type, chosen[0] if chosen else None, required=spec.required, options=spec.options)
        value = _suspect(value, page, blank, boxes, "template_suspect.choice")
        return Reading(dataclasses.replace(value, confidence=sure), crop)
    assert binding.box is not None
    zone = cut(page, binding.box, DPI)
    cleaned = clean_zone(zone)
    if cleaned is None:
        value = normalize(spec.type, None, required=spec.required, options=spec.options)
        return Reading(_suspect(value, page, blank, [binding.box], "template_suspect.text", TEXT_REACH), zone)
    kind, whitelist = OCR_SETTINGS.get(spec.type, ("text", None))
    if spec.type in NUMBER_TYPES:
        cleaned = close_gaps(cleaned)
    result = read_in_order(engine, cleaned, kind=kind, whitelist=whitelist, direction=binding.direction)
    confidence = _confidence(result, kind)
    if spec.type in NUMBER_TYPES:
        second = engine.recognize(cleaned, kind=SECOND_READING[0], whitelist=SECOND_READING[1], single_line=True)
        digits = re.sub(r"\D", "", result.text)
        if second.text.lstrip().startswith("〒") and digits.startswith("7") and len(digits) == 8:
            # Read with digits only, the postal mark 〒 becomes a 7; the reading that may
            # hold 〒 shows where it was.
            digits = digits[1:]
            result = dataclasses.replace(result, text=digits, symbols=result.symbols[1:], boxes=result.boxes[1:])
        same = digits == re.sub(r"\D", "", second.text) != ""
        confidence = AGREED if same else DISAGREED
    engine_confidence = confidence
    if spec.type in CONFIRMED_TYPES and confidence < AGREED:
        result, confidence = _reread(cleaned, spec, kind, whitelist, result, confidence, engine)
    marks_doubtful = False
    if spec.type == "katakana" and confidence < HALF_WIDTH_RETRY:
        # Half-width katakana (ﾀｶﾊｼ) read poorly; stretched to full width they read well, but
        # voiced marks (ﾞ) can be lost, so such a reading always goes to a person.
        wide = engine.recognize(cv2.resize(cleaned, None, fx=2.0, fy=1.0, interpolation=cv2.INTER_CUBIC),
                                kind=kind, whitelist=whitelist, single_line=True)
        if _confidence(wide, kind) > confidence:
            result, confidence = wide, min(_confidence(wide, kind), HALF_WIDTH_CAP)
            marks_doubtful = True
    text = tidy_ocr_text(spec.type, result.text)
    if not text and spec.required:
        # Ink in the zone but no text out of it: something is written, the field is not blank
        # (「必須項目が空欄です」 would blame the applicant). A person reads the crop.
        return Reading(FieldValue(result.text.strip() or None, None, "needs_review", "scan.ink_unread", {}, 0.0), zone,
                       cleaned=cleaned)
    value = normalize(spec.type, text or None, required=spec.required, options=spec.options)
    if spec.type == "katakana" and any(ch in SMALL_KANA and conf < 0.97 for ch, conf in result.symbols):
        confidence = min(confidence, 0.5)  # small vs large kana (キョウコ / キヨウコ) is a common misread
        marks_doubtful = True
    if value.ok and spec.type == "name" and (prone := "".join(sorted(set(text) & set(VARIANTS)))):
        # OCR folds 髙 into 高 and 﨑 into 崎: the shape decides (``_resolve_variants``), or a person.
        return Reading(dataclasses.replace(value, status="needs_review", code="scan.variant_kanji",
                                           params={"chars": prone}, confidence=confidence), zone,
                       symbols=result.symbols, cleaned=cleaned)
    reread = min(engine_confidence, DISAGREED) if spec.type in CONFIRMED_TYPES and confidence > engine_confidence else None
    return Reading(dataclasses.replace(value, confidence=confidence), zone, marks_doubtful, result.symbols, cleaned,
                   reread)


def _reread(cleaned: np.ndarray, spec: FieldSpec, kind: str, whitelist: str | None, result: OcrResult,
            confidence: float, engine) -> tuple[OcrResult, float]:
    """A date or text confirmed by a second, independent reading (1.5x larger; for dates also
    with a whitelist of date characters) that normalizes to the same value; a date whose
    era mark was read as another kanji gets the mark its shape shows."""
    first = normalize(spec.type, tidy_ocr_text(spec.type, result.text) or None, options=spec.options)
    others = _second_readings(cleaned, spec.type, kind, whitelist, engine)
    if not first.ok and spec.type in DATE_TYPES:
        texts = [result.text, *(other.text for other in others)]
        dates = [normalize(spec.type, tidy_ocr_text(spec.type, text) or None, options=spec.options)
                 for text in era_by_shape(cleaned, texts)]
        found = [d for d in dates if d.ok and d.value is not None]
        if not found:
            return result, confidence
        agreeing = sum(d.value == found[0].value for d in found)
        return dataclasses.replace(result, text=str(found[0].original)), AGREED if agreeing >= 2 else DISAGREED
    if first.ok and first.value is not None:
        for other in others:
            again = normalize(spec.type, tidy_ocr_text(spec.type, other.text) or None, options=spec.options)
            if again.value == first.value:
                return result, AGREED
    return result, confidence


def _second_readings(cleaned: np.ndarray, field_type: str, kind: str, whitelist: str | None, engine):
    """Other readings of a zone, made lazily: at 1.5x, and for dates with date characters
    only (at 1x and 1.5x)."""
    larger = _larger(cleaned)
    yield engine.recognize(larger, kind=kind, whitelist=whitelist, single_line=True)
    if field_type in DATE_TYPES:
        yield engine.recognize(cleaned, kind="text", whitelist=DATE_CHARACTERS, single_line=True)
        yield engine.recognize(larger, kind="text", whitelist=DATE_CHARACTERS, single_line=True)


def _alternates(reading: Reading, spec: FieldSpec, engine):
    """The first engine's other readings of a field's zone, as values, made one by one: at
    1.5x, for dates with date characters only, for numbers with the ``jpn`` model."""
    if reading.cleaned is None:
        return
    kind, whitelist = OCR_SETTINGS.get(spec.type, ("text", None))
    zones = [reading.cleaned, _larger(reading.cleaned)]
    attempts: list[tuple[np.ndarray, str, str | None]]
    if spec.type in NUMBER_TYPES:
        attempts = [(zones[0], *SECOND_READING), (zones[1], *SECOND_READING)]
    else:
        attempts = [(zones[1], kind, whitelist)]
        if spec.type in DATE_TYPES:
            attempts += [(zone, "text", DATE_CHARACTERS) for zone in zones]
            attempts += [(zone, "digits", LATIN_DATE_CHARACTERS) for zone in zones]  # the eng model: R06/04/01
    for zone, attempt_kind, attempt_whitelist in attempts:
        yield as_value(spec, engine.recognize(zone, kind=attempt_kind, whitelist=attempt_whitelist, single_line=True).text)


def _larger(image: np.ndarray) -> np.ndarray:
    return cv2.resize(image, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)


def _confidence(result, kind: str) -> float:
    """Digits: the least sure character (one wrong digit makes the number wrong). Text: the
    engine's word confidence; for zones of single characters in boxes (マス目) Tesseract gives
    words no confidence, and the characters' own are used instead."""
    symbols = [c for _, c in result.symbols]
    if kind == "digits" and symbols:
        return float(min(symbols))
    if result.confidence > 0 or not symbols:
        return result.confidence
    return float(min(symbols))


TEXT_REACH = 4.0  # points around an empty text box where writing makes its blank reading suspect


def _suspect(value: FieldValue, page: np.ndarray, blank: np.ndarray, boxes, code: str,
             reach: float | None = None) -> FieldValue:
    """A required field that reads blank while new ink lies around its boxes: the template's
    boxes, not the applicant, are the likely cause."""
    if value.code not in ("field.required", "field.checkbox.required"):
        return value
    if not ink_near(page, blank, list(boxes), *(() if reach is None else (reach,))):
        return value
    return dataclasses.replace(value, status="invalid", code=code, params={})


def _choice_confidence(ratios: list[float], delta: float) -> float:
    """Sure when exactly one option stands out clearly from the others (or none is marked
    at all); unsure when two are close."""
    top, second = ratios[0], (ratios[1] if len(ratios) > 1 else 0.0)
    if top > delta and top >= 3 * second + delta / 2:
        return 0.99
    if top < delta / 3:
        return 0.99  # clearly nothing marked
    return min(0.9, abs(top - second) / max(top, 1e-6))
