"""The reference OCR engine: Tesseract 5 through tesserocr, one loaded model per
(language, page segmentation mode), kept open for the engine's life.

    with TesseractEngine() as ocr:
        ocr.recognize(zone, kind="digits").text         # '123456789018'
        ocr.detect_orientation(page)                     # (180, 5.2)

Settings per kind (measured on IPAex Gothic/Mincho lines 40-60 px high, see
tests/test_ocr_engine.py):

- ``digits``: ``eng`` with the whitelist 0-9. ``jpn`` misread an 8 as a 6 in Mincho at
  50 px (word confidence 0.43) where ``eng`` read every line right (0.95) and was faster.
- ``katakana``: ``jpn`` with a whitelist of full-width katakana, ``ー``, ``・`` and spaces;
  it keeps look-alikes out (hiragana ``へ`` for ``ヘ``): 38 of 40 names right against 35
  of 40 without it.
- ``text``, ``name``, ``address``: ``jpn`` with no whitelist. ``jpn+eng`` (kind
  ``mixed``) read the same but took about twice as long; ``jpn`` reads Latin letters and
  digits in addresses well enough.
- ``preserve_interword_spaces=1`` always: without it ``jpn`` puts spaces between
  characters ("大 阪 府").
- Each zone gets a white margin (default 16 px): a tightly cropped line of digits read as
  nothing at all without one.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image
from tesserocr import OEM, PSM, RIL, PyTessBaseAPI, iterate_level

from connectors.ocr.base import KINDS, OcrDataMissing, OcrEngine, OcrError, OcrResult, register

if TYPE_CHECKING:
    from connectors.ocr.base import ImageLike

__all__ = ["DEFAULT_TESSDATA", "TesseractEngine", "find_tessdata"]

#: Where tessdata is looked for when neither the ``tessdata`` option nor the
#: ``TESSDATA_PREFIX`` environment variable names it, in this order. The first is where the
#: offline bundle's installer puts the data it carries (``robot-runner bundle``).
DEFAULT_TESSDATA = (
    str(Path(sys.prefix) / "share" / "tessdata"),
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
)

_DIGITS = "0123456789"
_KATAKANA = "".join(map(chr, range(0x30A1, 0x30F7))) + "ー・\u3000 "
_SPACES = re.compile(r"[ \u3000]+")
# A zone whose darkest and lightest pixels differ less than this holds no writing: an
# empty field. (Tesseract reads a blank image as a random character.)
_BLANK_RANGE = 32


@dataclass(frozen=True)
class _Kind:
    language: str
    whitelist: str = ""
    space: str | None = None  # what a run of spaces becomes; None keeps them as read


_KINDS: dict[str, _Kind] = {
    "text": _Kind("jpn"),
    "name": _Kind("jpn", space="\u3000"),
    "address": _Kind("jpn"),
    "katakana": _Kind("jpn", _KATAKANA, space="\u3000"),
    "digits": _Kind("eng", _DIGITS, space=""),
    "mixed": _Kind("jpn+eng"),
}


def _has_traineddata(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.traineddata"))


def find_tessdata(path: str | os.PathLike[str] | None = None) -> Path:
    """The tessdata folder (one holding ``*.traineddata``): ``path`` if given, else the
    ``TESSDATA_PREFIX`` environment variable (the folder itself or its parent), else the
    first of ``DEFAULT_TESSDATA`` that exists. None found raises ``OcrDataMissing``."""
    if path is not None:
        candidates = [Path(path)]
    elif os.environ.get("TESSDATA_PREFIX"):
        prefix = Path(os.environ["TESSDATA_PREFIX"])
        candidates = [prefix, prefix / "tessdata"]
    else:
        candidates = [Path(folder) for folder in DEFAULT_TESSDATA]
    for folder in candidates:
        if _has_traineddata(folder):
            return folder
    raise OcrDataMissing("ocr.tessdata_missing", paths=", ".join(map(str, candidates)))


def _to_array(image: ImageLike) -> np.ndarray:
    """A C-contiguous uint8 array: HxW gray or HxWx3 RGB."""
    if isinstance(image, Image.Image):
        if image.mode not in ("L", "RGB"):
            if "A" in image.getbands() or "transparency" in image.info:
                rgba = image.convert("RGBA")
                image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
                image = image.convert("RGB")
            elif len(image.getbands()) == 1 and image.mode != "P":
                image = image.convert("L")
            else:
                image = image.convert("RGB")
        array = np.asarray(image)
    elif isinstance(image, np.ndarray):
        if image.dtype != np.uint8:
            raise TypeError(f"OCR images must be uint8 arrays, not {image.dtype}")
        array = image
        if array.ndim == 3 and array.shape[2] == 1:
            array = array[:, :, 0]
        if array.ndim == 3 and array.shape[2] in (3, 4):
            array = array[:, :, 2::-1]  # OpenCV's BGR(A) to RGB, alpha dropped
        elif array.ndim != 2:
            raise ValueError(f"OCR images must be HxW, HxWx3 or HxWx4 arrays, not {array.shape}")
    else:
        raise TypeError(f"OCR images must be numpy arrays or PIL images, not {type(image).__name__}")
    if array.size == 0:
        raise ValueError(f"OCR image is empty ({array.shape})")
    return np.ascontiguousarray(array)


def _is_blank(array: np.ndarray) -> bool:
    return int(array.max()) - int(array.min()) < _BLANK_RANGE


def _pad(array: np.ndarray, margin: int) -> np.ndarray:
    if margin <= 0:
        return array
    widths = ((margin, margin), (margin, margin)) + (((0, 0),) if array.ndim == 3 else ())
    return np.pad(array, widths, constant_values=255)


def _clean(text: str, space: str | None) -> str:
    lines = [line.strip() for line in text.splitlines()]
    if space is not None:
        lines = [_SPACES.sub(space, line) for line in lines]
    return "\n".join(line for line in lines if line)


class TesseractEngine(OcrEngine):
    """OCR with Tesseract 5 (tesserocr). Options:

    - ``tessdata``: the folder holding ``jpn.traineddata`` etc. (default: see
      ``find_tessdata``);
    - ``margin``: white pixels added around each zone (default 16);
    - ``dpi``: the resolution the images are scanned at (default 300).

    Models load on first use of a (language, mode) pair, about 0.4 s for ``jpn``, and stay
    loaded until ``close()``; a recognize call on a field zone then takes some 10-70 ms
    (a long address line the most). One instance is for one thread: tesserocr's API
    objects must not be shared between threads, so give each worker its own engine.
    """

    name = "tesseract"

    def __init__(
        self,
        *,
        tessdata: str | os.PathLike[str] | None = None,
        margin: int = 16,
        dpi: int = 300,
    ) -> None:
        self.tessdata = find_tessdata(tessdata)
        self.margin = margin
        self.dpi = dpi
        self._apis: dict[tuple[str, int], PyTessBaseAPI] = {}

    def __repr__(self) -> str:
        return f"TesseractEngine(tessdata={str(self.tessdata)!r}, loaded={sorted(self._apis)})"

    # --- the interface -----------------------------------------------------------

    def recognize(
        self,
        image: ImageLike,
        *,
        kind: str = "text",
        whitelist: str | None = None,
        single_line: bool = True,
    ) -> OcrResult:
        """Read one zone; see ``OcrEngine.recognize``. Spaces in the text: ``digits``
        drops them, ``name`` and ``katakana`` turn each run into one U+3000, the other
        kinds keep them as read. Lines of a block are joined with ``\\n``."""
        try:
            settings = _KINDS[kind]
        except KeyError:
            raise ValueError(f"unknown OCR kind {kind!r}; known: {', '.join(KINDS)}") from None
        array = _to_array(image)
        if _is_blank(array):
            return OcrResult.empty()
        allowed = settings.whitelist if whitelist is None else whitelist
        result = self._read(array, settings, allowed, PSM.SINGLE_LINE if single_line else PSM.SINGLE_BLOCK)
        if single_line and not result.text:
            # Tesseract's layout analysis now and then finds no line in a clear one (large,
            # evenly spaced kanji); read as a raw line it does.
            result = self._read(array, settings, allowed, PSM.RAW_LINE)
        return result

    def _read(self, array: np.ndarray, settings: _Kind, whitelist: str, psm: int) -> OcrResult:
        api = self._api(settings.language, psm)
        try:
            api.SetVariable("tessedit_char_whitelist", whitelist)
            self._set_image(api, _pad(array, self.margin))
            if not api.Recognize():
                raise OcrError("ocr.engine_failed", engine=self.name, detail="Recognize() failed")
            text = api.GetUTF8Text()
            words = api.AllWordConfidences()
            symbols, boxes = _symbols(api, self.margin)
        except RuntimeError as exc:
            raise OcrError("ocr.engine_failed", engine=self.name, detail=str(exc)) from exc
        finally:
            api.Clear()
        text = _clean(text, settings.space)
        if not text:
            return OcrResult.empty()
        confidence = sum(words) / len(words) / 100 if words else 0.0
        return OcrResult(text, _unit(confidence), symbols, boxes)

    def detect_orientation(self, page_image: ImageLike) -> tuple[int, float]:
        """Tesseract's orientation and script detection (the ``osd`` data). The confidence
        is Tesseract's margin of the best orientation over the runner-up (unbounded; the
        test pages of a few lines score about 5); ``(0, 0.0)`` for a page with too little
        text."""
        array = _to_array(page_image)
        if _is_blank(array):
            return 0, 0.0
        api = self._api("osd", PSM.OSD_ONLY)
        try:
            self._set_image(api, array)
            found = api.DetectOrientationScript()
        except RuntimeError as exc:
            raise OcrError("ocr.engine_failed", engine=self.name, detail=str(exc)) from exc
        finally:
            api.Clear()
        if not found:
            return 0, 0.0
        return int(found["orient_deg"]) % 360, float(found["orient_conf"])

    def close(self) -> None:
        """End every loaded model. A later call loads them again."""
        apis, self._apis = self._apis, {}
        for api in apis.values():
            api.End()

    # --- helpers -------------------------------------------------------------------

    def _api(self, language: str, psm: int) -> PyTessBaseAPI:
        api = self._apis.get((language, psm))
        if api is None:
            for part in language.split("+"):
                if not (self.tessdata / f"{part}.traineddata").is_file():
                    raise OcrDataMissing("ocr.data_missing", language=part, file=f"{part}.traineddata",
                                         path=str(self.tessdata), package=f"tesseract-ocr-{part}")
            options: dict[str, Any] = {"path": str(self.tessdata), "lang": language, "psm": psm}
            if psm != PSM.OSD_ONLY:  # the osd data holds a legacy model only
                options |= {"oem": OEM.LSTM_ONLY, "variables": {"preserve_interword_spaces": "1"}}
            try:
                api = PyTessBaseAPI(**options)
            except RuntimeError as exc:
                raise OcrError("ocr.engine_failed", engine=self.name, detail=str(exc)) from exc
            self._apis[(language, psm)] = api
        return api

    def _set_image(self, api: PyTessBaseAPI, array: np.ndarray) -> None:
        height, width = array.shape[:2]
        channels = 1 if array.ndim == 2 else array.shape[2]
        api.SetImageBytes(array.tobytes(), width, height, channels, width * channels)
        api.SetSourceResolution(self.dpi)


def _unit(value: float) -> float:
    return min(1.0, max(0.0, value))


def _symbols(api: PyTessBaseAPI, margin: int) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[int, int, int, int], ...]]:
    """Each character with its confidence, and its box in the unpadded image."""
    iterator = api.GetIterator()
    if iterator is None:
        return (), ()
    symbols: list[tuple[str, float]] = []
    boxes: list[tuple[int, int, int, int]] = []
    for symbol in iterate_level(iterator, RIL.SYMBOL):
        try:
            char = symbol.GetUTF8Text(RIL.SYMBOL)
        except RuntimeError:  # "No text returned": an empty position
            continue
        if char.strip():
            symbols.append((char, _unit(symbol.Confidence(RIL.SYMBOL) / 100)))
            left, top, right, bottom = symbol.BoundingBox(RIL.SYMBOL) or (0, 0, 0, 0)
            boxes.append((max(0, left - margin), max(0, top - margin), max(0, right - margin), max(0, bottom - margin)))
    return tuple(symbols), tuple(boxes)


register("tesseract", TesseractEngine)
