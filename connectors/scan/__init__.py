"""Scanned pages: loading, registration to the blank form, and field zones."""

from connectors.scan.align import Aligner, Alignment, NotAligned
from connectors.scan.pages import IMAGE_SUFFIXES, ScanPage, load_pages
from connectors.scan.zones import clean_zone, close_gaps, cut, ink_ratio, to_pixels

__all__ = [
    "IMAGE_SUFFIXES", "Aligner", "Alignment", "NotAligned", "ScanPage", "clean_zone", "close_gaps", "cut", "ink_ratio",
    "load_pages", "to_pixels",
]
