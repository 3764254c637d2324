"""The pages of a scan laid onto the template's blank form, and the checks a whole page gets
before any field is read: its resolution, that it is not blank, that it is this form, and that
the form was printed at its true size.

Why the print size is a page's check: a form printed "fit to page" or reduced (縮小印刷) is
registered all the same (``connectors.scan.align``), and its fields may even read, but it is
not the form as issued: its boxes and マス目 are smaller than the applicant was meant to write
in, and a field that does not read well would be blamed on the applicant, field by field
(issue #16: a form printed at 85 % came back with 14 field errors). One message for the file says what to
do instead: print at 100 % and scan again.

The scale is the one the registration measured against the page's stated resolution
(``Alignment.printed``) and against the page's picture (``Alignment.scale``, a scan of an A4
sheet). A page is refused only when both are off by more than ``PRINT_TOLERANCE`` to the same
side: a file stating a wrong resolution, or a sheet scanned as Letter, is read as before.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from connectors.pdf.render import render_pages
from connectors.scan import Aligner, Alignment, NotAligned, ScanPage, load_pages
from shared.config.template import FormTemplate
from shared.errors import InputFileError

__all__ = ["DPI", "PRINT_TOLERANCE", "align_pages", "blank_pages", "is_blank", "print_scale", "register_pages"]

DPI = 300  # the blank form is rendered, and pages are aligned, at this resolution
MIN_SCAN_DPI = 120
BLANK_INK_SHARE = 0.001  # printed forms measured 0.5-0.8% ink; blank scans 0.0%
# A page whose form is printed more than 6 % smaller or larger than issued is refused. The
# sample scanner (samples/scans) places pages at 95-105 % and those read with no silent error;
# a form printed at 85 % or 93 % is refused (tests/test_scan_print_scale.py).
PRINT_TOLERANCE = 0.06


@lru_cache(maxsize=8)
def _blank_pages(path: str) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(image) for image in render_pages(Path(path), dpi=DPI, grayscale=True))


@lru_cache(maxsize=8)
def _aligners(path: str) -> tuple[Aligner, ...]:
    return tuple(Aligner(page) for page in _blank_pages(path))


def _blank_form(name: str, template: FormTemplate, template_dir: Path) -> str:
    if template.blank_form is None:
        raise InputFileError("scan.no_blank_form", file=name, template=template.title)
    return str((template_dir / template.blank_form).resolve())


def blank_pages(template: FormTemplate, template_dir: Path) -> list[np.ndarray]:
    """The pages of the template's blank form (grayscale, at ``DPI``): what scans are aligned
    to and compared with. Raises ``InputFileError`` when the template has none."""
    return list(_blank_pages(_blank_form(template.id, template, template_dir)))


def align_pages(path: Path, template: FormTemplate, template_dir: Path) -> list[np.ndarray]:
    """The pages of the scan at ``path``, each aligned to its page of the template's blank form
    (grayscale, at ``DPI``), for pictures of a scan (``template inspect``, the run report's
    crops). Raises ``InputFileError`` when the template has no blank form, or the file is not a
    readable scan, or a page cannot be aligned."""
    name = Path(path).name
    aligners = _aligners(_blank_form(name, template, template_dir))
    pages = []
    for number, page in enumerate(load_pages(Path(path), template.pages), start=1):
        try:
            pages.append(aligners[number - 1].align(page.image)[0])
        except NotAligned as exc:
            raise InputFileError("scan.cannot_align", file=name, page=number, template=template.title) from exc
    return pages


def is_blank(image: np.ndarray) -> bool:
    """A page with (almost) no ink: nothing written or printed on it."""
    ink = cv2.medianBlur(image, 3) < 128  # the median drops isolated noise pixels, keeps ruled lines
    return float(ink.mean()) < BLANK_INK_SHARE


def print_scale(alignment: Alignment) -> float | None:
    """The size the form was printed at (1.0 = 100 %) when it is off by more than
    ``PRINT_TOLERANCE``, both by the page's stated resolution and by its picture; else None."""
    measured = alignment.printed if alignment.printed is not None else alignment.scale
    both = (measured, alignment.scale)
    if all(s < 1 - PRINT_TOLERANCE for s in both) or all(s > 1 + PRINT_TOLERANCE for s in both):
        return measured
    return None


def register_pages(name: str, pages: list[ScanPage], template: FormTemplate,
                   template_dir: Path) -> tuple[dict[int, np.ndarray], float]:
    """The scan's pages (of file ``name``) aligned to the blank form's, by form page number,
    and the least sure registration among them (``Alignment.quality``). Raises
    ``InputFileError`` — one message for the file — when a page is scanned too coarsely, is
    blank, is not this form, or holds the form printed smaller or larger than issued."""
    aligners = _aligners(_blank_form(name, template, template_dir))
    aligned: dict[int, np.ndarray] = {}
    quality = 1.0
    for number, page in enumerate(pages[: template.pages], start=1):
        if page.dpi < MIN_SCAN_DPI:
            raise InputFileError("scan.low_resolution", file=name, dpi=int(page.dpi))
        if is_blank(page.image):
            raise InputFileError("scan.blank_page", file=name, page=number)
        try:
            aligned[number], alignment = aligners[number - 1].align(page.image, page.dpi)
        except NotAligned as exc:
            raise InputFileError("scan.cannot_align", file=name, page=number, template=template.title) from exc
        scale = print_scale(alignment)
        if scale is not None:
            raise InputFileError("scan.print_scale", file=name, page=number, percent=round(scale * 100))
        quality = min(quality, alignment.quality)
    return aligned, quality
