"""What the PDF reader remembers between files must never let a file through that the full
checks would refuse: files that passed are known by their bytes and the limits they passed,
streams by their bytes. And the paths read through pdfium's C interface are the paths
pypdfium2's own walk finds."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from bad_inputs import BLANK_FORM, HELVETICA, claim, one_page_pdf, stream

from connectors.pdf import document, open_pdf
from shared.errors import InputFileError
from shared.pdfcheck import forget_checked


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_checked()
    yield
    forget_checked()


def _refusal(path: Path) -> str | None:
    try:
        open_pdf(path).close()
    except InputFileError as exc:
        return exc.key
    return None


def test_a_file_that_passed_is_checked_again_under_lower_limits(monkeypatch, tmp_path):
    path = tmp_path / "claim.pdf"
    path.write_bytes(claim("claim-001.pdf"))
    assert _refusal(path) is None
    assert _refusal(path) is None  # remembered
    monkeypatch.setattr(document, "MAX_INFLATED_BYTES", 4096)
    assert _refusal(path) == "pdf.inflated_too_large"


def test_a_file_changed_in_place_is_checked_again(tmp_path):
    """Same name, same size, other bytes: an active name written into the passed file."""
    path = tmp_path / "form.pdf"
    clean = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", HELVETICA)
    path.write_bytes(clean)
    assert _refusal(path) is None
    changed = clean.replace(b"/Type /Catalog", b"/JavaScript 0 ", 1)
    assert len(changed) == len(clean) and changed != clean
    path.write_bytes(changed)
    assert _refusal(path) == "pdf.active_content"


def _with_big_stream(text: bytes) -> bytes:
    """A page whose content stream inflates to about 1 MB, and a second stream of the same
    bytes (an unused object): the size of the second is the remembered one of the first."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET\n" % text + b" " * (1 << 20)
    return one_page_pdf(content, HELVETICA, extra_objects=[stream(content, compress=True)])


def test_a_stream_remembered_counts_its_full_size_against_a_later_budget(monkeypatch, tmp_path):
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    first.write_bytes(_with_big_stream(b"one"))
    second.write_bytes(_with_big_stream(b"one") + b"\n% another file, the same streams\n")
    assert _refusal(first) is None  # 2 MB of content: within 16 MB
    monkeypatch.setattr(document, "MAX_CONTENT_BYTES", 3 * 2**20 // 2)  # the two streams together exceed it
    assert _refusal(second) == "pdf.inflated_too_large"
    monkeypatch.setattr(document, "MAX_CONTENT_BYTES", 4 * 2**20)
    assert _refusal(second) is None


def test_paths_read_through_the_c_interface_are_pypdfium2s_paths():
    pdf = pdfium.PdfDocument(BLANK_FORM)
    expected = []
    for index in range(len(pdf)):
        page = pdf[index]
        height = page.get_height()
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
            left, bottom, right, top = obj.get_bounds()
            expected.append((index + 1, (left, height - top, right, height - bottom)))
        page.close()
    pdf.close()
    with open_pdf(BLANK_FORM) as form:
        found = [(number, shape.box) for number in (1, 2) for shape in form.shapes(number)]
        lazily = [(number, form.shape(number, i).box) for number in (1, 2) for i in range(len(form.paths(number)))]
    assert len(found) > 50
    assert found == expected == lazily


def test_a_path_not_read_before_its_page_closed_cannot_be_read_after():
    form = open_pdf(BLANK_FORM)
    paths = form.paths(1)
    first = form.shape(1, 0)
    form.close()
    assert paths.shape(0) == first  # read while open: kept
    with pytest.raises(RuntimeError):
        paths.shape(1)
