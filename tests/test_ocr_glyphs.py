"""Look-alike characters told apart by shape (connectors/ocr/glyphs.py, robots/reading/scan/glyphs.py):
variant kanji, era marks, misread kanji of a name and misread furigana, on drawn and
degraded lines (table-driven)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from connectors.ocr.glyphs import GlyphMatcher, character_cells, default_fonts, split_at_gaps
from robots.reading.scan.glyphs import era_by_shape, font_familiarity, mend_furigana, mend_name, resolve_variants
from robots.reading.scan.reader import FAMILIAR_FONT
from shared.japanese.text import katakana_to_halfwidth as half_width

FONTS = default_fonts()
pytestmark = pytest.mark.skipif(not FONTS, reason="no Japanese font installed (make system-deps installs IPAex)")


def line(text: str, font_index: int = 0, *, seed: int = 0, px: int = 44, font_file: str | None = None) -> np.ndarray:
    """``text`` printed at ``px`` pixels and scanned: a little noise."""
    font = ImageFont.truetype(font_file or str(FONTS[font_index % len(FONTS)]), px)
    width = int(font.getlength(text)) + 2 * px
    canvas = Image.new("L", (width, 2 * px), 255)
    ImageDraw.Draw(canvas).text((px // 2, px // 3), text, font=font, fill=20)
    image = np.asarray(canvas, dtype=np.float32)
    image = image + np.random.default_rng(seed).normal(0, 12, image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(("written", "candidates"), [
    ("髙", "高髙"), ("高", "高髙"), ("﨑", "崎﨑"), ("崎", "崎﨑"), ("剝", "剥剝"), ("剥", "剥剝"), ("澤", "沢澤"),
])
@pytest.mark.parametrize("font_index", [0, 1])
def test_variant_kanji_are_told_apart(written, candidates, font_index):
    chosen, lead = GlyphMatcher(FONTS).choose(line(written, font_index), candidates)
    assert chosen == written and lead > 0.02


@pytest.mark.parametrize(("read", "written", "expected"), [
    ("高橋\u3000太郎", "髙橋\u3000太郎", ("髙橋\u3000太郎", "")),
    ("高橋\u3000太郎", "高橋\u3000太郎", ("高橋\u3000太郎", "")),
    ("山崎\u3000花子", "山﨑\u3000花子", ("山﨑\u3000花子", "")),
    ("吉田\u3000一郎", "吉田\u3000一郎", ("吉田\u3000一郎", "吉")),  # 𠮷 no font here draws: a person checks
])
def test_names_get_the_variant_they_are_written_with(read, written, expected):
    assert resolve_variants(line(written), read) == expected


@pytest.mark.parametrize(("written", "read", "expected"), [
    ("㍻2.3.4", "翌2.3.4", "㍻2.3.4"),
    ("㍼52.5.5", "原52.5.5", "㍼52.5.5"),
    ("㋿7.1.6", "千7.1.6", "㋿7.1.6"),
    ("令6.8.2", "生6.8.2", "令6.8.2"),
    ("R06/11/25", "RO06/11/25", "R06/11/25"),
])
def test_era_marks_are_read_by_shape(written, read, expected):
    assert era_by_shape(line(written), [read]) == [expected]


@pytest.mark.parametrize(("written", "read", "furigana", "expected"), [
    ("雛形\u3000紬", "雛形\u3000細", "ヒナガタ\u3000ツムギ", "雛形\u3000紬"),
    ("仮屋\u3000蓮", "仮屋\u3000夢", "カリヤ\u3000レン", "仮屋\u3000蓮"),
    ("架空\u3000由美", "泉空\u3000由美", "カクウ\u3000ユミ", "架空\u3000由美"),
    ("星見\u3000紬", "星見\u3000細", "ホシミ\u3000ツムキ", "星見\u3000紬"),  # the furigana lost its ゛ too
    ("山田\u3000太郎", "山田\u3000太郎", "ヤマダ\u3000タロウ", None),  # nothing to mend
])
def test_misread_kanji_are_mended_by_shape(written, read, furigana, expected):
    assert mend_name(line(written), read, furigana) == expected


@pytest.mark.parametrize(("written", "name", "read", "expected"), [
    (half_width("ヤマダ\u3000タロウ"), "山田\u3000太郎", "ヤマタ\u3000タロウ", "ヤマダ\u3000タロウ"),
    ("ヤマタ\u3000タロウ", "山田\u3000太郎", "ヤマダ\u3000タロウ", "ヤマタ\u3000タロウ"),  # 山田 read ヤマタ exists too
    ("しののめ\u3000みなと", "東雲\u3000湊", "しののめ\u3000みなーと", "シノノメ\u3000ミナト"),  # written in hiragana
    ("しののめ\u3000しょーた", "東雲\u3000翔太", "しののめ\u3000しょーーた", None),  # た and だ too alike here
    (half_width("ヤマザキ\u3000ダイスケ"), "山崎\u3000大輔", "ヤマサキ\u3000タ\u3000イスケ", "ヤマザキ\u3000ダイスケ"),
    ("タカハシ\u3000レン", "高橋\u3000蓮", "タカハンシ\u3000レン", "タカハシ\u3000レン"),
])
def test_misread_furigana_are_mended_by_shape(written, name, read, expected):
    assert mend_furigana(line(written), name, read) == expected


def test_a_furigana_of_another_name_is_not_forced_into_this_one():
    assert mend_furigana(line("スズキ\u3000ハナコ"), "山田\u3000花子", "スズキ\u3000ハナコ") is None


def test_cells_and_gaps():
    image = line("見本\u3000芽依")
    assert len(character_cells(image)) == 4
    parts = split_at_gaps(image, 2)
    assert parts is not None and len(parts) == 2
    assert split_at_gaps(line("見本"), 2) is None or len(split_at_gaps(line("見本"), 2)) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("ヤマダ\u3000タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ"), ("コーイチ", "ｺｰｲﾁ"), ("パン", "ﾊﾟﾝ"), ("山田", "山田"),
])
def test_half_width(text, expected):
    assert half_width(text) == expected


VL_GOTHIC = "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf"
LINES = ["見本\u3000花子", "ミホン\u3000ハナコ", "試行労働金庫", "駅前支店"]


def test_a_form_in_a_measured_font_is_familiar():
    assert font_familiarity((line(text, i), text) for i, text in enumerate(LINES)) >= FAMILIAR_FONT


@pytest.mark.skipif(not __import__("pathlib").Path(VL_GOTHIC).is_file(), reason="VL Gothic not installed")
def test_a_form_in_another_font_is_not():
    assert font_familiarity((line(text, font_file=VL_GOTHIC), text) for text in LINES) < FAMILIAR_FONT


def test_too_little_to_judge():
    assert font_familiarity([(line("山"), "山")]) is None
