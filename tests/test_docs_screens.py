"""docs/screens.md: every step it shows is a valid step, every site setting a valid setting,
and every form of session_expired it shows a valid web setting."""

from __future__ import annotations

import re

import pytest
import yaml

from robots.demo.runner import REPO
from shared.config.scenario import WebSpec
from shared.config.site import RetrySettings
from shared.config.steps import Step

TEXT = (REPO / "docs" / "screens.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)


def test_the_page_has_examples():
    assert len(BLOCKS) >= 8
    assert "th" in TEXT and "selector" in TEXT and "summary" in TEXT


@pytest.mark.parametrize("block", BLOCKS)
def test_every_yaml_example_is_valid(block):
    data = yaml.safe_load(block)
    if isinstance(data, list):
        for step in data:
            Step.model_validate(step)
    elif "retry" in data:
        RetrySettings.model_validate(data["retry"])
    else:
        forms = [data["web"]["session_expired"]]
        forms += [yaml.safe_load(line.split("session_expired:", 1)[1]) for line in block.splitlines()
                  if line.strip().startswith("# session_expired:")]
        assert len(forms) == 3
        for form in forms:
            WebSpec.model_validate({"system": "kikan", "entry": [{"open": "/"}], "session_expired": form})
