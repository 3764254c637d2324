"""A PDF opened with pypdfium2 for fast reads in boxes; pdfplumber is opened only when
words and layout are needed (label anchors).

Input files come from outside, so ``open_pdf`` refuses, with a reason, what it will not
read: files over ``MAX_FILE_BYTES``; several PDFs joined in one file (a reader would see
only the last); files whose compressed streams (other than images,
which are never decoded) would inflate past ``MAX_CONTENT_BYTES`` / ``MAX_INFLATED_BYTES``
(a few kB on disk can be gigabytes in memory); active content (JavaScript, launch actions,
embedded files, rich media, XFA); more than ``MAX_PAGES`` pages or a page side longer than
``MAX_PAGE_SIDE``. A page with more than ``MAX_PAGE_OBJECTS`` objects, or
with fillable form fields (whose values are not page text), is refused when it is loaded.
Errors of pypdfium2 and pdfplumber become ``InputFileError`` (``pdf.broken``).
"""

from __future__ import annotations

import ctypes
import mmap
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shared.errors import InputFileError

__all__ = ["PdfDocument", "Shape", "open_pdf"]

Box = tuple[float, float, float, float]

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Larger files are refused (a filled-in form is well under 1 MB)."""
MAX_CONTENT_BYTES = 16 * 1024 * 1024
"""Inflated size of all page contents, form XObjects and object streams together."""
MAX_INFLATED_BYTES = 128 * 1024 * 1024
"""Inflated size of all compressed streams except images (fonts included)."""
MAX_PAGES = 20
"""Pages in one file (forms have a few; more is several claims in one file, or a trap)."""
MAX_PAGE_SIDE = 1684.0
"""Longest page side in points: A2 (594 mm); forms are A4, B4 or A3."""
MAX_PAGE_OBJECTS = 20_000
"""Objects (text runs, paths, images) on one page; the sample form has about 120."""
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ACTIVE_NAMES = frozenset({b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"FileAttachment",
                          b"RichMedia", b"XFA"})
"""PDF names that mark active content or attachments (also when written with #xx escapes)."""


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
                    self._check_page(page)
                    # Text and paths are in the page's own (unrotated) space: /Rotate only turns the view.
                    height = page.get_width() if page.get_rotation() in (90, 270) else page.get_height()
                    self._pages[number] = (page, page.get_textpage(), height)
                except BaseException:
                    page.close()
                    raise
        return self._pages[number]

    def _check_page(self, page: Any) -> None:
        count = pdfium_c.FPDFPage_CountObjects(page.raw)
        if count > MAX_PAGE_OBJECTS:
            raise InputFileError("pdf.too_complex", file=self.path.name, count=count, limit=MAX_PAGE_OBJECTS)
        for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
            try:
                widget = pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_WIDGET
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annot)
            if widget:
                raise InputFileError("pdf.form_fields", file=self.path.name)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except pdfium.PdfiumError as exc:
            raise InputFileError("pdf.broken", file=self.path.name) from exc

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
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise InputFileError("pdf.unreadable", file=name, error=type(exc).__name__) from exc
    if not head:
        raise InputFileError("pdf.empty", file=name)
    if b"%PDF-" not in head or head.startswith(ZIP_MAGIC):  # a ZIP storing a PDF is not that PDF
        raise InputFileError("pdf.not_pdf", file=name)
    _inspect(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise InputFileError("pdf.encrypted", file=name) from exc
        raise InputFileError("pdf.broken", file=name) from exc
    try:
        _check_document(pdf, name)
    except BaseException:
        pdf.close()
        raise
    return PdfDocument(path, pdf)


def _check_document(pdf: pdfium.PdfDocument, name: str) -> None:
    """Limits on the whole document, checked before any page is loaded or rendered (a scan
    reader renders every page: 300 pages, or one page 5 m wide, would take gigabytes)."""
    active = []
    if pdfium_c.FPDFDoc_GetAttachmentCount(pdf.raw) > 0:
        active.append("EmbeddedFiles")
    if pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0:
        active.append("JavaScript")
    if pdf.get_formtype() in (pdfium_c.FORMTYPE_XFA_FULL, pdfium_c.FORMTYPE_XFA_FOREGROUND):
        active.append("XFA")
    if active:
        raise InputFileError("pdf.active_content", file=name, names="・".join(active))
    count = len(pdf)
    if count > MAX_PAGES:
        raise InputFileError("pdf.page_limit", file=name, actual=count, limit=MAX_PAGES)
    for index in range(count):
        try:
            width, height = pdf.get_page_size(index)
        except pdfium.PdfiumError as exc:
            raise InputFileError("pdf.broken", file=name) from exc
        if max(width, height) > MAX_PAGE_SIDE:
            raise InputFileError("pdf.page_too_large", file=name, page=index + 1, width=_mm(width), height=_mm(height),
                                 limit=_mm(MAX_PAGE_SIDE))


def _mm(points: float) -> int:
    return round(points * 25.4 / 72)


# -- the checks before pdfium parses anything ------------------------------------------------
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/FlateDecode\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FONT = re.compile(rb"/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")


def _inspect(path: Path) -> None:
    """Refuse oversized files, decompression bombs and active content, reading the file
    once (memory-mapped) and inflating streams without keeping what they inflate to."""
    name = path.name
    file_size = path.stat().st_size
    if file_size > MAX_FILE_BYTES:
        raise InputFileError("pdf.too_large", file=name, size_mb=round(file_size / 2**20, 1),
                             limit_mb=MAX_FILE_BYTES // 2**20)
    found: set[str] = set()
    content = total = headers = 0
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        position = 0
        for match in _STREAM.finditer(data):  # type: ignore[arg-type]
            if match.start() < position:
                continue  # inside the previous stream's data
            between = data[position:match.start()]
            found |= _active_names(between)
            headers += between.count(b"%PDF-")
            header = between[between.rfind(b"obj"):]
            end = data.find(b"endstream", match.end())
            position = len(data) if end < 0 else end + len(b"endstream")
            if not _FLATE_FIRST.search(header):
                continue
            if _IMAGE.search(header):
                continue  # images are never decoded: nothing is rasterized
            font = _FONT.search(header) is not None
            budget = MAX_INFLATED_BYTES - total
            if not font:
                budget = min(budget, MAX_CONTENT_BYTES - content)
            inflated, kept = _inflated(data, match.end(), budget, keep=b"/ObjStm" in header)
            total += inflated
            content += 0 if font else inflated
            found |= _active_names(kept)
            if content > MAX_CONTENT_BYTES or total > MAX_INFLATED_BYTES:
                limit = MAX_CONTENT_BYTES if content > MAX_CONTENT_BYTES else MAX_INFLATED_BYTES
                raise InputFileError("pdf.inflated_too_large", file=name, limit_mb=limit // 2**20)
        found |= _active_names(data[position:])
        headers += data[position:].count(b"%PDF-")
    if headers > 1:  # files joined end to end: a reader sees only the last one, the others would be lost
        raise InputFileError("pdf.several_documents", file=name, count=headers)
    if found:
        raise InputFileError("pdf.active_content", file=name, names="・".join(sorted(found)))


def _active_names(text: bytes) -> set[str]:
    names = set()
    for raw in _NAME.findall(text):
        decoded = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) if b"#" in raw else raw
        if decoded in ACTIVE_NAMES:
            names.add(decoded.decode("ascii"))
    return names


def _inflated(data: Any, start: int, budget: int, keep: bool = False) -> tuple[int, bytes]:
    """The size the deflate stream at ``start`` inflates to (counting stops just past
    ``budget``), and with ``keep`` the inflated bytes themselves (an object stream, to scan)."""
    inflater = zlib.decompressobj()
    kept: list[bytes] = []
    size = 0
    position = start
    try:
        while not inflater.eof and size <= budget and position < len(data):
            pending = data[position:position + (1 << 16)]
            position += len(pending)
            while pending and not inflater.eof and size <= budget:
                out = inflater.decompress(pending, min(1 << 20, budget + 1 - size))
                size += len(out)
                if keep:
                    kept.append(out)
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not deflate after all, or damaged: pdfium will say what it makes of it
    return size, b"".join(kept)
