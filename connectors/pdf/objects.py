"""The page objects the form reader looks at, read straight through pdfium's C interface: the
vector paths of a page (rules, boxes, circles, ticks) and whether it holds an image.

pypdfium2's ``PdfPage.get_objects`` makes a Python object (with its finalizer) for every
object of the page, text runs included, only to skip most of them; a form has a few hundred.
Here only the type of each object is asked, and a path is read with calls into reused
``ctypes`` values. The walk is the one ``get_objects`` makes: objects in drawing order, form
XObjects entered after themselves, ``max_depth`` levels deep.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from math import hypot
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = ["PagePaths", "Shape", "has_images", "shapes"]

Box = tuple[float, float, float, float]
MAX_DEPTH = 15
"""Levels of form XObjects entered (pypdfium2's default for ``get_objects``)."""


@dataclass(frozen=True)
class Shape:
    """A vector path on a page: its box (top-left origin) and how it is drawn."""

    box: Box
    curved: bool  # has Bézier segments (a drawn circle or ellipse)
    diagonal: bool  # has a straight segment that is neither horizontal nor vertical (a tick, an X)
    filled: bool
    straight: float = 0.0  # points of straight segments: a frame's sides
    gap: float = 0.0  # curved: how near its last part comes back to where it began, in points (0: it ends there)


def _c(name: str, restype: Any, *argtypes: Any) -> Any:
    """pdfium's function ``name`` typed with plain ``c_void_p`` handles and ``c_int``s: called
    with the integer addresses of handles and out-values, it converts no pointer types."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address or 0)


_P, _I = ctypes.c_void_p, ctypes.c_int
_COUNT_OBJECTS = _c("FPDFPage_CountObjects", _I, _P)
_GET_OBJECT = _c("FPDFPage_GetObject", _P, _P, _I)
_COUNT_FORM_OBJECTS = _c("FPDFFormObj_CountObjects", _I, _P)
_GET_FORM_OBJECT = _c("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_OBJECT_TYPE = _c("FPDFPageObj_GetType", _I, _P)
_BOUNDS = _c("FPDFPageObj_GetBounds", _I, _P, _P, _P, _P, _P)
_MATRIX = _c("FPDFPageObj_GetMatrix", _I, _P, _P)
_COUNT_SEGMENTS = _c("FPDFPath_CountSegments", _I, _P)
_SEGMENT = _c("FPDFPath_GetPathSegment", _P, _P, _I)
_SEGMENT_TYPE = _c("FPDFPathSegment_GetType", _I, _P)
_POINT = _c("FPDFPathSegment_GetPoint", _I, _P, _P, _P)
_DRAW_MODE = _c("FPDFPath_GetDrawMode", _I, _P, _P, _P)
_PATH, _IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
_MOVETO, _LINETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


def _objects(page: Any, kinds: frozenset[int], max_depth: int) -> Iterator[int]:
    """The raw objects (addresses) of ``page`` (a ``pdfium.PdfPage``) whose type is one of ``kinds``."""
    def walk(parent: int, count: Any, get: Any, level: int) -> Iterator[int]:
        total = count(parent)
        if total < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for index in range(total):
            obj = get(parent, index)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = _OBJECT_TYPE(obj)
            if kind in kinds:
                yield obj
            if kind == _FORM and level < max_depth - 1:
                yield from walk(obj, _COUNT_FORM_OBJECTS, _GET_FORM_OBJECT, level + 1)

    return walk(ctypes.cast(page.raw, ctypes.c_void_p).value or 0, _COUNT_OBJECTS, _GET_OBJECT, 0)


def has_images(page: Any) -> bool:
    """Whether ``page`` holds an image, on the page or in a form XObject drawn on it."""
    return any(True for _ in _objects(page, frozenset({_IMAGE}), 2))


def shapes(page: Any, height: float) -> list[Shape]:
    """The vector paths of ``page`` (``height`` points high), in drawing order."""
    paths = PagePaths(page, height)
    return [paths.shape(index) for index in range(len(paths))]


class PagePaths:
    """The vector paths of one open page, in drawing order: the box of each at once (``boxes``),
    how each is drawn (``shape``) read the first time it is asked for, while the page is open.
    A form has many paths (rules, マス目) and a mark reader asks about the few near its boxes."""

    def __init__(self, page: Any, height: float) -> None:
        self._reader = _PathReader(height)
        self._raw = list(_objects(page, frozenset({_PATH}), MAX_DEPTH))
        self.boxes: list[Box] = [self._reader.box(raw) for raw in self._raw]
        self._shapes: dict[int, Shape] = {}
        self._open = True

    def __len__(self) -> int:
        return len(self._raw)

    def shape(self, index: int) -> Shape:
        """Path ``index``: its box and whether it is curved, has a diagonal, is filled."""
        if index not in self._shapes:
            if not self._open:
                raise RuntimeError("the page of these paths is closed")
            self._shapes[index] = self._reader.shape(self._raw[index], self.boxes[index])
        return self._shapes[index]

    def close(self) -> None:
        """The page is closing: paths not read by now can no longer be."""
        self._open = False
        self._raw = []


class _PathReader:
    """Reads paths into one set of ``ctypes`` out-values for all of them."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
        self.point = (ctypes.c_float * 2)()
        self.matrix = pdfium_c.FS_MATRIX()
        self.modes = (ctypes.c_int * 2)()  # fill mode, stroke
        size = ctypes.sizeof(ctypes.c_float)
        at = ctypes.addressof(self.bounds)
        self._bounds_at = (at, at + size, at + 2 * size, at + 3 * size)
        self._point_at = (ctypes.addressof(self.point), ctypes.addressof(self.point) + size)
        self._modes_at = (ctypes.addressof(self.modes), ctypes.addressof(self.modes) + ctypes.sizeof(ctypes.c_int))
        self._matrix_at = ctypes.addressof(self.matrix)

    def box(self, raw: int) -> Box:
        """The path's bounds as a box with a top-left origin."""
        if not _BOUNDS(raw, *self._bounds_at):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = self.bounds
        return (left, self.height - top, right, self.height - bottom)

    def shape(self, raw: int, box: Box) -> Shape:
        if not _MATRIX(raw, self._matrix_at):
            raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
        m = self.matrix
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        curved = diagonal = False
        straight = 0.0
        previous: tuple[float, float] | None = None
        start = previous
        points: list[tuple[float, float]] = []  # where each segment of the last part ends
        point_out = self.point
        x_at, y_at = self._point_at
        for index in range(_COUNT_SEGMENTS(raw)):
            segment = _SEGMENT(raw, index)
            kind = _SEGMENT_TYPE(segment)
            _POINT(segment, x_at, y_at)
            x, y = point_out
            point = (a * x + c * y + e, b * x + d * y + f)
            if kind == _MOVETO or start is None:
                start, points = point, []
            elif kind == _BEZIERTO:
                curved = True
            elif kind == _LINETO and previous is not None:
                dx, dy = abs(point[0] - previous[0]), abs(point[1] - previous[1])
                straight += hypot(dx, dy)
                if dx > 0.5 and dy > 0.5:
                    diagonal = True
            previous = point
            points.append(point)
        _DRAW_MODE(raw, *self._modes_at)
        return Shape(box, curved, diagonal, self.modes[0] != 0, straight, _gap(start, points) if curved else 0.0)


def _gap(start: tuple[float, float] | None, points: list[tuple[float, float]]) -> float:
    """How near the second half of a path's last part comes back to its ``start``: 0 when it
    ends there, small when a hand ended it short of the start or drew on past it (a far end
    closed by a straight line — a half circle, a D — is not a ring either way)."""
    if start is None:
        return 0.0
    x0, y0 = start
    return min((hypot(x - x0, y - y0) for x, y in points[len(points) // 2:]), default=0.0)
