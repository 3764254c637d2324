"""Templates written by hand, the natural way, for every procedure of samples/procedures:
the tuning ones (転入届, 国民健康保険 資格取得届, 保育所入所申込書) and the held-out ones
(印鑑登録申請書, 子ども医療費助成金 申請書, 児童扶養手当 現況届), the latter from
docs/templates.md and docs/reference.md only, as a new user would: a whole date line in one
box typed wareki_date, a circled era with 年・月・日 boxes as one composite date, a postal code
in 3 + 4 boxes as one composite field, マス目 in one box. Every field of every digital form
reads exactly its truth (the values are drawn out of reading order in the files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from robots.demo.runner import REPO
from robots.reading.pdf_form import read_form
from shared.config import LoadedScenario, load_scenario

TEMPLATES = Path(__file__).parent / "procedures"
FORMS = REPO / "samples" / "procedures" / "out"
INDEX = json.loads((REPO / "samples" / "procedures" / "index.json").read_text(encoding="utf-8"))
PROCEDURES = INDEX["tuning"] + INDEX["held_out"]


def procedure(name: str) -> tuple[LoadedScenario, dict]:
    truth = json.loads((FORMS / name / "truth.json").read_text(encoding="utf-8"))
    return load_scenario(TEMPLATES / name), truth


def filled(truth: dict) -> list[tuple[str, dict]]:
    return [(file, entry) for file, entry in sorted(truth["files"].items()) if entry["kind"] == "filled"]


def test_every_procedure_has_a_template():
    assert sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir()) == sorted(PROCEDURES) == sorted(INDEX["procedures"])


@pytest.mark.parametrize("name", PROCEDURES)
def test_every_field_of_every_digital_form_reads_its_truth(name):
    loaded, truth = procedure(name)
    template = loaded.templates["template.yaml"]
    wrong = []
    assert set(loaded.scenario.fields) == set(truth["files"]["blank.pdf"]["fields"])  # every field, none made up
    for file, entry in filled(truth):
        record = read_form(FORMS / name / file, template, loaded.scenario.fields)
        got = record.json_values()
        wrong += [(file, field, got[field], record.fields[field].code) for field, expected in entry["fields"].items()
                  if got[field] != expected["value"] or not record.fields[field].ok]
    assert wrong == []


def test_the_templates_use_a_date_line_box_and_composite_fields():
    """The natural template: what this file claims to test is really in the templates."""
    tennyu, _ = procedure("tennyu")
    assert tennyu.templates["template.yaml"].fields["request_date"].box is not None
    assert tennyu.scenario.fields["request_date"].type == "wareki_date"
    kokuho, _ = procedure("kokuho")
    birth = kokuho.templates["template.yaml"].fields["birth_date"]
    assert birth.parts is not None and birth.parts["era"].read == "circled"
    assert set(kokuho.templates["template.yaml"].fields["postal_code"].parts or {}) == {"first", "last"}
    for name in INDEX["held_out"]:  # the date lines of the held-out forms: one box each
        loaded, truth = procedure(name)
        lines = [field for field, entry in truth["files"]["blank.pdf"]["fields"].items() if entry["layout"] == "date_line"]
        for field in lines:
            assert loaded.templates["template.yaml"].fields[field].box is not None, (name, field)
            assert loaded.scenario.fields[field].type == "wareki_date", (name, field)


def test_a_blank_form_reads_every_required_field_as_required(tmp_path):
    """Nothing written: a required field is 「必須項目が空欄です」, never a template doubt."""
    loaded, _ = procedure("kokuho")
    record = read_form(FORMS / "kokuho" / "blank.pdf", loaded.templates["template.yaml"], loaded.scenario.fields)
    required = {name for name, spec in loaded.scenario.fields.items() if spec.required and spec.type != "checkbox"}
    assert {name for name, value in record.problems.items() if value.code == "field.required"} == required
