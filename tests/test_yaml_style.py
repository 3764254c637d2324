"""One YAML style everywhere (issue #18): the shipped scenario packages and the YAML examples
in the docs write a field or a step in block style, one key a line, as ``template new`` does.
Lists of plain values may stay in brackets (``options: [男, 女]``, ``box: [x0, top, x1, bottom]``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# a flow mapping as a list item (``- {kind: pdf, ...}``) or as a key's value (``name: {label: ...}``)
FLOW = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'{\[][^#"'{]*?:\s+)?\{(?!\{)(?!\s*\})""")


def flow_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), 1) if FLOW.match(line)]


def yaml_blocks(text: str) -> list[tuple[int, str]]:
    """The ```yaml fenced blocks of a Markdown text, with the line each starts after."""
    blocks, lines, start = [], [], None
    for number, line in enumerate(text.splitlines(), 1):
        fence = line.strip()
        if fence.startswith("```"):
            if start is not None:
                blocks.append((start, "\n".join(lines)))
                lines, start = [], None
            elif fence[3:].strip() in ("yaml", "yml"):
                start = number
        elif start is not None:
            lines.append(line)
    return blocks


def package_files() -> list[Path]:
    return sorted((REPO / "scenarios").glob("*/*.yaml"))


def doc_files() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def test_the_check_sees_a_flow_mapping_and_lets_lists_and_templates_be():
    assert flow_lines("fields:\n  name: {label: 氏名, type: name}\n") == [2]
    assert flow_lines("inputs:\n  - {kind: pdf, glob: '*.pdf'}\n") == [2]
    assert flow_lines("    - fill: {label: 氏名, value: x}\n") == [1]
    assert flow_lines('    - fill:\n        label: 氏名\n        value: "{{ record.name }}"\n') == []
    assert flow_lines("  options: [男, 女]\n  box: [1, 2, 3, 4]\n  allow: {}\n  x: '{a: 1}'\n") == []
    assert flow_lines('  - check: "{{ record.sex }}"\n  # {label: in a comment}\n') == []


@pytest.mark.parametrize("path", package_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_scenario_package_files_are_block_style(path):
    assert package_files(), "no scenario packages found"
    found = flow_lines(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: one-line {{...}} mappings on lines {found}; write one key a line"


def test_docs_yaml_examples_are_block_style():
    found = []
    for path in doc_files():
        for start, block in yaml_blocks(path.read_text(encoding="utf-8")):
            found += [f"{path.relative_to(REPO).as_posix()}:{start + n}" for n in flow_lines(block)]
    assert not found, f"one-line {{...}} mappings in YAML examples (write one key a line): {found}"
