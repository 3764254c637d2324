"""The digital sample forms as pixels, and scanned pages as image files.

Reading: ``render_page`` draws one page of a sample PDF with pypdfium2 at a given dpi.
Writing: ``write_images`` stores scanned pages the way scanners and multifunction printers
do — an image-only PDF or a multi-page TIFF holding both pages of a claim, or one PNG/JPEG
per page. Output bytes depend only on the pixels and the settings (no timestamps).
"""

from __future__ import annotations

import io
import json
import math
import time
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image

from samples.forms import layout
from samples.forms.generate import DEFAULT_OUT as FORMS_DIR

FORMATS = {"pdf": ".pdf", "tiff": ".tif", "png": ".png", "jpeg": ".jpg"}
MULTI_PAGE = {"pdf", "tiff"}
# a fixed date for the PDF info dictionary, so that PDFs are byte-identical run to run
PDF_DATE = time.struct_time((2024, 11, 5, 9, 0, 0, 1, 310, 0))


def load_form_truth(forms_dir: Path = FORMS_DIR) -> dict[str, dict]:
    """The digital forms' ``truth.json`` (written by ``python -m samples.forms.generate``)."""
    path = Path(forms_dir) / "truth.json"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} がありません。先に `python -m samples.forms.generate` を実行してください / "
            f"{path} is missing: run `python -m samples.forms.generate` first"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def page_pixels(dpi: int) -> tuple[int, int]:
    """Width and height in pixels of an upright A4 page scanned at ``dpi`` (pdfium rounds up)."""
    k = dpi / 72
    return math.ceil(layout.PAGE_WIDTH * k - 1e-6), math.ceil(layout.PAGE_HEIGHT * k - 1e-6)


def render_page(pdf: Path, page: int, dpi: int) -> np.ndarray:
    """Page ``page`` (1-based) of ``pdf`` at ``dpi`` as an RGB ``uint8`` array (rows, cols, 3)."""
    with pypdfium2.PdfDocument(str(pdf)) as doc:
        image = doc[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    return np.asarray(image).copy()


def write_images(path: Path, images: list[Image.Image], fmt: str, dpi: int | None, quality: int | None) -> None:
    """Write scanned pages: ``pdf``/``tiff`` hold every page, ``png``/``jpeg`` exactly one.

    Greyscale and colour pages are JPEG-compressed (``quality``) inside PDF and TIFF; 1-bit
    pages use CCITT Group 4, as fax machines and MFPs do.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(FORMATS)}")
    if fmt not in MULTI_PAGE and len(images) != 1:
        raise ValueError(f"{fmt} holds one page, got {len(images)}")
    bilevel = images[0].mode == "1"
    if bilevel != all(im.mode == "1" for im in images):
        raise ValueError("all pages of one file must be 1-bit or none")
    if not bilevel and fmt != "png" and quality is None:
        raise ValueError(f"{path.name}: a JPEG quality is needed for {images[0].mode} pages in {fmt}")
    first, rest = images[0], images[1:]
    options: dict = {"dpi": (dpi, dpi)} if dpi else {}
    if fmt == "pdf":
        options = {
            "resolution": float(dpi or 72),
            "title": path.stem,
            "producer": "samples/scans/generate.py",
            "creationDate": PDF_DATE,
            "modDate": PDF_DATE,
        }
        if not bilevel:
            options["quality"] = quality
        first.save(path, "PDF", save_all=True, append_images=rest, **options)
    elif fmt == "tiff":
        compression = "group4" if bilevel else "jpeg"
        extra = {} if bilevel else {"quality": quality}
        first.save(path, "TIFF", save_all=True, append_images=rest, compression=compression, **options, **extra)
    elif fmt == "png":
        first.save(path, "PNG", optimize=False, **options)
    else:
        if bilevel:
            raise ValueError("a 1-bit page cannot be stored as JPEG")
        first.save(path, "JPEG", quality=quality, **options)


def png_bytes(image: Image.Image, dpi: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()
