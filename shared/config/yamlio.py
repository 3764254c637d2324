"""Safe YAML loading that remembers where every key and item came from.

Only PyYAML's SafeLoader is used: no tags that build Python objects, no code. Limits guard
against oversized files, alias bombs and deep nesting (counted while the nodes are composed,
before PyYAML's recursion could overflow); duplicate keys are reported instead of silently
keeping the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shared.errors import ConfigError, Problem
from shared.messages import t

__all__ = ["MAX_DEPTH", "MAX_NODES", "MAX_YAML_BYTES", "YamlDocument", "load_yaml", "place"]

MAX_YAML_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 64
"""Nesting levels a YAML file may have (a scenario needs about a dozen)."""

Loc = tuple[str | int, ...]


def place(loc: Loc) -> str:
    """A key path as a person reads it: keys joined by dots, list items counted from 1 in
    brackets, as a run names its steps (``web.entry[5].fill`` is the step ``entry[5]``)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "(root)"


@dataclass
class YamlDocument:
    """A parsed YAML file: its data and the (line, column) of every key path, 1-based."""

    path: Path
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Position of the deepest known prefix of ``loc`` (pydantic locations may carry
        extra segments such as union member names; unknown segments are skipped)."""
        best: Loc = ()
        current: Loc = ()
        for part in loc:
            candidate = (*current, part)
            if candidate in self.marks:
                current = best = candidate
        return self.marks.get(best, (1, 1))

    def problem(self, loc: Loc, message: str, *, at: Loc | None = None) -> Problem:
        """A problem named by ``loc``, placed at ``at`` (the key the problem is about, inside
        ``loc``) when given, else at ``loc``."""
        line, column = self.locate(at if at is not None else loc)
        return Problem(str(self.path), line, column, place(loc), message)


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark
        super().__init__("too deep")


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that stops composing at ``MAX_DEPTH`` levels of nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(path: Path) -> YamlDocument:
    """Read ``path`` as safe YAML, raising ``ConfigError`` with file:line:column on failure."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_YAML_BYTES:  # refused before it is read into memory
            raise ConfigError([Problem(str(path), 1, 1, "(file)", t("config.file_too_large", limit=MAX_YAML_BYTES))])
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError([Problem(str(path), 1, 1, "(file)", t("config.file_unreadable", error=type(exc).__name__))]) from exc
    if len(raw) > MAX_YAML_BYTES:
        raise ConfigError([Problem(str(path), 1, 1, "(file)", t("config.file_too_large", limit=MAX_YAML_BYTES))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(str(path), 1, 1, "(file)", t("config.not_utf8"))]) from exc

    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        doc = YamlDocument(path, None)
        if node is None:
            raise ConfigError([Problem(str(path), 1, 1, "(file)", t("config.empty_file"))])
        problems: list[Problem] = []
        _walk(node, (), doc, problems, [0])
        if problems:
            raise ConfigError(problems)
        doc.data = loader.construct_document(node)
    except _TooDeep as exc:
        raise ConfigError([Problem(str(path), exc.mark.line + 1, exc.mark.column + 1, "(yaml)",
                                   t("config.too_deep", limit=MAX_DEPTH))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ConfigError([Problem(str(path), line, column, "(yaml)",
                                   t("config.yaml_syntax", detail=exc.problem or "")) ]) from exc
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(str(path), 1, 1, "(yaml)", t("config.yaml_syntax", detail=str(exc)))]) from exc
    finally:
        loader.dispose()
    return doc


def _walk(node: yaml.Node, loc: Loc, doc: YamlDocument, problems: list[Problem], count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise ConfigError([Problem(str(doc.path), node.start_mark.line + 1, node.start_mark.column + 1,
                                   "(yaml)", t("config.too_many_nodes", limit=MAX_NODES))])
    doc.marks.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            key_loc = (*loc, key)
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(Problem(str(doc.path), *position, place(key_loc), t("config.duplicate_key")))
            seen.add(key)
            doc.marks[key_loc] = position
            _walk(value_node, key_loc, doc, problems, count)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), doc, problems, count)
