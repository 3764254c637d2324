"""PDF connector: open a PDF and read text, marks and words by position.

    with open_pdf(path) as pdf:
        pdf.text_in_box(1, (72, 100, 300, 120))
"""

from connectors.pdf.document import PdfDocument, Shape, open_pdf
from connectors.pdf.render import render_pages

__all__ = ["PdfDocument", "Shape", "open_pdf", "render_pages"]
