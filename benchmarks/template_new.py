"""How well ``template new`` proposes templates: on three filled sample forms of different
layouts, the share of fields the proposed template (used with no edits) reads right.

    python -m benchmarks.template_new

A truth field counts as right when a proposed field covers the same place on the form and
reading the sample with the proposed template and types gives the truth's normalized value.
The places come from the generators' own layouts (the sample scenario's template for the
claim form, ``samples/forms/other/truth.json`` for the two others).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from robots.authoring.template_new import Proposal, ProposedField, propose
from robots.reading.pdf_form import read_form
from robots.reports.images import field_box
from shared.config import FieldBinding, FieldSpec, FormTemplate, load_template

__all__ = ["FormScore", "measure_template_new", "score_form"]

REPO = Path(__file__).resolve().parents[1]
CLAIM = REPO / "samples" / "forms" / "claims" / "claim-001.pdf"
OTHER = REPO / "samples" / "forms" / "other"


@dataclass
class FormScore:
    form: str
    right: int
    total: int
    wrong: list[str]

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def _area(box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(a, b) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _proposed_box(field: ProposedField):
    return field_box(FieldBinding.model_validate(field.binding()))


def _match(truth_box, page: int, proposal: Proposal) -> ProposedField | None:
    """The proposed field covering most of the truth's place (at least half of it)."""
    best, best_share = None, 0.5
    for field in proposal.fields:
        box = _proposed_box(field)
        if field.page != page or box is None:
            continue
        share = _overlap(box, truth_box) / max(1.0, min(_area(truth_box), _area(box)))
        if share > best_share:
            best, best_share = field, share
    return best


def score_form(pdf: Path, truth: dict[str, dict]) -> FormScore:
    """``truth``: field -> {page, box, value}. Reads ``pdf`` with the proposal as written."""
    proposal = propose(pdf)
    template = FormTemplate.model_validate({
        "id": "proposed", "title": proposal.title, "pages": proposal.pages,
        "fingerprint": {"keywords": proposal.keywords}, "fields": {f.name: f.binding() for f in proposal.fields}})
    specs = {f.name: FieldSpec.model_validate(f.spec()) for f in proposal.fields}
    record = read_form(pdf, template, specs)
    right, wrong = 0, []
    for name, expected in truth.items():
        field = _match(expected["box"], expected["page"], proposal)
        got = record.fields[field.name].json_value() if field is not None else "(no field)"
        if got == expected["value"]:
            right += 1
        else:
            wrong.append(name)
    return FormScore(pdf.name, right, len(truth), wrong)


def _claim_truth() -> dict[str, dict]:
    template = load_template(REPO / "scenarios" / "jidou-teate-nintei" / "template.yaml")
    values = json.loads((CLAIM.parent / "truth.json").read_text(encoding="utf-8"))[CLAIM.name]["fields"]
    return {name: {"page": b.page, "box": field_box(b), "value": values[name]} for name, b in template.fields.items()}


def measure_template_new() -> list[FormScore]:
    other = json.loads((OTHER / "truth.json").read_text(encoding="utf-8"))
    scores = [score_form(CLAIM, _claim_truth())]
    for name, entry in other.items():
        scores.append(score_form(OTHER / name, entry["fields"]))
    return scores


def print_scores(scores: list[FormScore]) -> float:
    right = sum(s.right for s in scores)
    total = sum(s.total for s in scores)
    for score in scores:
        missed = f"  外れ/wrong: {', '.join(score.wrong)}" if score.wrong else ""
        print(f"template new  {score.form:22s} {score.right:3d}/{score.total:<3d} {score.share:6.1%}{missed}")
    print(f"template new  合計/total             {right:3d}/{total:<3d} {right / total:6.1%}  (目標/goal ≥ 80%)")
    return right / total


def main() -> int:
    share = print_scores(measure_template_new())
    return 0 if share >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
