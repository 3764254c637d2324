"""Render the pages of a PDF to images (scans that are PDFs, blank forms, report crops)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from shared.errors import InputFileError

__all__ = ["render_pages"]


def render_pages(path: Path, *, dpi: float, grayscale: bool = False, max_pages: int | None = None) -> list[Image.Image]:
    """The first ``max_pages`` pages (all when None) at ``dpi``, as ``L`` or ``RGB`` images.
    Raises ``InputFileError`` (``pdf.broken``) when pdfium cannot open the file."""
    import pypdfium2 as pdfium

    path = Path(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise InputFileError("pdf.broken", file=path.name) from exc
    try:
        images = []
        for index in range(len(pdf) if max_pages is None else min(len(pdf), max_pages)):
            page = pdf[index]
            try:
                images.append(page.render(scale=dpi / 72, grayscale=grayscale).to_pil().convert("L" if grayscale else "RGB"))
            finally:
                page.close()
        return images
    finally:
        pdf.close()
