"""docs/reference.md is generated from the pydantic models and kept in sync with them."""

from __future__ import annotations

from robots.demo.runner import REPO
from shared.config.reference import reference_text
from shared.config.steps import STEP_KINDS


def test_reference_is_in_sync_with_the_models():
    committed = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    assert committed == reference_text(), "run: make schema  (python -m shared.config.reference docs/reference.md)"


def test_reference_names_every_step_and_scenario_key():
    text = reference_text()
    for kind in STEP_KINDS:
        assert f"| `{kind}` |" in text
    for key in ("`inputs`", "`fields`", "`key`", "`web`", "`mask`", "`final`", "`box`", "`allowed_hosts`", "`presenter`"):
        assert key in text
