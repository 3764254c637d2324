"""A corpus of bad input files for the intake and reading robots, generated at test time.

    from bad_inputs import CORPUS, write_corpus
    written = write_corpus(inbox, outside)   # one file (or link, or folder) per case

Each ``Case`` says what the pipeline must do with its file:

- ``expect="failed"``: the file is taken in, archived, read, and its item ends in
  ``failed_business`` with the catalog key ``key`` (unreadable files also go to
  ``work/quarantine`` with a Japanese ``.理由.txt``);
- ``expect="new"``: the file is a readable claim despite its oddity (a rotated page, a
  repairable cross-reference table, an odd name) and waits for entry as ``new``;
- ``expect="duplicate_file"``: the same bytes as another file in the corpus: archived and
  moved, counted as skipped, never read twice;
- ``expect="ignored"``: not taken at all (a symbolic link, a folder, a name the glob does
  not match) and left exactly where it was.

Files are built from the committed sample claims, with reportlab and pypdfium2, or as raw
PDF bytes written by hand; all are small on disk (the largest is the 300-page file) and
the same on every run. Nothing here imports the library under test.
"""

from __future__ import annotations

import io
import os
import random
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

__all__ = ["CASES_BY_KIND", "CLAIMS", "CORPUS", "Case", "Written", "raw_pdf", "write_corpus"]

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "samples" / "forms" / "claims"
BLANK_FORM = REPO / "scenarios" / "jidou-teate-nintei" / "forms" / "blank.pdf"
SEED = 20240401


# -- raw PDF writing ---------------------------------------------------------------------
def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    """The body of a stream object (``extra`` goes into its dictionary)."""
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def raw_pdf(objects: list[bytes], root: int = 1, header: bytes = b"%PDF-1.7") -> bytes:
    """A classic PDF file: object ``i + 1`` is ``objects[i]``; a correct xref table."""
    out = bytearray(header + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start)
    return bytes(out)


def one_page_pdf(content: bytes, resources: bytes = b"<< >>", media_box: bytes = b"[0 0 595 842]",
                 extra_objects: list[bytes] | None = None) -> bytes:
    """Catalog 1, pages 2, page 3, contents 4, then ``extra_objects`` as 5, 6, ..."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 4 0 R >>" % (media_box, resources),
        stream(content, compress=True),
        *(extra_objects or []),
    ])


HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def object_body(pdf: bytes, number: int) -> bytes:
    """The dictionary of object ``number`` in a classic PDF (the sample claims)."""
    found = re.findall(rb"\n%d 0 obj\s*(<<.*?>>)\s*endobj" % number, pdf, re.S)
    assert found, f"object {number} must be a plain dictionary"
    return found[-1]


def with_entries(body: bytes, entries: bytes) -> bytes:
    return body[: body.rfind(b">>")] + entries + b"\n>>"


def root_of(pdf: bytes) -> int:
    return int(re.findall(rb"/Root (\d+) 0 R", pdf)[-1])


def first_page_of(pdf: bytes) -> int:
    return int(re.findall(rb"/Kids \[\s*(\d+) 0 R", pdf)[0])


def incremental_update(pdf: bytes, changed: dict[int, bytes], new_objects: list[bytes]) -> bytes:
    """Append an update to a classic PDF: new versions of the objects in ``changed`` and
    ``new_objects`` numbered from the trailer's /Size on (``{n}`` in any of them stands for
    the first new number), with an xref section chained to the old one by /Prev."""
    size = int(re.findall(rb"/Size (\d+)", pdf)[-1])
    previous = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    bodies = {**changed, **{size + index: obj for index, obj in enumerate(new_objects)}}
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number, body in bodies.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body.replace(b"{n}", b"%d" % size))
    start = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(size + len(new_objects), max(offsets) + 1), root_of(pdf), previous, start)
    return bytes(out)


def with_catalog_entries(pdf: bytes, entries: bytes, new_objects: list[bytes]) -> bytes:
    root = root_of(pdf)
    return incremental_update(pdf, {root: with_entries(object_body(pdf, root), entries)}, new_objects)


# -- other helpers -------------------------------------------------------------------------
def claim(name: str) -> bytes:
    return (CLAIMS / name).read_bytes()


def pdfium_bytes(build: Callable[[pdfium.PdfDocument], None], source: bytes | None = None) -> bytes:
    pdf = pdfium.PdfDocument(source) if source is not None else pdfium.PdfDocument.new()
    try:
        build(pdf)
        buffer = io.BytesIO()
        pdf.save(buffer)
        # pdfium writes a random file /ID and the time: fix both (same lengths) so every run writes the same bytes
        data = re.sub(rb"D:\d{14}", b"D:20240401090000", buffer.getvalue())
        return re.sub(rb"(?<=/ID\[)\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>",
                      lambda m: re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)), data)
    finally:
        pdf.close()


def pages_of(source: bytes, indices: list[int]) -> bytes:
    """A new PDF holding ``indices`` (0-based) of ``source``, in that order."""
    src = pdfium.PdfDocument(source)
    try:
        return pdfium_bytes(lambda pdf: pdf.import_pages(src, indices))
    finally:
        src.close()


def png(width: int, height: int) -> bytes:
    """A gray PNG image, made with the standard library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def garbage(size: int, salt: int) -> bytes:
    data = random.Random(SEED + salt).randbytes(size)
    return data.replace(b"%PDF", b"%pdf")


def image_page(width: int, height: int, bits: int, pixels: bytes, place: bytes) -> bytes:
    """A one-page PDF whose only content is one gray image XObject drawn with ``place`` (cm)."""
    image = stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                           b"/BitsPerComponent %d" % (width, height, bits), compress=True)
    return one_page_pdf(b"q %s cm /Im1 Do Q" % place, b"<< /XObject << /Im1 5 0 R >> >>", extra_objects=[image])


def text_pdf_reportlab(lines: list[str], encrypt: object = None) -> bytes:
    """A one-page PDF with Japanese text in a standard (not embedded) CID font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595.27, 841.89), invariant=1, encrypt=encrypt)
    c.setFont("HeiseiKakuGo-W5", 14)
    for index, line in enumerate(lines):
        c.drawString(72, 770 - 24 * index, line)
    c.showPage()
    c.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    """Opens only with a password (a user password, not just an owner password)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    return text_pdf_reportlab(["児童手当 認定請求書"], StandardEncryption("user-pw", ownerPassword="owner-pw"))


# -- the builders, one per kind ------------------------------------------------------------
def truncated() -> bytes:
    data = claim("claim-005.pdf")
    return data[: len(data) // 2]


def javascript_open_action() -> bytes:
    return with_catalog_entries(claim("claim-010.pdf"), b" /OpenAction {n} 0 R",
                                [b"<< /Type /Action /S /JavaScript /JS (app.alert\\('hello'\\);) >>"])


def launch_action() -> bytes:
    return with_catalog_entries(claim("claim-015.pdf"), b" /OpenAction {n} 0 R",
                                [b"<< /Type /Action /S /Launch /F (cmd.exe) >>"])


def three_hundred_pages() -> bytes:
    def add_blank_pages(pdf: pdfium.PdfDocument) -> None:
        for _ in range(298):
            pdf.new_page(595, 842).close()
    return pdfium_bytes(add_blank_pages, claim("claim-011.pdf"))


def six_pages() -> bytes:
    """claim-021 and four blank pages: within what a PDF may have, too many for this form."""
    def add_blank_pages(pdf: pdfium.PdfDocument) -> None:
        for _ in range(4):
            pdf.new_page(595, 842).close()
    return pdfium_bytes(add_blank_pages, claim("claim-021.pdf"))


def checkerboard(side: int = 200) -> bytes:
    return bytes(((x // 20 + y // 20) % 2) * 255 for y in range(side) for x in range(side))


def scanned_pages(count: int, media_box: bytes = b"[0 0 595 842]") -> bytes:
    """``count`` image-only pages sharing one content stream and one image (a few kB)."""
    side = 200
    width, height = (float(v) for v in media_box.strip(b"[]").split()[2:])
    image = stream(checkerboard(side), b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                                       b"/BitsPerComponent 8" % (side, side), compress=True)
    content = stream(b"q %g 0 0 %g 0 0 cm /Im1 Do Q" % (width, height), compress=True)
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /XObject << /Im1 3 0 R >> >> /Contents 4 0 R >>"
             % media_box] * count
    kids = b" ".join(b"%d 0 R" % (5 + index) for index in range(count))
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
                    image, content, *pages])


def image_only() -> bytes:
    """What a scanner makes: the page is one picture (here a checkerboard, not the form)."""
    return scanned_pages(1)


def giant_image() -> bytes:
    """A 20000 x 20000 px 1-bit image (50 MB when decoded, 60 kB on disk): never rasterized."""
    side = 20000
    return image_page(side, side, 1, bytes(side * side // 8), b"595 0 0 842 0 0")


def wrong_form() -> bytes:
    return text_pdf_reportlab(["住民票の写し等交付請求書", "請求者氏名", "使用目的"])


def blank_page() -> bytes:
    return one_page_pdf(b"")


def zip_file() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("claim-019.pdf", "claim-020.pdf"):  # stored: each PDF lies in the ZIP as is
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 4, 1, 9, 0, 0)), claim(name))
    return buffer.getvalue()


def concatenated() -> bytes:
    """Two claims joined end to end (``copy /b a.pdf+b.pdf``): a reader sees only the second."""
    return claim("claim-017.pdf") + claim("claim-018.pdf")


def html_page() -> bytes:
    return ("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>ログイン</title></head>"
            "<body><p>セッションの有効期限が切れました。</p></body></html>\n").encode()


def utf16_text() -> bytes:
    return "児童手当 認定請求書\r\n請求者氏名: \r\n".encode("utf-16")


def header_then_garbage() -> bytes:
    return b"%PDF-1.7\n" + garbage(4096, 2)


def broken_xref() -> bytes:
    """A whole, valid claim whose xref offsets are all wrong: PDF readers rebuild the table."""
    data = claim("claim-016.pdf")
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    table = data[start:]
    table = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), table)
    return data[:start] + table


def broken_xref_and_objects() -> bytes:
    """A one-page PDF whose xref points nowhere and whose objects are cut short."""
    data = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (hello) Tj ET", HELVETICA)
    data = re.sub(rb"(\d{10}) 00000 n", b"9999999999 00000 n", data)
    return data.replace(b"endobj", b"").replace(b"/Type /Page ", b"/Type /Pag ")


def zero_pages() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def page_tree_loop() -> bytes:
    """The page tree points back at itself (a reader that follows it blindly never ends)."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>"])


def huge_media_box() -> bytes:
    return one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Application form) Tj ET", HELVETICA,
                        media_box=b"[0 0 9999999 9999999]")


def rotated_claim() -> bytes:
    def rotate(pdf: pdfium.PdfDocument) -> None:
        for index in range(len(pdf)):
            page = pdf[index]
            page.set_rotation(90)
            page.close()
    return pdfium_bytes(rotate, claim("claim-007.pdf"))


def same_record_other_bytes() -> bytes:
    """claim-001's very record, saved again (different bytes, same My Number)."""
    return claim("claim-001.pdf") + b"% saved again\n"


def page2_missing() -> bytes:
    return pages_of(claim("claim-008.pdf"), [0])


def pages_swapped() -> bytes:
    return pages_of(claim("claim-006.pdf"), [1, 0])


def attachment() -> bytes:
    def attach(pdf: pdfium.PdfDocument) -> None:
        pdf.new_attachment("readme.exe").set_data(b"MZ\x90\x00 not really a program")
    return pdfium_bytes(attach, claim("claim-012.pdf"))


def acroform_fields() -> bytes:
    """A fillable form: the value typed into its field is not part of the page text."""
    data = claim("claim-013.pdf")
    root, page = root_of(data), first_page_of(data)
    widget = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (claimant_name) /V (typed value) "
              b"/Rect [152 629 543 664] /P %d 0 R /F 4 >>" % page)
    return incremental_update(data, {
        root: with_entries(object_body(data, root), b" /AcroForm << /Fields [{n} 0 R] >>"),
        page: with_entries(object_body(data, page), b" /Annots [{n} 0 R]"),
    }, [widget])


def xfa_form() -> bytes:
    xdp = (b'<?xml version="1.0"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">'
           b'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"/></xdp:xdp>')
    return with_catalog_entries(claim("claim-014.pdf"),
                                b" /AcroForm << /Fields [] /XFA {n} 0 R >> /NeedsRendering true",
                                [stream(xdp)])


def flate_bomb() -> bytes:
    """A page whose content stream is 33 kB on disk and 32 MB when decompressed (spaces)."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    body = b"".join(compressor.compress(block) for _ in range(32)) + compressor.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(body), body)
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", content])


def many_paths() -> bytes:
    """200 000 tiny vector strokes on one page (6 kB on disk): seconds and hundreds of MB to
    walk one by one, and a million of them is only 30 kB."""
    return one_page_pdf(b"0 0 m 1 1 l S\n" * 200_000)


def apple_double() -> bytes:
    """The resource-fork file macOS leaves beside each file it copies to a share (``._name``)."""
    return b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(64)


# -- the corpus ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    kind: str
    name: str  # file name in the inbox folder
    build: Callable[[], bytes] | None
    expect: str  # failed | new | duplicate_file | ignored
    key: str | None = None  # catalog key of the reason (expect == "failed")
    note: str = ""
    special: str | None = None  # symlink | directory | bytes_name


LONG_ASCII = "claim-with-a-very-long-file-name-" + "x" * 163 + ".pdf"  # 200 characters
LONG_JAPANESE = "児童手当認定請求書" * 9 + "添付.pdf"  # 87 characters, 253 bytes in UTF-8 (ext4 allows 255)
SJIS_NAME = "あい.pdf"  # written as the Shift_JIS bytes of this name, not as UTF-8

CORPUS: list[Case] = [
    Case("zero_bytes", "zero-bytes.pdf", lambda: b"", "failed", "pdf.empty"),
    Case("truncated", "truncated.pdf", truncated, "failed", "pdf.broken", "first half of claim-005"),
    Case("javascript", "javascript.pdf", javascript_open_action, "failed", "pdf.active_content",
         "claim-010 with /OpenAction JavaScript"),
    Case("launch_action", "launch-action.pdf", launch_action, "failed", "pdf.active_content",
         "claim-015 with /OpenAction /Launch"),
    Case("encrypted", "encrypted.pdf", encrypted_pdf, "failed", "pdf.encrypted"),
    Case("three_hundred_pages", "300-pages.pdf", three_hundred_pages, "failed", "pdf.page_limit",
         "claim-011 and 298 blank pages"),
    Case("six_pages", "6-pages.pdf", six_pages, "failed", "pdf.too_many_pages", "claim-021 and 4 blank pages"),
    Case("image_only", "scanned-image.pdf", image_only, "failed", "scan.cannot_align",
         "image-only: goes to the scan reader, which finds no form in a checkerboard"),
    Case("giant_image", "giant-image.pdf", giant_image, "failed", "scan.cannot_align",
         "20000x20000 px, 1 bit, on an A4 page: rendered at 300 dpi, never at its own size"),
    Case("scan_300_pages", "scanned-300-pages.pdf", lambda: scanned_pages(300), "failed", "pdf.page_limit",
         "image-only: the scan reader would render all 300 pages (2.6 GB)"),
    Case("scan_huge_page", "scanned-huge-page.pdf", lambda: scanned_pages(1, b"[0 0 14400 14400]"), "failed",
         "pdf.page_too_large", "image-only 5 m x 5 m page: 60001 px square at 300 dpi (14 GB); 871 bytes on disk"),
    Case("wrong_form", "wrong-form.pdf", wrong_form, "failed", "pdf.wrong_form", "住民票の写し等交付請求書"),
    Case("blank_page", "blank-page.pdf", blank_page, "failed", "pdf.blank_page"),
    Case("zip_as_pdf", "zip.pdf", zip_file, "failed", "pdf.not_pdf",
         "a ZIP storing two claims: pdfium would read the first one as the file"),
    Case("concatenated", "two-claims-joined.pdf", concatenated, "failed", "pdf.several_documents",
         "claim-017 + claim-018: only claim-018 would be read, claim-017 lost"),
    Case("html_as_pdf", "html.pdf", html_page, "failed", "pdf.not_pdf"),
    Case("png_as_pdf", "png.pdf", lambda: png(32, 32), "failed", "pdf.not_pdf"),
    Case("utf16_text", "utf16.pdf", utf16_text, "failed", "pdf.not_pdf"),
    Case("garbage", "garbage.pdf", lambda: garbage(4096, 1), "failed", "pdf.not_pdf"),
    Case("header_then_garbage", "header-garbage.pdf", header_then_garbage, "failed", "pdf.broken"),
    Case("broken_xref_repairable", "broken-xref.pdf", broken_xref, "new", None,
         "claim-016 with every xref offset wrong: rebuilt by the reader, the claim is intact"),
    Case("broken_xref_and_objects", "broken-objects.pdf", broken_xref_and_objects, "failed", "pdf.broken"),
    Case("zero_pages", "zero-pages.pdf", zero_pages, "failed", "pdf.broken", "a page tree with no page"),
    Case("page_tree_loop", "page-tree-loop.pdf", page_tree_loop, "failed", "pdf.broken"),
    Case("huge_media_box", "huge-mediabox.pdf", huge_media_box, "failed", "pdf.page_too_large"),
    Case("rotated", "rotated.pdf", rotated_claim, "new", None,
         "claim-007 with /Rotate 90 on every page: only the view turns, the text is where the template says"),
    Case("same_record", "claim-001_saved-again.pdf", same_record_other_bytes, "failed", "item.duplicate",
         "claim-001's My Number in other bytes"),
    Case("all_blank", "all-blank.pdf", lambda: BLANK_FORM.read_bytes(), "failed", "item.invalid_fields"),
    Case("page2_missing", "page2-missing.pdf", page2_missing, "failed", "pdf.page_missing"),
    Case("pages_swapped", "pages-swapped.pdf", pages_swapped, "failed", "pdf.page_order"),
    Case("attachment", "attachment.pdf", attachment, "failed", "pdf.active_content", "claim-012 with an embedded file"),
    Case("acroform", "acroform.pdf", acroform_fields, "failed", "pdf.form_fields", "claim-013 with a text field"),
    Case("xfa", "xfa.pdf", xfa_form, "failed", "pdf.active_content", "claim-014 with an XFA form"),
    Case("flate_bomb", "flate-bomb.pdf", flate_bomb, "failed", "pdf.inflated_too_large",
         "32 MB of spaces in 33 kB; pdfium itself would hold every byte (2 MB on disk was 3 GB in memory)"),
    Case("many_paths", "many-paths.pdf", many_paths, "failed", "pdf.too_complex"),
    Case("apple_double", "._claim-001.pdf", apple_double, "failed", "pdf.not_pdf"),
    Case("long_ascii_name", LONG_ASCII, lambda: garbage(300, 3), "failed", "pdf.not_pdf"),
    Case("long_japanese_name", LONG_JAPANESE, lambda: garbage(300, 4), "failed", "pdf.not_pdf"),
    Case("japanese_name_with_spaces", "認定請求書 第2号 （受付分）.pdf", lambda: claim("claim-002.pdf"), "new", None,
         "a valid claim (claim-002)"),
    Case("valid", "claim-001.pdf", lambda: claim("claim-001.pdf"), "new", None, "a valid claim"),
    Case("uppercase_extension", "SCAN0001.PDF", lambda: garbage(500, 5), "failed", "pdf.not_pdf",
         "Windows scanners write .PDF: taken like .pdf"),
    Case("duplicate_bytes_first", "dup-a.pdf", lambda: garbage(777, 6), "failed", "pdf.not_pdf"),
    Case("duplicate_bytes_second", "dup-b.pdf", lambda: garbage(777, 6), "duplicate_file", None,
         "the same bytes as dup-a.pdf"),
    Case("not_matching_glob", "memo.txt", lambda: b"", "ignored", None, "0 bytes, not *.pdf"),
    Case("directory", "folder.pdf", None, "ignored", None, special="directory"),
]
if sys.platform != "win32":  # creating symbolic links needs a privilege on Windows
    CORPUS.append(Case("symlink", "link.pdf", None, "ignored", None, "points outside the inbox", special="symlink"))
if sys.platform.startswith("linux"):  # other systems refuse names that are not valid Unicode
    CORPUS.append(Case("shift_jis_name", SJIS_NAME, lambda: garbage(200, 7), "failed", "pdf.not_pdf",
                       "name in Shift_JIS bytes, reported as あい.pdf", special="bytes_name"))

CASES_BY_KIND = {case.kind: case for case in CORPUS}


@dataclass(frozen=True)
class Written:
    case: Case
    path: Path  # in the inbox (for a bytes name: the path Python sees, with surrogates)
    data: bytes | None


def write_corpus(inbox: Path, outside: Path) -> list[Written]:
    """Write every case into ``inbox``; the symlink's target is written in ``outside``."""
    inbox.mkdir(parents=True, exist_ok=True)
    written = []
    for case in CORPUS:
        path = inbox / case.name
        data = case.build() if case.build else None
        if case.special == "symlink":
            outside.mkdir(parents=True, exist_ok=True)
            target = outside / "secret-outside-inbox.pdf"
            target.write_bytes(claim("claim-003.pdf"))
            path.symlink_to(target)
        elif case.special == "directory":
            path.mkdir()
            (path / "inside.pdf").write_bytes(claim("claim-004.pdf"))
        elif case.special == "bytes_name":
            raw = os.fsencode(inbox) + b"/" + case.name.encode("shift_jis")
            fd = os.open(raw, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data or b"")
            path = Path(os.fsdecode(raw))
        else:
            path.write_bytes(data or b"")
        written.append(Written(case, path, data))
    return written
