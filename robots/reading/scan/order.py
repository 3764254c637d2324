"""Reading order of the writing in a scanned zone: a zone holding several lines is read line
by line, top to bottom, and joined (as a digital PDF's lines are); a 縦書き zone is read
column by column, right to left, each column's characters set side by side for the engine.
One line reads as it always did: one call to the engine."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from shared.text_order import Direction

if TYPE_CHECKING:
    from connectors.ocr import OcrResult

__all__ = ["LINE_GAP", "columns", "lines", "read_in_order"]

INK = 128
LINE_GAP = 0.2  # blank rows between two lines: this share of a line's height at least
MIN_LINE = 0.35  # a band lower than this share of the tallest one belongs to its neighbour (a dot, a mark)
CELL = 1.15  # a vertical column is cut into characters about as tall as the column is wide
PAD = 12


def _runs(flags: object) -> list[tuple[int, int]]:
    """Runs of True in a 1-D array as (first, last + 1)."""
    runs: list[list[int]] = []
    for index in np.flatnonzero(np.asarray(flags)).tolist():
        if runs and index == runs[-1][1]:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])
    return [(start, end) for start, end in runs]


def _thin(ink: np.ndarray, band: tuple[int, int]) -> bool:
    """A band far lower than the pieces in it are wide: strokes of flat characters (ニ, ー,
    二) or a dot, not a line of its own."""
    widths = sorted(end - start for start, end in _runs(ink[band[0]:band[1]].any(axis=0)))
    return bool(widths) and band[1] - band[0] < MIN_LINE * widths[len(widths) // 2]


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of inked rows of ``ink`` as (first, last + 1): lines apart by ``LINE_GAP`` of a
    line's height; a thin band belongs to the nearer of its neighbours."""
    bands = _runs(ink.any(axis=1))
    if not bands:
        return []
    tallest = max(end - start for start, end in bands)
    merged: list[tuple[int, int]] = []
    for band in bands:
        if merged and band[0] - merged[-1][1] < LINE_GAP * tallest:
            merged[-1] = (merged[-1][0], band[1])
        else:
            merged.append(band)
    while len(merged) > 1 and (thin := [i for i, band in enumerate(merged) if _thin(ink, band)]):
        i = thin[0]
        gap_up = merged[i][0] - merged[i - 1][1] if i > 0 else None
        gap_down = merged[i + 1][0] - merged[i][1] if i + 1 < len(merged) else None
        j = i - 1 if gap_down is None or (gap_up is not None and gap_up <= gap_down) else i + 1
        first, last = min(i, j), max(i, j)
        merged[first:last + 1] = [(merged[first][0], merged[last][1])]
    return merged


def _padded(image: np.ndarray) -> np.ndarray:
    return np.pad(image, PAD, constant_values=255)


def lines(zone: np.ndarray) -> list[np.ndarray]:
    """The lines of a cleaned zone (dark writing on white), top to bottom."""
    bands = _bands(zone < INK)
    if len(bands) < 2:
        return [zone]
    return [_padded(zone[start:end]) for start, end in bands]


def columns(zone: np.ndarray) -> list[np.ndarray]:
    """The columns of a cleaned 縦書き zone, right to left."""
    bands = _bands((zone < INK).T)
    return [_padded(zone[:, start:end]) for start, end in reversed(bands)] if bands else [zone]


def _as_line(column: np.ndarray) -> np.ndarray:
    """A vertical column's characters set side by side: cells about as tall as the column is
    wide, cut at blank rows."""
    ink = column < INK
    inked = np.flatnonzero(ink.any(axis=0))
    width = int(inked[-1] - inked[0]) + 1 if len(inked) else column.shape[1]
    cells: list[tuple[int, int]] = []
    for start, end in _runs(ink.any(axis=1)):
        if cells and end - cells[-1][0] <= CELL * width:
            cells[-1] = (cells[-1][0], end)
        else:
            cells.append((start, end))
    height = max((end - start for start, end in cells), default=column.shape[0])
    pieces = []
    for start, end in cells:
        cell = column[start:end]
        top = (height - cell.shape[0]) // 2
        pieces.append(np.pad(cell, ((top, height - cell.shape[0] - top), (0, PAD // 2)), constant_values=255))
    return _padded(np.hstack(pieces)) if pieces else column


def read_in_order(engine, zone: np.ndarray, *, kind: str, whitelist: str | None,
                  direction: Direction = "horizontal") -> OcrResult:
    """The engine's reading of a cleaned zone in reading order: one call for one line; each
    line (column) read alone and the texts joined when there are several."""
    pieces = [_as_line(column) for column in columns(zone)] if direction == "vertical" else lines(zone)
    if len(pieces) == 1:
        return engine.recognize(pieces[0], kind=kind, whitelist=whitelist, single_line=True)
    results = [engine.recognize(piece, kind=kind, whitelist=whitelist, single_line=True) for piece in pieces]
    read = [r for r in results if r.text]
    if not read:
        return results[0]  # nothing read
    return dataclasses.replace(read[0], text="".join(r.text for r in read), confidence=min(r.confidence for r in read),
                               symbols=tuple(s for r in read for s in r.symbols), boxes=())
