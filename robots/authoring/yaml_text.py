"""YAML text a person edits, in the style of the sample scenarios: block mappings (one key a
line, nested keys indented), lists of plain values in brackets (``box: [72.0, 100.0, 200.0,
120.0]``, ``options: [男, 女]``), values quoted only where YAML needs it, comments kept beside
the keys. PyYAML decides the quoting of each value, so what is written reads back the same."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

__all__ = ["block", "scalar"]

INDENT = "  "


def scalar(value: object) -> str:
    """One value as YAML text: ``wareki_date``, ``true``, ``152.0``, ``"nintei/*.pdf"``, ``[男, 女]``."""
    if isinstance(value, tuple):
        value = list(value)
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def block(key: str, value: Any, depth: int = 0, comment: str | None = None) -> list[str]:
    """``key: value`` as lines at ``depth`` levels of indentation; a mapping's keys go on
    their own lines below it (block style), a list of plain values stays on one line."""
    pad = INDENT * depth
    note = f"  # {comment}" if comment else ""
    if isinstance(value, Mapping) and value:
        lines = [f"{pad}{scalar(key)}:{note}"]
        for name, item in value.items():
            lines += block(str(name), item, depth + 1)
        return lines
    return [f"{pad}{scalar(key)}: {scalar(value)}{note}"]
