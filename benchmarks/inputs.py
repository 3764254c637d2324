"""The sample inputs every benchmark shares: the scenario, the valid sample forms and
their ground truth, and records typed the way the batch hands them to the web robot."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

from robots.demo import REPO, ensure_sample_forms
from robots.reading import read_form
from shared.config import LoadedScenario, load_scenario

__all__ = ["SCENARIO_DIR", "entry_records", "scenario", "truth", "typed", "valid_forms"]

SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
TEMPLATE = "template.yaml"


@lru_cache(maxsize=1)
def scenario() -> LoadedScenario:
    return load_scenario(SCENARIO_DIR)


@lru_cache(maxsize=1)
def truth() -> dict[str, dict]:
    """truth.json of the sample forms (generated first if missing)."""
    folder = ensure_sample_forms()
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def valid_forms(limit: int | None = None, *, enterable: bool = False) -> list[Path]:
    """The valid sample forms in name order; ``enterable`` leaves out those the target
    system is meant to refuse (e.g. a character outside cp932)."""
    folder = ensure_sample_forms()
    names = sorted(
        name for name, entry in truth().items()
        if entry["status"] == "valid" and not (enterable and entry.get("target_rejects"))
    )
    return [folder / name for name in names[:limit]]


def typed(values: dict[str, object]) -> dict[str, object]:
    """JSON values with dates as ``datetime.date`` again, as ``robots.reading.reader.typed_values``."""
    result = dict(values)
    for name, spec in scenario().scenario.fields.items():
        if spec.type in ("date", "wareki_date") and isinstance(result.get(name), str):
            result[name] = dt.date.fromisoformat(result[name])  # type: ignore[arg-type]
    return result


def entry_records(count: int) -> list[dict[str, object]]:
    """``count`` valid, enterable sample forms read with ``read_form`` and typed for entry."""
    loaded = scenario()
    template = loaded.templates[TEMPLATE]
    records = []
    for path in valid_forms(count, enterable=True):
        record = read_form(path, template, loaded.scenario.fields)
        if not record.ok:
            raise RuntimeError(f"{path.name}: sample form not read cleanly: {sorted(record.problems)}")
        records.append(typed(record.json_values()))
    if len(records) < count:
        raise RuntimeError(f"only {len(records)} enterable sample forms, {count} wanted")
    return records
