"""The sandboxed template language of scenarios: Jinja2's ImmutableSandboxedEnvironment,
bounded (``shared.sandbox``), with our filters only. Templates can read ``record``, ``site``
and ``secret`` values; they cannot reach Python internals, import anything, change data,
loop, or build a value larger than ``MAX_TEXT`` characters."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from functools import lru_cache

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from shared.japanese.wareki import format_wareki, to_wareki
from shared.sandbox import MAX_TEXT, BoundedSandbox, TemplateLimitError, bounded_replace, forbidden_statement

__all__ = ["TemplateRenderError", "environment", "evaluate", "parse", "read_spans", "referenced_names", "render",
           "renamed_reads", "unguarded_names"]


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
def environment() -> BoundedSandbox:
    env = BoundedSandbox(undefined=StrictUndefined, autoescape=False, finalize=_finalize)
    kept = ("default", "upper", "lower", "trim", "string", "int", "length")
    env.filters = {**{k: env.filters[k] for k in kept}, "replace": bounded_replace, **FILTERS}
    env.tests = {k: env.tests[k] for k in ("defined", "none", "number", "string", "equalto")}
    env.globals = {}
    return env


def parse(source: str, *, expression: bool = False) -> nodes.Template:
    """The syntax tree of a template (``expression``: of a ``when`` expression). Raises
    TemplateRenderError on a syntax error, a nesting too deep to parse, or a statement
    templates may not use (``for``, ``macro``, ``include``...)."""
    try:
        tree = environment().parse("{{ " + source + " }}" if expression else source)
    except TemplateError as exc:
        raise TemplateRenderError("template.syntax", detail=str(exc)) from exc
    except RecursionError as exc:
        raise TemplateRenderError("template.too_deep") from exc
    statement = forbidden_statement(tree)
    if statement is not None:
        raise TemplateRenderError("template.statement_not_allowed", statement=statement)
    return tree


@lru_cache(maxsize=512)
def _compiled(source: str):
    tree = parse(source)
    try:
        return environment().from_string(tree)
    except TemplateError as exc:
        raise TemplateRenderError("template.syntax", detail=str(exc)) from exc
    except RecursionError as exc:
        raise TemplateRenderError("template.too_deep") from exc


def _refused(exc: Exception) -> TemplateRenderError:
    """The error a template's failure is reported as (never the values it was rendering)."""
    if isinstance(exc, TemplateRenderError):
        return exc
    if isinstance(exc, TemplateLimitError):
        return TemplateRenderError(exc.key, **exc.params)
    if isinstance(exc, SecurityError):
        return TemplateRenderError("template.forbidden")
    if isinstance(exc, UndefinedError):
        return TemplateRenderError("template.undefined", detail=str(exc))
    return TemplateRenderError("template.failed", detail=type(exc).__name__)


_FAILURES = (TemplateLimitError, TemplateError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError)


def render(source: str, context: Mapping[str, object]) -> str:
    """Render ``source`` with ``context`` in the sandbox; the text may have at most
    ``MAX_TEXT`` characters."""
    if "{" not in source:
        return source
    template = _compiled(source)
    parts: list[str] = []
    size = 0
    try:
        for part in template.generate(**context):
            size += len(part)
            if size > MAX_TEXT:
                raise TemplateLimitError("template.too_large", limit=MAX_TEXT)
            parts.append(part)
    except _FAILURES as exc:
        raise _refused(exc) from exc
    return "".join(parts)


@lru_cache(maxsize=512)
def _expression(expression: str):
    parse(expression, expression=True)
    try:
        return environment().compile_expression(expression, undefined_to_none=True)
    except RecursionError as exc:
        raise TemplateRenderError("template.too_deep") from exc


def evaluate(expression: str, context: Mapping[str, object]) -> object:
    """Evaluate a ``when`` expression in the sandbox (missing names are false)."""
    compiled = _expression(expression)
    try:
        return compiled(**context)
    except _FAILURES as exc:
        raise _refused(exc) from exc


@lru_cache(maxsize=1024)
def referenced_names(source: str, *, expression: bool = False) -> frozenset[tuple[str, str]]:
    """(variable, attribute) pairs a template reads, e.g. {('record', 'claimant_name')};
    ``secret['pw']`` reads ('secret', 'pw') as ``secret.pw`` does. Raises TemplateRenderError
    on a syntax error."""
    tree = parse(source, expression=expression)
    found: set[tuple[str, str]] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            found.add((node.node.name, node.attr))
        elif isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and isinstance(node.arg, nodes.Const) \
                and isinstance(node.arg.value, str):
            found.add((node.node.name, node.arg.value))
    for name in tree.find_all(nodes.Name):
        found.add((name.name, ""))
    return frozenset(found)


@lru_cache(maxsize=1024)
def unguarded_names(source: str) -> frozenset[tuple[str, str]]:
    """(variable, attribute) pairs a template prints without a guard: a name given to the
    ``default`` filter or tested by an ``if`` is guarded (``{{ record.x | default('-') }}``,
    ``{{ record.x if record.x else '' }}``). Raises TemplateRenderError on a syntax error."""
    tree = parse(source)

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


def read_spans(source: str, variable: str, name: str, *, expression: bool = False) -> list[tuple[int, int]]:
    """Where ``source`` reads ``variable.name`` (or ``variable['name']``): the (start, end) of
    each ``name`` there, found with the sandbox's own lexer, so a ``record.name`` in plain text
    or inside a string literal is not one. Raises TemplateRenderError on a syntax error."""
    parse(source, expression=expression)
    text = "{{ " + source + " }}" if expression else source
    tokens, offset = [], -3 if expression else 0
    for _, kind, value in environment().lex(text):
        tokens.append((kind, value, offset))
        offset += len(value)
    if "".join(value for _, value, _ in tokens) != text:
        raise TemplateRenderError("template.syntax", detail="lexer")
    significant = [token for token in tokens if token[0] != "whitespace"]
    spans = []
    for index, (kind, value, _) in enumerate(significant[:-2]):
        before = significant[index - 1][:2] if index else None
        if (kind, value) != ("name", variable) or before in (("operator", "."), ("operator", "|")):
            continue
        (_, operator, _), (next_kind, next_value, at) = significant[index + 1], significant[index + 2]
        if operator == "." and (next_kind, next_value) == ("name", name):
            spans.append((at, at + len(name)))
        elif operator == "[" and next_kind == "string" and next_value[1:-1] == name and next_value[0] == next_value[-1] \
                and significant[index + 3:index + 4] and significant[index + 3][:2] == ("operator", "]"):
            spans.append((at + 1, at + 1 + len(name)))
    return spans


def renamed_reads(source: str, variable: str, old: str, new: str, *, expression: bool = False) -> str:
    """``source`` with every read of ``variable.old`` (``read_spans``) made a read of ``new``.
    Raises TemplateRenderError on a syntax error, or when the result would read anything else
    than the original did with ``old`` renamed (``new`` is no name a template can write)."""
    renamed = source
    for start, end in reversed(read_spans(source, variable, old, expression=expression)):
        renamed = renamed[:start] + new + renamed[end:]
    wanted = {(v, new if (v, a) == (variable, old) else a) for v, a in referenced_names(source, expression=expression)}
    if set(referenced_names(renamed, expression=expression)) != wanted:
        raise TemplateRenderError("template.rename_not_a_name", name=new)
    return renamed
