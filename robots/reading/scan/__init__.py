"""Scanned forms: pages aligned to the blank form, fields read by OCR and by ink, checked
against each other and decided by shape where the print is familiar."""

from robots.reading.scan.reader import DPI, ScanRecord, align_pages, read_scan

__all__ = ["DPI", "ScanRecord", "align_pages", "read_scan"]
