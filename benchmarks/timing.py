"""Small timing helpers on plain numbers."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["best", "median", "timed"]

T = TypeVar("T")


def timed(function: Callable[[], T]) -> tuple[float, T]:
    """Seconds ``function()`` took, and what it returned."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def best(samples: list[float]) -> float:
    return min(samples)


def median(samples: list[float]) -> float:
    return statistics.median(samples)
