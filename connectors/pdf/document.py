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
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from connectors.pdf import objects
from connectors.pdf.objects import PagePaths, Shape
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

__all__ = ["PageChars", "PagePaths", "PdfDocument", "Shape", "open_pdf"]

Box = tuple[float, float, float, float]
_NOT_UNICODE = "\ufffe"  # pdfium's code for a glyph that maps to no character
_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
"""FPDFText_GetLooseCharBox(text_page, index, FS_RECTF*) called without argument conversion."""


@lru_cache(maxsize=1)
def _loose_box() -> Any:
    return _LOOSE_BOX(ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value or 0)


def _limits() -> PdfLimits:
    """The limits as this module names them now (a test may lower one)."""
    return PdfLimits(file_bytes=MAX_FILE_BYTES, content_bytes=MAX_CONTENT_BYTES, inflated_bytes=MAX_INFLATED_BYTES,
                     pages=MAX_PAGES, page_side=MAX_PAGE_SIDE, page_objects=MAX_PAGE_OBJECTS)


class PdfDocument:
    """An open PDF. Use ``open_pdf``; close it (or use ``with``) when done."""

    def __init__(self, path: Path, pdf: pdfium.PdfDocument) -> None:
        self.path = path
        self._pdf = pdf
        self._pages: dict[int, tuple[Any, Any, float]] = {}
        self._paths: dict[int, PagePaths] = {}
        self._chars: dict[int, PageChars] = {}
        self._texts: dict[int, str] = {}
        self._plumber: Any = None

    # -- lifecycle ---------------------------------------------------------------
    def close(self) -> None:
        for paths in self._paths.values():
            paths.close()
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

    def _errors(self) -> pdfium_errors:
        return pdfium_errors(self.path.name)

    def page_text(self, number: int) -> str:
        """All text of page ``number`` (1-based)."""
        if number not in self._texts:
            _, textpage, _ = self._page(number)
            with self._errors():
                self._texts[number] = textpage.get_text_range()
        return self._texts[number]

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
            text = self.page_text(number)
            with self._errors():
                self._chars[number] = PageChars.read(textpage, height, text)
        return self._chars[number]

    def has_images(self, number: int) -> bool:
        """Whether page ``number`` holds an image (a scanned page inside a PDF)."""
        page, _, _ = self._page(number)
        with self._errors():
            return objects.has_images(page)

    def shapes(self, number: int) -> list[Shape]:
        """Vector paths on page ``number`` (rules, boxes, circles, ticks)."""
        paths = self.paths(number)
        with self._errors():
            return [paths.shape(index) for index in range(len(paths))]

    def paths(self, number: int) -> PagePaths:
        """The vector paths of page ``number``: their boxes read once, how each one is drawn
        (``shape(index)``) when first asked for, while this document is open."""
        if number not in self._paths:
            page, _, height = self._page(number)
            with self._errors():
                self._paths[number] = PagePaths(page, height)
        return self._paths[number]

    def shape(self, number: int, index: int) -> Shape:
        """Path ``index`` of ``paths(number)``: its box and how it is drawn."""
        paths = self.paths(number)
        with self._errors():
            return paths.shape(index)

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
        self._rows: list[Box] = [(x0, top, x1, bottom) for x0, top, x1, bottom in boxes[order].tolist()]

    @classmethod
    def read(cls, textpage: Any, height: float, text: str | None = None) -> PageChars:
        """Every character of ``textpage`` (a page ``height`` points high) with its box;
        ``text``: the page's text when it was read already (``get_text_range()``)."""
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if text is None or count <= 0:
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
        indices = keep.tolist()
        for _ in map(_loose_box(), repeat(handle, len(indices)), indices, range(base, base + size * len(indices), size)):
            pass
        values = np.frombuffer(rects, dtype=np.float32).reshape(-1, 4)[: len(keep)].astype(float)
        boxes = np.column_stack((values[:, 0], height - values[:, 1], values[:, 2], height - values[:, 3]))
        return cls("".join(text[index] for index in keep.tolist()), boxes)

    def inside(self, box: Box) -> list[tuple[str, Box]]:
        """The characters whose middle lies in ``box``, in drawing order."""
        x0, top, x1, bottom = box
        first, last = bisect.bisect_left(self._y, top), bisect.bisect_right(self._y, bottom)
        xs, order, rows, text = self._x, self._order, self._rows, self.text
        hits = sorted((order[k], k) for k in range(first, last) if x0 <= xs[k] <= x1)  # in drawing order
        return [(text[index], rows[k]) for index, k in hits]


def open_pdf(path: Path) -> PdfDocument:
    """Open ``path`` as a PDF, or raise ``InputFileError`` saying why it cannot be read."""
    path = Path(path)
    return PdfDocument(path, open_checked(path, _limits()))
