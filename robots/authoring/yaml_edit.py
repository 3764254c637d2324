"""Change scalars of a YAML file in place, keeping everything else as written: comments, flow
or block style, quoting, blank lines, key order, line endings. PyYAML (the only YAML library
the project depends on; there is no round-trip dumper) gives the exact place of every scalar;
only the characters of the renamed names are replaced, and the result is read back and must
equal the original with exactly those values changed, else nothing is written.

    edit = YamlEdit.read(path)
    node = edit.key_node(("fields",), "claimant_name")
    edit.change(node, [(0, 13, "applicant_name")])   # spans of the value: (start, end, text)
    text = edit.result()                             # raises YamlEditError if unsure
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = ["Span", "YamlEdit", "YamlEditError", "occurrences"]

Span = tuple[int, int, str]
"""(start, end, replacement) in a scalar's value."""

BOM = "\ufeff"


class YamlEditError(ValueError):
    """The edit cannot be made safely (an escape sequence in a quoted scalar, an alias, or the
    result does not read back as intended)."""


def occurrences(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text``, overlapping ones included."""
    found, start = [], text.find(word)
    while word and start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


@dataclass
class YamlEdit:
    """One YAML file being edited: its text, its node tree and the scalars changed so far."""

    path: Path
    text: str
    root: yaml.Node
    bom: bool = False
    _changes: dict[int, tuple[yaml.ScalarNode, list[Span]]] = field(default_factory=dict)
    _keys: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> YamlEdit:
        raw = Path(path).read_bytes().decode("utf-8")  # not read_text: \r\n stays as written
        bom = raw.startswith(BOM)
        text = raw[1:] if bom else raw
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is None:
            raise YamlEditError(str(path))
        return cls(Path(path), text, root, bom)

    def node(self, loc: tuple[str | int, ...]) -> yaml.Node | None:
        """The node at ``loc`` (mapping keys and list indexes), or None."""
        current: yaml.Node | None = self.root
        for part in loc:
            if isinstance(current, yaml.MappingNode) and isinstance(part, str):
                current = next((v for k, v in current.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
                current = current.value[part]
            else:
                return None
        return current

    def key_node(self, loc: tuple[str | int, ...], key: str) -> yaml.ScalarNode | None:
        """The node of mapping key ``key`` in the mapping at ``loc``."""
        mapping = self.node(loc)
        if not isinstance(mapping, yaml.MappingNode):
            return None
        return next((k for k, _ in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)

    def items(self, loc: tuple[str | int, ...]) -> Iterator[tuple[str, yaml.Node]]:
        """(key, value node) of the mapping at ``loc``."""
        mapping = self.node(loc)
        if isinstance(mapping, yaml.MappingNode):
            for key, value in mapping.value:
                if isinstance(key, yaml.ScalarNode):
                    yield key.value, value

    def change(self, node: yaml.Node, spans: list[Span], *, key: bool = False) -> None:
        """Replace ``spans`` of the scalar ``node``'s value (each span's text must be a name:
        letters, digits, '_' and '-', which read the same in every YAML quoting style).
        ``key``: the node is a mapping key; values aligned in a column after it stay aligned."""
        if not spans:
            return
        if not isinstance(node, yaml.ScalarNode):
            raise YamlEditError(str(self.path))
        self._changes.setdefault(id(node), (node, []))[1].extend(spans)
        if key:
            self._keys.add(id(node))

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1

    def result(self) -> str:
        """The edited text. Raises YamlEditError when a change cannot be placed exactly or the
        text does not read back as the original with the changed values."""
        edits: list[tuple[int, int, str]] = []
        for node, spans in self._changes.values():
            edits += self._source_spans(node, spans)
            if id(node) in self._keys:
                edits += self._realigned(node, sum(len(text) - (end - start) for start, end, text in spans))
        edits.sort()
        if any(a[1] > b[0] for a, b in zip(edits, edits[1:], strict=False)):
            raise YamlEditError(str(self.path))
        text = self.text
        for start, end, replacement in reversed(edits):
            text = text[:start] + replacement + text[end:]
        for node, spans in self._changes.values():
            node.value = _apply(node.value, spans)
        wanted = yaml.SafeLoader("").construct_document(self.root)
        try:
            got = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise YamlEditError(str(self.path)) from exc
        if got != wanted:
            raise YamlEditError(str(self.path))
        return (BOM if self.bom else "") + text

    def _realigned(self, key: yaml.ScalarNode, grown: int) -> list[tuple[int, int, str]]:
        """The spaces between ``key:`` and its value, narrowed or widened by ``grown`` when
        they pad the value into a column (two or more spaces), never below one."""
        padding = re.match(r":( {2,})(?=\S)", self.text[key.end_mark.index:])
        if padding is None or grown == 0:
            return []
        start, end = key.end_mark.index + padding.start(1), key.end_mark.index + padding.end(1)
        return [(start, end, " " * max(1, (end - start) - grown))]

    def _source_spans(self, node: yaml.ScalarNode, spans: list[Span]) -> list[tuple[int, int, str]]:
        """Where each span of the value is in the file: the k-th occurrence of its text in the
        value is the k-th in the scalar's source, when the counts agree (no escapes)."""
        start, end = node.start_mark.index, node.end_mark.index
        source = self.text[start:end]
        placed = []
        for begin, finish, replacement in spans:
            word = node.value[begin:finish]
            in_value, in_source = occurrences(node.value, word), occurrences(source, word)
            if not word or len(in_value) != len(in_source) or begin not in in_value:
                raise YamlEditError(str(self.path))
            at = start + in_source[in_value.index(begin)]
            placed.append((at, at + len(word), replacement))
        return placed


def _apply(value: str, spans: list[Span]) -> str:
    for start, end, replacement in sorted(spans, reverse=True):
        value = value[:start] + replacement + value[end:]
    return value
