"""The report's chart of time per step: an inline SVG bar chart (no scripts, no downloads)."""

from __future__ import annotations

import html
from typing import Any

__all__ = ["step_chart"]

MAX_BARS = 30
BAR_HEIGHT = 18
LABEL_WIDTH = 330
BAR_WIDTH = 420


def _per_step(timings: list[dict[str, Any]]) -> list[tuple[str, float, int]]:
    """(step, total seconds, runs) per step label, in the order steps first ran."""
    totals: dict[str, list[float]] = {}
    for timing in timings:
        if timing["kind"] == "in_frame":
            continue  # its inner steps are counted on their own
        totals.setdefault(timing["step"], []).append(timing["seconds"])
    return [(step, sum(seconds), len(seconds)) for step, seconds in totals.items()]


def step_chart(timings: list[dict[str, Any]]) -> str:
    """Horizontal bars of the mean seconds per step (the slowest ``MAX_BARS`` steps)."""
    rows = sorted(_per_step(timings), key=lambda row: row[1] / row[2], reverse=True)[:MAX_BARS]
    if not rows:
        return ""
    longest = max(total / runs for _, total, runs in rows) or 1.0
    height = BAR_HEIGHT * len(rows) + 10
    parts = [f'<svg id="step-chart" xmlns="http://www.w3.org/2000/svg" width="{LABEL_WIDTH + BAR_WIDTH + 90}" '
             f'height="{height}" role="img" font-size="12">']
    for index, (step, total, runs) in enumerate(rows):
        y = index * BAR_HEIGHT + 5
        mean = total / runs
        width = max(1.0, BAR_WIDTH * mean / longest)
        label = html.escape(step if len(step) <= 40 else step[:39] + "…")
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{label}</text>'
                     f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 5}" fill="#369"/>'
                     f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 13}">{mean:.2f}s ×{runs}</text>')
    parts.append("</svg>")
    return "".join(parts)
