"""Marks made on the paper before it is scanned: a red 受付印 (date stamp) and fold lines.

Positions are in PDF points with a top-left origin, like ``samples/forms/layout.py``, so a
test can compare them with the form's cells. Drawing works on the upright page rendered at
``dpi`` and happens before the page is skewed and shifted on the scanner bed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.forms import layout
from samples.forms.generate import FILL_FONT, FONT_FILES

STAMP_RED = (205, 35, 45)
PLACEMENTS = ("margin", "label")


@dataclass(frozen=True)
class Stamp:
    """A round 日付印: office name on top, the date in the middle band, 受付 below."""

    page: int
    center: tuple[float, float]  # points, top-left origin
    radius: float  # points
    angle_deg: float  # counter-clockwise, as PIL's Image.rotate
    placement: str  # margin | label
    office: str
    date: str  # ISO date printed in the stamp (as 令和 Y.M.D)
    opacity: float

    def __post_init__(self) -> None:
        if self.placement not in PLACEMENTS:
            raise ValueError(f"Stamp.placement must be one of {PLACEMENTS}, got {self.placement!r}")
        if not 20 <= self.radius <= 50:
            raise ValueError(f"Stamp.radius must be 20–50 pt, got {self.radius}")

    def bbox(self) -> layout.Box:
        (x, y), r = self.center, self.radius
        return layout.Box(x - r, y - r, x + r, y + r)

    def as_truth(self) -> dict:
        d = asdict(self)
        d["center"] = [round(v, 2) for v in self.center]
        d["radius"] = round(self.radius, 2)
        d["angle_deg"] = round(self.angle_deg, 2)
        d["opacity"] = round(self.opacity, 2)
        d["over_labels"], d["over_values"] = overlaps(self)
        return d


@dataclass(frozen=True)
class Fold:
    """Horizontal creases where the sheet was folded (in half or in three for an envelope);
    each throws a shadow band of ``band`` points below it."""

    lines: tuple[float, ...]  # top coordinates, points
    band: float  # shadow width, points
    darkness: float  # 0..1: how much the crease darkens white paper

    def __post_init__(self) -> None:
        if not 0 < self.darkness <= 0.5:
            raise ValueError(f"Fold.darkness must be in (0, 0.5], got {self.darkness}")

    def as_truth(self) -> dict:
        return {
            "lines": [round(v, 2) for v in self.lines],
            "band": round(self.band, 2),
            "darkness": round(self.darkness, 3),
        }


def _intersects(a: layout.Box, b: layout.Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def overlaps(stamp: Stamp) -> tuple[list[str], list[str]]:
    """The printed labels and the value boxes (field names) the stamp's square touches."""
    box = stamp.bbox()
    page = layout.PAGES[stamp.page - 1]
    labels, values = [], []
    for cell in page.cells:
        c = cell.content
        if isinstance(c, layout.Label) and _intersects(box, cell.box):
            labels.append(c.text)
        elif isinstance(c, (layout.Text, layout.Digits, layout.Circled, layout.Ticked)):
            if _intersects(box, layout.value_box(cell)):
                values.append(c.field)
    return labels, values


def label_rows(page: int = 1) -> list[layout.Box]:
    """Label cells in the left column (where a hurried clerk's stamp often lands)."""
    return [
        c.box
        for c in layout.PAGES[page - 1].cells
        if isinstance(c.content, layout.Label) and c.box.x0 == layout.TABLE_X0
    ]


def _font(size: int) -> ImageFont.FreeTypeFont:
    for candidate in FONT_FILES[FILL_FONT]:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    raise FileNotFoundError(
        f"{FILL_FONT} が見つかりません / not found: {FONT_FILES[FILL_FONT][0]} (Debian: apt-get install fonts-ipaexfont)"
    )


def _wareki(iso: str) -> str:
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{y - 2018}.{m}.{d}"  # 令和 (every sample date is after 2019-05-01)


def draw_stamp(rgb: np.ndarray, stamp: Stamp, dpi: int, rng: np.random.Generator) -> None:
    """Ink ``stamp`` onto the RGB page in place (multiplied, so printed black stays black)."""
    k = dpi / 72
    r = stamp.radius * k
    side = int(2 * r + 8)
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    c = side / 2
    ring = max(2, int(1.6 * k))
    draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=ring)
    band = 0.3 * r
    for y in (c - band, c + band):
        half = (r * r - (y - c) ** 2) ** 0.5
        draw.line((c - half, y, c + half, y), fill=255, width=max(1, ring - 1))
    for text, y, size in (
        (stamp.office, c - band - 0.33 * r, 0.36 * r),
        (_wareki(stamp.date), c, 0.42 * r),
        ("受付", c + band + 0.33 * r, 0.36 * r),
    ):
        draw.text((c, y), text, fill=255, font=_font(max(6, int(size))), anchor="mm")
    mask = mask.rotate(stamp.angle_deg, resample=Image.BILINEAR)
    alpha = np.asarray(mask, dtype=np.float32) / 255.0
    # uneven ink: a little fading everywhere and small bare spots
    alpha *= stamp.opacity * (0.8 + 0.2 * rng.random(alpha.shape, dtype=np.float32))
    alpha[rng.random(alpha.shape, dtype=np.float32) < 0.06] *= 0.3
    x0 = int(round(stamp.center[0] * k - side / 2))
    y0 = int(round(stamp.center[1] * k - side / 2))
    h, w = rgb.shape[:2]
    sx0, sy0 = max(0, -x0), max(0, -y0)
    sx1, sy1 = min(side, w - x0), min(side, h - y0)
    if sx0 >= sx1 or sy0 >= sy1:
        return
    region = rgb[y0 + sy0 : y0 + sy1, x0 + sx0 : x0 + sx1].astype(np.float32)
    a = alpha[sy0:sy1, sx0:sx1, None]
    ink = np.array(STAMP_RED, dtype=np.float32) / 255.0
    region *= 1.0 - a * (1.0 - ink)
    rgb[y0 + sy0 : y0 + sy1, x0 + sx0 : x0 + sx1] = np.clip(region + 0.5, 0, 255).astype(np.uint8)


def draw_fold(rgb: np.ndarray, fold: Fold, dpi: int) -> None:
    """Darken each crease and the shadow band below it, in place."""
    k = dpi / 72
    h = rgb.shape[0]
    rows = np.arange(h, dtype=np.float32)
    factor = np.ones(h, dtype=np.float32)
    for top in fold.lines:
        y = top * k
        dist = rows - y
        crease = np.exp(-((dist / (0.8 * k)) ** 2))
        shadow = np.where(dist > 0, np.exp(-np.maximum(dist, 0) / (fold.band * k / 2.5)), 0.0)
        factor *= 1.0 - fold.darkness * np.maximum(crease, 0.45 * shadow)
    rgb[:] = np.clip(rgb * factor[:, None, None] + 0.5, 0, 255).astype(np.uint8)
