"""A PDF opened with pypdfium2 for fast reads in boxes; pdfplumber is opened only when
words and layout are needed (label anchors)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shared.errors import InputFileError

__all__ = ["PdfDocument", "Shape", "open_pdf"]

Box = tuple[float, float, float, float]


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

    def __enter__(self) -> "PdfDocument":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self._pdf)

    def _page(self, number: int) -> tuple[Any, Any, float]:
        if number not in self._pages:
            page = self._pdf[number - 1]
            self._pages[number] = (page, page.get_textpage(), page.get_height())
        return self._pages[number]

    def page_text(self, number: int) -> str:
        """All text of page ``number`` (1-based)."""
        _, textpage, _ = self._page(number)
        return textpage.get_text_range()

    def text_in_box(self, number: int, box: Box) -> str:
        """Text inside ``box`` ([x0, top, x1, bottom], top-left origin) on page ``number``."""
        _, textpage, height = self._page(number)
        x0, top, x1, bottom = box
        return textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)

    def shapes(self, number: int) -> list[Shape]:
        """Vector paths on page ``number`` (rules, boxes, circles, ticks)."""
        if number not in self._shapes:
            page, _, height = self._page(number)
            self._shapes[number] = [
                _shape(obj, height) for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
            ]
        return self._shapes[number]

    def words(self, number: int) -> list[dict[str, Any]]:
        """Words with positions (pdfplumber's ``extract_words``), for label anchors."""
        if self._plumber is None:
            import pdfplumber

            self._plumber = pdfplumber.open(self.path)
        return self._plumber.pages[number - 1].extract_words(keep_blank_chars=False, use_text_flow=True)


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
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputFileError("pdf.unreadable", file=name, error=type(exc).__name__) from exc
    if not head:
        raise InputFileError("pdf.empty", file=name)
    if b"%PDF-" not in head:
        raise InputFileError("pdf.not_pdf", file=name)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise InputFileError("pdf.encrypted", file=name) from exc
        raise InputFileError("pdf.broken", file=name) from exc
    return PdfDocument(path, pdf)
