"""Reading the digital sample forms: every field of every valid form must be exactly right,
and every broken file must fail the way its ground truth says."""

from __future__ import annotations

import pytest
from conftest import CLAIMS

from robots.reading.pdf_form import read_form
from shared.errors import InputFileError

FILE_PROBLEMS = {
    "empty_file": "pdf.empty",
    "not_pdf": "pdf.not_pdf",
    "encrypted": "pdf.encrypted",
    "wrong_form": "pdf.wrong_form",
    "page_missing": "pdf.page_missing",
}


def test_every_valid_form_is_read_exactly(sample_scenario, truth):
    template = sample_scenario.templates["template.yaml"]
    valid = {name: entry for name, entry in truth.items() if entry["status"] == "valid"}
    assert len(valid) >= 30
    wrong = []
    for name, entry in valid.items():
        record = read_form(CLAIMS / name, template, sample_scenario.scenario.fields)
        got = record.json_values()
        wrong += [(name, field) for field, value in entry["fields"].items() if got[field] != value]
        assert record.ok, (name, {k: v.code for k, v in record.problems.items()})
    assert wrong == []


@pytest.mark.parametrize("problem, key", sorted(FILE_PROBLEMS.items()))
def test_unreadable_files_are_refused_with_their_reason(sample_scenario, truth, problem, key):
    template = sample_scenario.templates["template.yaml"]
    names = [n for n, e in truth.items() if e["problem"] == problem]
    assert names, f"no sample for {problem}"
    for name in names:
        with pytest.raises(InputFileError) as caught:
            read_form(CLAIMS / name, template, sample_scenario.scenario.fields)
        assert caught.value.key == key
        assert name in str(caught.value)


def test_field_problems_are_flagged_not_guessed(sample_scenario, truth):
    template = sample_scenario.templates["template.yaml"]
    broken = {n: e for n, e in truth.items() if e["status"] == "broken" and e["problem_field"]}
    assert len(broken) >= 3
    for name, entry in broken.items():
        record = read_form(CLAIMS / name, template, sample_scenario.scenario.fields)
        field = entry["problem_field"]
        assert field in record.problems, name
        assert record.problems[field].status == entry["problem"], name
        assert set(record.problems) == {field}, name


def test_label_anchor_reads_the_same_value_as_the_box(sample_scenario, truth):
    from shared.config.template import Anchor, FieldBinding

    template = sample_scenario.templates["template.yaml"]
    anchored = template.model_copy(update={"fields": {
        **template.fields,
        "request_date": FieldBinding(page=1, anchor=Anchor(label="請求日", direction="right", max_distance=390)),
        "phone": FieldBinding(page=1, anchor=Anchor(label="電話番号", direction="right", max_distance=180, height=20)),
    }})
    for name in ("claim-001.pdf", "claim-002.pdf", "claim-003.pdf"):
        record = read_form(CLAIMS / name, anchored, sample_scenario.scenario.fields)
        assert record.fields["request_date"].json_value() == truth[name]["fields"]["request_date"]
        assert record.fields["phone"].json_value() == truth[name]["fields"]["phone"]


def test_missing_anchor_label_is_reported_not_guessed(sample_scenario):
    from shared.config.template import Anchor, FieldBinding

    template = sample_scenario.templates["template.yaml"]
    anchored = template.model_copy(update={"fields": {
        **template.fields, "phone": FieldBinding(page=1, anchor=Anchor(label="携帯番号")),
    }})
    record = read_form(CLAIMS / "claim-001.pdf", anchored, sample_scenario.scenario.fields)
    assert record.fields["phone"].status == "missing"
    assert "携帯番号" in record.fields["phone"].message()
