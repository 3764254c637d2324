"""template new: templates proposed from filled samples of three layouts read at least 80%
of the fields right with no edits (the figure is printed), and validate accepts them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.template_new import measure_template_new, print_scores
from robots.authoring.guess import guess_name, guess_type
from robots.demo.runner import REPO
from samples.forms.other_forms import generate

OTHER = REPO / "samples" / "forms" / "other"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "robot_runner.py", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_proposed_templates_read_at_least_80_percent(capsys):
    scores = measure_template_new()
    assert len(scores) == 3
    share = print_scores(scores)
    with capsys.disabled():
        print()
        print_scores(scores)
    assert share >= 0.8


@pytest.mark.parametrize("form", [REPO / "samples/forms/claims/claim-001.pdf", OTHER / "inu-touroku.pdf",
                                  OTHER / "shoumei-koufu.pdf"], ids=lambda p: p.name)
def test_template_new_writes_a_draft_that_validate_accepts(form: Path, tmp_path: Path):
    out = tmp_path / "draft"
    result = cli("template", "new", str(form), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "template.yaml").is_file() and (out / "scenario.yaml").is_file()
    assert list(out.glob("*-inspect-p1.png"))
    text = (out / "template.yaml").read_text(encoding="utf-8")
    assert "# 「" in text and "推定した型" in text  # Japanese comments for the person who edits it
    checked = cli("validate", str(out))
    assert checked.returncode == 0, checked.stdout
    assert "問題はありません" in checked.stdout


def test_template_new_refuses_a_file_that_is_not_a_pdf(tmp_path: Path):
    result = cli("template", "new", str(REPO / "samples/forms/claims/not-a-pdf.pdf"), "--out", str(tmp_path / "x"))
    assert result.returncode == 1
    assert "not-a-pdf.pdf" in result.stdout and not (tmp_path / "x" / "template.yaml").exists()


def test_other_sample_forms_are_reproducible(tmp_path: Path):
    generate(tmp_path)
    for name in ("inu-touroku.pdf", "shoumei-koufu.pdf", "truth.json"):
        assert (tmp_path / name).read_bytes() == (OTHER / name).read_bytes(), name


@pytest.mark.parametrize("label, value, expected_type, expected_name", [
    ("請求者氏名", "山田 太郎", "name", "claimant_name"),
    ("フリガナ", "ﾔﾏﾀﾞ ﾀﾛｳ", "katakana", "kana"),
    ("口座名義（カナ）", "ヤマダ タロウ", "katakana", "account_holder_kana"),
    ("生年月日", "昭和60年5月3日", "wareki_date", "birth_date"),
    ("犬の生年月日", "2021年4月5日", "date", "dog_birth_date"),
    ("請求日", "R6.11.3", "wareki_date", "request_date"),
    ("個人番号", "123456789018", "my_number", "my_number"),
    ("郵便番号", "〒100-0001", "postal_code", "postal_code"),
    ("電話番号", "03-1234-5678", "phone", "phone"),
    ("手数料", "3,000円", "money", "amount"),
    ("口座番号", "1234567", "digits", "account_number"),
    ("通数", "2", "number", "count"),
    ("備考", "123456789018", "my_number", "field"),  # the value's shape decides when the label does not
    ("連絡事項", "０９０１２３４５６７８", "phone", "field"),
    ("受付", "〒330-0063", "postal_code", "field"),
    ("金融機関名", "ひな形銀行", "text", "bank"),
    ("備考", "ヤマダ", "katakana", "field"),
    ("備考", None, "text", "field"),
])
def test_guess_type_and_name(label, value, expected_type, expected_name):
    field_type = guess_type(label, value)
    assert field_type == expected_type
    assert guess_name(label, field_type) == expected_name


def test_template_new_explains_an_image_only_pdf(tmp_path: Path):
    scan = REPO / "samples/scans/out/scan-003.pdf"  # a scanned page inside a PDF: no text to find labels in
    result = cli("template", "new", str(scan), "--out", str(tmp_path / "x"))
    assert result.returncode == 1
    assert "scan-003.pdf" in result.stdout and "電子PDF" in result.stdout
