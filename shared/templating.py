"""The sandboxed template language of scenarios: Jinja2's ImmutableSandboxedEnvironment
with our filters only. Templates can read ``record``, ``site`` and ``secret`` values;
they cannot reach Python internals, import anything or change data."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from functools import lru_cache

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from shared.japanese.wareki import format_wareki, to_wareki

__all__ = ["TemplateRenderError", "environment", "evaluate", "referenced_names", "render", "unguarded_names"]


class TemplateRenderError(ValueError):
    """A template could not be rendered (unknown name, forbidden access, syntax)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def _era(value: _dt.date) -> str:
    return to_wareki(value)[0]


def _era_year(value: _dt.date) -> int:
    return to_wareki(value)[1]


def _strip_prefix(value: str, prefix: str) -> str:
    return value[len(prefix):] if prefix and value.startswith(prefix) else value


def _ymd(value: _dt.date, sep: str = "/") -> str:
    return f"{value.year:04d}{sep}{value.month:02d}{sep}{value.day:02d}"


FILTERS = {
    "era": _era,
    "era_year": _era_year,
    "wareki": format_wareki,
    "ymd": _ymd,
    "strip_prefix": _strip_prefix,
}


def _finalize(value: object) -> object:
    """What ``{{ ... }}`` prints: an empty optional field (``None``) is empty text, never ``None``."""
    return "" if value is None else value


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, finalize=_finalize)
    env.filters = {**{k: env.filters[k] for k in ("default", "upper", "lower", "trim", "replace", "string", "int", "length")}, **FILTERS}
    env.tests = {k: env.tests[k] for k in ("defined", "none", "number", "string", "equalto")}
    env.globals = {}
    return env


@lru_cache(maxsize=512)
def _compiled(source: str):
    try:
        return environment().from_string(source)
    except TemplateError as exc:
        raise TemplateRenderError("template.syntax", detail=str(exc)) from exc


def render(source: str, context: Mapping[str, object]) -> str:
    """Render ``source`` with ``context`` in the sandbox."""
    if "{" not in source:
        return source
    try:
        return _compiled(source).render(**context)
    except SecurityError as exc:
        raise TemplateRenderError("template.forbidden") from exc
    except UndefinedError as exc:
        raise TemplateRenderError("template.undefined", detail=str(exc)) from exc
    except TemplateRenderError:
        raise
    except (TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateRenderError("template.failed", detail=type(exc).__name__) from exc


@lru_cache(maxsize=512)
def _expression(expression: str):
    return environment().compile_expression(expression, undefined_to_none=True)


def evaluate(expression: str, context: Mapping[str, object]) -> object:
    """Evaluate a ``when`` expression in the sandbox (missing names are false)."""
    try:
        return _expression(expression)(**context)
    except SecurityError as exc:
        raise TemplateRenderError("template.forbidden") from exc
    except (TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateRenderError("template.failed", detail=type(exc).__name__) from exc


@lru_cache(maxsize=1024)
def referenced_names(source: str, *, expression: bool = False) -> frozenset[tuple[str, str]]:
    """(variable, attribute) pairs a template reads, e.g. {('record', 'claimant_name')}.
    Raises TemplateRenderError on a syntax error."""
    env = environment()
    try:
        tree = env.parse("{{ " + source + " }}" if expression else source)
    except TemplateError as exc:
        raise TemplateRenderError("template.syntax", detail=str(exc)) from exc
    found: set[tuple[str, str]] = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name):
            found.add((node.node.name, node.attr))
    for name in tree.find_all(nodes.Name):
        found.add((name.name, ""))
    return frozenset(found)


@lru_cache(maxsize=1024)
def unguarded_names(source: str) -> frozenset[tuple[str, str]]:
    """(variable, attribute) pairs a template prints without a guard: a name given to the
    ``default`` filter or tested by an ``if`` is guarded (``{{ record.x | default('-') }}``,
    ``{{ record.x if record.x else '' }}``). Raises TemplateRenderError on a syntax error."""
    env = environment()
    try:
        tree = env.parse(source)
    except TemplateError as exc:
        raise TemplateRenderError("template.syntax", detail=str(exc)) from exc

    def pairs(node: nodes.Node) -> set[tuple[str, str]]:
        found = [node] if isinstance(node, nodes.Getattr) else []
        return {(n.node.name, n.attr) for n in (*found, *node.find_all(nodes.Getattr)) if isinstance(n.node, nodes.Name)}

    guarded: set[tuple[str, str]] = set()
    for default in tree.find_all(nodes.Filter):
        if default.name == "default" and default.node is not None:
            guarded |= pairs(default.node)
    for test in tree.find_all((nodes.CondExpr, nodes.If)):
        guarded |= pairs(test.test)  # type: ignore[attr-defined]
    return frozenset(pairs(tree) - guarded)
