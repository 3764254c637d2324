"""The OCR engine interface, its result and errors, and the registry the site profile
picks an engine from.

    with engine("tesseract") as ocr:
        result = ocr.recognize(zone, kind="katakana")
        result.text, result.confidence      # 'ヤマダ\u3000タロウ', 0.91

Errors of this interface (all ``ApplicationError``: system trouble, not bad data)::

    OcrError               the engine could not run (its library failed)
    ├── OcrDataMissing     recognition data (a language, a model file) is not installed
    ├── OcrModelRefused    a model file is not the one pinned (altered or replaced)
    └── OcrUnsupported     the engine cannot do this (also a NotImplementedError)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from shared.errors import ApplicationError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    ImageLike = np.ndarray | Image.Image

__all__ = [
    "KINDS",
    "OcrDataMissing",
    "OcrEngine",
    "OcrError",
    "OcrModelRefused",
    "OcrResult",
    "OcrUnsupported",
    "engine",
    "engines",
    "register",
]

#: What a zone holds; each engine picks its settings (language, allowed characters) from it.
#: ``text`` free Japanese text, ``name`` a person's name (family and given name separated
#: by U+3000), ``address`` an address line, ``katakana`` a furigana line, ``digits`` a
#: number written in 0-9 only (My Number, postal code), ``mixed`` Japanese mixed with
#: Latin words.
KINDS = ("text", "name", "address", "katakana", "digits", "mixed")


class OcrError(ApplicationError):
    """The OCR engine could not run (its library raised, its data could not be loaded)."""


class OcrDataMissing(OcrError):
    """The recognition data for a language (e.g. Tesseract's ``jpn.traineddata``) is not
    installed; the message says what to install."""


class OcrModelRefused(OcrError):
    """A model file's SHA-256 is not the one pinned for it: it was altered or replaced, and
    is not loaded; the message names the file and how to restore it."""


class OcrUnsupported(OcrError, NotImplementedError):
    """The engine does not offer this operation (e.g. orientation detection)."""


@dataclass(frozen=True)
class OcrResult:
    """What an engine read in one zone.

    ``confidence`` is 0..1: the mean of the engine's word confidences, 0.0 when nothing
    was read. ``symbols`` holds each character read with its own confidence (0..1) where
    the engine gives them, so a caller can flag a doubtful character, e.g. a small kana;
    ``boxes`` the place of each of those characters in the image, ``(left, top, right,
    bottom)`` in pixels, where the engine gives them (else empty).
    """

    text: str
    confidence: float
    symbols: tuple[tuple[str, float], ...] = ()
    boxes: tuple[tuple[int, int, int, int], ...] = ()

    @classmethod
    def empty(cls) -> OcrResult:
        """Nothing read."""
        return cls("", 0.0, ())


class OcrEngine(ABC):
    """Reads the text of one field zone at a time.

    An engine is a context manager and is meant to be kept open for many calls: it loads
    its models once. One instance is for one thread; give each worker thread its own.
    """

    #: The name the engine is registered under (used in messages).
    name = "ocr"

    @abstractmethod
    def recognize(
        self,
        image: ImageLike,
        *,
        kind: str = "text",
        whitelist: str | None = None,
        single_line: bool = True,
    ) -> OcrResult:
        """Read ``image``, ONE field zone: a numpy ``uint8`` array (grayscale ``HxW``, BGR
        ``HxWx3`` or BGRA ``HxWx4`` as OpenCV gives them) or a PIL image, dark text on a
        light background.

        ``kind`` is one of ``KINDS``; ``whitelist`` replaces the kind's allowed characters
        (``""`` allows everything); ``single_line=False`` reads a block of several lines.
        An unknown kind raises ``ValueError`` naming the known ones.
        """

    def detect_orientation(self, page_image: ImageLike) -> tuple[int, float]:
        """How far the page is turned clockwise: ``(degrees, confidence)`` with degrees in
        0, 90, 180, 270. ``PIL.Image.rotate(degrees, expand=True)`` (which turns
        counter-clockwise) makes it upright. The confidence is engine-specific (higher is
        surer; 0.0 when the page holds too little text to tell, degrees then 0).

        Engines without it raise ``OcrUnsupported``.
        """
        raise OcrUnsupported("ocr.unsupported", engine=self.name, operation="detect_orientation")

    def close(self) -> None:
        """Release what the engine loaded; it may not be used afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_ENGINES: dict[str, type[OcrEngine]] = {}


def register(name: str, cls: type[OcrEngine]) -> None:
    """Make ``cls`` available as ``engine(name)``."""
    _ENGINES[name] = cls


def engines() -> list[str]:
    """The registered engine names, sorted."""
    return sorted(_ENGINES)


def engine(name: str = "tesseract", **options: Any) -> OcrEngine:
    """A new engine registered as ``name``, built with ``options``; an unknown name raises
    ``KeyError`` naming the known ones."""
    try:
        cls = _ENGINES[name]
    except KeyError:
        raise KeyError(f"unknown OCR engine {name!r}; known: {', '.join(engines())}") from None
    return cls(**options)
