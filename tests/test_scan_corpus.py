"""The committed scan corpus (samples/scans/out): no silent errors — every field read
differently from the ground truth is flagged for a person — and every bad scan is refused
with its reason. (Accuracy and the share sent to review are printed by benchmarks/.)"""

from __future__ import annotations

import json

import pytest

from connectors.ocr import engine
from robots.demo.runner import REPO
from robots.reading.scan.reader import read_scan
from shared.errors import InputFileError
from shared.japanese.address import load_postal_table

pytestmark = pytest.mark.slow

CORPUS = REPO / "samples" / "scans" / "out"
REFUSALS = {"blank_page": "scan.blank_page", "wrong_form": "scan.cannot_align", "cannot_align": "scan.cannot_align",
            "low_resolution": "scan.low_resolution", "unreadable_image": "scan.unreadable"}


def test_no_silent_errors_on_the_scan_corpus(sample_scenario):
    template = sample_scenario.templates["template.yaml"]
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    postal = load_postal_table(REPO / "samples" / "data" / "postal.json")  # the demo site's table
    silent, checked, refused = [], 0, 0
    with engine("tesseract") as ocr:
        for name, entry in sorted(truth.items()):
            if entry["status"] != "valid":
                with pytest.raises(InputFileError) as caught:
                    read_scan(CORPUS / name, template, sample_scenario.folder, sample_scenario.scenario.fields, ocr)
                assert caught.value.key == REFUSALS[entry["problem"]], name
                assert name in str(caught.value)
                refused += 1
                continue
            record = read_scan(CORPUS / name, template, sample_scenario.folder, sample_scenario.scenario.fields, ocr,
                               postal)
            pages = {p for p in entry["pages"] if p}
            for field, expected in entry["fields"].items():
                if template.fields[field].page not in pages:
                    assert record.fields[field].status == "needs_review"
                    continue
                checked += 1
                value = record.fields[field]
                if value.status == "ok" and value.json_value() != expected:
                    silent.append((name, field))
    assert checked >= 900 and refused == 5
    assert silent == []
