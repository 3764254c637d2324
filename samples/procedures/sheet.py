"""Drawing a procedure form: the printed layer, the filled values and the truth, from one layout.

A procedure's layout function calls a :class:`Sheet`'s methods once. Each field method
draws the printed parts (labels, cells, マス目, options), records the field's truth (label,
type, layout, boxes) and, when the sheet has values, queues the drawing of the value.
:func:`render` then writes the page, putting the values in the content stream in an
order that is *not* the reading order (see ``STREAM_ORDERS``).

Coordinates are PDF points with a top-left origin (pdfplumber's convention: ``x0``/``x1``
from the left edge, ``top``/``bottom`` from the top edge); reportlab's bottom-left origin
appears only inside the drawing calls. Standard library and reportlab only.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .values import DateParts, Fill, Marked, Written

PAGE_WIDTH = 595.2755905511812  # A4 (210 mm)
PAGE_HEIGHT = 841.8897637795277  # A4 (297 mm)

RULE = (0.0, 0.0, 0.0)  # printed text and lines
INK = (0.05, 0.1, 0.35)  # blue-black pen: every filled value and mark

PRINT_FONT_FILE = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
FILL_FONT_FILE = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
PRINT_FONT = "IPAexMincho"
FILL_FONT = "IPAexGothic"

# pdfminer puts a glyph's box from baseline + descent*size up to size above that; the IPAex
# fonts have descent -0.12 em, so a glyph spans baseline-0.88*size .. baseline+0.12*size
ASCENT = 0.88
DESCENT = 0.12
VALUE_PAD = 3.0  # a filled value keeps at least this far from its box's edges
OPTION_PAD = 2.0  # a printed option's box is its glyphs' box plus this much
SQUARE = 10.0  # a printed tick square
SQUARE_PAD = 1.0  # a tick option's box is its square plus this much

BoxT = list[float]


def box(x0: float, top: float, x1: float, bottom: float) -> BoxT:
    return [round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)]


def union(boxes: Sequence[Sequence[float]], pad: float = 0.0) -> BoxT:
    return box(min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
               max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)


def _y(top: float) -> float:
    return PAGE_HEIGHT - top


# --- fonts -------------------------------------------------------------------------------------


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Fonts:
    """The registered printing font and the font the values are filled in."""

    printed: str = PRINT_FONT
    fill: str = FILL_FONT
    fill_file: str = Path(FILL_FONT_FILE).name  # the font file's name (recorded in truth.json)

    @classmethod
    def load(cls, fill_font: Path | str | None = None) -> Fonts:
        registered = set(pdfmetrics.getRegisteredFontNames())
        fill_name = FILL_FONT
        fill_path = FILL_FONT_FILE
        if fill_font is not None:
            fill_path = str(fill_font)
            fill_name = "Fill-" + "".join(ch for ch in Path(fill_path).stem if ch.isalnum())
        for name, path in ((PRINT_FONT, PRINT_FONT_FILE), (fill_name, fill_path)):
            if name in registered:
                continue
            if not Path(path).is_file():
                raise FontMissing(f"フォントが見つかりません / font not found: {path} (Debian: apt-get install fonts-ipaexfont)")
            pdfmetrics.registerFont(TTFont(name, path))
        return cls(PRINT_FONT, fill_name, Path(fill_path).name)

    def width(self, text: str, size: float, font: str | None = None) -> float:
        return pdfmetrics.stringWidth(text, font or self.printed, size)


# --- drawing values ----------------------------------------------------------------------------


class Pen:
    """Draws filled values in ink. With ``reverse_glyphs`` every string is drawn glyph by glyph,
    last glyph first (some form-filling software writes text that way)."""

    def __init__(self, c: canvas.Canvas, fonts: Fonts, reverse_glyphs: bool) -> None:
        self.c, self.fonts, self.reverse_glyphs = c, fonts, reverse_glyphs

    def write(self, text: str, x: float, baseline: float, size: float) -> None:
        c = self.c
        c.setFillColorRGB(*INK)
        c.setFont(self.fonts.fill, size)
        if not self.reverse_glyphs:
            c.drawString(x, _y(baseline), text)
            return
        offsets, at = [], x
        for ch in text:
            offsets.append(at)
            at += self.fonts.width(ch, size, self.fonts.fill)
        for ch, ox in reversed(list(zip(text, offsets, strict=True))):
            c.drawString(ox, _y(baseline), ch)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, style: str) -> None:
        """A hand-drawn-looking ○ centred on (cx, cy) (top-left-origin points)."""
        c = self.c
        c.setStrokeColorRGB(*INK)
        c.setLineWidth(1.0)
        if style == "circle":
            c.circle(cx, _y(cy), rx, stroke=1, fill=0)
        else:
            c.ellipse(cx - rx, _y(cy) - ry, cx + rx, _y(cy) + ry, stroke=1, fill=0)

    def tick(self, square: BoxT, style: str) -> None:
        """A mark inside a printed square (``square`` is the printed square itself)."""
        c = self.c
        c.setStrokeColorRGB(*INK)
        c.setLineWidth(1.1)
        x0, top, x1, bottom = square
        if style.startswith("glyph:"):
            glyph = style.removeprefix("glyph:")
            size = {"レ": 9.0, "✓": 9.0, "■": 7.0}.get(glyph, 8.0)
            w = self.fonts.width(glyph, size, self.fonts.fill)
            baseline = (top + bottom) / 2 + (ASCENT - 0.5) * size
            self.write(glyph, (x0 + x1) / 2 - w / 2, baseline, size)
        elif style == "cross":
            d = 1.6
            c.line(x0 + d, _y(top + d), x1 - d, _y(bottom - d))
            c.line(x0 + d, _y(bottom - d), x1 - d, _y(top + d))
        elif style == "check":
            path = c.beginPath()
            path.moveTo(x0 + 1.5, _y(top + (bottom - top) * 0.5))
            path.lineTo(x0 + 4.0, _y(bottom - 1.5))
            path.lineTo(x1 - 1.2, _y(top + 1.2))
            c.drawPath(path, stroke=1, fill=0)
        else:
            raise ValueError(f"unknown tick style {style!r}")


ValueOp = Callable[[Pen], None]


@dataclass
class ValueGroup:
    """The drawing of one field's value: ops already in the field's own (odd) order."""

    field: str
    ops: list[ValueOp]


# --- the sheet ---------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One form being laid out: printed ops, value groups and the truth of every field."""

    fonts: Fonts
    fills: dict[str, Fill] | None  # None: the blank form
    rng: random.Random  # jitter of the drawn circles
    printed: list[Callable[[canvas.Canvas], None]] = field(default_factory=list)
    groups: list[ValueGroup] = field(default_factory=list)
    fields: dict[str, dict] = field(default_factory=dict)
    label_size: float = 10.0

    # -- printed primitives

    def text(self, s: str, x: float, baseline: float, size: float | None = None, align: str = "left") -> float:
        """Printed text; returns its right edge."""
        size = size or self.label_size
        w = self.fonts.width(s, size)
        x0 = {"left": x, "center": x - w / 2, "right": x - w}[align]

        def op(c: canvas.Canvas) -> None:
            c.setFillColorRGB(*RULE)
            c.setFont(self.fonts.printed, size)
            c.drawString(x0, _y(baseline), s)

        self.printed.append(op)
        return x0 + w

    def vtext(self, s: str, cx: float, top: float, bottom: float, size: float | None = None) -> None:
        """Printed text set vertically (one glyph under the other), centred between top and bottom."""
        size = size or self.label_size
        step = size * 1.25
        first = (top + bottom) / 2 - step * (len(s) - 1) / 2
        for i, ch in enumerate(s):
            self.text(ch, cx, first + i * step + (ASCENT - 0.5) * size, size, "center")

    def label_in(self, s: str, cell: Sequence[float], size: float | None = None, align: str = "left") -> float:
        """A printed label vertically centred in a cell; returns its right edge."""
        size = size or self.label_size
        x = {"left": cell[0] + 6, "center": (cell[0] + cell[2]) / 2, "right": cell[2] - 6}[align]
        return self.text(s, x, baseline_in(cell, size), size, align)

    def rect(self, x0: float, top: float, x1: float, bottom: float, width: float = 0.8) -> None:
        def op(c: canvas.Canvas) -> None:
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(width)
            c.rect(x0, _y(bottom), x1 - x0, bottom - top, stroke=1, fill=0)

        self.printed.append(op)

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.6) -> None:
        def op(c: canvas.Canvas) -> None:
            c.setStrokeColorRGB(*RULE)
            c.setLineWidth(width)
            c.line(x0, _y(top0), x1, _y(top1))

        self.printed.append(op)

    def cells(self, top: float, bottom: float, xs: Sequence[float], width: float = 0.8) -> list[BoxT]:
        """A row of ruled cells between consecutive ``xs``; returns their boxes."""
        out = []
        for x0, x1 in zip(xs, xs[1:], strict=False):
            self.rect(x0, top, x1, bottom, width)
            out.append(box(x0, top, x1, bottom))
        return out

    # -- field helpers

    def _fill(self, name: str) -> Fill | None:
        if name in self.fields:
            raise ValueError(f"field {name!r} laid out twice")
        return None if self.fills is None else self.fills.get(name)

    def _truth(self, name: str, label: str, type_: str, layout: str, box_: BoxT, position: str,
               required: bool, **extra: object) -> dict:
        entry = {"label": label, "type": type_, "layout": layout, "position": position, "page": 1,
                 "box": box_, "required": required}
        entry.update(extra)
        self.fields[name] = entry
        return entry

    def _queue(self, name: str, ops: list[ValueOp]) -> None:
        self.groups.append(ValueGroup(name, ops))

    # -- fields

    def text_field(self, name: str, label: str, type_: str, area: Sequence[float], layout: str, *,
                   size: float = 11.0, required: bool = False, position: str | None = None,
                   align: str = "left") -> None:
        """A value written in ``area`` (its truth box). ``layout``: how the label relates to it."""
        fill = self._fill(name)
        b = box(*area)
        entry = self._truth(name, label, type_, layout, b, position or layout, required, value=None, original=None)
        if fill is None:
            return
        assert isinstance(fill, Written), (name, fill)
        entry["value"], entry["original"] = fill.value, fill.original
        text = fill.original
        room_w = b[2] - b[0] - 2 * VALUE_PAD
        room_h = b[3] - b[1] - 2 * VALUE_PAD
        fit = min(room_w / self.fonts.width(text, 1, self.fonts.fill), room_h)
        s = size if size <= fit else math.floor(fit * 10) / 10
        w = self.fonts.width(text, s, self.fonts.fill)
        x = {"left": b[0] + VALUE_PAD + 1, "center": (b[0] + b[2] - w) / 2, "right": b[2] - VALUE_PAD - w}[align]
        x = max(x, b[0] + VALUE_PAD)
        baseline = baseline_in(b, s)
        self._queue(name, [lambda pen: pen.write(text, x, baseline, s)])

    def digits_field(self, name: str, label: str, type_: str, x: float, top: float, count: int, *,
                     w: float = 20.0, h: float = 24.0, size: float = 13.0, required: bool = False,
                     position: str = "right", hyphen_after: int | None = None, thick_every: int | None = None) -> BoxT:
        """A row of printed マス目, one digit per box; digits are drawn right to left in the stream.
        ``hyphen_after``: a printed ``－`` between box ``n`` and ``n+1`` (postal codes)."""
        fill = self._fill(name)
        digit_boxes, at = [], x
        for i in range(count):
            if hyphen_after is not None and i == hyphen_after:
                self.text("－", at + 7, top + h / 2 + (ASCENT - 0.5) * 10, 10, "center")
                at += 14
            digit_boxes.append(box(at, top, at + w, top + h))
            at += w
        for i, d in enumerate(digit_boxes):
            heavy = thick_every is not None and i % thick_every == 0
            self.rect(d[0], d[1], d[2], d[3], 0.9 if heavy else 0.5)
        row = union(digit_boxes)
        entry = self._truth(name, label, type_, "boxes", row, position, required, value=None, original=None,
                            digit_boxes=digit_boxes)
        if fill is not None:
            assert isinstance(fill, Written) and len(fill.original) == count, (name, fill)
            entry["value"], entry["original"] = fill.value, fill.original
            ops = []
            for ch, d in zip(fill.original, digit_boxes, strict=True):
                cw = self.fonts.width(ch, size, self.fonts.fill)
                ops.append(_writer(ch, (d[0] + d[2]) / 2 - cw / 2, baseline_in(d, size), size))
            self._queue(name, ops[::-1])  # right to left
        return row

    def options(self, opts: Sequence[str], x: float, baseline: float, *, size: float = 11.0,
                pitch: float | None = None, sep: str = "・") -> dict[str, BoxT]:
        """Printed options separated by ``sep``; returns each option's box (glyphs + OPTION_PAD)."""
        widths = [self.fonts.width(o, size) for o in opts]
        pitch = pitch or max(widths) + 2 * size + 4
        out: dict[str, BoxT] = {}
        for i, (o, ow) in enumerate(zip(opts, widths, strict=True)):
            cx = x + i * pitch + max(widths) / 2
            ox = cx - ow / 2
            self.text(o, ox, baseline, size)
            out[o] = box(ox - OPTION_PAD, baseline - ASCENT * size - OPTION_PAD,
                         ox + ow + OPTION_PAD, baseline + DESCENT * size + OPTION_PAD)
            if i and sep:
                self.text(sep, cx - pitch / 2, baseline, size, "center")
        return out

    def circled_field(self, name: str, label: str, opts: Sequence[str], x: float, baseline: float, *,
                      size: float = 11.0, pitch: float | None = None, required: bool = False,
                      position: str = "right", type_: str = "choice", limit: Sequence[float] | None = None) -> None:
        """Options printed with ``・`` between them; the chosen one is circled (a stroked ellipse)."""
        fill = self._fill(name)
        boxes = self.options(opts, x, baseline, size=size, pitch=pitch)
        area = union(list(boxes.values()), 2.0)
        entry = self._truth(name, label, type_, "circled", area, position, required, value=None, original=None,
                            options=list(opts), option_boxes=boxes)
        if fill is not None:
            assert isinstance(fill, Marked) and fill.value in boxes, (name, fill)
            op, style = self._circler(boxes, str(fill.value), fill.mark or "ellipse", limit)
            entry["value"], entry["original"], entry["mark"] = fill.value, fill.value, style
            self._queue(name, [op])

    def _circler(self, boxes: dict[str, BoxT], chosen: str, style: str,
                 limit: Sequence[float] | None) -> tuple[ValueOp, str]:
        """The op drawing a ○ that encloses the chosen option's box and reaches no other option's
        box; returns it and the style actually drawn (a circle that would not fit is an ellipse)."""
        target = boxes[chosen]
        lim = list(limit) if limit else [target[0] - 40, target[1] - 12, target[2] + 40, target[3] + 12]
        for other, ob in boxes.items():
            if other == chosen:
                continue
            if ob[2] <= target[0]:
                lim[0] = max(lim[0], ob[2] + 0.5)
            if ob[0] >= target[2]:
                lim[2] = min(lim[2], ob[0] - 0.5)
        rng = self.rng
        jitter = (rng.uniform(-0.6, 0.6), rng.uniform(-0.5, 0.5))
        for dx, dy in (jitter, (0.0, 0.0)):  # a hand slightly off centre; centred when that leaves no room
            cx = (target[0] + target[2]) / 2 + dx
            cy = (target[1] + target[3]) / 2 + dy
            need_x = max(cx - target[0], target[2] - cx) + 0.8
            need_y = max(cy - target[1], target[3] - cy) + 0.8
            room_x = min(cx - lim[0], lim[2] - cx)
            room_y = min(cy - lim[1], lim[3] - cy)
            if room_x >= need_x and room_y >= need_y:
                break
        else:
            raise ValueError(f"no room to circle {chosen!r}")
        if style == "circle":
            # a circle encloses the box only if its radius reaches the box's corners
            r = math.hypot(need_x, need_y) + rng.uniform(0.0, 1.0)
            if r <= min(room_x, room_y):
                return _ellipse_op(cx, cy, r, r, "circle"), "circle"
            style = "ellipse"
        # an ellipse through the box's corners: scale the half-sides by √2 (at most the room)
        rx = min(need_x * math.sqrt(2) + rng.uniform(0.0, 1.5), room_x)
        ry = min(need_y * math.sqrt(2) + rng.uniform(0.0, 1.0), room_y)
        if (need_x / rx) ** 2 + (need_y / ry) ** 2 > 1.0:  # too flat to pass the corners: widen
            rx = min(room_x, need_x / math.sqrt(max(1e-6, 1.0 - (need_y / ry) ** 2)) + 0.5)
        return _ellipse_op(cx, cy, rx, ry, style), style

    def ticked_field(self, name: str, label: str, opts: Sequence[str], at: Sequence[tuple[float, float]], *,
                     size: float = 10.5, required: bool = False, position: str = "right",
                     type_: str = "choice") -> None:
        """A printed □ before each option (at each (x, baseline)); the chosen one gets a mark."""
        fill = self._fill(name)
        squares: dict[str, BoxT] = {}
        extents = []
        for o, (x, baseline) in zip(opts, at, strict=True):
            mid = baseline - (ASCENT - DESCENT) * size / 2
            sq = box(x, mid - SQUARE / 2, x + SQUARE, mid + SQUARE / 2)
            self.rect(sq[0], sq[1], sq[2], sq[3], 0.6)
            right = self.text(o, x + SQUARE + 4, baseline, size)
            squares[o] = sq
            extents.append([x, min(sq[1], baseline - ASCENT * size), right, max(sq[3], baseline + DESCENT * size)])
        option_boxes = {o: box(sq[0] - SQUARE_PAD, sq[1] - SQUARE_PAD, sq[2] + SQUARE_PAD, sq[3] + SQUARE_PAD)
                        for o, sq in squares.items()}
        entry = self._truth(name, label, type_, "ticked", union(extents, 2.0), position, required,
                            value=None, original=None, options=list(opts), option_boxes=option_boxes)
        if fill is not None:
            assert isinstance(fill, Marked) and fill.value in squares, (name, fill)
            entry["value"], entry["original"], entry["mark"] = fill.value, fill.value, fill.mark
            sq = squares[str(fill.value)]
            style = fill.mark or "cross"
            self._queue(name, [lambda pen: pen.tick(sq, style)])

    def checkbox_field(self, name: str, text: str, x: float, baseline: float, *, size: float = 10.0,
                       required: bool = False) -> None:
        """One printed □ with a sentence after it (the sentence is the label)."""
        fill = self._fill(name)
        mid = baseline - (ASCENT - DESCENT) * size / 2
        sq = box(x, mid - SQUARE / 2, x + SQUARE, mid + SQUARE / 2)
        self.rect(sq[0], sq[1], sq[2], sq[3], 0.6)
        self.text(text, x + SQUARE + 5, baseline, size)
        b = box(sq[0] - SQUARE_PAD, sq[1] - SQUARE_PAD, sq[2] + SQUARE_PAD, sq[3] + SQUARE_PAD)
        entry = self._truth(name, text, "checkbox", "ticked", b, "right", required, value=False, original=None)
        if fill is not None:
            assert isinstance(fill, Marked) and isinstance(fill.value, bool), (name, fill)
            entry["value"] = fill.value
            if fill.value:
                entry["mark"] = fill.mark
                style = fill.mark or "cross"
                self._queue(name, [lambda pen: pen.tick(sq, style)])

    def date_line(self, name: str, label: str, x: float, baseline: float, *, size: float = 10.5,
                  era: str = "令和", gaps: tuple[float, float, float] = (32.0, 27.0, 27.0),
                  required: bool = False, print_label: bool = True, position: str = "right") -> BoxT:
        """「label　令和　　年　　月　　日」: the values are written between the printed words.
        Returns the line's box. Drawn day first, then month, then year."""
        fill = self._fill(name)
        at = x
        if print_label:
            at = self.text(label, x, baseline, size) + size
        era_x0 = at
        at = self.text(era, at, baseline, size)
        top, bottom = baseline - ASCENT * size - 4, baseline + DESCENT * size + 3
        parts: dict[str, dict] = {"era": {"printed": era}}
        for part, gap, word in zip(("year", "month", "day"), gaps, "年月日", strict=True):
            parts[part] = {"box": box(at, top, at + gap, bottom), "original": None}
            at = self.text(word, at + gap, baseline, size)
        line_box = box(era_x0 - 1, top, at + 1, bottom)
        entry = self._truth(name, label, "wareki_date", "date_line", line_box, position, required,
                            value=None, original=None, parts=parts)
        if fill is not None:
            assert isinstance(fill, DateParts) and fill.era == era, (name, fill)
            entry["value"], entry["original"] = fill.value, fill.original
            ops = []
            for part in ("day", "month", "year"):
                written = getattr(fill, part)
                parts[part]["original"] = written
                ops.append(self._centred(written, parts[part]["box"], size + 0.5))
            self._queue(name, ops)
        return line_box

    def era_date(self, name: str, label: str, x: float, top: float, eras: Sequence[str], *,
                 height: float = 24.0, year_w: float = 34.0, md_w: float = 30.0, size: float = 11.0,
                 required: bool = False, position: str = "below") -> BoxT:
        """明・大・昭・平・令 (circled) then [  ]年[  ]月[  ]日 boxes. Drawn: day, month, year, era."""
        fill = self._fill(name)
        baseline = top + height / 2 + (ASCENT - 0.5) * size
        era_boxes = self.options(eras, x, baseline, size=size, pitch=size + 12)
        era_area = union(list(era_boxes.values()), 2.0)
        at = era_area[2] + 8
        parts: dict[str, dict] = {"era": {"layout": "circled", "box": era_area, "options": list(eras),
                                          "option_boxes": era_boxes, "value": None}}
        for part, w, word in (("year", year_w, "年"), ("month", md_w, "月"), ("day", md_w, "日")):
            self.rect(at, top, at + w, top + height, 0.6)
            parts[part] = {"layout": "boxes", "box": box(at, top, at + w, top + height), "original": None}
            at = self.text(word, at + w + 2, baseline, size) + 4
        area = box(era_area[0], min(top, era_area[1]), at, max(top + height, era_area[3]))
        entry = self._truth(name, label, "wareki_date", "boxes", area, position, required,
                            value=None, original=None, parts=parts)
        if fill is not None:
            assert isinstance(fill, DateParts) and fill.era in era_boxes, (name, fill)
            entry["value"], entry["original"] = fill.value, fill.original
            op, style = self._circler(era_boxes, fill.era, fill.mark or "ellipse", None)
            parts["era"]["value"] = fill.era
            parts["era"]["mark"] = style
            ops = []
            for part in ("day", "month", "year"):
                written = getattr(fill, part)
                parts[part]["original"] = written
                ops.append(self._centred(written, parts[part]["box"], size + 1))
            ops.append(op)
            self._queue(name, ops)
        return area

    def _centred(self, text: str, b: BoxT, size: float) -> ValueOp:
        room = b[2] - b[0] - 2 * VALUE_PAD
        s = min(size, room / self.fonts.width(text, 1, self.fonts.fill))
        w = self.fonts.width(text, s, self.fonts.fill)
        return _writer(text, (b[0] + b[2]) / 2 - w / 2, baseline_in(b, s), s)

    def check_complete(self) -> None:
        """Every value given to the sheet was laid out (a misspelt field name fails loudly)."""
        if self.fills is not None:
            unknown = sorted(set(self.fills) - set(self.fields))
            if unknown:
                raise ValueError(f"values for fields that are not on the form: {unknown}")


def _ellipse_op(cx: float, cy: float, rx: float, ry: float, style: str) -> ValueOp:
    return lambda pen: pen.ellipse(cx, cy, rx, ry, style)


def _writer(text: str, x: float, baseline: float, size: float) -> ValueOp:
    return lambda pen: pen.write(text, x, baseline, size)


def baseline_in(b: Sequence[float], size: float) -> float:
    """The baseline that centres a glyph box of ``size`` vertically in ``b``."""
    return (b[1] + b[3]) / 2 + (ASCENT - 0.5) * size


# --- rendering ---------------------------------------------------------------------------------

# how the values sit in the content stream (never the reading order):
STREAM_ORDERS = (
    "printed_then_shuffled",  # all printed text first, then each field's value in a random order
    "values_then_printed",  # the values first (last field first), the printed form after them
    "shuffled_glyphs_reversed",  # printed first, fields shuffled, each string drawn last glyph first
)


def render(path: Path, sheet: Sheet, title: str, stream_order: str, rng: random.Random) -> None:
    c = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("jichitai-rpa samples")
    c.setCreator("samples/procedures/generate.py")
    groups = list(sheet.groups)
    pen = Pen(c, sheet.fonts, stream_order == "shuffled_glyphs_reversed")

    def draw_values(order: list[ValueGroup]) -> None:
        for g in order:
            for op in g.ops:
                op(pen)

    if stream_order == "values_then_printed":
        draw_values(groups[::-1])
    for op in sheet.printed:
        op(c)
    if stream_order in ("printed_then_shuffled", "shuffled_glyphs_reversed"):
        rng.shuffle(groups)
        draw_values(groups)
    elif stream_order != "values_then_printed":
        raise ValueError(stream_order)
    c.showPage()
    c.save()
