"""The scenario draft ``template new`` writes from the sample claim marks every personal field
``mask: true`` — the bank account number (a ``digits`` field) included — so that a trainee's
first scenario hides them in the run report as the sample scenario does."""

from __future__ import annotations

from pathlib import Path

from cli_runner import cli

from robots.demo.runner import REPO
from shared.config import load_scenario

# the sample claim's personal fields, by their printed labels (the draft names fields itself)
PERSONAL_LABELS = {"請求者氏名", "フリガナ", "生年月日", "個人番号", "郵便番号", "住所", "電話番号", "口座番号",
                   "口座名義（カナ）"}


def test_the_draft_masks_every_personal_field(tmp_path: Path, sample_scenario):
    out = tmp_path / "nintei"
    result = cli("template", "new", REPO / "samples" / "forms" / "claims" / "claim-001.pdf", "--out", out)
    assert result.exit_code == 0, result.output
    fields = load_scenario(out).scenario.fields
    by_label = {spec.label: spec for spec in fields.values()}
    assert PERSONAL_LABELS <= set(by_label), sorted(by_label)
    assert [label for label in PERSONAL_LABELS if not by_label[label].mask] == []
    # the same fields as the sample scenario masks (its labels of the first child carry 児童1)
    sample_masked = {spec.label for spec in sample_scenario.scenario.fields.values() if spec.mask}
    assert PERSONAL_LABELS <= sample_masked
    for public in ("請求日", "性別", "加入している年金", "預金種別"):
        assert not by_label[public].mask, public  # what the ledger and the report show stays shown
