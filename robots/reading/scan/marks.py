"""Marks on an aligned scan: the ring of ink around a printed option, a tick in a printed
square, and writing near a field that reads blank. The boxes follow the convention of
``robots.reading.marks``: each is found by what the blank form prints inside it (its core),
so the box of the printed option and a ring-sized box read alike, as on digital PDFs."""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np

from connectors.scan import cut, to_pixels
from robots.reading.marks import RING_REACH, SUSPECT_REACH, grow, ring_band, tick_area, union

__all__ = ["DPI", "ink_near", "new_ink", "printed_core", "ring_ink", "ring_inks", "tick", "tick_core"]

Box = tuple[float, float, float, float]
DPI = 300  # the resolution pages are aligned at (robots.reading.scan.reader.DPI)
PX = DPI / 72
PRINTED, WRITTEN = 200, 140  # grey levels below which the blank form prints, and the page holds ink
CORE_SEARCH = 3.0  # points around a box searched for the whole of what it prints
TICK_EXTENT, TICK_SURE_EXTENT = 0.4, 0.5  # a mark is a stroke across much of the square, not a speck
TICK_INK, TICK_SURE_INK, TICK_CLEAR_INK = 0.03, 0.06, 0.01
SQUARE_ASPECT, SQUARE_FILL = 1.6, 0.5  # a printed square: about as tall as wide, and hollow
SEPARATOR_SIZE = 0.35  # a printed piece this much smaller than the largest is a dot (・), not the option
SUSPECT_INK = 0.01  # share of the area around a blank reading covered by new ink that makes it suspect
_GRACE = np.ones((9, 9), np.uint8)  # ~0.75 pt at 300 dpi: alignment is never pixel-exact


def new_ink(page: np.ndarray, blank: np.ndarray, box: Box, grow_pt: float = 0.0) -> np.ndarray:
    """Ink on the page that is not printed on the blank form (nor right next to print, also
    print just outside ``box``)."""
    written = cut(page, box, DPI, grow_pt) < WRITTEN
    reach = _GRACE.shape[0] // 2
    x0, top, x1, bottom = to_pixels(grow(box, grow_pt), DPI)
    x0, top = max(0, x0), max(0, top)
    wide = blank[max(0, top - reach):bottom + reach, max(0, x0 - reach):x1 + reach]
    printed = cv2.dilate((wide < PRINTED).astype(np.uint8), _GRACE) > 0
    printed = printed[top - max(0, top - reach):, x0 - max(0, x0 - reach):]
    height = min(written.shape[0], printed.shape[0])
    width = min(written.shape[1], printed.shape[1])
    return written[:height, :width] & ~printed[:height, :width]


def _printed_parts(blank: np.ndarray, box: Box) -> list[tuple[Box, float]]:
    """What the blank form prints around ``box``: each connected piece whose middle lies in the
    box and that lies wholly in the searched area, as (box in points, share of it inked)."""
    area = grow(box, CORE_SEARCH)
    x0, top, _, _ = to_pixels(area, DPI)
    x0, top = max(0, x0), max(0, top)
    printed = (cut(blank, area, DPI) < PRINTED).astype(np.uint8)
    if printed.size == 0:
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats(printed, connectivity=8)
    height, width = printed.shape
    parts = []
    for label in range(1, count):
        left, upper, w, h, pixels = (int(v) for v in stats[label])
        if left == 0 or upper == 0 or left + w >= width or upper + h >= height or pixels < 4:
            continue  # a ruled line or a neighbour reaching out of the searched area
        part = ((x0 + left) / PX, (top + upper) / PX, (x0 + left + w) / PX, (top + upper + h) / PX)
        middle = ((part[0] + part[2]) / 2, (part[1] + part[3]) / 2)
        if box[0] <= middle[0] <= box[2] and box[1] <= middle[1] <= box[3]:
            parts.append((part, pixels / max(1, w * h)))
    return parts


def printed_core(blank: np.ndarray, box: Box) -> Box:
    """The printed option inside ``box`` (its characters' ink on the blank form; a dot much
    smaller than the characters, a separator ・ between options, left out), or the box itself
    when nothing is printed there."""
    parts = [part for part, _ in _printed_parts(blank, box)]
    if not parts:
        return box
    largest = max(max(p[2] - p[0], p[3] - p[1]) for p in parts)
    return union([p for p in parts if max(p[2] - p[0], p[3] - p[1]) >= SEPARATOR_SIZE * largest])


def tick_core(blank: np.ndarray, box: Box) -> Box:
    """The printed square inside ``box``: the largest hollow, roughly square piece the blank
    prints there, or the box itself."""
    squares = [part for part, fill in _printed_parts(blank, box) if fill < SQUARE_FILL
               and max(part[2] - part[0], part[3] - part[1]) <= SQUARE_ASPECT * min(part[2] - part[0], part[3] - part[1])]
    return max(squares, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if squares else box


def ring_ink(page: np.ndarray, blank: np.ndarray, box: Box) -> float:
    """Share of the ring around the printed option (``ring_band`` of its core) covered by new
    ink: a drawn circle."""
    core = printed_core(blank, box)
    _, outer = ring_band(core)
    ink = new_ink(page, blank, outer)
    margin = int(round(RING_REACH * PX))  # the outer edge is RING_REACH beyond the inner one
    hole = ink[margin:-margin, margin:-margin] if min(ink.shape) > 2 * margin else ink[0:0, 0:0]
    hole[:] = False  # only the ring around the printed option (and OPTION_PAD clear of it)
    area = ink.size - hole.size
    return float(ink.sum()) / max(area, 1)


def ring_inks(page: np.ndarray, blank: np.ndarray, boxes: Mapping[str, Box]) -> dict[str, float]:
    """``ring_ink`` of each option of one group, each piece of new ink counted for the option
    it lies nearest to: options printed close together (明・大・昭・平・令) have rings that
    overlap, and the circle around one must not count for its neighbours."""
    cores = {option: printed_core(blank, box) for option, box in boxes.items()}
    bands = {option: ring_band(core) for option, core in cores.items()}
    region = union([outer for _, outer in bands.values()])
    ink = new_ink(page, blank, region)
    left, top, _, _ = to_pixels(region, DPI)
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    xs, ys = (xs + max(0, left)) / PX, (ys + max(0, top)) / PX  # points
    options = list(boxes)
    distances = np.stack([np.hypot(np.maximum(np.maximum(c[0] - xs, xs - c[2]), 0),
                                   np.maximum(np.maximum(c[1] - ys, ys - c[3]), 0)) for c in cores.values()])
    nearest = np.argmin(distances, axis=0)
    shares = {}
    for index, option in enumerate(options):
        (i0, it, i1, ib), (o0, ot, o1, ob) = bands[option]
        in_band = (xs >= o0) & (xs < o1) & (ys >= ot) & (ys < ob) & ~((xs >= i0) & (xs < i1) & (ys >= it) & (ys < ib))
        area = int(in_band.sum())
        shares[option] = float((ink & in_band & (nearest == index)).sum()) / max(area, 1)
    return shares


def tick(page: np.ndarray, blank: np.ndarray, box: Box) -> tuple[bool, float]:
    """Whether the printed square in ``box`` holds a mark (レ, ✓, ×, ■) — a Python ``bool`` —
    and how sure that is:
    new ink inside the square (``tick_area``), and the reach of its largest stroke (noise and
    dust are specks)."""
    ink = new_ink(page, blank, tick_area(tick_core(blank, box)))
    if ink.size == 0:
        return False, 0.0
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    extent = 0.0
    if count > 1:
        largest = stats[1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))]
        extent = max(largest[cv2.CC_STAT_WIDTH] / ink.shape[1], largest[cv2.CC_STAT_HEIGHT] / ink.shape[0])
    share = float(ink.mean())
    marked = bool(extent >= TICK_EXTENT and share >= TICK_INK)  # a Python bool: NumPy's is not a checkbox value
    if marked and extent >= TICK_SURE_EXTENT and share >= TICK_SURE_INK:
        return True, 0.99
    if not marked and share < TICK_CLEAR_INK and extent < TICK_EXTENT / 2:
        return False, 0.99
    return marked, 0.5


def ink_near(page: np.ndarray, blank: np.ndarray, boxes: list[Box], reach: float = SUSPECT_REACH) -> bool:
    """Whether new ink lies around ``boxes`` (within ``reach`` points of them, outside them):
    a blank reading there points at boxes that miss the writing."""
    around = union(boxes)
    ink = new_ink(page, blank, around, reach)
    pad = int(round(reach * PX))
    inner = ink[pad:-pad, pad:-pad] if pad and min(ink.shape) > 2 * pad else ink[0:0, 0:0]
    inner[:] = False
    area = ink.size - inner.size
    return area > 0 and float(ink.sum()) / area >= SUSPECT_INK
