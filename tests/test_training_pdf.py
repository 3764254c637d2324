"""``make training-pdf``: the slides and the cheat sheet of docs/training/ printed to PDF offline
(Chromium, IPAex Gothic): one page per slide, the cheat sheet on one page, the Japanese font
embedded and the Japanese text extractable; a slide that does not fit its page stops the build."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from conftest import REPO

BUILD = REPO / "docs" / "training" / "build_pdf.py"


def text_of(page) -> str:
    """The page's text; NFKC because the font maps some ideographs to their Kangxi radicals (⾒ for 見)."""
    return unicodedata.normalize("NFKC", page.extract_text())


def builder():
    spec = importlib.util.spec_from_file_location("build_pdf", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_make_target_calls_the_builder():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "training-pdf:" in makefile and "docs/training/build_pdf.py --out build/training" in makefile


def test_slides_and_cheat_sheet_are_printed_in_japanese(tmp_path):
    result = subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)], capture_output=True, text=True,
                            timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    module = builder()
    _, count = module.slides_html((REPO / "docs" / "training" / "slides.md").read_text(encoding="utf-8"))
    with pdfplumber.open(tmp_path / "slides.pdf") as pdf:
        assert len(pdf.pages) == count >= 10
        first = text_of(pdf.pages[0])
        assert "RPAのシナリオ作成研修" in first
        assert all(abs(page.width / page.height - 297 / 167) < 0.01 for page in pdf.pages)
        assert any("IPAex" in char["fontname"] for char in pdf.pages[0].chars)
        assert unicodedata.normalize("NFKC", "「wareki_date」のことですか？") in "".join(text_of(page) for page in pdf.pages)
    with pdfplumber.open(tmp_path / "cheatsheet.pdf") as pdf:
        assert len(pdf.pages) == 1
        text = text_of(pdf.pages[0])
        assert "シナリオ作成 早見表" in text and "rename-field" in text and "kenshu01/scenario.yaml:18:5" in text
        assert "\\Scripts\\Activate.ps1" in text  # a backslash, not the yen sign of a JIS font


def test_a_slide_too_long_for_its_page_stops_the_build(tmp_path, monkeypatch):
    module = builder()
    slides = tmp_path / "docs"
    slides.mkdir()
    (slides / "slides.md").write_text("# 1枚目\n\n---\n\n# 長すぎる\n\n" + "- 行\n" * 60, encoding="utf-8")
    (slides / "cheatsheet.md").write_text("# 早見表\n\n短い。\n", encoding="utf-8")
    monkeypatch.setattr(module, "HERE", slides)
    with pytest.raises(SystemExit) as stopped:
        module.build(tmp_path / "out")
    assert "スライド 2 が1ページに収まりません" in str(stopped.value)
    assert Path(tmp_path / "out" / "slides.pdf").is_file()  # printed, so the author can look at it
