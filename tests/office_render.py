"""LibreOffice headless for the Office tests: convert a file, render a PDF page to PNG."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["SOFFICE", "convert", "ink_ratio", "render_png", "soffice"]

SOFFICE = shutil.which("soffice")


def convert(source: Path, to: str, out_dir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to TO`` with a private profile (runs never clash)."""
    assert SOFFICE
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    target = out_dir / (source.stem + "." + to.split(":")[0])
    assert result.returncode == 0 and target.is_file(), result.stdout + result.stderr
    return target


def render_png(pdf: Path, png: Path, page: int = 0) -> Path:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        document[page].render(scale=1.5).to_pil().save(png)
    finally:
        document.close()
    return png


def ink_ratio(png: Path) -> float:
    """Share of pixels that are not near-white."""
    from PIL import Image

    image = Image.open(png).convert("L")
    histogram = image.histogram()
    return sum(histogram[:200]) / max(1, sum(histogram))


import pytest  # noqa: E402


@pytest.fixture
def soffice(tmp_path: Path):
    """``convert(source, to, out_dir)`` through LibreOffice with this test's own profile."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc libreoffice-writer")
    profile = tmp_path / "libreoffice-profile"
    return lambda source, to, out_dir: convert(source, to, out_dir, profile)
