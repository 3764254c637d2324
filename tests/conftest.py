"""Shared fixtures: the sample scenario, the ground truth, a running legacy system."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from robots.demo.runner import REPO, LegacyApp
from shared.config import LoadedScenario, load_scenario

SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
CLAIMS = REPO / "samples" / "forms" / "claims"


@pytest.fixture(scope="session")
def sample_scenario() -> LoadedScenario:
    return load_scenario(SCENARIO_DIR)


@pytest.fixture(scope="session")
def truth() -> dict[str, dict]:
    return json.loads((CLAIMS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LegacyApp]:
    """The sample legacy system on a free loopback port with its own database; the robot's
    credentials are in LEGACY_USER / LEGACY_PASSWORD."""
    with LegacyApp(tmp_path / "legacy" / "legacy.sqlite3") as app:
        monkeypatch.setenv("LEGACY_USER", app.user)
        monkeypatch.setenv("LEGACY_PASSWORD", app.password)
        yield app


def seeded_personal_data(truth: dict[str, dict]) -> set[str]:
    """Every My Number, name, furigana and address seeded in the sample forms (as
    normalized and as printed), for greps over what the robot writes."""
    values: set[str] = set()
    personal = {"my_number", "claimant_name", "claimant_kana", "address", "phone", "account_number",
                "account_holder_kana", *(f"child{i}_{k}" for i in (1, 2, 3) for k in ("name", "kana"))}
    for entry in truth.values():
        for source in (entry.get("fields") or {}, entry.get("originals") or {}):
            for field, value in source.items():
                if isinstance(value, str) and field in personal and len(value) >= 4:
                    values.add(value)
                    values.add(value.replace("\u3000", " "))
    return values


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("RPA_LANG", "ja")
