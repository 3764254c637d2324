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

import bisect
import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
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
from shared.text_order import Direction, arrange

__all__ = ["PageChars", "PdfDocument", "Shape", "open_pdf"]

Box = tuple[float, float, float, float]
_NOT_UNICODE = "\ufffe"  # pdfium's code for a glyph that maps to no character
_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
"""FPDFText_GetLooseCharBox(text_page, index, FS_RECTF*) called without argument conversion."""


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
    straight: float = 0.0  # points of straight segments (closing lines included): a frame's sides
    gap: float = 0.0  # how near its last part comes back to where it began, in points (0: closed)


class PdfDocument:
    """An open PDF. Use ``open_pdf``; close it (or use ``with``) when done."""

    def __init__(self, path: Path, pdf: pdfium.PdfDocument) -> None:
        self.path = path
        self._pdf = pdf
        self._pages: dict[int, tuple[Any, Any, float]] = {}
        self._shapes: dict[int, list[Shape]] = {}
        self._chars: dict[int, PageChars] = {}
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

    def text_in_box(self, number: int, box: Box, direction: Direction = "horizontal") -> str:
        """Text inside ``box`` ([x0, top, x1, bottom], top-left origin) on page ``number``, in
        reading order whatever order it was drawn in (``shared.text_order.arrange``): lines
        top to bottom joined by ``\\n``, characters left to right (``direction="vertical"``:
        columns right to left, characters top to bottom), spaces where the writer left room.
        A character is inside when the middle of its box is."""
        return arrange(self.chars(number).inside(box), direction)

    def chars(self, number: int) -> PageChars:
        """The characters of page ``number`` with their boxes (read once per page)."""
        if number not in self._chars:
            _, textpage, height = self._page(number)
            with self._errors():
                self._chars[number] = PageChars.read(textpage, height)
        return self._chars[number]

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


class PageChars:
    """The characters of one page and their boxes (the font's box of each glyph: its advance
    by its ascent and descent, top-left origin), in drawing order. White space that pdfium
    made up between text objects is left out; written spaces are kept."""

    def __init__(self, text: str, boxes: np.ndarray) -> None:
        self.text = text  # one character per row of ``boxes``
        self.boxes = boxes  # float array, one row (x0, top, x1, bottom) per character
        middle_y = (boxes[:, 1] + boxes[:, 3]) / 2
        order = np.argsort(middle_y, kind="stable")  # by height on the page, for bisecting
        self._order: list[int] = order.tolist()
        self._y: list[float] = middle_y[order].tolist()
        self._x: list[float] = ((boxes[order, 0] + boxes[order, 2]) / 2).tolist()
        self._rows: list[list[float]] = boxes[order].tolist()

    @classmethod
    def read(cls, textpage: Any, height: float) -> PageChars:
        """Every character of ``textpage`` (a page ``height`` points high) with its box."""
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        text = textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:  # a character pdfium holds in two halves: one at a time
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, index)) for index in range(count))
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        wanted = (codes >= 0x20) & (codes != 0xFFFE) & ~((codes >= 0xD800) & (codes < 0xE000))
        for space in np.flatnonzero(codes == 0x20).tolist():
            wanted[space] = not pdfium_c.FPDFText_IsGenerated(raw, space)
        keep = np.flatnonzero(wanted)
        # One call per character straight into an array of FS_RECTF (left, top, right, bottom):
        # these boxes are the per-page cost of reading in order, so no object is made per box.
        rects = (pdfium_c.FS_RECTF * max(1, len(keep)))()
        base, size = ctypes.addressof(rects), ctypes.sizeof(pdfium_c.FS_RECTF)
        handle = ctypes.cast(raw, ctypes.c_void_p).value
        loose_box = _LOOSE_BOX(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value or 0)
        for slot, index in enumerate(keep.tolist()):
            loose_box(handle, index, base + size * slot)
        values = np.frombuffer(rects, dtype=np.float32).reshape(-1, 4)[: len(keep)].astype(float)
        boxes = np.column_stack((values[:, 0], height - values[:, 1], values[:, 2], height - values[:, 3]))
        return cls("".join(text[index] for index in keep.tolist()), boxes)

    def inside(self, box: Box) -> list[tuple[str, Box]]:
        """The characters whose middle lies in ``box``, in drawing order."""
        x0, top, x1, bottom = box
        first, last = bisect.bisect_left(self._y, top), bisect.bisect_right(self._y, bottom)
        xs, order, rows, text = self._x, self._order, self._rows, self.text
        hits = sorted((order[k], k) for k in range(first, last) if x0 <= xs[k] <= x1)  # in drawing order
        return [(text[index], (rows[k][0], rows[k][1], rows[k][2], rows[k][3])) for index, k in hits]


def _shape(obj: Any, height: float) -> Shape:
    left, bottom, right, top = obj.get_bounds()
    raw = obj.raw
    m = obj.get_matrix()
    curved = diagonal = False
    straight = 0.0
    previous: tuple[float, float] | None = None
    start = previous
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or start is None:
            start, points = point, []
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            curved = True
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            dx, dy = abs(point[0] - previous[0]), abs(point[1] - previous[1])
            straight += (dx * dx + dy * dy) ** 0.5
            if dx > 0.5 and dy > 0.5:
                diagonal = True
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            straight += ((point[0] - start[0]) ** 2 + (point[1] - start[1]) ** 2) ** 0.5
            point = start
        previous = point
        points.append(point)
    # the second half of the last part passes near its start: closed, ended short, or drawn on past it
    gap = min((((px - start[0]) ** 2 + (py - start[1]) ** 2) ** 0.5 for px, py in points[len(points) // 2:]),
              default=0.0) if start else 0.0
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
    return Shape((left, height - top, right, height - bottom), curved, diagonal, fill_mode.value != 0, straight, gap)


def open_pdf(path: Path) -> PdfDocument:
    """Open ``path`` as a PDF, or raise ``InputFileError`` saying why it cannot be read."""
    path = Path(path)
    return PdfDocument(path, open_checked(path, _limits()))
