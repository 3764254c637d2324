"""``connectors.ocr.remembering``: the scan reader's engines answer a zone asked for again
with the same settings from memory, with exactly what the engine read, and read anew when
the pixels or the settings differ. A real Tesseract underneath; the wrapper counting the
readings that reached it is the engine itself, subclassed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from connectors.ocr import OcrResult, Remembering, TesseractEngine, remembering

GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
if not GOTHIC.is_file():
    pytest.skip("the IPAex fonts (fonts-ipaexfont) are needed to render test images", allow_module_level=True)


class CountedTesseract(TesseractEngine):
    """Tesseract, counting the zones it really read."""

    def __init__(self) -> None:
        super().__init__()
        self.readings = 0

    def recognize(self, image, *, kind: str = "text", whitelist: str | None = None,
                  single_line: bool = True) -> OcrResult:
        self.readings += 1
        return super().recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)


def render(text: str, size: int = 44) -> np.ndarray:
    face = ImageFont.truetype(str(GOTHIC), size)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("L", (right - left + 12, bottom - top + 12), 255)
    ImageDraw.Draw(image).text((6 - left, 6 - top), text, font=face, fill=0)
    return np.asarray(image)


@pytest.fixture(scope="module")
def tesseract():
    with CountedTesseract() as started:
        yield started


def test_the_same_zone_and_settings_are_read_once(tesseract: CountedTesseract) -> None:
    ocr = remembering(tesseract)
    zone = render("4200853")
    before = tesseract.readings
    first = ocr.recognize(zone, kind="digits")
    again = ocr.recognize(zone.copy(), kind="digits")  # equal pixels, another array
    assert first.text == "4200853"
    assert again is first
    assert tesseract.readings == before + 1


def test_other_settings_or_pixels_are_read_anew(tesseract: CountedTesseract) -> None:
    ocr = remembering(tesseract)
    zone = render("4200853")
    before = tesseract.readings
    digits = ocr.recognize(zone, kind="digits")
    text = ocr.recognize(zone, kind="text", whitelist="0123456789〒-")
    other = ocr.recognize(render("4200854"), kind="digits")
    assert tesseract.readings == before + 3
    assert digits.text == "4200853" and other.text == "4200854"
    assert text == tesseract.recognize(zone, kind="text", whitelist="0123456789〒-")  # what the engine itself reads


def test_memory_is_bounded_and_forgotten_on_close(tesseract: CountedTesseract) -> None:
    ocr = Remembering(tesseract, size=1)
    one, two = render("12"), render("34")
    ocr.recognize(one, kind="digits")
    ocr.recognize(two, kind="digits")  # pushes the first out
    before = tesseract.readings
    ocr.recognize(one, kind="digits")
    assert tesseract.readings == before + 1
    ocr.close()
    ocr.recognize(one, kind="digits")
    assert tesseract.readings == before + 2
    assert tesseract.recognize(one, kind="digits").text == "12"  # closing forgets; the engine stays open


def test_pil_images_pass_through_and_wrapping_twice_is_once(tesseract: CountedTesseract) -> None:
    ocr = remembering(tesseract)
    assert remembering(ocr) is ocr and ocr.name == "tesseract"
    image = Image.fromarray(render("56"))
    before = tesseract.readings
    assert ocr.recognize(image, kind="digits").text == "56"
    assert ocr.recognize(image, kind="digits").text == "56"
    assert tesseract.readings == before + 2
