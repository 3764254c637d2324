"""Scrubbing of personal data from text that leaves the robot (logs, audit, notices):
12-digit numbers that pass the My Number check digit, and the values of fields marked
``mask`` that the process has seen.

A run holds the values it has seen in a scope; they are scrubbed (from every thread's
text) while the scope lasts and forgotten when it ends:

    with redactor.scope():                   # one per run (runs may overlap in threads)
        redactor.remember(["claimant_name"], values)
        ...                                  # logs, audit records and notices scrubbed
"""

from __future__ import annotations

import contextvars
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from shared.japanese.identifiers import my_number_is_valid

__all__ = ["MASK", "MY_NUMBER_MASK", "PersonalValues", "Redactor", "redactor"]

MASK = "***"
MY_NUMBER_MASK = "[個人番号]"
# 12 digits (ASCII or full-width), optionally grouped 4-4-4 by spaces or hyphens, not inside a longer number.
_CANDIDATE = re.compile(r"(?<![0-9０-９A-Fa-f])[0-9０-９]{4}[ \u3000\-－‐]?[0-9０-９]{4}[ \u3000\-－‐]?[0-9０-９]{4}(?![0-9０-９A-Fa-f])")
_SHORTEST_VALUE = 2


def _my_number(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", match.group(0)))
    return MY_NUMBER_MASK if my_number_is_valid(digits) else match.group(0)


class PersonalValues:
    """The masked values one scope (a run) has seen."""

    def __init__(self) -> None:
        self.values: set[str] = set()


class Redactor:
    """Remembers masked field names and values; ``scrub`` replaces them in any JSON-like data.

    Field names are kept for the life of the process. Values remembered inside ``scope()``
    belong to that scope (in the thread or context that opened it) and are forgotten when
    it ends; values remembered outside any scope are kept until ``forget_values`` or until
    the last open scope ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fields: set[str] = set()
        self._values: set[str] = set()  # remembered outside any scope
        self._scopes: list[PersonalValues] = []
        self._current: contextvars.ContextVar[PersonalValues | None] = contextvars.ContextVar("redactor_scope",
                                                                                              default=None)
        self._pattern: re.Pattern[str] | None = None

    @contextmanager
    def scope(self) -> Iterator[PersonalValues]:
        """A holder for the values remembered (in this thread or context) until the block
        ends; then they are forgotten, unless another open scope has seen them too."""
        holder = PersonalValues()
        with self._lock:
            self._scopes.append(holder)
        token = self._current.set(holder)
        try:
            yield holder
        finally:
            self._current.reset(token)
            with self._lock:
                self._scopes.remove(holder)
                if not self._scopes:  # no run in this process holds personal values any more
                    self._values.clear()
                self._compile()

    def remember(self, masked_fields: Iterable[str], values: Mapping[str, Any] | None = None) -> None:
        """Add field names marked ``mask`` and, from ``values``, the values of those fields
        (to the current scope, if one is open)."""
        fields = set(masked_fields)
        new = {str(values[name]) for name in fields if values and values.get(name) not in (None, "")}
        new |= {v.replace("\u3000", " ") for v in new}
        new = {v for v in new if len(v) >= _SHORTEST_VALUE}
        holder = self._current.get()
        with self._lock:
            known = holder.values if holder is not None and holder in self._scopes else self._values
            if fields <= self._fields and new <= known:
                return
            self._fields |= fields
            known |= new
            self._compile()

    def forget_values(self) -> None:
        """Forget every value remembered (in every scope and outside them)."""
        with self._lock:
            self._values.clear()
            for holder in self._scopes:
                holder.values.clear()
            self._pattern = None

    def _compile(self) -> None:
        """The pattern of every value of every open scope (and outside them); under the lock."""
        values = self._values.union(*(holder.values for holder in self._scopes))
        ordered = sorted(values, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

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
