"""Scans of the tuning procedures' forms read with the same hand-written templates as the
digital forms (tests/procedures): the composite date (a circled era + 年・月・日 boxes) and
the composite postal code read right through real Tesseract and the ring detector, the
whole date line reads in order, and no field is silently wrong. Each part's crop is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from procedure_scans import scan_form

from connectors.ocr import engine
from robots.demo.runner import REPO
from robots.reading.scan.reader import read_scan
from shared.config import load_scenario

pytestmark = pytest.mark.slow

FORMS = REPO / "samples" / "procedures" / "out"
TEMPLATES = Path(__file__).parent / "procedures"


@pytest.fixture(scope="module")
def ocr():
    with engine("tesseract") as started:
        yield started


def read(name: str, form: str, tmp_path: Path, ocr):
    loaded = load_scenario(TEMPLATES / name)
    truth = json.loads((FORMS / name / "truth.json").read_text(encoding="utf-8"))["files"][form]["fields"]
    scan = scan_form(FORMS / name / form, tmp_path / f"{name}-{form}.png", seed=1)
    record = read_scan(scan, loaded.templates["template.yaml"], FORMS / name, loaded.scenario.fields, ocr)
    return record, truth


def silent(record, truth) -> list[str]:
    return [f for f, expected in truth.items() if record.fields[f].ok and record.fields[f].json_value() != expected["value"]]


def test_a_composite_date_and_postal_code_on_a_scan(tmp_path, ocr):
    record, truth = read("kokuho", "filled-001.pdf", tmp_path, ocr)
    for field in ("birth_date", "postal_code"):
        assert record.fields[field].json_value() == truth[field]["value"], (field, record.fields[field].code)
    assert record.fields["birth_date"].original == "昭63年1月6日"
    assert set(record.part_crops["birth_date"]) == {"era", "year", "month", "day"}
    assert all(crop.size for crop in record.part_crops["postal_code"].values())
    assert silent(record, truth) == []


def test_a_whole_date_line_on_a_scan_reads_in_order(tmp_path, ocr):
    record, truth = read("tennyu", "filled-001.pdf", tmp_path, ocr)
    assert record.fields["request_date"].json_value() == truth["request_date"]["value"]
    assert silent(record, truth) == []


def test_a_composite_part_left_empty_goes_to_review_with_one_crop_of_all_parts(tmp_path, ocr):
    """The day box moved off the writing: the person sees the message naming 「日」 and one
    image holding every part, in the review sheet."""
    from openpyxl import load_workbook

    from robots.reading.review_sheet import ReviewRow, write_review_sheet

    loaded = load_scenario(TEMPLATES / "kokuho")
    template = loaded.templates["template.yaml"]
    binding = template.fields["birth_date"]
    assert binding.parts is not None
    day = binding.parts["day"].model_copy(update={"box": (305.0, 490.0, 335.0, 500.0)})  # blank paper below the date
    moved = template.model_copy(update={"fields": {**template.fields, "birth_date": binding.model_copy(
        update={"parts": {**binding.parts, "day": day}})}})
    scan = scan_form(FORMS / "kokuho" / "filled-001.pdf", tmp_path / "kokuho.png", seed=1)
    fields = {"birth_date": loaded.scenario.fields["birth_date"]}
    record = read_scan(scan, moved, FORMS / "kokuho", fields, ocr)
    value = record.fields["birth_date"]
    assert (value.status, value.code) == ("invalid", "composite.part_missing")
    assert "「日」" in (value.message() or "") and "必須項目" not in (value.message() or "")
    crop = record.crops["birth_date"]
    boxes = [box for name, boxes in binding.part_boxes.items() if name != "day" for box in boxes]
    span = (max(b[2] for b in boxes) - min(b[0] for b in boxes)) * 300 / 72
    assert crop.shape[1] >= span  # every part is in the one image (era options to the month)
    sheet = write_review_sheet(tmp_path / "sheet.xlsx", [ReviewRow(1, "birth_date", "kokuho.png", "生年月日",
                                                                   value.original or "", value.message() or "", crop)])
    assert len(load_workbook(sheet).active._images) == 1
