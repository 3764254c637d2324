"""One convention for circled options and tick boxes, on digital PDFs and scans alike
(docs/templates.md, 「○で囲む選択肢とチェック欄」).

A template gives, for each option, a box **around what is printed**: the option's characters
(男, 昭, はい) for ``read: circled``, the printed square for ``read: ticked`` and
``read: checkbox``. Any box from the printed thing's own size up to about the size of the
mark works, as long as it holds that option only. Both readers first find the printed
thing inside the box — its **core**: on a PDF the characters (or the square's path) whose
middle lies in the box, on a scan the printed ink of the blank form there — and then look
at the same area around the core:

- circled: the ring between ``OPTION_PAD`` and ``OPTION_PAD + RING_REACH`` points outside
  the core. A PDF counts a curved path (or a ○ glyph) that goes around the core and passes
  through that ring (a drawn ring flattened and widened by a cramped row counts however wide,
  when it holds no other printed character: ``pdf_marks.is_drawn_ring``); a scan counts the
  share of that ring covered by new ink.
- ticked / checkbox: inside the core, ``TICK_INSET`` points in from the square's edges
  (scans: new ink; PDFs: a mark glyph or a drawn stroke whose middle lies inside).

When nothing is printed inside the box, the box itself is the core. ``template inspect``
draws these areas dashed, from the functions here.
"""

from __future__ import annotations

from shared.config.base import union_box

__all__ = ["OPTION_PAD", "RING_REACH", "SUSPECT_REACH", "TICK_INSET", "grow", "ring_band", "tick_area", "union"]

Box = tuple[float, float, float, float]

OPTION_PAD = 2.0
"""Points between the printed option's characters and the inside of the ring looked at
(the writing of the option itself is never taken for a circle)."""
RING_REACH = 7.0
"""How far the ring looked at reaches beyond ``OPTION_PAD``: a circle drawn around an option
passes within this many points of it (measured: rings 4-7 pt out, ellipses 3 pt above and
below a wide option)."""
TICK_INSET = 2.0
"""Points in from the printed square's outer edges: its own border, a little off after a
scan is aligned, is never a tick (measured on the sample scans: borders up to 1.75 pt off)."""
SUSPECT_REACH = 14.0
"""How far around the options (or a text box) writing makes a blank reading suspect: ink
or marks there, but none where the template looks, point at a template that misses them."""


def grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def union(boxes: list[Box]) -> Box:
    return union_box(boxes)


def ring_band(core: Box) -> tuple[Box, Box]:
    """(inner, outer) edges of the ring looked at around a printed option's ``core``."""
    inner = grow(core, OPTION_PAD)
    return inner, grow(inner, RING_REACH)


def tick_area(core: Box) -> Box:
    """The inside of a printed square (``core``) looked at for a tick."""
    inset = min(TICK_INSET, (core[2] - core[0]) / 4, (core[3] - core[1]) / 4)
    return grow(core, -inset)
