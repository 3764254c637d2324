"""Marks on a digital PDF: which printed option is circled, whether a printed square is
ticked, and whether writing near a field that reads blank points at a template that misses
it. The boxes follow the convention of ``robots.reading.marks``."""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from connectors.pdf import PdfDocument, Shape
from robots.reading.marks import SUSPECT_REACH, grow, ring_band, tick_area, union

__all__ = ["is_circled", "is_drawn_ring", "is_ticked", "marks_near_options", "option_core", "text_astride", "tick_core"]

Box = tuple[float, float, float, float]

RING_GLYPHS = frozenset("○◯〇")
SEPARATORS = frozenset("・･、，,／/｜|")  # printed between options, never part of one
BRACKETS = frozenset("（）()［］[]「」【】〔〕")  # printed around a group of options
TICK_GLYPHS = frozenset("☑☒✓✔✗✘レﾚ■×xXvV")
SQUARE_SIDES = (4.0, 40.0)  # a printed tick square is this many points a side
SQUARE_ASPECT = 1.6
RING_SLACK = 0.1
RING_STRAIGHT = 0.2  # a drawn ring: at most this share of its box's outline in straight segments
RING_GAP = 0.25  # and its ends at most this share of its larger side apart (closed, or nearly)


def _center(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def option_core(pdf: PdfDocument, page: int, box: Box) -> Box:
    """The printed option inside ``box``: the characters whose middle lies in it, separators
    between options (・ 、) left out (the box itself when there are none)."""
    boxes = [char_box for text, char_box in pdf.chars(page).inside(box)
             if text.strip() and text not in RING_GLYPHS and text not in SEPARATORS]
    return union(boxes) if boxes else box


def _encloses(core: Box) -> Callable[[Box], bool]:
    """The test of a ring (a curve's or a ○'s box) holding ``core`` (``RING_SLACK`` of it may
    stick out: a hasty circle) and passing through the ring looked at on some side. Made once
    per option, asked of every path of the page."""
    _, outer = ring_band(core)
    slack_x, slack_y = RING_SLACK * (core[2] - core[0]), RING_SLACK * (core[3] - core[1])
    left, top, right, bottom = core[0] + slack_x, core[1] + slack_y, core[2] - slack_x, core[3] - slack_y

    def encloses(ring: Box) -> bool:
        if not (ring[0] <= left and ring[1] <= top and ring[2] >= right and ring[3] >= bottom):
            return False
        return ring[0] >= outer[0] or ring[1] >= outer[1] or ring[2] <= outer[2] or ring[3] <= outer[3]

    return encloses


def _small_enough(core: Box) -> Callable[[Box], bool]:
    """The test of a ring not being a frame around much more than the option: at most three
    times its size, plus the ring looked at."""
    _, outer = ring_band(core)
    width, height = core[2] - core[0], core[3] - core[1]
    widest, tallest = 3 * width + 2 * (outer[2] - core[2]), 3 * height + 2 * (outer[3] - core[3])
    return lambda ring: ring[2] - ring[0] <= widest and ring[3] - ring[1] <= tallest


def is_drawn_ring(shape: Shape) -> bool:
    """A ring drawn around something: a curve (Bézier segments), stroked and not filled,
    closed or nearly (by hand), with little of its outline straight. A printed frame is not:
    a rectangle or a line has no curve, a rounded box is mostly straight sides, a shaded
    area is filled."""
    width, height = shape.box[2] - shape.box[0], shape.box[3] - shape.box[1]
    return (shape.curved and not shape.filled and shape.straight <= RING_STRAIGHT * 2 * (width + height)
            and shape.gap <= RING_GAP * max(width, height))


def _alone_inside(pdf: PdfDocument, page: int, ring: Box, core: Box) -> bool:
    """Whether the ellipse in ``ring`` holds no printed character but the option's own (and
    separators or brackets between options): a ring around one option, however flat and
    wide a cramped row made it, and not around a group or a label."""
    cx, cy = (ring[0] + ring[2]) / 2, (ring[1] + ring[3]) / 2
    rx, ry = max((ring[2] - ring[0]) / 2, 0.1), max((ring[3] - ring[1]) / 2, 0.1)
    own = grow(core, 0.5)
    for text, char in pdf.chars(page).inside(ring):
        if not text.strip() or text in RING_GLYPHS or text in SEPARATORS or text in BRACKETS:
            continue
        x, y = _center(char)
        if not _inside((x, y), own) and ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1.0:
            return False
    return True


def is_circled(pdf: PdfDocument, page: int, box: Box) -> bool:
    """A curved path (a drawn circle or ellipse) or a ○ glyph around the printed option. A
    drawn ring larger than three times the option (flat and wide in a cramped row, where the
    room above and below is short) counts when it holds no other printed character."""
    core = option_core(pdf, page, box)
    encloses, small = _encloses(core), _small_enough(core)
    for index, ring in enumerate(pdf.paths(page).boxes):
        if not encloses(ring):
            continue
        shape = pdf.shape(page, index)
        if shape.curved and (small(ring) or (is_drawn_ring(shape) and _alone_inside(pdf, page, ring, core))):
            return True
    _, outer = ring_band(core)
    return any(text in RING_GLYPHS and encloses(glyph) and small(glyph) for text, glyph in pdf.chars(page).inside(outer))


_SQUARES: WeakKeyDictionary[PdfDocument, dict[int, list[tuple[int, Box]]]] = WeakKeyDictionary()


def _square_sized(pdf: PdfDocument, page: int) -> list[tuple[int, Box]]:
    """The paths of a page the size and shape of a printed tick square (index, box), found once;
    whether each is straight-sided is asked only of those in a box looked at."""
    pages = _SQUARES.setdefault(pdf, {})
    if page not in pages:
        found = []
        for index, box in enumerate(pdf.paths(page).boxes):
            x0, top, x1, bottom = box
            short, long = sorted((x1 - x0, bottom - top))
            if SQUARE_SIDES[0] <= short and long <= SQUARE_SIDES[1] and long <= SQUARE_ASPECT * short:
                found.append((index, box))
        pages[page] = found
    return pages[page]


def tick_core(pdf: PdfDocument, page: int, box: Box) -> Box:
    """The printed square inside ``box``: the largest straight-sided (neither curved nor
    diagonal), roughly square path whose middle lies in it (the box itself when there is none)."""
    squares = [square for index, square in _square_sized(pdf, page)
               if _inside(_center(square), box) and not _not_straight(pdf.shape(page, index))]
    return max(squares, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if squares else box


def _not_straight(shape: Shape) -> bool:
    return shape.curved or shape.diagonal


def _marked(shape: Shape) -> bool:
    """Drawn as a mark is (a tick, a cross, a fill, a ring), not as a printed rule or box."""
    return shape.diagonal or shape.filled or shape.curved


def _is_mark(pdf: PdfDocument, page: int, core: Box, square: bool) -> bool:
    """A mark inside ``core``: any character when it is a printed square (nothing else is
    written in one), only a tick glyph when no square was found (the box may hold a label)."""
    area = tick_area(core)
    if any(text.strip() and (square or text in TICK_GLYPHS) for text, _ in pdf.chars(page).inside(area)):
        return True
    for index, drawn in enumerate(pdf.paths(page).boxes):
        if drawn == core or not (_inside(_center(drawn), core) and drawn[2] - drawn[0] <= (core[2] - core[0]) * 1.5):
            continue
        if _marked(pdf.shape(page, index)):
            return True
    return False


def is_ticked(pdf: PdfDocument, page: int, box: Box) -> bool:
    """A glyph (レ ✓ ■ ×) or a drawn mark (tick, cross, fill) inside the printed square."""
    if any(text in TICK_GLYPHS for text, _ in pdf.chars(page).inside(grow(box, -1.0))):
        return True  # a tick glyph needs no square to be found first
    core = tick_core(pdf, page, box)
    return _is_mark(pdf, page, core, core != box)


def marks_near_options(pdf: PdfDocument, page: int, boxes: list[Box], circled: bool) -> bool:
    """Whether a mark (a curve or ○ for circled options; a tick glyph or a drawn stroke for
    tick boxes) lies near the options although none is marked where the template looks."""
    side = max(max(b[2] - b[0], b[3] - b[1]) for b in boxes)
    near = grow(union(boxes), max(SUSPECT_REACH, 2 * side))
    for index, drawn in enumerate(pdf.paths(page).boxes):
        if _overlaps(drawn, near) and max(drawn[2] - drawn[0], drawn[3] - drawn[1]) <= 3 * side + 2 * SUSPECT_REACH:
            shape = pdf.shape(page, index)
            if shape.curved if circled else _marked(shape):
                return True
    glyphs = RING_GLYPHS if circled else TICK_GLYPHS
    return any(text in glyphs for text, _ in pdf.chars(page).inside(near))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


ASTRIDE_SHARE = 0.2  # a character this much inside a box, its middle outside: the box cuts the writing


def text_astride(pdf: PdfDocument, page: int, box: Box) -> bool:
    """Whether characters lie across the edge of ``box`` (partly inside, their middle outside):
    the box cuts through writing, as a box placed a little off does."""
    for text, char in pdf.chars(page).inside(grow(box, SUSPECT_REACH)):
        if not text.strip() or _inside(_center(char), box):
            continue
        width = min(char[2], box[2]) - max(char[0], box[0])
        height = min(char[3], box[3]) - max(char[1], box[1])
        area = (char[2] - char[0]) * (char[3] - char[1])
        if width > 0 and height > 0 and area > 0 and width * height >= ASTRIDE_SHARE * area:
            return True
    return False
