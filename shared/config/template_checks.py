"""What the templates of a shared YAML file may do, checked before anything runs: the one
function ``validate``, ``scenario lint`` and ``scenario install`` share.

A template string (anything with ``{{``/``{%``, and every ``when``) is refused when it
- reaches Python internals (a name starting with ``_``, such as ``__class__``);
- uses a statement templates may not use (``for``, ``macro``...), or nests too deeply;
- holds a huge literal (a text longer than ``MAX_LITERAL`` characters, an integer beyond 64 bits);
- builds a value beyond the sandbox's limits when tried with stand-in values (``'a' * 10**9``,
  ``'%0999999999d' % 1``, ``'{:>999999999}'.format(1)``, ``record.x.ljust(10**9)``);
- reads a secret anywhere but the value of a ``fill`` step, or without naming it
  (``secret[record.x]``), or types a password-like secret into a field without ``secret: true``
  (``{{ secret['legacy_password'] }}`` into a plain field would be shown and logged).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from jinja2 import nodes

from shared.templating import TemplateRenderError, evaluate, parse, render

__all__ = ["MAX_LITERAL", "TemplateIssue", "internals_reached", "template_issues", "template_strings"]

MAX_LITERAL = 1_000
SECRET_PASSWORD_WORDS = ("password", "passwd", "pass", "pwd", "pin", "token", "api_key", "apikey", "パスワード", "暗証")
"""A secret whose name holds one of these is a password: it goes only into a ``secret: true`` field."""
LABEL_PASSWORD_WORDS = ("パスワード", "password", "passwd", "暗証")
STEP_PARTS = ("login", "entry", "lookup")
_LIMIT_KEYS = ("template.too_large", "template.width_too_large", "template.method_not_allowed")


@dataclass(frozen=True)
class TemplateIssue:
    """One refused template: where it is (a YAML location), a stable ``code`` (``lint.template_<code>``)
    and the message key and parameters ``validate`` says it with."""

    loc: tuple
    code: str
    key: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


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


def _name_read(node: nodes.Node) -> object:
    """The attribute or constant key ``node`` reads (``x.name``, ``x['name']``), if any."""
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return node.arg.value
    return None


def _reaches_internals(tree: nodes.Template) -> bool:
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = _name_read(node)
        if isinstance(name, str) and name.startswith("_"):
            return True
    return False


def internals_reached(source: str, *, expression: bool = False) -> bool:
    """Whether a template reads a name starting with '_' (Python internals such as
    ``__class__``); the sandbox would refuse it at run time, a shared file is refused earlier."""
    try:
        return _reaches_internals(parse(source, expression=expression))
    except TemplateRenderError:
        return False  # syntax errors are reported by the loader


def _huge_literal(tree: nodes.Template) -> bool:
    for const in tree.find_all(nodes.Const):
        value = const.value
        if isinstance(value, str) and len(value) > MAX_LITERAL:
            return True
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
            return True
    return False


class _StandIn(dict):
    """``record``, ``site`` and ``secret`` for a trial render: every name is a short text."""

    def __missing__(self, key: object) -> str:
        return "テスト"


def _trial(text: str, is_expression: bool) -> TemplateRenderError | None:
    """Render the template once with stand-in values: a limit it hits is a finding."""
    values = {"record": _StandIn(), "site": _StandIn(), "secret": _StandIn()}
    try:
        evaluate(text, values) if is_expression else render(text, values)
    except TemplateRenderError as exc:
        return exc if exc.key in _LIMIT_KEYS else None
    return None


def _secret_reads(tree: nodes.Template) -> tuple[set[str], bool]:
    """The secret names a template reads (``secret.pw``, ``secret['pw']``), and whether it
    reads ``secret`` in any other way (unnamed)."""
    named: set[str] = set()
    qualified: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        target = getattr(node, "node", None)
        if isinstance(target, nodes.Name) and target.name == "secret":
            name = _name_read(node)
            if isinstance(name, str):
                named.add(name)
                qualified.add(id(target))
    unnamed = any(n.name == "secret" and id(n) not in qualified for n in tree.find_all(nodes.Name))
    return named, unnamed


def _looks_like_password(text: object, words: tuple[str, ...]) -> bool:
    return isinstance(text, str) and any(word in text.lower() for word in words)


def _fill_of(data: object, loc: tuple) -> dict | None:
    """The ``fill`` mapping ``loc`` (…, 'fill', 'value') is the value of, inside web steps."""
    if len(loc) < 4 or loc[0] != "web" or loc[1] not in STEP_PARTS or loc[-2:] != ("fill", "value"):
        return None
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node if isinstance(node, dict) else None


def _secret_issues(data: object, loc: tuple, tree: nodes.Template) -> list[TemplateIssue]:
    named, unnamed = _secret_reads(tree)
    if not named and not unnamed:
        return []
    if unnamed:
        return [TemplateIssue(loc, "secret_unnamed", "config.template.secret_unnamed")]
    fill = _fill_of(data, loc)
    if fill is None:
        return [TemplateIssue(loc, "secret_outside_fill", "config.template.secret_outside_fill")]
    if fill.get("secret") is True:
        return []
    target = fill.get("label") or fill.get("selector")
    passwords = sorted(name for name in named if _looks_like_password(name, SECRET_PASSWORD_WORDS))
    if passwords or _looks_like_password(target, LABEL_PASSWORD_WORDS):
        return [TemplateIssue(loc, "secret_plain_field", "config.template.secret_plain_field",
                              {"name": ", ".join(passwords or sorted(named))})]
    return []


def template_issues(data: object) -> list[TemplateIssue]:
    """Every template of a YAML document (scenario or form template) that is refused, in order."""
    issues: list[TemplateIssue] = []
    for loc, text, is_expression in template_strings(data):
        try:
            tree = parse(text, expression=is_expression)
        except TemplateRenderError as exc:
            if exc.key in ("template.too_deep", "template.statement_not_allowed"):
                issues.append(TemplateIssue(loc, "statement" if exc.key != "template.too_deep" else "too_deep",
                                            exc.key, dict(exc.params)))
            continue  # a syntax error is the loader's to report, with its detail
        if _reaches_internals(tree):
            issues.append(TemplateIssue(loc, "internals", "config.template.internals"))
            continue
        if _huge_literal(tree):
            issues.append(TemplateIssue(loc, "literal", "config.template.huge_literal", {"limit": MAX_LITERAL}))
            continue
        issues += _secret_issues(data, loc, tree)
        refused = _trial(text, is_expression)
        if refused is not None:
            issues.append(TemplateIssue(loc, "too_large", refused.key, dict(refused.params)))
    return issues
