"""Load the pages of a scan (PNG, JPEG, multi-page TIFF, image-only PDF) as grayscale
images, with the resolution each was scanned at."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from shared.errors import InputFileError

__all__ = ["IMAGE_SUFFIXES", "MAX_PIXELS", "ScanPage", "load_pages"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
MAX_PIXELS = 12_000 * 12_000  # a larger image is refused before it is decoded
A4_INCHES = (8.27, 11.69)
PDF_RENDER_DPI = 300


@dataclass(frozen=True)
class ScanPage:
    """One page: 8-bit grayscale pixels and the resolution in dots per inch."""

    image: np.ndarray
    dpi: float


def _dpi(image: Image.Image) -> float:
    """The resolution the file states, or the one that makes the page A4-sized."""
    stated = image.info.get("dpi")
    if stated and stated[0] and float(stated[0]) > 1:
        return float(stated[0])
    long_side = max(image.size)
    return long_side / A4_INCHES[1]


def _gray(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"), dtype=np.uint8)


def load_pages(path: Path, max_pages: int = 10) -> list[ScanPage]:
    """The first ``max_pages`` pages of ``path``; raises ``InputFileError`` when it is not
    a readable scan."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".pdf":
            return _pdf_pages(path, max_pages)
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise InputFileError("scan.too_large", file=path.name)
            pages: list[ScanPage] = []
            for frame in ImageSequence.Iterator(image):
                if len(pages) == max_pages:
                    break
                pages.append(ScanPage(_gray(frame), _dpi(frame)))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise InputFileError("scan.unreadable", file=path.name) from exc
    except MemoryError as exc:
        raise InputFileError("scan.too_large", file=path.name) from exc
    return pages


def _pdf_pages(path: Path, max_pages: int) -> list[ScanPage]:
    from connectors.pdf.render import render_pages

    return [ScanPage(_gray(image), PDF_RENDER_DPI)
            for image in render_pages(path, dpi=PDF_RENDER_DPI, grayscale=True, max_pages=max_pages)]
