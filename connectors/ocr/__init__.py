"""OCR connector: read the text of one field zone of a scanned form.

    with engine("tesseract") as ocr:
        result = ocr.recognize(zone, kind="katakana")   # OcrResult(text, confidence, symbols)
        degrees, _ = ocr.detect_orientation(page)       # 0, 90, 180 or 270 (clockwise)

    with engine("ppocr") as second:                     # PP-OCRv5 on ONNX Runtime (extra ocr2)
        second.recognize(zone, kind="name").text        # '山田\u3000太郎'

The engine is picked by name from one registry (``engine``/``register``); an unknown name
raises ``KeyError`` naming the known ones. One engine instance is for one thread.
``remembering(engine)`` answers a zone asked for again with the same settings from memory
(the scan reader wraps its engines so for each file).
"""

from connectors.ocr.base import (
    KINDS,
    OcrDataMissing,
    OcrEngine,
    OcrError,
    OcrModelRefused,
    OcrResult,
    OcrUnsupported,
    engine,
    engines,
    register,
)
from connectors.ocr.memo import Remembering, remembering
from connectors.ocr.ppocr import PPOcrEngine, find_models
from connectors.ocr.tesseract import TesseractEngine, find_tessdata

__all__ = [
    "KINDS",
    "OcrDataMissing",
    "OcrEngine",
    "OcrError",
    "OcrModelRefused",
    "OcrResult",
    "OcrUnsupported",
    "PPOcrEngine",
    "Remembering",
    "TesseractEngine",
    "engine",
    "engines",
    "find_models",
    "find_tessdata",
    "register",
    "remembering",
]
