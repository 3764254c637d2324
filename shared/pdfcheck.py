"""What a PDF from outside must pass before and while it is read, and its page texts.

A PDF is refused, with a reason, when it is: over ``MAX_FILE_BYTES``; several PDFs joined in
one file (a reader would see only the last); made of compressed streams (other than images,
which are never decoded) that would inflate past ``MAX_CONTENT_BYTES`` /
``MAX_INFLATED_BYTES`` (a few kB on disk can be gigabytes in memory); active content
(JavaScript, launch actions, embedded files, rich media, XFA); more than ``MAX_PAGES`` pages
or a page side longer than ``MAX_PAGE_SIDE``. A page with more than ``MAX_PAGE_OBJECTS``
objects, or with fillable form fields (whose values are not page text), is refused when it
is loaded. Errors of pypdfium2 become ``InputFileError`` (``pdf.broken``).

The file is read once, and pdfium parses the very bytes that were scanned. What the scan
learns is kept for the next file, never to let through what a full scan would refuse: the
bytes of a file that passed (its SHA-256, with the limits it passed: ``CHECKED_FILES``) and
the inflated size of each deflate stream that ended before its ``endstream``
(``INFLATED_SIZES``: the printed form's font, alike in every filled copy, is inflated once);
``forget_checked`` empties both.

The PDF connector (``connectors.pdf``) opens every PDF through these checks. They live in
shared so that `scenario lint` (``shared.packages.lint``) reads the text of sample PDFs
through the very same checks (``page_texts``) without importing a connector.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shared.errors import InputFileError

__all__ = [
    "ACTIVE_NAMES", "CHECKED_FILES", "INFLATED_SIZES", "MAX_CONTENT_BYTES", "MAX_FILE_BYTES", "MAX_INFLATED_BYTES", "MAX_PAGES",
    "MAX_PAGE_OBJECTS", "MAX_PAGE_SIDE", "PdfLimits", "check_page", "forget_checked", "open_checked", "page_texts",
    "pdfium_errors",
]

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
CHECKED_FILES = 256
"""Files whose bytes passed the scan of streams and names are remembered by their SHA-256 (and
the limits they passed), this many, so that a file opened again in a run is not scanned again."""
INFLATED_SIZES = 4096
"""Deflate streams whose inflated size is remembered by their SHA-256, this many."""


@dataclass(frozen=True)
class PdfLimits:
    """The limits above, together (the connector passes its own, so a test can lower one)."""

    file_bytes: int = MAX_FILE_BYTES
    content_bytes: int = MAX_CONTENT_BYTES
    inflated_bytes: int = MAX_INFLATED_BYTES
    pages: int = MAX_PAGES
    page_side: float = MAX_PAGE_SIDE
    page_objects: int = MAX_PAGE_OBJECTS


class pdfium_errors:  # lower case: used like the function it was, ``with pdfium_errors(name):``
    """pypdfium2's errors inside the block become ``InputFileError`` (``pdf.broken``) of file
    ``name``. (A class, not a generator: a reader enters it for every page read.)"""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, traceback: object) -> None:
        if isinstance(exc, pdfium.PdfiumError):
            raise InputFileError("pdf.broken", file=self.name) from exc


def open_checked(path: Path, limits: PdfLimits = PdfLimits()) -> Any:
    """``path`` opened with pypdfium2 (a ``pdfium.PdfDocument``, to close) once the file and the
    whole document passed the checks; else ``InputFileError`` saying why it cannot be read.

    The file is read once: the bytes scanned are the bytes pdfium parses (nothing can change
    in between), and bytes that passed the scan before are not scanned again."""
    path = Path(path)
    name = path.name
    data = _read(path, limits)
    key = (hashlib.sha256(data).digest(), limits)
    if not _passed(key):
        _inspect(data, name, limits)
        _remember(key)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise InputFileError("pdf.encrypted", file=name) from exc
        raise InputFileError("pdf.broken", file=name) from exc
    try:
        _check_document(pdf, name, limits)
    except BaseException:
        pdf.close()
        raise
    return pdf


def _read(path: Path, limits: PdfLimits) -> bytes:
    """The bytes of ``path``, once its head says PDF and its size is within the limit."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            if not head:
                raise InputFileError("pdf.empty", file=name)
            if b"%PDF-" not in head or head.startswith(ZIP_MAGIC):  # a ZIP storing a PDF is not that PDF
                raise InputFileError("pdf.not_pdf", file=name)
            file_size = os.fstat(handle.fileno()).st_size
            if file_size > limits.file_bytes:
                raise InputFileError("pdf.too_large", file=name, size_mb=round(file_size / 2**20, 1),
                                     limit_mb=limits.file_bytes // 2**20)
            data = head + handle.read(limits.file_bytes + 1 - len(head))
    except OSError as exc:
        raise InputFileError("pdf.unreadable", file=name, error=type(exc).__name__) from exc
    if len(data) > limits.file_bytes:  # grown since its size was asked
        raise InputFileError("pdf.too_large", file=name, size_mb=round(len(data) / 2**20, 1),
                             limit_mb=limits.file_bytes // 2**20)
    return data


_CHECKED: OrderedDict[tuple[bytes, PdfLimits], None] = OrderedDict()
_SIZES: OrderedDict[bytes, int] = OrderedDict()  # SHA-256 of a deflate stream's bytes -> its inflated size
_CHECKED_LOCK = threading.Lock()


def _passed(key: tuple[bytes, PdfLimits]) -> bool:
    with _CHECKED_LOCK:
        if key in _CHECKED:
            _CHECKED.move_to_end(key)
            return True
        return False


def _remember(key: tuple[bytes, PdfLimits]) -> None:
    with _CHECKED_LOCK:
        _CHECKED[key] = None
        while len(_CHECKED) > CHECKED_FILES:
            _CHECKED.popitem(last=False)


def forget_checked() -> None:
    """Forget which files passed the scan and the sizes of the streams inflated (the next
    open of each file scans and inflates it again)."""
    with _CHECKED_LOCK:
        _CHECKED.clear()
        _SIZES.clear()


def check_page(page: Any, name: str, limits: PdfLimits = PdfLimits()) -> None:
    """Refuse a loaded page (a ``pdfium.PdfPage`` of file ``name``) with too many objects or
    with fillable form fields."""
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    if count > limits.page_objects:
        raise InputFileError("pdf.too_complex", file=name, count=count, limit=limits.page_objects)
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        try:
            widget = pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_WIDGET
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
        if widget:
            raise InputFileError("pdf.form_fields", file=name)


def page_texts(path: Path, limits: PdfLimits = PdfLimits()) -> list[str]:
    """All text of each page of ``path``, in order, read through the checks above (the text
    the connector's ``PdfDocument.page_text`` gives)."""
    path = Path(path)
    pdf = open_checked(path, limits)
    try:
        texts = []
        for index in range(len(pdf)):
            with pdfium_errors(path.name):
                page = pdf[index]
            try:
                check_page(page, path.name, limits)
                with pdfium_errors(path.name):
                    textpage = page.get_textpage()
                    try:
                        texts.append(textpage.get_text_range())
                    finally:
                        textpage.close()
            finally:
                page.close()
        return texts
    finally:
        pdf.close()


def _check_document(pdf: Any, name: str, limits: PdfLimits) -> None:
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
    if count > limits.pages:
        raise InputFileError("pdf.page_limit", file=name, actual=count, limit=limits.pages)
    for index in range(count):
        try:
            width, height = pdf.get_page_size(index)
        except pdfium.PdfiumError as exc:
            raise InputFileError("pdf.broken", file=name) from exc
        if max(width, height) > limits.page_side:
            raise InputFileError("pdf.page_too_large", file=name, page=index + 1, width=_mm(width), height=_mm(height),
                                 limit=_mm(limits.page_side))


def _mm(points: float) -> int:
    return round(points * 25.4 / 72)


# -- the checks before pdfium parses anything ------------------------------------------------
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/FlateDecode\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FONT = re.compile(rb"/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")


def _next_stream(data: bytes, search: int) -> tuple[int, int] | None:
    """The first ``stream`` keyword at or after ``search`` that does not end ``endstream`` and
    is followed by an end of line: (where it starts, where the stream's data starts)."""
    while (start := data.find(b"stream", search)) >= 0:
        search = start + 1
        if data[max(0, start - 3):start] == b"end":
            continue
        after = data[start + 6:start + 8]
        if after == b"\r\n":
            return start, start + 8
        if after[:1] in (b"\n", b"\r"):
            return start, start + 7
    return None


def _inspect(data: bytes, name: str, limits: PdfLimits) -> None:
    """Refuse joined files, decompression bombs and active content in ``data`` (the file's
    bytes, already within the size limit): the bytes between streams are searched for names
    and file headers, each deflated stream is inflated without keeping what it inflates to.
    Keywords are found with ``bytes.find`` and the data of a stream is skipped, never searched."""
    found: set[str] = set()
    content = total = headers = 0
    position = 0
    while (stream := _next_stream(data, position)) is not None:
        start, body = stream
        between = data[position:start]
        found |= _active_names(between)
        headers += between.count(b"%PDF-")
        header = between[between.rfind(b"obj"):]
        end = data.find(b"endstream", body)
        position = len(data) if end < 0 else end + len(b"endstream")
        if not _FLATE_FIRST.search(header):
            continue
        if _IMAGE.search(header):
            continue  # images are never decoded: nothing is rasterized
        font = _FONT.search(header) is not None
        budget = limits.inflated_bytes - total
        if not font:
            budget = min(budget, limits.content_bytes - content)
        if b"/ObjStm" in header:  # objects inside: their names are looked at too
            inflated, kept, _ = _inflated(data, body, budget, keep=True)
        else:
            inflated, kept = _inflated_size(data, body, len(data) if end < 0 else end, budget), b""
        total += inflated
        content += 0 if font else inflated
        found |= _active_names(kept)
        if content > limits.content_bytes or total > limits.inflated_bytes:
            limit = limits.content_bytes if content > limits.content_bytes else limits.inflated_bytes
            raise InputFileError("pdf.inflated_too_large", file=name, limit_mb=limit // 2**20)
    found |= _active_names(data[position:])
    headers += data[position:].count(b"%PDF-")
    if headers > 1:  # files joined end to end: a reader sees only the last one, the others would be lost
        raise InputFileError("pdf.several_documents", file=name, count=headers)
    if found:
        raise InputFileError("pdf.active_content", file=name, names="・".join(sorted(found)))


def _active_names(text: bytes) -> set[str]:
    if b"#" not in text and not any(active in text for active in ACTIVE_NAMES):
        return set()  # no name in ``text`` can be one of them, escaped or not
    names = set()
    for raw in _NAME.findall(text):
        decoded = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) if b"#" in raw else raw
        if decoded in ACTIVE_NAMES:
            names.add(decoded.decode("ascii"))
    return names


def _inflated_size(data: bytes, start: int, end: int, budget: int) -> int:
    """``_inflated(data, start, budget)[0]``, remembered for streams seen before: a deflate
    stream that ended before ``end`` (its ``endstream``) inflates to the same size wherever
    the same bytes stand (the printed form's font, embedded alike in every filled copy)."""
    key = hashlib.sha256(memoryview(data)[start:end]).digest()
    with _CHECKED_LOCK:
        known = _SIZES.get(key)
        if known is not None:
            _SIZES.move_to_end(key)
    if known is not None and known <= budget:
        return known
    size, _, ended = _inflated(data, start, budget)
    if ended is not None and ended <= end:
        with _CHECKED_LOCK:
            _SIZES[key] = size
            while len(_SIZES) > INFLATED_SIZES:
                _SIZES.popitem(last=False)
    return size


def _inflated(data: Any, start: int, budget: int, keep: bool = False) -> tuple[int, bytes, int | None]:
    """The size the deflate stream at ``start`` inflates to (counting stops just past
    ``budget``), with ``keep`` the inflated bytes themselves (an object stream, to scan), and
    where the stream's deflate data ended when it was inflated to its end (else None)."""
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
        return size, b"".join(kept), None  # not deflate after all, or damaged: pdfium will say what it makes of it
    ended = position - len(inflater.unused_data) - len(inflater.unconsumed_tail) if inflater.eof else None
    return size, b"".join(kept), ended
