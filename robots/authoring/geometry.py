"""Box arithmetic for ``template new`` (pure functions on ``(x0, top, x1, bottom)`` tuples in
PDF points, the page's top-left corner the origin)."""

from __future__ import annotations

from collections.abc import Iterable

from shared.config.base import union_box

__all__ = ["Box", "area", "center", "contains", "height", "inside", "overlap", "pad", "same_column", "same_row",
           "union", "width"]

Box = tuple[float, float, float, float]
"""[left, top, right, bottom] in PDF points, the page's top-left corner the origin."""


def width(box: Box) -> float:
    return box[2] - box[0]


def height(box: Box) -> float:
    return box[3] - box[1]


def area(box: Box) -> float:
    return max(0.0, width(box)) * max(0.0, height(box))


def center(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def inside(point: tuple[float, float], box: Box, slack: float = 0.0) -> bool:
    """Whether ``point`` lies in ``box`` (grown by ``slack`` on every side)."""
    return box[0] - slack <= point[0] <= box[2] + slack and box[1] - slack <= point[1] <= box[3] + slack


def contains(outer: Box, inner: Box, slack: float = 0.5) -> bool:
    """Whether ``inner`` lies within ``outer`` (and is not the same box)."""
    return outer != inner and outer[0] <= inner[0] + slack and outer[1] <= inner[1] + slack and \
        outer[2] >= inner[2] - slack and outer[3] >= inner[3] - slack


def overlap(a: Box, b: Box) -> float:
    """The area the two boxes share."""
    return area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def union(boxes: Iterable[Box]) -> Box:
    return union_box(boxes)


def pad(box: Box, by: float) -> Box:
    """``box`` grown by ``by`` on every side (shrunk when negative)."""
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def same_row(a: Box, b: Box, share: float = 0.6) -> bool:
    """Whether the two boxes overlap vertically by ``share`` of the lower one's height."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared > share * min(height(a), height(b))


def same_column(a: Box, b: Box, share: float = 0.6) -> bool:
    """Whether the two boxes overlap horizontally by ``share`` of the narrower one's width."""
    shared = min(a[2], b[2]) - max(a[0], b[0])
    return shared > share * min(width(a), width(b))
