"""Images for the HTML run report: crops of each field from the source form, and
screenshots, as data URIs (the report is one self-contained file)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from connectors.pdf.render import render_pages
from shared.config.template import FieldBinding, FormTemplate
from shared.errors import InputFileError

__all__ = ["field_box", "form_crops", "png_data_uri", "screenshot_uri"]

CROP_SCALE = 2.0  # digital PDFs are rendered at 144 dpi for the crops
MAX_SHOT_WIDTH = 1000  # screenshots are scaled down to this width
OPTION_TEXT_REACH = 70.0  # points right of the last tick box, to show its option's text


def png_data_uri(image: Image.Image, max_width: int | None = None) -> str:
    if max_width and image.width > max_width:
        image = image.resize((max_width, round(image.height * max_width / image.width)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def screenshot_uri(path: Path) -> str:
    with Image.open(path) as image:
        return png_data_uri(image.convert("RGB"), MAX_SHOT_WIDTH)


def field_box(binding: FieldBinding) -> tuple[float, float, float, float] | None:
    """The area of a field on its page: its box, the union of its option boxes, or of its
    parts' boxes (a composite field, ``FieldBinding.area``)."""
    if binding.parts:
        return binding.area
    if isinstance(binding.options, dict) and binding.options:
        boxes = list(binding.options.values())
        reach = OPTION_TEXT_REACH if binding.read == "ticked" else 4  # a tick box's option text is right of it
        return (min(b[0] for b in boxes) - 4, min(b[1] for b in boxes) - 4,
                max(b[2] for b in boxes) + reach, max(b[3] for b in boxes) + 4)
    return tuple(binding.box) if binding.box is not None else None  # type: ignore[return-value]


def _pdf_pages(path: Path, count: int) -> list[tuple[Image.Image, float]]:
    return [(image, CROP_SCALE) for image in render_pages(path, dpi=CROP_SCALE * 72, max_pages=count)]


def _scan_pages(path: Path, template: FormTemplate, template_dir: Path) -> list[tuple[Image.Image, float]]:
    from robots.reading.scan.reader import DPI, align_pages

    return [(Image.fromarray(page), DPI / 72) for page in align_pages(path, template, template_dir)]


def form_crops(path: Path, template: FormTemplate, template_dir: Path, names: list[str], scan: bool) -> dict[str, str]:
    """Crops of ``names`` from the form at ``path`` (a digital PDF rendered with pypdfium2, or
    a scan aligned to the blank form), as data URIs. An unreadable file gives no crops."""
    try:
        pages = _scan_pages(path, template, template_dir) if scan else _pdf_pages(path, template.pages)
    except (InputFileError, OSError):
        return {}
    crops: dict[str, str] = {}
    for name in names:
        binding = template.fields.get(name)
        box = field_box(binding) if binding is not None else None
        if box is None or binding is None or binding.page > len(pages):
            continue
        image, scale = pages[binding.page - 1]
        x0, top, x1, bottom = (round(v * scale) for v in box)
        crop = image.crop((max(0, x0), max(0, top), min(image.width, x1), min(image.height, bottom)))
        if crop.width and crop.height:
            crops[name] = png_data_uri(crop, 600)
    return crops
