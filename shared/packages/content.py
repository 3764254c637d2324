"""What a package's YAML may hold, as data: the strings rendered as templates, and whether
one reaches Python internals. Used before a package is installed (``install``) and by
`scenario lint` (``lint``)."""

from __future__ import annotations

from collections.abc import Iterator

from jinja2 import nodes
from jinja2.exceptions import TemplateError

from shared.templating import environment

__all__ = ["internals_reached", "template_strings"]


def internals_reached(source: str, *, expression: bool = False) -> bool:
    """Whether a template reads a name starting with '_' (Python internals such as
    ``__class__``); the sandbox would refuse it at run time, a package is refused earlier."""
    try:
        tree = environment().parse("{{ " + source + " }}" if expression else source)
    except TemplateError:
        return False  # syntax errors are reported by the loader
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name: object = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem):
            name = getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            return True
    return False


def template_strings(data: object, loc: tuple = ()) -> Iterator[tuple[tuple, str, bool]]:
    """(location, text, is_expression) of every string of a YAML document that is rendered
    as a template: anything with ``{{``/``{%``, and ``when`` expressions."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "when" and isinstance(value, str):
                yield (*loc, key), value, True
            else:
                yield from template_strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from template_strings(value, (*loc, index))
    elif isinstance(data, str) and ("{{" in data or "{%" in data):
        yield loc, data, False
