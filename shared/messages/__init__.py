"""The one message catalog: every sentence a user sees, Japanese first, English second.

    >>> from shared.messages import t, set_language
    >>> t("run.summary.read", count=3)
    'フォームを 3 件読み取りました'

The language comes from ``set_language`` (the CLI's ``--lang``), else the ``RPA_LANG``
environment variable, else Japanese.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

from shared.messages.catalog import CATALOG

__all__ = ["CATALOG", "LANGUAGES", "Msg", "get_language", "set_language", "t"]

LANGUAGES = ("ja", "en")

_language: ContextVar[str | None] = ContextVar("rpa_language", default=None)


def set_language(lang: str | None) -> None:
    """Set the language of messages for this context ('ja' or 'en'; None = default)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _language.set(lang)


def get_language() -> str:
    lang = _language.get() or os.environ.get("RPA_LANG", "ja")
    return lang if lang in LANGUAGES else "ja"


class Msg:
    """A message used as a parameter of another message; it is rendered in the same
    language as the message that holds it. A list of them is joined with ' / '."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return t(self.key, lang=lang, **self.params)

    def __repr__(self) -> str:
        return f"Msg({self.key!r})"


def _resolve(value: object, lang: str | None) -> object:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Msg) for v in value):
        return " / ".join(v.render(lang) for v in value)
    return value


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """Render message ``key`` with ``params`` in ``lang`` (default: the current language).

    An unknown key raises ``KeyError``: a missing message is a bug, not a blank line.
    """
    ja, en = CATALOG[key]
    template = en if (lang or get_language()) == "en" else ja
    return template.format(**{name: _resolve(value, lang) for name, value in params.items()})
