"""Scanned forms through the real parts (Tesseract, OpenCV, Chromium): fields the robot
doubts go to the review sheet; a person's corrections are imported; the item is entered."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import openpyxl
import pypdfium2 as pdfium
import pytest
from cli_runner import cli
from conftest import CLAIMS, SCENARIO_DIR, found_personal, seeded_personal_data
from PIL import Image

from robots.demo.runner import REPO, write_demo_site
from robots.run.batch import run_scenario
from samples.legacy_app import fetch_records
from shared.audit import audit_records
from shared.ledger import State

pytestmark = pytest.mark.slow


def scan_of(name: str, out: Path, *, dpi: int = 300, skew: float = 2.0, upside_down: bool = False, seed: int = 1) -> Path:
    """A two-page TIFF 'scan' of a sample form: rendered, skewed, shifted, noisy."""
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(CLAIMS / name)
    frames = []
    for index in range(len(pdf)):
        image = np.asarray(pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
        height, width = image.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), skew, 1.02)
        matrix[0, 2] += 25
        image = cv2.warpAffine(image, matrix, (width, height), borderValue=255)
        image = np.clip(image + rng.normal(0, 5, image.shape), 0, 255).astype(np.uint8)
        if upside_down:
            image = cv2.rotate(image, cv2.ROTATE_180)
        frames.append(Image.fromarray(image))
    out.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(out, save_all=True, append_images=frames[1:], dpi=(dpi, dpi), compression="tiff_deflate")
    return out


def test_review_round_trip_ends_with_the_record_entered(tmp_path, legacy, truth, run_resources):
    name = "claim-006.pdf"  # 髙橋: OCR cannot tell 髙 from 高, so a person must check the name
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    scan_of(name, inbox / "scan-006.tif", upside_down=True)
    site = write_demo_site(tmp_path / "site", legacy.url)
    first = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    [outcome] = first.final_outcomes()
    assert outcome.state == State.NEEDS_REVIEW, outcome
    assert first.review_sheet is not None and first.review_sheet.is_file()

    sheet = openpyxl.load_workbook(first.review_sheet)
    rows = sheet.active
    fields = {row[1].value: row for row in rows.iter_rows(min_row=2)}
    assert "claimant_name" in fields
    assert rows._images, "each doubtful field carries the image of that field"
    expected = truth[name]["fields"]
    for field, row in fields.items():
        value = expected[field]
        row[8].value = {True: "✓", None: ""}.get(value, value) if not isinstance(value, str) or "-" not in value[:5] \
            else truth[name]["originals"].get(field) or value
    sheet.save(first.review_sheet)

    result = cli("review", "import", first.review_sheet, "--scenario", SCENARIO_DIR, "--site", site, "--by", "確認担当")
    assert result.exit_code == 0, result.output
    assert "入力に進む申請 1 件" in result.stdout

    second = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert [o.state for o in second.final_outcomes()] == [State.DONE]
    [record] = fetch_records(legacy.db_path)
    assert record["applicant_name"] == expected["claimant_name"]  # 髙 kept exactly
    assert record["my_number"] == expected["my_number"]

    events = audit_records(tmp_path / "site" / "work" / "ledger.sqlite3")
    reviewed = [e for e in events if e["event"] == "item_reviewed"]
    assert reviewed and reviewed[0]["person"] == "確認担当" and "claimant_name" in reviewed[0]["corrected"]
    seeded = seeded_personal_data(truth)
    for path in (tmp_path / "site" / "work").rglob("*"):
        if path.is_file() and path.suffix in (".jsonl", ".log"):
            text = path.read_text(encoding="utf-8")
            assert not found_personal(text, seeded), path


def test_scan_bad_inputs_are_refused_with_reasons(tmp_path, sample_scenario):
    from robots.reading.scan.reader import read_scan
    from shared.errors import InputFileError

    template = sample_scenario.templates["template.yaml"]
    blank = tmp_path / "blank.png"
    Image.new("L", (2480, 3508), 255).save(blank, dpi=(300, 300))
    low = tmp_path / "low.png"
    Image.open(scan_of("claim-001.pdf", tmp_path / "x.tif")).resize((595, 842)).save(low, dpi=(72, 72))
    broken = tmp_path / "broken.png"
    broken.write_bytes((REPO / "samples" / "forms" / "claims" / "truth.json").read_bytes()[:100])
    other = scan_of("other-form.pdf", tmp_path / "other.tif")
    cases = {blank: "scan.blank_page", low: "scan.low_resolution", broken: "scan.unreadable", other: "scan.cannot_align"}
    for path, key in cases.items():
        with pytest.raises(InputFileError) as caught:
            read_scan(path, template, sample_scenario.folder, sample_scenario.scenario.fields, engine=None)
        assert caught.value.key == key, path.name
        assert path.name in str(caught.value)
