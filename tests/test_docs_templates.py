"""The template examples in docs/templates.md and docs/field-types.md are valid bindings, and
the picture the convention shows is there."""

from __future__ import annotations

import re

import pytest
import yaml

from robots.demo.runner import REPO
from shared.config.template import FieldBinding

DOCS = REPO / "docs"


def bindings(name: str) -> list[tuple[str, dict]]:
    found = []
    for block in re.findall(r"```yaml\n(.*?)```", (DOCS / name).read_text(encoding="utf-8"), re.S):
        data = yaml.safe_load(block)
        for field, value in data.get("fields", data).items():
            if isinstance(value, dict) and "label" not in value:
                found.append((field, value))
    return found


@pytest.mark.parametrize("doc", ["templates.md", "field-types.md"])
def test_every_example_binding_is_valid(doc):
    examples = bindings(doc)
    assert examples
    for _, value in examples:
        FieldBinding.model_validate(value)
    assert any("parts" in value for _, value in examples)


def test_the_convention_picture_is_there():
    text = (DOCS / "templates.md").read_text(encoding="utf-8")
    [picture] = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert (DOCS / picture).is_file()
