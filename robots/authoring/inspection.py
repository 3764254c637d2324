"""Template inspection: a picture of a form (or of a scan, aligned to the blank form) with
the template's field boxes drawn over it, so a person can see why a field was missed.

Each box is drawn solid. Around a circled option, dashed lines show the ring the reader
looks at for a circle, and inside a tick box the area it looks at for a mark — computed by
the same functions the readers use (``robots.reading.marks``), from what is printed in the
box: on a digital PDF its characters or square, on a scan the blank form's print."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np

from connectors.pdf import PdfDocument, open_pdf
from connectors.scan import load_pages, to_pixels
from robots.reading import pdf_marks
from robots.reading.marks import ring_band, tick_area
from robots.reading.reader import is_scan
from robots.reading.scan import marks as scan_marks
from robots.reading.scan.reader import DPI, align_pages, blank_pages
from shared.config.template import FieldBinding, FormTemplate

__all__ = ["examined_areas", "inspect_form"]

Box = tuple[float, float, float, float]
SCALE = 0.5  # the picture is written at half the reading resolution (150 dpi)
COLORS = {"text": (200, 80, 0), "circled": (0, 140, 0), "ticked": (0, 0, 220), "checkbox": (0, 0, 220),
          "parts": (160, 0, 160)}
DASH = 12  # pixels (at the reading resolution) of each dash, and of each gap


def _pages(path: Path, template: FormTemplate, template_dir: Path) -> list[np.ndarray]:
    """The pages of the form at ``path`` as the template's boxes apply to them (grayscale, at
    the reading resolution): a scan aligned to the blank form, a digital PDF rendered."""
    if is_scan(path, template):
        return align_pages(path, template, template_dir)
    return [page.image for page in load_pages(path, template.pages)]


Core = Callable[[str, int, Box], Box]  # (mark kind, page, box) -> the printed thing in the box


def _marks(binding: FieldBinding) -> Iterator[tuple[str, Box]]:
    """Every box of a field with how it is read: text, circled or ticked."""
    if binding.parts:
        for part in binding.parts.values():
            kind = "circled" if part.options else "text"
            yield from ((kind, box) for box in part.boxes)
    elif isinstance(binding.options, dict):
        yield from ((binding.read, box) for box in binding.options.values())
    elif binding.box is not None:
        yield ("ticked" if binding.read == "checkbox" else binding.read), binding.box


def examined_areas(binding: FieldBinding, core: Core) -> list[tuple[str, Box, list[Box]]]:
    """For each box of ``binding``: (how it is read, the box, the edges of the area the reader
    looks at — a circled option's ring, inner and outer; a tick box's inside)."""
    areas = []
    for kind, box in _marks(binding):
        if kind == "circled":
            areas.append((kind, box, list(ring_band(core(kind, binding.page, box)))))
        elif kind == "ticked":
            areas.append((kind, box, [tick_area(core(kind, binding.page, box))]))
        else:
            areas.append((kind, box, []))
    return areas


def _pdf_core(pdf: PdfDocument) -> Core:
    def core(kind: str, page: int, box: Box) -> Box:
        return pdf_marks.option_core(pdf, page, box) if kind == "circled" else pdf_marks.tick_core(pdf, page, box)
    return core


def _scan_core(blanks: list[np.ndarray]) -> Core:
    def core(kind: str, page: int, box: Box) -> Box:
        blank = blanks[page - 1]
        return scan_marks.printed_core(blank, box) if kind == "circled" else scan_marks.tick_core(blank, box)
    return core


def _dashed(canvas: np.ndarray, box: Box, color: tuple[int, int, int]) -> None:
    x0, top, x1, bottom = to_pixels(box, DPI)
    for (ax, ay), (bx, by) in (((x0, top), (x1, top)), ((x1, top), (x1, bottom)), ((x1, bottom), (x0, bottom)),
                               ((x0, bottom), (x0, top))):
        length = max(abs(bx - ax), abs(by - ay))
        for start in range(0, length, 2 * DASH):
            end = min(length, start + DASH)
            p = (ax + (bx - ax) * start // max(length, 1), ay + (by - ay) * start // max(length, 1))
            q = (ax + (bx - ax) * end // max(length, 1), ay + (by - ay) * end // max(length, 1))
            cv2.line(canvas, p, q, color, 2)


def _draw(canvas: np.ndarray, name: str, binding: FieldBinding, core: Core) -> None:
    areas = examined_areas(binding, core)
    color = COLORS["parts" if binding.parts else binding.read]
    for kind, box, edges in areas:
        x0, top, x1, bottom = to_pixels(box, DPI)
        cv2.rectangle(canvas, (x0, top), (x1, bottom), COLORS[kind] if binding.parts else color, 3)
        for edge in edges:
            _dashed(canvas, edge, COLORS[kind] if binding.parts else color)
    if areas:
        x0, top, _, _ = to_pixels(areas[0][1], DPI)
        cv2.putText(canvas, name, (x0 + 4, max(20, top - 6)), cv2.FONT_HERSHEY_SIMPLEX, 0.9, color, 2)


def inspect_form(path: Path, template: FormTemplate, template_dir: Path, out_dir: Path) -> list[Path]:
    """Write one PNG per page with the boxes drawn; returns their paths."""
    path = Path(path)
    scan = is_scan(path, template)
    pdf = None if scan else open_pdf(path)
    try:
        core = _scan_core(blank_pages(template, template_dir)) if scan else _pdf_core(pdf)  # type: ignore[arg-type]
        written = []
        for number, page in enumerate(_pages(path, template, template_dir), start=1):
            canvas = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
            for name, binding in template.fields.items():
                if binding.page == number:
                    _draw(canvas, name, binding, core)
            small = cv2.resize(canvas, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
            target = Path(out_dir) / f"{path.stem}-inspect-p{number}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(target), small)
            written.append(target)
        return written
    finally:
        if pdf is not None:
            pdf.close()
