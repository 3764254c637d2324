"""Scenarios and templates to read the sample forms' scans with, as a user writes them.

- the claim: the shipped scenario ``scenarios/jidou-teate-nintei`` as it is;
- a tuning procedure: the hand-written scenario and template of ``tests/procedures/ID``;
- a held-out procedure (no template was ever written for it, on purpose): a template drawn
  from its blank form's field areas (``blank.pdf`` in its truth.json — where the values go,
  as a user measures them on the blank; nothing of a filled form), each field read the way
  docs/templates.md says for its layout: a box; the circled or ticked options; a checkbox's
  square; a date of a circled era and 年・月・日 boxes as parts.

Both procedure kinds get the links between fields docs/templates.md asks a user to write
and the hand-written test scenarios leave out: a furigana's ``reading_of`` (``X_kana`` →
``X_name``, ``kana`` → ``name``) and, on a form with one postal code, the first address's
``postal_code_field``. The files are written into a work folder and loaded as a user's
would be (``load_scenario``).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from robots.demo import REPO
from shared.config import LoadedScenario, load_scenario

__all__ = ["claim_scenario", "procedure_scenario"]

HAND_WRITTEN = REPO / "tests" / "procedures"
CLAIM_SCENARIO = REPO / "scenarios" / "jidou-teate-nintei"


def claim_scenario() -> LoadedScenario:
    return load_scenario(CLAIM_SCENARIO)


def _binding(field: dict) -> dict:
    layout = field["layout"]
    if layout == "circled":
        return {"read": "circled", "options": field["option_boxes"]}
    if layout == "ticked" and field["type"] == "checkbox":
        return {"read": "checkbox", "box": field["box"]}
    if layout == "ticked":
        return {"read": "ticked", "options": field["option_boxes"]}
    parts = field.get("parts") or {}
    era = parts.get("era") or {}
    if "options" in era:  # a circled era and 年・月・日 boxes
        bound = {"era": {"read": "circled", "options": era["option_boxes"]}}
        bound.update({name: {"box": parts[name]["box"]} for name in ("year", "month", "day")})
        return {"parts": bound}
    return {"box": field["box"]}


def _drawn(procedure: str, blank_truth: dict) -> tuple[dict, dict]:
    fields = blank_truth["files"]["blank.pdf"]["fields"]
    template = {"schema_version": 1, "id": f"{procedure}-form", "title": blank_truth["title"], "pages": 1,
                "fingerprint": {"keywords": [blank_truth["title"].split()[0]]}, "blank_form": "blank.pdf",
                "fields": {name: _binding(field) for name, field in fields.items()}}
    specs = {}
    for name, field in fields.items():
        spec = {"label": field["label"], "type": field["type"], "required": field["required"]}
        if field["type"] == "choice":
            spec["options"] = field["options"]
        specs[name] = spec
    key = next(n for n, f in fields.items() if f["type"] in ("my_number", "digits", "name"))
    scenario = {"schema_version": 1, "id": procedure, "title": blank_truth["title"], "version": "1.0.0",
                "author": "benchmarks (drawn from the blank form's areas)",
                "inputs": [{"kind": "pdf", "glob": "*.pdf", "template": "template.yaml"}],
                "fields": specs, "key": [key]}
    return scenario, template


def _linked(scenario: dict) -> dict:
    fields = scenario["fields"]
    for name, spec in fields.items():
        if spec["type"] == "katakana" and "reading_of" not in spec:
            partner = "name" if name == "kana" else name.replace("kana", "name")
            if partner != name and fields.get(partner, {}).get("type") == "name":
                spec["reading_of"] = partner
    codes = [n for n, s in fields.items() if s["type"] == "postal_code"]
    addresses = [n for n, s in fields.items() if s["type"] == "address"]
    if len(codes) == 1 and addresses and not any("postal_code_field" in fields[a] for a in addresses):
        fields[addresses[0]]["postal_code_field"] = codes[0]
    return scenario


def procedure_scenario(procedure: str, digital: Path, work: Path) -> tuple[LoadedScenario, bool]:
    """The scenario to read ``procedure``'s scans with (its template's blank is in
    ``digital``, the procedure's folder of digital forms), and whether it is hand-written."""
    folder = work / procedure
    folder.mkdir(parents=True, exist_ok=True)
    hand = HAND_WRITTEN / procedure
    if (hand / "template.yaml").is_file():
        scenario = yaml.safe_load((hand / "scenario.yaml").read_text(encoding="utf-8"))
        template = yaml.safe_load((hand / "template.yaml").read_text(encoding="utf-8"))
    else:
        scenario, template = _drawn(procedure, json.loads((digital / "truth.json").read_text(encoding="utf-8")))
    (folder / "scenario.yaml").write_text(yaml.safe_dump(_linked(scenario), allow_unicode=True), encoding="utf-8")
    (folder / "template.yaml").write_text(yaml.safe_dump(template, allow_unicode=True), encoding="utf-8")
    return load_scenario(folder), hand.is_dir()
