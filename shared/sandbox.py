"""The bounded sandbox scenario templates render in: Jinja2's ImmutableSandboxedEnvironment,
with every way a short template could build a huge value capped *before* the value is built.

A shared scenario comes from another municipality: ``{{ 'a' * 10**9 }}`` must not take the
robot's PC down. What is capped:

- the operators ``*`` ``**`` ``%`` ``+`` (intercepted, so never folded at compile time either),
  and ``~`` (the concatenation, through our code generator);
- the str methods that pad or multiply (``ljust`` ``rjust`` ``center`` ``zfill`` ``expandtabs``
  ``replace`` ``join``), ``format``/``format_map`` widths and ``str % args`` widths;
  ``translate``, ``encode`` and ``maketrans`` are not callable at all;
- the ``replace`` filter (not folded at compile time: it takes the context);
- every value a call, an operator or a literal (``[x, x]``, ``{'a': x}``) makes, counted as the
  text it prints as (a list holding one long text 50,000 times is as long as the text 50,000
  times), and the whole rendered text (``MAX_TEXT``);
- statements that loop or recurse (``for``, ``macro``, ``call``) and the ones that reach other
  files (``include``, ``import``, ``extends``) are refused when the template is compiled.

With every amplifier capped and no loops, a render takes time in proportion to the template's
own length (itself capped by the YAML file size), so no clock or thread is needed to stop it.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from functools import update_wrapper
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter

__all__ = ["FORBIDDEN_STATEMENTS", "MAX_INT_BITS", "MAX_TEXT", "MAX_WIDTH", "BoundedSandbox", "TemplateLimitError",
           "forbidden_statement"]

MAX_TEXT = 100_000
"""Characters (or items) any value a template builds may have, and its whole rendered text."""
MAX_WIDTH = 1_000
"""Largest width or precision in a format (``'{:>10}'``, ``'%05d'``, ``ljust(10)`` goes to MAX_TEXT)."""
MAX_INT_BITS = 4_096
"""Largest integer a template may compute (about 1,200 digits)."""

FORBIDDEN_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.For: "for", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.Include: "include",
    nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends", nodes.Block: "block",
}
_BARRED_METHODS = frozenset({"translate", "maketrans", "encode"})
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?(.)", re.S)
_DIGITS = re.compile(r"\d+")


class TemplateLimitError(Exception):
    """A template would build a value beyond a limit (``key`` names which, for the catalog)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def _too_large(size: int, limit: int = MAX_TEXT) -> None:
    if size > limit:
        raise TemplateLimitError("template.too_large", limit=limit)


def _width(value: object) -> None:
    if isinstance(value, int) and value > MAX_WIDTH:
        raise TemplateLimitError("template.width_too_large", limit=MAX_WIDTH)


_CONTAINERS = (list, tuple, dict, set, frozenset)


def _text_size(value: object, budget: int = MAX_TEXT, depth: int = 0) -> int:
    """About how many characters ``str(value)`` has, counted no further than just past ``budget``
    (a container's items are counted as the texts they print as)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if not isinstance(value, _CONTAINERS):
        return 0  # dates, floats, undefined: short
    if depth > 20:
        return budget + 1
    total = 2
    items = [part for pair in value.items() for part in pair] if isinstance(value, dict) else value
    for item in items:
        total += 2 + _text_size(item, budget - total, depth + 1)
        if total > budget:
            break
    return total


def _checked(value: Any) -> Any:
    """``value`` if it is within the limits (called on everything a call, operator or literal makes)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        _too_large(value.bit_length(), MAX_INT_BITS)
    elif isinstance(value, (str, bytes, *_CONTAINERS)):
        _too_large(_text_size(value))
    return value


def _size(value: object) -> int | None:
    return _text_size(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _check_percent(text: str, args: object) -> None:
    """``'%05d' % x``: no width or precision above MAX_WIDTH, none taken from the arguments (``*``),
    and no more text than the format and its arguments (each as often as it is used) can make."""
    conversions = 0
    for match in _PERCENT_SPEC.finditer(text):
        for part in match.group(1, 2):
            if part == "*":
                raise TemplateLimitError("template.width_too_large", limit=MAX_WIDTH)
            if part is not None:
                _width(int(part))
        conversions += match.group(3) != "%"
    values = args.values() if isinstance(args, dict) else args if isinstance(args, tuple) else (args,)
    largest = max((_text_size(v) for v in values), default=0)
    _too_large(len(text) + conversions * (largest + MAX_WIDTH))


def _check_format_spec(spec: str) -> None:
    for digits in _DIGITS.findall(spec):
        if len(digits) > 6 or int(digits) > MAX_WIDTH:
            raise TemplateLimitError("template.width_too_large", limit=MAX_WIDTH)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be beyond the limits, before it is computed."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(times, int):
                _too_large(size * max(times, 0))
        if isinstance(left, int) and isinstance(right, int):
            _too_large(left.bit_length() + right.bit_length(), MAX_INT_BITS)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        _too_large(left.bit_length() * right, MAX_INT_BITS)
    elif operator == "%" and isinstance(left, str):
        _check_percent(left, right)
    elif operator == "+":
        sizes = (_size(left), _size(right))
        if sizes[0] is not None and sizes[1] is not None:
            _too_large(sizes[0] + sizes[1])


def _check_str_method(text: str, name: str, args: tuple, kwargs: Mapping[str, Any]) -> None:
    """Refuse a str method call whose result would be beyond the limits, before it is made."""
    if name in _BARRED_METHODS:
        raise TemplateLimitError("template.method_not_allowed", name=name)
    if name in ("ljust", "rjust", "center", "zfill"):
        width = args[0] if args else kwargs.get("width", 0)
        if isinstance(width, int):
            _too_large(width)
    elif name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tabsize, int):
            _too_large(len(text) + text.count("\t") * max(tabsize, 0))
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _check_replace(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1))
    elif name == "join":
        items = args[0] if args and isinstance(args[0], list) else []
        _too_large(sum(len(i) if isinstance(i, str) else 0 for i in items) + len(text) * max(len(items) - 1, 0))
    elif name == "strftime" and args and isinstance(args[0], str):
        _check_format_spec(args[0])


def _check_replace(text: str, old: str, new: str, count: object) -> None:
    found = text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _too_large(len(text) + found * (len(new) - len(old)))


@pass_context
def bounded_replace(context: Context, value: object, old: object, new: object, count: int | None = None) -> str:
    """The ``replace`` filter within the limits (it takes the context, so it is never folded at
    compile time: a chain of replaces would otherwise be built while the template compiles)."""
    text, old_text, new_text = str(value), str(old), str(new)
    _check_replace(text, old_text, new_text, -1 if count is None else count)
    return text.replace(old_text, new_text, -1 if count is None else count)


class _BoundedFormatter(SandboxedFormatter):
    """str.format's formatter that counts what it writes: wide fields and a field used too many
    times (``('{0}' * 30000).format(long_text)``) are refused before they are written."""

    written = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_format_spec(format_spec)
        self.written += _text_size(value) + MAX_WIDTH
        _too_large(self.written)
        return _checked(super().format_field(value, format_spec))


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with ``~`` (concatenation) and list, tuple and dict literals going
    through the sandbox's limit (``[x, x, x, ...]`` with a long ``x`` prints as a long text)."""

    def _bounded(self, visit: Any, node: nodes.Expr, frame: Frame) -> None:
        self.write("environment.bounded_literal(")
        visit(self, node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._bounded(CodeGenerator.visit_List, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._bounded(CodeGenerator.visit_Dict, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # an assignment target ({% set a, b = ... %}) is no value
            CodeGenerator.visit_Tuple(self, node, frame)
        else:
            self._bounded(CodeGenerator.visit_Tuple, node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment whose templates cannot build values beyond the limits."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCodeGenerator

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return _checked(self.binop_table[operator](left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(owner, str):
            if __obj.__name__ == "join" and args:
                args = (list(args[0]), *args[1:])  # counted and then joined: an iterator is read once
            _check_str_method(owner, __obj.__name__, args, kwargs)
        elif isinstance(__obj, types.BuiltinMethodType) and __obj.__name__ == "strftime" and args:
            _check_str_method("", "strftime", args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def bounded_literal(self, value: Any) -> Any:
        return _checked(value)

    def bounded_concat(self, parts: tuple) -> str:
        texts = [str(part) for part in parts]
        _too_large(sum(map(len, texts)))
        return "".join(texts)

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` / ``format_map`` through a formatter that refuses wide fields."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or value.__name__ not in ("format",
                                                                                                      "format_map"):
            return None
        text = value.__self__
        if not isinstance(text, str):
            return None
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            formatter = _BoundedFormatter(self)
            formatter.written = len(text)
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return str(_checked(formatter.vformat(text, args, kwargs)))

        return update_wrapper(wrapper, value)


def forbidden_statement(tree: nodes.Template) -> str | None:
    """The first statement of ``tree`` that templates may not use (``for``, ``macro``, ...), if any."""
    for node in tree.find_all(tuple(FORBIDDEN_STATEMENTS)):
        return FORBIDDEN_STATEMENTS[type(node)]
    return None
