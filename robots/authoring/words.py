"""What ``template new`` sees on a page: words (printed by the form or written on it), the
ruled regions they sit in, the marks found (option groups, tick boxes, マス目, date lines) and
the value areas (slots) waiting for a label. Plain data; ``page`` finds the drawing,
``marks`` the marks, ``layout`` pairs labels with slots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from robots.authoring.geometry import Box, center

__all__ = ["Box", "Mark", "PageView", "Region", "Slot", "Word"]


@dataclass
class Word:
    """One word on the page: its text, box, size, whether the form printed it (else it was
    written on the form), each character's box, and whether it is written top to bottom."""

    text: str
    box: Box
    printed: bool
    size: float
    chars: tuple[tuple[str, Box], ...] = ()
    vertical: bool = False

    @property
    def center(self) -> tuple[float, float]:
        return center(self.box)


@dataclass
class Mark:
    """Something a value is written or marked in, found from its drawing: ``circled`` (printed
    options, one to be circled), ``ticked`` (options with a tick box each), ``checkbox`` (one
    box and its sentence), ``digits`` (a row of マス目), ``date`` (a date line: one box over
    the printed era and 年・月・日), ``era_date`` (circled era + 年・月・日 parts)."""

    kind: str
    box: Box
    options: dict[str, Box] | None = None
    parts: dict[str, Any] | None = None
    label: str | None = None  # the text a mark carries itself (a check box's sentence)
    value: str | None = None  # what is written or marked in it on a filled sample
    count: int = 0  # digit boxes in a マス目 row
    gregorian: bool = False  # a date line printed with 西暦
    words: list[Word] = field(default_factory=list)  # the printed words it is made of


@dataclass
class Region:
    """A ruled rectangle (a cell, a frame or a box) and what lies directly in it."""

    box: Box
    words: list[Word] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    children: list[Region] = field(default_factory=list)

    @property
    def printed(self) -> list[Word]:
        return [w for w in self.words if w.printed and not w.vertical]

    @property
    def filled(self) -> list[Word]:
        return [w for w in self.words if not w.printed]


@dataclass
class Slot:
    """A value area waiting for its label: a cell, the free part of a labelled cell, a box, an
    underline, the space after a label, or a mark. ``how`` says where its label is looked
    for; ``label`` is set when the slot carries its own (a check box's sentence)."""

    box: Box
    how: str  # cell | inner | box | underline | gap | mark
    region: Region | None = None
    mark: Mark | None = None
    value: str | None = None
    label: Word | None = None


@dataclass
class PageView:
    """One page as ``template new`` sees it."""

    number: int
    words: list[Word]
    rects: list[Box]  # ruled rectangles big enough to write in (cells, boxes, frames)
    squares: list[Box]
    digit_rows: list[list[Box]]
    underlines: list[Box]
    rings: list[Box]
    ticks: list[Box]  # ink strokes (lines, curves) that may tick a square
