"""The OCR connector against the real Tesseract: lines rendered with the IPAex fonts at
about 300 dpi (glyphs 40-60 px high), read back through ``connectors.ocr``."""

from __future__ import annotations

import difflib
import shutil
import time
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import connectors.ocr as ocr_package
from connectors.ocr import (
    KINDS,
    OcrDataMissing,
    OcrEngine,
    OcrResult,
    OcrUnsupported,
    TesseractEngine,
    engine,
    engines,
    find_tessdata,
)
from shared.errors import ApplicationError

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
MINCHO = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")
if not (GOTHIC.is_file() and MINCHO.is_file()):
    pytest.skip("the IPAex fonts (fonts-ipaexfont) are needed to render test images", allow_module_level=True)

FONTS = pytest.mark.parametrize("font", [GOTHIC, MINCHO], ids=["gothic", "mincho"])

DIGITS = "123456789018"
KATAKANA = "ヤマダ\u3000タロウ"
NAME = "山田\u3000太郎"
ADDRESS = "東京都千代田区霞が関１丁目２番３号"
PAGE_LINES = [
    "児童手当認定請求書",
    "請求者の氏名　山田　太郎",
    "住所　東京都千代田区霞が関一丁目二番三号",
    "生年月日　昭和五十年四月一日",
    "上記のとおり請求します。",
    "令和六年四月一日　千代田区長　殿",
]


def render(text: str, font: Path = GOTHIC, size: int = 50, pad: int = 4) -> Image.Image:
    """One line, black on white, cropped close as a field zone would be."""
    face = ImageFont.truetype(str(font), size)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 255)
    ImageDraw.Draw(image).text((pad - left, pad - top), text, font=face, fill=0)
    return image


def render_page(font: Path = GOTHIC, size: int = 40) -> Image.Image:
    """A few lines on an A4 canvas at 150 dpi."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(str(font), size)
    for number, line in enumerate(PAGE_LINES):
        draw.text((120, 150 + number * size * 2), line, font=face, fill=0)
    return page


def degrade(image: Image.Image, seed: int) -> Image.Image:
    """A poor scan: blurred, then grainy (seeded, so the test is repeatable)."""
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(2.5)), dtype=float)
    pixels += np.random.default_rng(seed).normal(0, 50, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def similarity(read: str, expected: str) -> float:
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return difflib.SequenceMatcher(None, norm(read), norm(expected)).ratio()


def assert_confidences_in_range(result: OcrResult) -> None:
    assert 0.0 <= result.confidence <= 1.0
    assert all(0.0 <= confidence <= 1.0 for _, confidence in result.symbols)


@pytest.fixture(scope="module")
def ocr():
    with engine("tesseract") as tesseract:
        yield tesseract


# --- reading zones -------------------------------------------------------------------


@FONTS
def test_digits_read_exactly(ocr, font):
    for size in (40, 50, 60):
        result = ocr.recognize(render(DIGITS, font, size), kind="digits")
        assert result.text == DIGITS, size
        assert [char for char, _ in result.symbols] == list(DIGITS)
        assert result.confidence > 0.8
        assert_confidences_in_range(result)


@FONTS
def test_katakana_read_exactly_with_an_ideographic_space(ocr, font):
    for size in (40, 50):
        result = ocr.recognize(render(KATAKANA, font, size), kind="katakana")
        assert result.text == KATAKANA, size
        assert result.confidence > 0.7
        assert_confidences_in_range(result)


def test_small_kana_come_with_their_own_confidence(ocr):
    result = ocr.recognize(render("キャッシュ\u3000ショウコ"), kind="katakana")
    assert result.text == "キャッシュ\u3000ショウコ"
    small = [confidence for char, confidence in result.symbols if char in "ャッュョ"]
    assert len(small) == 4 and all(0.0 < confidence <= 1.0 for confidence in small)


@FONTS
def test_kanji_name_and_address_read_closely(ocr, font):
    name = ocr.recognize(render(NAME, font), kind="name")
    assert similarity(name.text, NAME) >= 0.9, name.text
    assert " " not in name.text  # a gap in a name is one U+3000
    address = ocr.recognize(render(ADDRESS, font, 48), kind="address")
    assert similarity(address.text, ADDRESS) >= 0.85, address.text
    assert_confidences_in_range(name)
    assert_confidences_in_range(address)


def test_a_block_of_lines_is_read_line_by_line(ocr):
    lines = [render("山田　太郎"), render("東京都千代田区")]
    block = Image.new("L", (max(line.width for line in lines), sum(line.height + 20 for line in lines)), 255)
    block.paste(lines[0], (0, 0))
    block.paste(lines[1], (0, lines[0].height + 20))
    result = ocr.recognize(block, kind="text", single_line=False)
    read = result.text.split("\n")
    assert len(read) == 2
    assert similarity(read[0], "山田太郎") >= 0.75 and similarity(read[1], "東京都千代田区") >= 0.85


def test_numpy_gray_bgr_and_pil_inputs_read_alike(ocr):
    image = render(KATAKANA)
    gray = np.asarray(image)
    bgr = np.repeat(gray[:, :, None], 3, axis=2)
    bgr[:, :, 0] = 255  # blue channel blank: must be read as B, not R
    texts = {ocr.recognize(zone, kind="katakana").text for zone in (image, gray, bgr, image.convert("RGBA"))}
    assert texts == {KATAKANA}


def test_a_whitelist_overrides_the_kind_and_does_not_stick(ocr):
    zone = render("ヤマダ")
    assert ocr.recognize(zone, kind="katakana", whitelist="0123456789").text == ""
    assert ocr.recognize(zone, kind="katakana").text == "ヤマダ"


def test_an_empty_zone_reads_nothing_with_zero_confidence(ocr):
    assert ocr.recognize(Image.new("L", (300, 60), 250), kind="name") == OcrResult("", 0.0, ())


def test_a_poor_scan_gets_a_lower_confidence(ocr):
    # Tesseract's confidence rates the read, not the image: a poor scan it still reads
    # right may score as high as a clean one, so the poor scans are averaged over seeds.
    for text, kind in [(DIGITS, "digits"), (KATAKANA, "katakana"), (NAME, "name")]:
        clean = ocr.recognize(render(text), kind=kind)
        poor = [ocr.recognize(degrade(render(text), seed), kind=kind) for seed in range(4)]
        for result in poor:
            assert_confidences_in_range(result)
        mean = sum(result.confidence for result in poor) / len(poor)
        assert mean < clean.confidence - 0.1, (kind, clean.confidence, [(r.text, r.confidence) for r in poor])


def test_a_reused_engine_gives_the_same_result(ocr, capsys):
    zones = [(render(DIGITS), "digits"), (render(KATAKANA), "katakana"), (render(NAME), "name"),
             (render(ADDRESS, size=48), "address")]
    first = [ocr.recognize(zone, kind=kind) for zone, kind in zones]
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        assert [ocr.recognize(zone, kind=kind) for zone, kind in zones] == first
    per_call = (time.perf_counter() - started) * 1000 / (rounds * len(zones))
    with capsys.disabled():
        print(f"\n[ocr] tesseract recognize: {per_call:.1f} ms per field zone (engine reused)")


# --- orientation ---------------------------------------------------------------------


@pytest.mark.parametrize(("counter_clockwise", "expected"), [(0, 0), (180, 180), (90, 270)])
def test_detect_orientation_says_how_far_the_page_is_turned(ocr, counter_clockwise, expected):
    page = render_page().rotate(counter_clockwise, expand=True)
    degrees, confidence = ocr.detect_orientation(page)
    assert degrees == expected
    assert confidence > 0
    if expected:  # rotating by the answer (counter-clockwise) makes the page upright
        assert ocr.detect_orientation(page.rotate(degrees, expand=True))[0] == 0


def test_detect_orientation_of_a_blank_page_is_no_answer(ocr):
    assert ocr.detect_orientation(Image.new("L", (620, 877), 255)) == (0, 0.0)


# --- registry, errors, lifecycle -----------------------------------------------------


def test_an_unknown_engine_name_fails_naming_the_known_ones():
    with pytest.raises(KeyError) as caught:
        engine("abbyy")
    assert "abbyy" in str(caught.value) and "tesseract" in str(caught.value)
    assert "tesseract" in engines()


def test_an_unknown_kind_fails_naming_the_known_ones(ocr):
    with pytest.raises(ValueError, match="digits"):
        ocr.recognize(render(DIGITS), kind="number")
    assert set(KINDS) == {"text", "name", "address", "katakana", "digits", "mixed"}


def test_every_kind_is_served(ocr):
    for kind in KINDS:
        expected = "" if kind == "katakana" else "2024"  # digits are not katakana
        assert ocr.recognize(render("2024"), kind=kind).text == expected, kind


def test_an_engine_without_orientation_says_so():
    class Fixed(OcrEngine):
        name = "fixed"

        def recognize(self, image, *, kind="text", whitelist=None, single_line=True):
            return OcrResult("x", 1.0)

    with Fixed() as fixed, pytest.raises(OcrUnsupported) as caught:
        fixed.detect_orientation(render_page())
    assert isinstance(caught.value, NotImplementedError) and isinstance(caught.value, ApplicationError)
    assert "fixed" in caught.value.message("ja") and "detect_orientation" in caught.value.message("en")


def test_missing_language_data_says_what_to_install(tmp_path):
    shutil.copy(find_tessdata() / "eng.traineddata", tmp_path)
    with TesseractEngine(tessdata=tmp_path) as partial:
        assert partial.recognize(render(DIGITS), kind="digits").text == DIGITS
        with pytest.raises(OcrDataMissing) as caught:
            partial.recognize(render(NAME), kind="name")
        assert "tesseract-ocr-jpn" in caught.value.message("ja") and "Windows" in caught.value.message("ja")
        with pytest.raises(OcrDataMissing) as caught:
            partial.detect_orientation(render_page())
        assert "tesseract-ocr-osd" in caught.value.message("en")
    assert isinstance(caught.value, ApplicationError)


def test_a_missing_tessdata_folder_says_where_it_looked(tmp_path):
    with pytest.raises(OcrDataMissing) as caught:
        TesseractEngine(tessdata=tmp_path / "nowhere")
    assert "nowhere" in caught.value.message("ja") and "TESSDATA_PREFIX" in caught.value.message("en")


def test_tessdata_prefix_may_name_the_folder_or_its_parent(monkeypatch):
    folder = find_tessdata()
    for prefix in (folder, folder.parent):
        monkeypatch.setenv("TESSDATA_PREFIX", str(prefix))
        if prefix == folder.parent and not (prefix / "tessdata").is_dir():
            continue
        assert find_tessdata() == folder


def test_close_releases_the_models_and_a_later_call_loads_again():
    tesseract = TesseractEngine()
    with tesseract:
        assert tesseract.recognize(render(DIGITS), kind="digits").text == DIGITS
        assert tesseract._apis
    assert not tesseract._apis
    assert tesseract.recognize(render(DIGITS), kind="digits").text == DIGITS
    tesseract.close()


def test_public_names_exist():
    for name in ocr_package.__all__:
        assert hasattr(ocr_package, name), name
