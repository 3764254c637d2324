"""Evidence from independent readings: with a second OCR engine, a field read by OCR is
used without a person only when the second engine, reading the same zone, gives the same
value after the field's normalization (spaces included) — or the first engine's value at
another scale or with other allowed characters matches the second's — and the value passed
the field's checks: a name has a family and a given name, as many parts as its furigana,
and each furigana read for it reads it (紬 read 細 by both); a furigana fits its name, and,
when it may have lost marks (half-width ﾀﾞ), is the only spelling within reach that does;
no variant-prone kanji (高/髙, 﨑/崎 …: both engines fold them, and the shape check chose 崎
for 﨑 on IPAex Mincho, a font it passed as known), and no one-character era mark (㋿ ㍻).

Everything else goes to a person, with the second engine's reading as the suggestion.
Neither the first engine's own confidence, nor its agreeing with itself (a larger
re-reading, its ``eng`` and ``jpn`` models on digits), nor a check between fields alone is
evidence. Measured: in VL Gothic Tesseract's two models read the dotted zero as 6 alike; in
IPAex Mincho it read 太朗 for 太郎 and 痢子 for 莉子, which fit their furigana タロウ and
リコ, so the furigana check confirmed them (seed 4242, 2 wrong names through). Fields read
by ink (ticks, circled options) keep their own judgement; composite fields (a date in 年・月・日
boxes, a postal code in two) are judged by the same agreement, on the value their parts
assemble to (``robots.reading.scan.composite``).

    suggestions = confirm_by_engines(readings, fields, second)
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

import cv2
import numpy as np

from robots.reading.scan.checks import AGREED, Reading
from robots.reading.scan.glyphs import VARIANTS
from robots.reading.scan.tidy import tidy_ocr_text
from shared.config.scenario import FieldSpec
from shared.fields import FieldValue, normalize
from shared.japanese.address import split_street
from shared.japanese.readings import reading_fits, repair_furigana

if TYPE_CHECKING:
    from connectors.ocr import OcrEngine

__all__ = ["ERA_SYMBOLS", "SECOND_SETTINGS", "confirm_by_engines", "date_readings", "second_reading"]

#: Era marks as one character: both engines fold them (㍻ read as 平 or not at all).
ERA_SYMBOLS = "㋿㍻㍼㍽㍾"
_KATAKANA_WRITTEN = ("".join(map(chr, range(0x30A1, 0x30F7))) + "".join(map(chr, range(0xFF66, 0xFFA0)))
                     + "".join(map(chr, range(0x3041, 0x3097))) + "ー・ 　")
_DATE = "0123456789０１２３４５６７８９〇一二三四五六七八九十令和平成昭大正明治元年月日./-／．－・RHSTM" + ERA_SYMBOLS
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
    # counts and amounts (部数 3, 56780円): judged by Tesseract's confidence alone before, which
    # is low on a lone digit; two engines agreeing is the evidence, as for other digits
    "number": ("text", "0123456789,"),
    "money": ("text", "0123456789,円¥"),
}
EVIDENCE_TYPES = frozenset({*SECOND_SETTINGS, "text"})
_DAY_LOST = re.compile(r"月\s*(?:[0-9０-９]{1,2}|[〇一二三四五六七八九十]{1,3})$")
# An era letter and six digits: PP-OCR drops the slashes of R06/05/04 (read R060504)
_COMPACT = re.compile(r"^([MTSHR])\s*(\d{2})(\d{2})(\d{2})$")
_DAY_GLYPHS = set("1lI|")  # what 日, printed narrow, is read as at the end of a date
# Ink width over ink height per character cell (a voiced mark its own cell): furigana in
# half-width katakana measured 0.59-0.69 on the committed corpus, full-width 0.90-1.46; a
# reading that lost a voiced mark counts one cell short (up to 0.81).
HALF_WIDTH_RATIO = 0.85
HALF_WIDTH_STRETCH = 1.6  # half-width katakana (ﾊｷﾞﾉ) read better stretched: measured on IPAex and VL Gothic lines

#: Other readings of a field by the first engine (at another scale, with other allowed
#: characters), as values, made only when asked: (field, reading) -> values.
Alternates = Callable[[str, Reading], Iterable[FieldValue]]


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


def _furigana_fit(readings: Mapping[str, Reading], fields: Mapping[str, FieldSpec], field: str,
                  value: FieldValue) -> bool:
    """Each furigana read for a name reads it, once what OCR gets wrong about kana is set
    right (``repair_furigana``): both engines read 紬 as 細 in 「山田　紬」, whose furigana
    ツムギ no reading of 細 gives (seed 4242, IPAex Gothic). Every right name of the corpora
    fits its right furigana (207 pairs of three seeds)."""
    name = value.value
    if not isinstance(name, str):
        return True
    kanas = [readings[k].value for k, s in fields.items() if s.reading_of == field and k in readings]
    return all(repair_furigana(name, kana.value) is not None
               for kana in kanas if kana.ok and isinstance(kana.value, str) and kana.value.strip())


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


def as_value(spec: FieldSpec, text: str) -> FieldValue:
    """An engine's text as a value of the field, normalized and checked as the reader does
    (a date's lost or misread last 日 set right: ``_date_value``; such a value is used only
    when the other engine read the same date)."""
    text = tidy_ocr_text(spec.type, text)
    if spec.type in ("wareki_date", "date"):
        return _date_value(spec, text)
    value = normalize(spec.type, text or None, required=spec.required, options=spec.options)
    return address_form(value) if spec.type == "address" else value


def _date_value(spec: FieldSpec, text: str) -> FieldValue:
    """A date as an engine read it; when that is no date, the one date ``date_readings`` finds
    for it (「5月111」 may be 1日 or 11日: it stays as read, for a person)."""
    value = normalize(spec.type, text or None, required=spec.required, options=spec.options)
    if value.ok or not text:
        return value
    dates = date_readings(spec, text)
    if len(dates) != 1:
        return value
    return dataclasses.replace(next(iter(dates.values())), original=value.original)


def date_readings(spec: FieldSpec, text: str) -> dict[object, FieldValue]:
    """The dates a reading that is no date can be, by their values: with its last 日 lost
    (PP-OCR, at the zone's edge: 「5月7」「五月四」) or read as one or two narrow glyphs (1, l,
    I: 「令和6年12月151l」 is 15日, 151日 being none), a narrow glyph read before it (「25 1日」),
    or with the slashes of an era letter and two digits each for year, month and day lost
    (R060504, R06/0504 for R06/05/04)."""
    stem = text.rstrip()  # as tidied by as_value or the reader
    candidates = [stem + "日"] if _DAY_LOST.search(stem) else []
    candidates += [stem[:-cut] + "日" for cut in (1, 2)
                   if len(stem) > cut and set(stem[-cut:]) <= _DAY_GLYPHS and _DAY_LOST.search(stem[:-cut])]
    if stem.endswith("日") and len(stem) > 2 and stem[-2] in _DAY_GLYPHS and _DAY_LOST.search(stem[:-2]):
        candidates.append(stem[:-2] + "日")
    if compact := _COMPACT.match(re.sub(r"[/.．／]", "", stem)):
        candidates.append("{}{}/{}/{}".format(*compact.groups()))
    dates = {}
    for candidate in candidates:
        read = normalize(spec.type, candidate, required=spec.required, options=spec.options)
        if read.ok and read.value is not None:
            dates[read.json_value()] = read
    return dates


def second_reading(reading: Reading, spec: FieldSpec, engine: OcrEngine) -> tuple[str, FieldValue] | None:
    """The second engine's text of the zone ``reading`` was read from, and that text as a
    value of the field; ``None`` without a zone."""
    if reading.cleaned is None:
        return None
    kind, whitelist = SECOND_SETTINGS.get(spec.type, ("text", None))
    result = engine.recognize(reading.cleaned, kind=kind, whitelist=whitelist, single_line=True)
    return tidy_ocr_text(spec.type, result.text), as_value(spec, result.text)


def _second_alternates(reading: Reading, spec: FieldSpec, engine: OcrEngine) -> Iterator[FieldValue]:
    """The second engine's other readings: a furigana stretched (half-width kana)."""
    if spec.type == "katakana" and reading.cleaned is not None:
        kind, whitelist = SECOND_SETTINGS["katakana"]
        wide = cv2.resize(reading.cleaned, None, fx=HALF_WIDTH_STRETCH, fy=1.0, interpolation=cv2.INTER_CUBIC)
        yield as_value(spec, engine.recognize(wide, kind=kind, whitelist=whitelist, single_line=True).text)


def _variant_prone(value: FieldValue) -> bool:
    """A name holding a kanji written in more than one form (高/髙), or a compatibility
    ideograph (U+F900-FAFF: 﨑 and its kind)."""
    return isinstance(value.value, str) and any(c in VARIANTS or "\uf900" <= c <= "\ufaff" for c in value.value)


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


def _cells(text: str) -> int:
    return sum(2 if len(unicodedata.normalize("NFD", c)) > 1 else 1 for c in text if not c.isspace())


def looks_half_width(zone: np.ndarray | None, texts: Iterable[str]) -> bool:
    """Whether the writing in ``zone`` is narrow for as many characters as the longest of
    ``texts`` holds: half-width katakana, whose voiced marks (ﾀﾞ) both engines lose."""
    cells = max((_cells(t) for t in texts), default=0)
    if zone is None or cells == 0:
        return False
    ink = zone < 128
    columns, rows = np.flatnonzero(ink.any(axis=0)), np.flatnonzero(ink.any(axis=1))
    if not len(columns):
        return False
    width, height = columns[-1] - columns[0] + 1, rows[-1] - rows[0] + 1
    return bool(width / (height * cells) < HALF_WIDTH_RATIO)


def kana_fits(name: str, kana: str, *, marks_doubtful: bool) -> bool:
    """A furigana that fits its name; one that may have lost voiced or small marks only when
    no other spelling within reach fits too (ヤマタ for 山田: ヤマダ fits as well)."""
    if not marks_doubtful:
        return reading_fits(name, kana)
    return repair_furigana(name, kana, marks_doubtful=True) == "\u3000".join(kana.split())


def _fits_name(readings: Mapping[str, Reading], spec: FieldSpec, value: FieldValue, doubtful: bool,
               second_name: FieldValue | None = None) -> bool:
    """A furigana agreed on by both engines is taken only when it fits its name as read by
    either engine (``second_name``: the second's): a voiced mark both lost (ﾔﾏﾀﾞ read ヤマタ)
    makes it no sure reading of 山田. The name itself is judged on its own."""
    if spec.reading_of is None:
        return True
    name = readings.get(spec.reading_of)
    names = [name.value.value if name is not None else None, second_name.value if second_name is not None else None]
    return any(isinstance(n, str) and kana_fits(n, str(value.value), marks_doubtful=doubtful) for n in names)


def _spaces_only_differ(first: FieldValue, other: FieldValue) -> bool:
    one, two = first.value, other.value
    return (isinstance(one, str) and isinstance(two, str) and one != two
            and "".join(one.split()) == "".join(two.split()))


def _agreeing(first: FieldValue, other: FieldValue, reading: Reading, spec: FieldSpec, second: OcrEngine,
              alternates: Iterable[FieldValue]) -> FieldValue | None:
    """The value two engines agree on when their first readings differ: the second engine's
    value among the first engine's other readings, or the first engine's value among the
    second engine's other readings (tried in that order, each made only when needed). Not when
    the two differ only in spaces: where a space is, is then what is unknown, and another
    reading that adds or drops one is no evidence of it (カクウタロウ read カクウ　タロウ)."""
    if _spaces_only_differ(first, other):
        return None
    if spec.type in ("wareki_date", "date"):
        # one engine's date is one of the dates the other's reading can be (「21日」 and 「21」,
        # which may be 21日 or 2日 with 日 read as 1)
        if first.ok and not other.ok and other.original and first.json_value() in date_readings(spec, other.original):
            return first
        if other.ok and not first.ok and first.original and other.json_value() in date_readings(spec, first.original):
            return dataclasses.replace(other, original=first.original)
    if other.ok and other.value is not None:
        for candidate in alternates:
            if _same(candidate, other, False):
                return dataclasses.replace(other, original=first.original)
    if first.ok and first.value is not None:
        for candidate in _second_alternates(reading, spec, second):
            if _same(first, candidate, reading.resolved):
                return first
    return None


def confirm_by_engines(readings: dict[str, Reading], fields: Mapping[str, FieldSpec],
                       second: OcrEngine, alternates: Alternates | None = None) -> dict[str, str]:
    """Judge every OCR reading by the evidence above, in place: a confirmed one gets
    ``AGREED``, an unconfirmed one goes to review (``scan.engines_disagree``, or its own
    reason when it already had one). Returns the second engine's reading of each field it
    read that is not confirmed, as the suggestion a person sees. ``alternates`` gives the
    first engine's other readings of a field, asked for only where the engines' first
    readings differ.

    The value taken when the second engine agrees only with another reading of the first
    is the second engine's (the first one's own reading stays as the original)."""
    suggestions: dict[str, str] = {}
    seconds: dict[str, tuple[str, FieldValue] | None] = {}

    def second_of(field: str) -> tuple[str, FieldValue] | None:
        if field not in seconds:
            reading = readings.get(field)
            seconds[field] = None if reading is None else second_reading(reading, fields[field], second)
        return seconds[field]

    for field, reading in readings.items():
        spec = fields[field]
        if spec.type not in EVIDENCE_TYPES or reading.cleaned is None:
            continue  # read by ink, blank, or composite: judged as before
        value = address_form(reading.value) if spec.type == "address" else reading.value
        if spec.type in ("wareki_date", "date") and value.status == "invalid" and value.original:
            value = as_value(spec, value.original)  # its last 日 misread: the date it can only be
        read = second_of(field)
        if read is None:
            continue
        text, other = read
        name_read = second_of(spec.reading_of) if spec.reading_of in readings else None
        second_name = name_read[1] if name_read is not None else None

        doubtful = spec.type == "katakana" and (reading.marks_doubtful or looks_half_width(
            reading.cleaned, [str(value.value or value.original or ""), text]))

        def acceptable(candidate: FieldValue, spec: FieldSpec = spec, reading: Reading = reading,
                       field: str = field, text: str = text, doubtful: bool = doubtful,
                       second_name: FieldValue | None = second_name) -> bool:
            return (not (reading.marks_doubtful and spec.type != "katakana")
                    and not (spec.type == "name" and _variant_prone(candidate))
                    and not any(c in ERA_SYMBOLS for c in f"{reading.value.original or ''}{text}")
                    and (spec.type not in ("name", "katakana") or _parts_fit(readings, fields, field, candidate))
                    and (spec.type != "name" or _furigana_fit(readings, fields, field, candidate))
                    and _fits_name(readings, spec, candidate, doubtful, second_name))

        agreed = _same(value, other, reading.resolved) and acceptable(value)
        if not agreed:
            # another reading of either engine that gives the other's value: two engines agree
            found = _agreeing(value, other, reading, spec, second, alternates(field, reading) if alternates else ())
            if found is not None and acceptable(found):
                value, agreed = found, True
        if agreed:
            reading.confirmed_by = "engines"
            reading.value = dataclasses.replace(value, confidence=AGREED)
            continue
        if text:
            suggestions[field] = str(other.value) if other.ok and other.value is not None else text
        if value.ok:
            reading.value = dataclasses.replace(value, status="needs_review", code="scan.engines_disagree",
                                                params={}, confidence=min(value.confidence or 0.0, 0.5))
        elif value.status == "invalid" and other.ok and other.value is not None:
            # the first reading is no value of the field (a date with 日 read HH): the value a
            # person is shown is the second engine's, which is one — still for a person to check
            reading.value = dataclasses.replace(other, status="needs_review", code="scan.engines_disagree",
                                                params={}, original=value.original, confidence=0.5)
    return suggestions


