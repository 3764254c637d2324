"""Scrubbing of personal data from text that leaves the robot (logs, audit, notices):
12-digit numbers that pass the My Number check digit, and the values of fields marked
``mask`` that the process has seen."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from shared.japanese.identifiers import my_number_is_valid

__all__ = ["MASK", "MY_NUMBER_MASK", "Redactor", "redactor"]

MASK = "***"
MY_NUMBER_MASK = "[個人番号]"
# 12 digits (ASCII or full-width), optionally grouped 4-4-4 by spaces or hyphens, not inside a longer number.
_CANDIDATE = re.compile(r"(?<![0-9０-９A-Fa-f])[0-9０-９]{4}[ \u3000\-－‐]?[0-9０-９]{4}[ \u3000\-－‐]?[0-9０-９]{4}(?![0-9０-９A-Fa-f])")
_SHORTEST_VALUE = 2


def _my_number(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", match.group(0)))
    return MY_NUMBER_MASK if my_number_is_valid(digits) else match.group(0)


class Redactor:
    """Remembers masked field names and values; ``scrub`` replaces them in any JSON-like data."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fields: set[str] = set()
        self._values: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def remember(self, masked_fields: Iterable[str], values: Mapping[str, Any] | None = None) -> None:
        """Add field names marked ``mask`` and, from ``values``, the values of those fields."""
        fields = set(masked_fields)
        new = {str(values[name]) for name in fields if values and values.get(name) not in (None, "")}
        new |= {v.replace("\u3000", " ") for v in new}
        new = {v for v in new if len(v) >= _SHORTEST_VALUE}
        with self._lock:
            if fields <= self._fields and new <= self._values:
                return
            self._fields |= fields
            self._values |= new
            ordered = sorted(self._values, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def forget_values(self) -> None:
        with self._lock:
            self._values.clear()
            self._pattern = None

    def scrub_text(self, text: str) -> str:
        pattern = self._pattern
        if pattern is not None:
            text = pattern.sub(MASK, text)
        return _CANDIDATE.sub(_my_number, text) if len(text) >= 12 else text

    def scrub(self, value: Any, name: str | None = None) -> Any:
        """``value`` with personal data replaced; a value under a masked field name is masked whole."""
        if name is not None and name in self._fields and value not in (None, ""):
            return MASK
        if isinstance(value, str):
            return self.scrub_text(value)
        if isinstance(value, Mapping):
            return {k: self.scrub(v, str(k)) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.scrub(v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and 10**11 <= value < 10**12:
            return self.scrub_text(str(value)) if my_number_is_valid(str(value)) else value
        return value


redactor = Redactor()
"""The process-wide redactor used by logs, the audit trail and notifications."""
