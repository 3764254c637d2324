"""Checks across the fields of a scanned form, made after every field is read and before
each is judged: furigana against the names they read, addresses against the town their
postal code names. A check that holds raises a field's confidence; one that fails leaves
it as the engine's."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from robots.reading.scan.glyphs import LOOK_ALIKES, look_alikes_in, mend_furigana, mend_name, resolve_variants
from shared.config.scenario import FieldSpec
from shared.fields import FieldValue, normalize
from shared.japanese.address import match_town, municipality_known, split_street
from shared.japanese.readings import reading_fits, repair_furigana

__all__ = ["AGREED", "DOUBTED", "LOOK_ALIKE_TYPES", "Reading", "check_addresses", "confirm_furigana",
           "doubt_look_alikes", "doubt_mismatched_furigana", "doubt_unknown_municipalities",
           "doubt_unknown_postal_codes"]

LOOK_ALIKE_TYPES = frozenset({"name", "text"})  # written words: a look-alike kanji changes the value

AGREED = 0.98  # the confidence of a value two independent sources agree on
DOUBTED = 0.5  # the confidence of a value a check found fault with
FURIGANA_FLOOR, NAME_FLOOR = 0.5, 0.5  # below these the engine read too little to compare
ADDRESS_REST_SURE = 0.9
_PARTS = re.compile(r"[ \u3000]+")


@dataclass
class Reading:
    """A field as read, before it is judged: the value with the engine's confidence, the
    crop of its zone, whether the reading may have lost marks (half-width ﾞ, small kana),
    and the engine's characters with their confidences."""

    value: FieldValue
    crop: np.ndarray | None
    marks_doubtful: bool = False
    symbols: tuple[tuple[str, float], ...] = ()
    cleaned: np.ndarray | None = None  # the zone's writing, as OCR was given it
    own_confidence: float | None = None  # before re-readings agreed, where they raised it
    confirmed_by: str | None = None  # what confirmed the value: "furigana" (checks between fields), "engines"
    resolved: bool = False  # a variant kanji of the value was decided by its shape (髙 for 高)

    def parts(self) -> list[str]:
        return [p for p in _PARTS.split(str(self.value.value or "")) if p]

    def comparable(self, floor: float) -> bool:
        """Read, and flagged at most for a variant kanji (高/髙 are read alike)."""
        return (self.value.value is not None and self.value.code in (None, "scan.variant_kanji")
                and (self.value.confidence or 0) >= floor)


def confirm_furigana(readings: dict[str, Reading], fields: Mapping[str, FieldSpec], *, shapes: bool = True,
                     spaces: bool = True) -> None:
    """Names and their furigana (``reading_of``) checked against each other, part by part
    (family name, given name), in this order:

    1. a kanji misread in the name is mended by its shape, among the kanji its furigana
       allows (``mend_name``: 細 → 紬 for ツムギ);
    2. a furigana that is, or with a lost voiced mark, small kana or space set right becomes,
       the one spelling of the name that fits (``repair_furigana``) confirms both; one that
       may have lost marks unseen (ヤマタ for ﾔﾏﾀﾞ: ヤマダ fits 山田 too) must be the only
       spelling within reach;
    3. otherwise a furigana is chosen by its shape among the spellings of the name near
       what OCR read (``mend_furigana``); that confirms the furigana only;
    4. otherwise each part of the furigana that fits the same part of the name confirms
       both parts.

    A part read the same as a confirmed part elsewhere on the form (a child's family name,
    the 口座名義 written as the 請求者's) is confirmed too. A field all of whose parts are
    confirmed is sure (``confirmed_by`` "furigana"). Without ``shapes`` (a form in a font
    the drawings do not stand for) steps 1 and 3, which decide by shape, are left out.
    Without ``spaces`` (one engine only) a furigana is never confirmed by a spelling with
    more parts than were read: whether a space was written only the image shows
    (シノノメユウキ, written so beside 東雲　勇気, was "set right" to シノノメ　ユウキ). A spelling
    with fewer parts may be: a voiced mark read apart leaves a space that was never written
    (ヤマサキ　タ　イスケ for ヤマザキ　ダイスケ)."""
    pairs = [(kana, spec.reading_of) for kana, spec in fields.items()
             if spec.reading_of is not None and kana in readings and spec.reading_of in readings]
    sure: dict[str, set[int]] = {}
    known: dict[str, set[str]] = {"katakana": set(), "name": set()}

    def confirm(field: str, reading: Reading, indexes: range | list[int]) -> None:
        sure.setdefault(field, set()).update(indexes)
        parts = reading.parts()
        known[fields[field].type].update(parts[i] for i in indexes if i < len(parts))

    for kana_field, name_field in pairs:
        kana, name = readings[kana_field], readings[name_field]
        if not kana.comparable(FURIGANA_FLOOR) or not name.comparable(0.0):
            continue
        trusted = (name.value.confidence or 0) >= NAME_FLOOR
        if shapes and not kana.marks_doubtful and name.value.status == "ok" and name.cleaned is not None:
            mended = mend_name(name.cleaned, str(name.value.value), str(kana.value.value))
            if mended:
                _replace(name, "name", mended)
                trusted = True
        if not trusted:
            continue
        repaired = repair_furigana(str(name.value.value), str(kana.value.value), marks_doubtful=kana.marks_doubtful)
        if repaired is not None and not spaces and _adds_a_space(repaired, kana):
            repaired = None
        if repaired is not None:
            _replace(kana, "katakana", repaired)
            confirm(kana_field, kana, range(len(kana.parts())))
            confirm(name_field, name, range(len(name.parts())))
            continue
        shaped = mend_furigana(kana.cleaned, str(name.value.value), str(kana.value.value)) \
            if shapes and kana.cleaned is not None and kana.value.status == "ok" else None
        if shaped and (spaces or not _adds_a_space(shaped, kana)):
            _replace(kana, "katakana", shaped)
            confirm(kana_field, kana, range(len(kana.parts())))
            continue
        if kana.marks_doubtful or len(kana.parts()) != len(name.parts()):
            continue
        fitting = [i for i, (written, read) in enumerate(zip(name.parts(), kana.parts(), strict=True))
                   if reading_fits(written, read)]
        confirm(kana_field, kana, fitting)
        confirm(name_field, name, fitting)
    for field in {field for pair in pairs for field in pair}:
        reading = readings[field]
        parts = reading.parts() if reading.value.value is not None else []
        sure.setdefault(field, set()).update(i for i, part in enumerate(parts) if part in known[fields[field].type])
    for field, indexes in sure.items():
        reading = readings[field]
        if reading.value.status == "ok" and reading.parts() and len(indexes) == len(reading.parts()):
            reading.value = dataclasses.replace(reading.value, confidence=max(reading.value.confidence or 0, AGREED))
            reading.confirmed_by = "furigana"


def _adds_a_space(spelling: str, kana: Reading) -> bool:
    return _part_count(spelling) > len(kana.parts())


def _part_count(text: str) -> int:
    return len([p for p in _PARTS.split(text) if p])


def _replace(reading: Reading, field_type: str, text: str) -> None:
    """A value mended by a check; what was read stays as the original."""
    if reading.value.status == "ok" and text != reading.value.value:
        reading.value = dataclasses.replace(normalize(field_type, text), original=reading.value.original,
                                            confidence=reading.value.confidence)


def doubt_mismatched_furigana(readings: dict[str, Reading], fields: Mapping[str, FieldSpec]) -> None:
    """A furigana with another number of parts than its name (a part lost, or a space read
    into it) is doubtful, however sure the engine was."""
    for kana_field, spec in fields.items():
        kana, name = readings.get(kana_field), readings.get(spec.reading_of or "")
        if kana is None or name is None or kana.value.status != "ok" or name.value.value is None:
            continue
        if kana.value.value is not None and len(kana.parts()) != len(name.parts()):
            kana.value = dataclasses.replace(kana.value, confidence=min(kana.value.confidence or 0, DOUBTED))


def doubt_unknown_postal_codes(readings: dict[str, Reading], fields: Mapping[str, FieldSpec],
                               postal: Mapping[str, str]) -> None:
    """A postal code read well but not in the table (Japan Post's codes, or the site's) is a
    misread digit or a slip of the writer's pen: a person looks at it."""
    for name, spec in fields.items():
        reading = readings.get(name)
        if spec.type != "postal_code" or reading is None or reading.value.status != "ok":
            continue
        if isinstance(reading.value.value, str) and reading.value.value not in postal:
            reading.value = dataclasses.replace(reading.value, status="needs_review", code="scan.postal_unknown",
                                                params={})


def doubt_unknown_municipalities(readings: dict[str, Reading], fields: Mapping[str, FieldSpec],
                                 postal: Mapping[str, str]) -> None:
    """An address accepted whose prefecture is followed by no city, town or village of Japan
    Post's data (名古屋 read 名占屋 by both engines) goes to a person. Only with a table that
    lists municipalities (``municipalities()``: the default data); an address that does not
    begin with a prefecture is not judged."""
    listed = getattr(postal, "municipalities", None)
    known = listed() if callable(listed) else frozenset()
    if not known:
        return
    for name, spec in fields.items():
        reading = readings.get(name)
        if spec.type != "address" or reading is None or reading.value.status != "ok":
            continue
        if isinstance(reading.value.value, str) and municipality_known(reading.value.value, known) is False:
            reading.value = dataclasses.replace(reading.value, status="needs_review", code="scan.address_unknown_city",
                                                params={}, confidence=min(reading.value.confidence or 0.0, DOUBTED))


def check_addresses(readings: dict[str, Reading], fields: Mapping[str, FieldSpec], postal: Mapping[str, str], *,
                    trust_rest: bool = True) -> None:
    """The town part of an address is what its postal code names: taken from the table when
    OCR read it nearly so; the address is then as sure as its least sure other character,
    and only when the rest is shaped like 番地 and building. Without ``trust_rest`` (a form
    in a font the engine's confidences were not measured on) only the town is corrected."""
    for address_field, spec in fields.items():
        code_field = spec.postal_code_field
        address, code = readings.get(address_field), readings.get(code_field) if code_field else None
        if address is None or code is None or address.value.status != "ok" or code.value.status != "ok":
            continue
        if (code.value.confidence or 0) < AGREED or not isinstance(address.value.value, str):
            continue
        town = postal.get(str(code.value.value))
        matched = match_town(address.value.value, town) if town else None
        if matched is None:
            continue
        symbols = [conf for char, conf in address.symbols if char.strip()]
        if len(symbols) != sum(1 for char in address.value.value if not char.isspace()):
            continue  # the engine's characters do not line up with the text: no judgement
        street = split_street(matched.text[matched.length:])
        if street is None:
            continue
        number, building = street
        sure = min(symbols[matched.length:], default=1.0)
        # Spaces are the engine's guess: the address is written town, 番地, U+3000, building.
        value = normalize("address", matched.text[: matched.length] + number + ("\u3000" + building if building else ""))
        confidence = (AGREED if sure >= ADDRESS_REST_SURE else sure) if trust_rest else address.value.confidence
        address.value = dataclasses.replace(value, original=address.value.original, confidence=confidence)


def doubt_look_alikes(readings: dict[str, Reading], fields: Mapping[str, FieldSpec], *, shapes: bool) -> None:
    """One engine only: a name or text holding a kanji with a look-alike (``LOOK_ALIKES``:
    郎/朗, 自/目/日) is decided by shape (``shapes``: a form printed in a font drawn here; the
    closest drawing must lead clearly), or goes to a person (``scan.look_alike``) — neither
    the engine's confidence, nor its re-readings, nor a furigana that fits both tells them
    apart. With two engines their agreement is the evidence (``robots.reading.scan.evidence``)."""
    for field, reading in readings.items():
        value = reading.value
        if fields[field].type not in LOOK_ALIKE_TYPES or value.status != "ok" or not isinstance(value.value, str):
            continue
        chars = look_alikes_in(value.value)
        if not chars:
            continue
        if shapes and reading.cleaned is not None:
            text, undecided = resolve_variants(reading.cleaned, value.value, LOOK_ALIKES)
            if not undecided:
                if text != value.value:
                    _replace(reading, fields[field].type, text)
                continue
            chars = undecided
        reading.value = dataclasses.replace(value, status="needs_review", code="scan.look_alike",
                                            params={"chars": chars}, confidence=min(value.confidence or 0.0, DOUBTED))
