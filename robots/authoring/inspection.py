"""Template inspection: a picture of a form (or of a scan, aligned to the blank form) with
the template's field boxes drawn over it, so a person can see why a field was missed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np

from connectors.scan import load_pages, to_pixels
from robots.reading.reader import is_scan
from robots.reading.scan.reader import DPI, align_pages
from shared.config.template import FormTemplate

__all__ = ["inspect_form"]

SCALE = 0.5  # the picture is written at half the reading resolution (150 dpi)
COLORS = {"text": (200, 80, 0), "circled": (0, 140, 0), "ticked": (0, 0, 220), "checkbox": (0, 0, 220)}


def _pages(path: Path, template: FormTemplate, template_dir: Path) -> list[np.ndarray]:
    """The pages of the form at ``path`` as the template's boxes apply to them (grayscale, at
    the reading resolution): a scan aligned to the blank form, a digital PDF rendered."""
    if is_scan(path, template):
        return align_pages(path, template, template_dir)
    return [page.image for page in load_pages(path, template.pages)]


def _get(part: Any, key: str) -> Any:
    return part.get(key) if isinstance(part, dict) else getattr(part, key, None)


def _boxes(binding: Any) -> list[Any]:
    """The boxes to draw of a field: its box, its options, or each of its parts' boxes."""
    parts = getattr(binding, "parts", None)
    if parts:
        boxes: list[Any] = []
        for part in parts.values():
            options, box = _get(part, "options"), _get(part, "box")
            boxes += list(options.values()) if isinstance(options, dict) else [box] if box is not None else []
        return boxes
    return list(binding.options.values()) if isinstance(binding.options, dict) else ([binding.box] if binding.box else [])


def inspect_form(path: Path, template: FormTemplate, template_dir: Path, out_dir: Path) -> list[Path]:
    """Write one PNG per page with the boxes drawn; returns their paths."""
    written = []
    for number, page in enumerate(_pages(Path(path), template, template_dir), start=1):
        canvas = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
        for name, binding in template.fields.items():
            if binding.page != number:
                continue
            boxes = _boxes(binding)
            color = COLORS.get(binding.read, COLORS["text"])
            for box in boxes:
                x0, top, x1, bottom = to_pixels(box, DPI)
                cv2.rectangle(canvas, (x0, top), (x1, bottom), color, 3)
            if boxes:
                x0, top, _, _ = to_pixels(boxes[0], DPI)
                cv2.putText(canvas, name, (x0 + 4, max(20, top - 6)), cv2.FONT_HERSHEY_SIMPLEX, 0.9, color, 2)
        small = cv2.resize(canvas, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
        target = Path(out_dir) / f"{Path(path).stem}-inspect-p{number}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(target), small)
        written.append(target)
    return written
