"""A PDF opened with pypdfium2 for fast reads in boxes; pdfplumber is opened only when
words and layout are needed (label anchors).

Input files come from outside, so ``open_pdf`` refuses, with a reason, what it will not
read: the checks of ``shared.pdfcheck`` (size, joined files, decompression bombs, active
content, page count and size; objects and form fields when a page is loaded), under the
limits named here (``MAX_FILE_BYTES``, ``MAX_CONTENT_BYTES``, ``MAX_INFLATED_BYTES``,
``MAX_PAGES``, ``MAX_PAGE_SIDE``, ``MAX_PAGE_OBJECTS``). Errors of pypdfium2 and pdfplumber
become ``InputFileError`` (``pdf.broken``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shared.errors import InputFileError
from shared.pdfcheck import (
    MAX_CONTENT_BYTES,
    MAX_FILE_BYTES,
    MAX_INFLATED_BYTES,
    MAX_PAGE_OBJECTS,
    MAX_PAGE_SIDE,
    MAX_PAGES,
    PdfLimits,
    check_page,
    open_checked,
    pdfium_errors,
)

__all__ = ["PdfDocument", "Shape", "open_pdf"]

Box = tuple[float, float, float, float]


def _limits() -> PdfLimits:
    """The limits as this module names them now (a test may lower one)."""
    return PdfLimits(file_bytes=MAX_FILE_BYTES, content_bytes=MAX_CONTENT_BYTES, inflated_bytes=MAX_INFLATED_BYTES,
                     pages=MAX_PAGES, page_side=MAX_PAGE_SIDE, page_objects=MAX_PAGE_OBJECTS)


@dataclass(frozen=True)
class Shape:
    """A vector path on a page: its box (top-left origin) and how it is drawn."""

    box: Box
    curved: bool  # has Bézier segments (a drawn circle or ellipse)
    diagonal: bool  # has a straight segment that is neither horizontal nor vertical (a tick, an X)
    filled: bool


class PdfDocument:
    """An open PDF. Use ``open_pdf``; close it (or use ``with``) when done."""

    def __init__(self, path: Path, pdf: pdfium.PdfDocument) -> None:
        self.path = path
        self._pdf = pdf
        self._pages: dict[int, tuple[Any, Any, float]] = {}
        self._shapes: dict[int, list[Shape]] = {}
        self._plumber: Any = None

    # -- lifecycle ---------------------------------------------------------------
    def close(self) -> None:
        for page, textpage, _ in self._pages.values():
            textpage.close()
            page.close()
        self._pages.clear()
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        self._pdf.close()

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self._pdf)

    def _page(self, number: int) -> tuple[Any, Any, float]:
        if number not in self._pages:
            with self._errors():
                page = self._pdf[number - 1]
                try:
                    check_page(page, self.path.name, _limits())
                    # Text and paths are in the page's own (unrotated) space: /Rotate only turns the view.
                    height = page.get_width() if page.get_rotation() in (90, 270) else page.get_height()
                    self._pages[number] = (page, page.get_textpage(), height)
                except BaseException:
                    page.close()
                    raise
        return self._pages[number]

    @contextmanager
    def _errors(self) -> Iterator[None]:
        with pdfium_errors(self.path.name):
            yield

    def page_text(self, number: int) -> str:
        """All text of page ``number`` (1-based)."""
        _, textpage, _ = self._page(number)
        with self._errors():
            return textpage.get_text_range()

    def text_in_box(self, number: int, box: Box) -> str:
        """Text inside ``box`` ([x0, top, x1, bottom], top-left origin) on page ``number``."""
        _, textpage, height = self._page(number)
        x0, top, x1, bottom = box
        with self._errors():
            return textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)

    def has_images(self, number: int) -> bool:
        """Whether page ``number`` holds an image (a scanned page inside a PDF)."""
        page, _, _ = self._page(number)
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))

    def shapes(self, number: int) -> list[Shape]:
        """Vector paths on page ``number`` (rules, boxes, circles, ticks)."""
        if number not in self._shapes:
            page, _, height = self._page(number)
            with self._errors():
                self._shapes[number] = [
                    _shape(obj, height) for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
                ]
        return self._shapes[number]

    def words(self, number: int) -> list[dict[str, Any]]:
        """Words with positions (pdfplumber's ``extract_words``), for label anchors."""
        self._page(number)  # the same checks as for every other read
        try:
            if self._plumber is None:
                import pdfplumber

                self._plumber = pdfplumber.open(self.path)
            return self._plumber.pages[number - 1].extract_words(keep_blank_chars=False, use_text_flow=True)
        except Exception as exc:  # pdfminer has no exception root; any failure here is a damaged file
            raise InputFileError("pdf.broken", file=self.path.name) from exc


def _shape(obj: Any, height: float) -> Shape:
    left, bottom, right, top = obj.get_bounds()
    raw = obj.raw
    m = obj.get_matrix()
    curved = diagonal = False
    previous: tuple[float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            curved = True
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            dx, dy = abs(point[0] - previous[0]), abs(point[1] - previous[1])
            if dx > 0.5 and dy > 0.5:
                diagonal = True
        previous = point
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
    return Shape((left, height - top, right, height - bottom), curved, diagonal, fill_mode.value != 0)


def open_pdf(path: Path) -> PdfDocument:
    """Open ``path`` as a PDF, or raise ``InputFileError`` saying why it cannot be read."""
    path = Path(path)
    return PdfDocument(path, open_checked(path, _limits()))
