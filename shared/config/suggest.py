"""Did you mean …: the closest valid value for a mistyped key, step kind, field type, option or
field name, found with difflib among the values the file format allows at that place.

    >>> closest("wareki_dat", ["text", "date", "wareki_date"])
    'wareki_date'
    >>> allowed_values(Scenario, ("fields", "birth_date", "type"))[:3]
    ('text', 'name', 'katakana')

The allowed values come from the pydantic models themselves (their field names and ``Literal``
values), so a new step kind or field type is suggested without being listed here.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from shared.config.scenario import FIELD_TYPE_NAMES
from shared.messages import t

__all__ = ["allowed_keys", "allowed_values", "closest", "did_you_mean", "hint", "literal_choices", "with_hint"]

CUTOFF = 0.6
"""difflib's similarity below which no suggestion is made (a guess that far off misleads)."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word`` (case-insensitive), or None when none is close."""
    options = [c for c in dict.fromkeys(choices) if c != word]
    if not word or not options:
        return None
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=CUTOFF)
    return lowered[found[0]] if found else None


def literal_choices(expected: str) -> tuple[str, ...]:
    """The values in pydantic's ``literal_error`` text (``'text', 'name' or 'choice'``)."""
    return tuple(a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", expected))


def _strip(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _members(tp: Any) -> tuple[Any, ...]:
    tp = _strip(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return tuple(_strip(m) for m in get_args(tp) if m is not type(None))
    return (tp,)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tag(member: Any) -> set[str]:
    """The names pydantic gives a union member in an error's location (``CheckArgs``, ``str``,
    ``list[str]``), spaces left out."""
    name = str(getattr(member, "__name__", ""))
    return {name, re.sub(r"\s|typing\.", "", str(member))}


def _tagged(part: str, member: Any) -> bool:
    """Whether ``part`` is pydantic's tag for ``member``; a model with a validator is tagged
    ``function-after[_one_target(), ClickArgs]``."""
    tag = re.sub(r"\s", "", part)
    names = _tag(member)
    return tag in names or (tag.startswith("function-") and tag.rsplit(",", 1)[-1].rstrip("]") in names)


def _step(tp: Any, part: str | int) -> list[Any]:
    """The types one location segment leads to (a union member's tag, such as ``CheckArgs``
    or ``str``, selects that member)."""
    members = _members(tp)
    if isinstance(part, str) and len(members) > 1:
        tagged = [m for m in members if _tagged(part, m)]
        if tagged:
            return tagged
    found: list[Any] = []
    for member in members:
        origin = get_origin(member)
        if _is_model(member) and isinstance(part, str):
            info = member.model_fields.get(part) or next(
                (f for f in member.model_fields.values() if f.alias == part), None)
            if info is not None:
                found.append(info.annotation)
        elif origin in (list, Sequence, tuple) and isinstance(part, int):
            args = [a for a in get_args(member) if a is not Ellipsis]
            if args:
                found.append(args[min(part, len(args) - 1)] if origin is tuple else args[0])
        elif origin is dict and isinstance(part, str):
            found.append(get_args(member)[1])
    return found


def _resolve(model: type[BaseModel], loc: Sequence[str | int]) -> list[Any]:
    current: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for tp in current:
            following += _step(tp, part)
        if not following:
            return []
        current = following
    return current


def allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> tuple[str, ...]:
    """The keys a mapping at ``loc`` (the location of the mapping, not of the key) may have."""
    keys: list[str] = []
    for tp in _resolve(model, loc):
        for member in _members(tp):
            if _is_model(member):
                keys += [info.alias or name for name, info in member.model_fields.items()]
    return tuple(dict.fromkeys(keys))


def allowed_values(model: type[BaseModel], loc: Sequence[str | int]) -> tuple[str, ...]:
    """The ``Literal`` values the model allows at ``loc`` (empty if it is no choice)."""
    values: list[str] = []
    for tp in _resolve(model, loc):
        for member in _members(tp):
            if get_origin(member) is Literal:
                values += [str(v) for v in get_args(member)]
    return tuple(dict.fromkeys(values))


def hint(*suggestions: str | None, prefix: str = "") -> str:
    """「NAME」のことですか？ for the suggestions found (empty text when there are none)."""
    found = [prefix + s for s in suggestions if s]
    return t("config.did_you_mean", name=t("config.quote_separator").join(found)) if found else ""


def with_hint(message: str, *suggestions: str | None, prefix: str = "") -> str:
    """``message`` followed by 「NAME」のことですか？ when there is a suggestion."""
    found = hint(*suggestions, prefix=prefix)
    return t("config.with_hint", message=message, hint=found) if found else message


def did_you_mean(err: ErrorDetails, model: type[BaseModel], data: object) -> list[str]:
    """The valid values closest to what one of pydantic's errors in a file of ``model``
    (``data``: the file's content) refused: a key, a ``Literal`` value, a field name or a
    field type. Never the wrong value itself."""
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    found: list[str | None] = []
    if kind == "extra_forbidden" and loc and isinstance(loc[-1], str):
        found = [closest(loc[-1], allowed_keys(model, loc[:-1]))]
    elif kind == "literal_error":
        choices = allowed_values(model, loc) or literal_choices(str(ctx.get("expected", "")))
        found = [closest(str(err.get("input", "")), choices)]
    elif kind == "value_error":
        key, _, detail = str(ctx.get("error", "")).partition(":")
        names = [n for n in detail.split(",") if n]
        if key == "config.scenario.unknown_field":
            fields = data.get("fields") if isinstance(data, dict) else None
            known = [n for n in fields if isinstance(n, str)] if isinstance(fields, dict) else []
            found = [closest(n, known) for n in names]
        elif key == "config.template.min_confidence_type":
            found = [closest(n, FIELD_TYPE_NAMES) for n in names]
    return [name for name in dict.fromkeys(found) if name]
