"""What a clerk reads about a field that failed: the reason, what was read (the raw text),
and whether the writing on the form or the template is the likely cause.

    >>> from shared.fields import normalize
    >>> likely_cause("my_number", normalize("my_number", "123456789012"), ())
    Cause(kind='writing', printed=None, digits=None, blank=False)
    >>> likely_cause("my_number", normalize("my_number", "個人番号123456789018"), ("個人番号",))
    Cause(kind='template', printed='個人番号', digits=None, blank=False)

The raw text is personal data when the field is (``mask: true``): then the stored reason
(ledger, CSV, queue, run summary, notices) names no character of it, and only the review
sheet, a document for the clerk that holds the values anyway, shows it. The raw text of
other fields is shown as the outputs show their values, with My Numbers scrubbed. Nothing
here goes to logs or the audit trail: they carry the message key only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from shared.config.scenario import FieldSpec
from shared.fields import FieldValue
from shared.messages import Msg
from shared.redact import redactor

__all__ = ["Cause", "field_problem", "likely_cause", "printed_words", "sheet_reason"]

MAX_SHOWN = 40  # characters of the raw text quoted in a reason

# The form holds a value of the right shape that fails a check: the applicant wrote it so.
WRITING_CODES = frozenset({
    "field.my_number.check_digit", "field.date.impossible", "field.wareki.before_era_start",
    "field.wareki.out_of_era", "field.wareki.before_meiji", "pdf.choice_many",
    "field.katakana.invalid",  # read as text, not katakana (normalizing already took hiragana and half-width)
})
# Nothing in the box: most likely left blank on the form.
BLANK_CODES = frozenset({"field.required", "field.checkbox.required"})
# The template points at something that is not on the form.
TEMPLATE_CODES = frozenset({
    "pdf.anchor_not_found", "office.not_found", "office.label_not_found", "office.label_ambiguous",
    "docx.table_cell_missing",
})
DIGIT_TYPES = frozenset({"my_number", "postal_code", "phone", "digits", "number", "money"})
DIGITS_EXPECTED = {"my_number": 12, "postal_code": 7, "phone": 11}
_LETTERS = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]")  # kana and kanji
_ALLOWED_IN_DIGITS = set("円〒")


@dataclass(frozen=True)
class Cause:
    """``writing``: what was written on the form (``blank``: nothing was); ``template``:
    the template's box or label. ``printed``: the printed text found inside the box;
    ``digits``: (expected, found) when the box held more digits than the field can have."""

    kind: Literal["writing", "template"]
    printed: str | None = None
    digits: tuple[int, int] | None = None
    blank: bool = False

    def message(self) -> Msg:
        if self.kind == "writing":
            return Msg("problem.cause.blank" if self.blank else "problem.cause.writing")
        if self.printed is not None:
            return Msg("problem.cause.template_printed", printed=self.printed)
        if self.digits is not None:
            return Msg("problem.cause.template_digits", expected=self.digits[0], found=self.digits[1])
        return Msg("problem.cause.template")


def _squash(text: str) -> str:
    return "".join(text.split())


def printed_words(labels: Iterable[str]) -> tuple[str, ...]:
    """The printed texts to look for inside a box (field labels, the form's keywords),
    without spaces; one-character words say nothing and are dropped."""
    words = {_squash(label) for label in labels}
    return tuple(sorted((w for w in words if len(w) >= 2), key=len, reverse=True))


def _code(value: FieldValue) -> str | None:
    """The failing check's code; an office field's code is inside its location wrapper."""
    reason = value.params.get("reason") if value.code == "office.field_at" else None
    return reason.key if isinstance(reason, Msg) else value.code


def likely_cause(field_type: str, value: FieldValue, printed: Iterable[str]) -> Cause | None:
    """Whether the form's writing or the template is the likely cause of ``value``'s
    problem; None when nothing points either way (a doubtful OCR reading, a date that no
    rule reads: the crop decides)."""
    code = _code(value)
    if code in TEMPLATE_CODES:
        return Cause("template")
    raw = _squash(value.original or "")
    if raw:
        hit = next((word for word in printed if word in raw), None)
        if hit is not None:
            return Cause("template", printed=hit)
        if field_type in DIGIT_TYPES:
            digits = len(re.findall(r"[0-9０-９]", raw))
            expected = DIGITS_EXPECTED.get(field_type)
            if expected is not None and digits > expected:
                return Cause("template", digits=(expected, digits))
            if any(_LETTERS.match(ch) and ch not in _ALLOWED_IN_DIGITS for ch in raw):
                return Cause("template")  # printed words in a box for digits
    if code in WRITING_CODES:
        return Cause("writing")
    if code in BLANK_CODES:
        return Cause("writing", blank=True)
    return None


def _shown(raw: str) -> str:
    text = " ".join(raw.split())
    text = text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
    return redactor.scrub_text(text)


def _raw(value: FieldValue) -> str:
    raw = (value.original or "").strip()
    return "" if raw in ("☑", "☐") else raw  # a checkbox's own marks say nothing more


def field_problem(spec: FieldSpec, value: FieldValue, printed: Iterable[str] = ()) -> Msg:
    """The message of one failed field kept as the item's reason (ledger, CSV, queue, run
    summary): its label, the reason, the raw text read when the field is not personal
    (``mask: true``), and the likely cause."""
    cause = likely_cause(spec.type, value, printed)
    reason = Msg(value.code or "", **value.params)
    cause_text: Msg | str = cause.message() if cause is not None else ""
    raw = _raw(value)
    if raw and not spec.mask:
        return Msg("item.field_problem_read", label=spec.label, reason=reason, read=_shown(raw), cause=cause_text)
    return Msg("item.field_problem_cause", label=spec.label, reason=reason, cause=cause_text)


def sheet_reason(spec: FieldSpec, value: FieldValue, printed: Iterable[str] = ()) -> str:
    """The reason column of the review sheet: the reason, the raw text read (the sheet is
    the clerk's document and holds personal values anyway) and the likely cause."""
    cause = likely_cause(spec.type, value, printed)
    reason = Msg(value.code or "", **value.params)
    cause_text: Msg | str = cause.message() if cause is not None else ""
    raw = " ".join(_raw(value).split())
    if raw:
        return Msg("review.reason_read", reason=reason, read=raw, cause=cause_text).render()
    return Msg("review.reason_nothing_read", reason=reason, cause=cause_text).render()
