"""Scan corpora of any sample form in any installed font (samples/scans/corpus.py, fonts.py):
the fonts reportlab cannot embed as installed are made embeddable and complete, a corpus
holds one scan per filled form with the digital truth's values and its degradations, the
same seed gives the same bytes, and which form/font/seed the reader was tuned on is known."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from samples.scans import corpus
from samples.scans.fonts import FONTS, IPAEX_GOTHIC, _add_glyphs, _subset, _to_truetype, font_file, missing_glyphs

TEXT = "山田 太郎 ヤマダ ﾀﾛｳ 123 ㋿"


def _installed(name: str) -> Path:
    path = next((Path(p) for p in FONTS[name].paths if Path(p).is_file()), None)
    if path is None:
        pytest.skip(f"{FONTS[name].title} not installed (apt-get install {FONTS[name].package})")
    return path


def _inks(font_path: Path, tmp_path: Path, text: str = TEXT) -> list[bool]:
    """Whether reportlab + pdfium draw any ink for each character of ``text`` in the font."""
    name = f"T{hashlib.sha1(str(font_path).encode()).hexdigest()[:8]}"
    pdfmetrics.registerFont(TTFont(name, str(font_path)))
    pdf = tmp_path / f"{name}.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(40 * len(text), 40))
    c.setFont(name, 30)
    for i, char in enumerate(text):
        c.drawString(40 * i + 5, 8, char)
    c.save()
    with pypdfium2.PdfDocument(str(pdf)) as doc:
        image = np.asarray(doc[0].render(scale=1).to_pil().convert("L"))
    return [bool((image[:, 40 * i: 40 * i + 40] < 128).any()) for i, char in enumerate(text) if not char.isspace()]


def test_a_cff_collection_member_becomes_an_embeddable_truetype_font(tmp_path):
    from fontTools.ttLib import TTCollection

    source = _installed("noto-sans-cjk-jp")
    member = next(f for f in TTCollection(str(source)).fonts if f["name"].getDebugName(4) == FONTS["noto-sans-cjk-jp"].member)
    font = _subset(member, {ord(c) for c in TEXT})
    assert "CFF " in font
    _to_truetype(font)
    assert "glyf" in font and "CFF " not in font
    font.save(str(tmp_path / "noto.ttf"))
    assert all(_inks(tmp_path / "noto.ttf", tmp_path))


def test_a_font_lacking_characters_is_completed_from_ipaex_gothic(tmp_path):
    from fontTools.ttLib import TTFont as Font

    source = _installed("seto")
    assert "㋿" in missing_glyphs(source)  # Seto maps ㋿ to an empty glyph
    font = Font(str(source))
    for tag in ("vhea", "vmtx"):
        del font[tag]
    font = _subset(font, {ord(c) for c in TEXT})
    _add_glyphs(font, Font(IPAEX_GOTHIC), [ord("㋿")])
    font.save(str(tmp_path / "seto.ttf"))
    assert "㋿" not in missing_glyphs(tmp_path / "seto.ttf")
    assert all(_inks(tmp_path / "seto.ttf", tmp_path))


@pytest.mark.parametrize("name", ["ipaex-gothic", "ipaex-mincho"])
def test_the_ipaex_fonts_are_used_as_installed(name, tmp_path):
    source = _installed(name)
    assert font_file(name, tmp_path) == source
    assert all(_inks(source, tmp_path))


@pytest.mark.slow  # subsets the whole font (several seconds)
def test_vl_gothic_is_completed_with_the_rarer_jis_x_0213_characters(tmp_path):
    source = _installed("vl-gothic")
    assert "⊊" in missing_glyphs(source)
    completed = font_file("vl-gothic", tmp_path)
    assert completed.parent == tmp_path and missing_glyphs(completed) == []
    assert all(_inks(completed, tmp_path, TEXT + "⊊"))


def test_an_unknown_font_is_refused_naming_the_choices():
    with pytest.raises(FileNotFoundError, match="vl-gothic"):
        font_file("comic-sans")


@pytest.mark.parametrize(("form", "font", "seed", "expected"), [
    ("claim", "ipaex-gothic", 7, {"form": True, "font": True, "seed": True}),
    ("claim", "vl-gothic", 4242, {"form": True, "font": False, "seed": False}),
    ("kokuho", "ipaex-gothic", 11, {"form": True, "font": True, "seed": True}),
    ("inkan", "seto", 11, {"form": False, "font": False, "seed": True}),
    ("genkyo", "noto-sans-cjk-jp", 99, {"form": False, "font": False, "seed": False}),
])
def test_what_the_reader_was_tuned_on(form, font, seed, expected):
    assert corpus.tuned(form, font, seed) == expected


def test_an_unknown_form_is_refused(tmp_path):
    with pytest.raises(ValueError, match="kokuho"):
        corpus.build("no-such-form", "ipaex-gothic", 1, 1, tmp_path)


@pytest.mark.slow
def test_a_procedure_corpus_in_another_font(tmp_path):
    _installed("vl-gothic")
    built = corpus.build("kokuho", "vl-gothic", 5, 4, tmp_path / "a")
    assert built.valid == ["kokuho-001.tif", "kokuho-002.png", "kokuho-003.jpg", "kokuho-004.pdf"]
    digital = json.loads((built.template_dir / "truth.json").read_text(encoding="utf-8"))
    assert digital["fill_font"].startswith("vl-gothic")  # the completed copy of VL Gothic
    assert (built.template_dir / "blank.pdf").is_file()
    for name in built.valid:
        entry = built.truth[name]
        assert entry["fields"] == {k: v["value"] for k, v in digital["files"][entry["source"]]["fields"].items()}
        assert (entry["form"], entry["font"], entry["pages"]) == ("kokuho", "vl-gothic", [1])
        degradation = entry["degradations"][0]
        if entry["format"] == "pdf":
            with pypdfium2.PdfDocument(str(built.folder / name)) as doc:
                assert len(doc) == 1 and len(list(doc[0].get_objects())) == 1  # one image, no text: image-only
        else:
            with Image.open(built.folder / name) as image:
                assert list(image.size) == degradation["size"]
        assert degradation["rotation"] in (0, 90, 180, 270) and abs(degradation["skew_deg"]) <= 4
    again = corpus.build("kokuho", "vl-gothic", 5, 4, tmp_path / "b")
    for name in built.valid:
        assert (built.folder / name).read_bytes() == (again.folder / name).read_bytes()
    other = corpus.build("kokuho", "vl-gothic", 6, 4, tmp_path / "c")
    assert other.truth[other.valid[0]]["fields"] != built.truth[built.valid[0]]["fields"]


@pytest.mark.slow
def test_a_claim_corpus_in_a_handwriting_font(tmp_path):
    _installed("seto")
    built = corpus.build("claim", "seto", 5, 2, tmp_path)
    assert len(built.valid) == 3  # two scans and the upside-down one
    assert {built.truth[n]["format"] for n in built.valid} <= {"pdf", "tiff"}
    digital = json.loads((built.template_dir / "truth.json").read_text(encoding="utf-8"))
    for name in built.valid:
        assert built.truth[name]["fields"] == digital[built.truth[name]["source"]]["fields"]
