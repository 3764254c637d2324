"""Field zones of an aligned page: cut out, clean (ruled lines removed, cropped to ink),
and measure ink for tick boxes and circled options."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["clean_zone", "close_gaps", "cut", "ink_ratio", "to_pixels"]

Box = tuple[float, float, float, float]


def to_pixels(box: Box, dpi: float) -> tuple[int, int, int, int]:
    scale = dpi / 72
    x0, top, x1, bottom = box
    return int(round(x0 * scale)), int(round(top * scale)), int(round(x1 * scale)), int(round(bottom * scale))


def cut(page: np.ndarray, box: Box, dpi: float, grow_pt: float = 0.0) -> np.ndarray:
    x0, top, x1, bottom = to_pixels((box[0] - grow_pt, box[1] - grow_pt, box[2] + grow_pt, box[3] + grow_pt), dpi)
    height, width = page.shape[:2]
    return page[max(0, top):min(height, bottom), max(0, x0):min(width, x1)]


def _ink(zone: np.ndarray) -> np.ndarray:
    """Binary mask of ink (dark pixels), robust to grey paper and JPEG noise."""
    if zone.size == 0:
        return np.zeros_like(zone, dtype=np.uint8)
    _, mask = cv2.threshold(zone, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if zone.min() > 170:  # nothing dark at all: Otsu would split paper noise
        mask[:] = 0
    return mask


def ink_ratio(page: np.ndarray, box: Box, dpi: float, grow_pt: float = 0.0) -> float:
    zone = cut(page, box, dpi, grow_pt)
    if zone.size == 0:
        return 0.0
    return float((zone < 140).mean())


def clean_zone(zone: np.ndarray, pad: int = 12) -> np.ndarray | None:
    """The zone's writing on white, with ruled lines removed and cropped to ink; None when
    the zone is empty."""
    mask = _ink(zone)
    if not mask.any():
        return None
    height, width = mask.shape
    for kernel in ((max(15, width // 3), 1), (1, max(15, height * 2 // 3))):
        lines = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        mask = cv2.subtract(mask, cv2.dilate(lines, np.ones((3, 3), np.uint8)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    keep = np.zeros_like(mask)
    min_area = max(4, (height * width) // 20000)
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        touches_edge = x == 0 or y == 0 or x + w >= width or y + h >= height
        if area >= min_area and not (touches_edge and (w < 4 or h < 4)):
            keep[labels == label] = 255
    if not keep.any():
        return None
    ys, xs = np.nonzero(keep)
    crop = keep[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    text = np.where(crop > 0, zone[ys.min():ys.max() + 1, xs.min():xs.max() + 1], 255).astype(np.uint8)
    return cv2.copyMakeBorder(text, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


WIDE_GAP, NARROW_GAP = 0.5, 0.25  # in line heights


def close_gaps(line: np.ndarray) -> np.ndarray:
    """A line with each wide blank gap narrowed: digits written one per box (マス目), once
    the box lines are gone, stand far apart, and OCR then reads digits into the gaps."""
    ink = line < 128
    rows = np.nonzero(ink.any(axis=1))[0]
    if len(rows) == 0:
        return line
    height = rows[-1] - rows[0] + 1
    columns = ink.any(axis=0)
    keep = np.ones(line.shape[1], bool)
    inked = np.nonzero(columns)[0]
    for left, right in zip(inked[:-1], inked[1:], strict=True):
        if right - left - 1 > WIDE_GAP * height:
            keep[left + 1 + int(NARROW_GAP * height): right] = False
    return line[:, keep]
