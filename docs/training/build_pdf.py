"""The trainer pack as PDF, offline: docs/training/slides.md (one 16:9 page per slide, slides
split at lines of ``---``) and docs/training/cheatsheet.md (one A4 page) rendered to HTML with
markdown-it-py (installed with rich) and printed to PDF by Chromium (Debian's, else
Playwright's), in the IPAex Gothic font.

    .venv/bin/python docs/training/build_pdf.py --out build/training     # make training-pdf

It fails, naming the slide, when a slide does not fit its page, when the cheat sheet takes more
than one page, or when a PDF does not embed the Japanese font."""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from markdown_it import MarkdownIt

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FONTS = ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")
SLIDE_BREAK = re.compile(r"^---[ \t]*$", re.M)

CSS = """
@font-face { font-family: "Kenshu Gothic"; src: local("IPAexGothic"), local("IPAexゴシック"), url("FONT_URL"); }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Kenshu Gothic", "IPAexGothic", "Yu Gothic", "Meiryo", sans-serif; color: #1a1a1a; }
code, pre { font-family: "VL Gothic", "Kenshu Gothic", monospace; }  /* fixed width (diagrams line up), and a backslash, not a yen sign */
table { border-collapse: collapse; }
th, td { border: 1px solid #9aa7b4; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #e6edf5; }
pre { background: #f3f5f8; border-left: 4px solid #2b5d8a; padding: 0.5em 0.8em; white-space: pre-wrap; }
code { background: #f3f5f8; padding: 0 0.2em; }
pre code { background: none; padding: 0; }
"""

SLIDES_CSS = """
@page { size: 297mm 167mm; margin: 0; }
.slide { width: 297mm; height: 167mm; padding: 12mm 18mm 10mm; overflow: hidden; page-break-after: always;
         break-after: page; position: relative; font-size: 17pt; line-height: 1.45; }
.slide:last-child { page-break-after: auto; break-after: auto; }
.slide h1 { font-size: 26pt; color: #1f4e79; border-bottom: 3px solid #2b5d8a; margin: 0 0 0.5em; padding-bottom: 0.15em; }
.slide h2 { font-size: 19pt; color: #2b5d8a; }
.slide pre { font-size: 14pt; line-height: 1.3; margin: 0.4em 0; }
.slide table { font-size: 15pt; margin: 0.3em 0; }
.slide ul, .slide ol { margin: 0.3em 0; padding-left: 1.4em; }
.slide p { margin: 0.35em 0; }
.slide .number { position: absolute; right: 12mm; bottom: 6mm; font-size: 10pt; color: #7a8794; }
.slide.title { display: flex; flex-direction: column; justify-content: center; }
.slide.title h1 { font-size: 34pt; border: none; }
"""

SHEET_CSS = """
@page { size: A4; margin: 10mm 11mm; }
body { font-size: 10.8pt; line-height: 1.42; }
h1 { font-size: 17pt; color: #1f4e79; margin: 0 0 0.3em; border-bottom: 2px solid #2b5d8a; }
h2 { font-size: 12pt; color: #1f4e79; margin: 0.8em 0 0.25em; }
p { margin: 0.25em 0; }
table { width: 100%; margin: 0.2em 0; }
th, td { padding: 0.15em 0.4em; }
td:first-child { white-space: nowrap; }
"""


def font_url() -> str:
    for font in FONTS:
        if Path(font).is_file():
            return Path(font).as_uri()
    raise SystemExit("日本語フォント（IPAexゴシック）がありません。sudo apt-get install fonts-ipaexfont-gothic を実行してください。")


def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")  # our own files: comments are notes


def page(title: str, css: str, body: str) -> str:
    style = CSS.replace("FONT_URL", font_url()) + css
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head><body>{body}</body></html>")


def slides_html(source: str) -> tuple[str, int]:
    md = markdown()
    parts = [part.strip() for part in SLIDE_BREAK.split(source)]
    parts = [part for part in parts if re.sub(r"<!--.*?-->", "", part, flags=re.S).strip()]
    body = []
    for number, part in enumerate(parts, start=1):
        kind = "slide title" if number == 1 else "slide"
        body.append(f'<section class="{kind}" data-number="{number}">{md.render(part)}'
                    f'<div class="number">{number} / {len(parts)}</div></section>')
    return page("スライド", SLIDES_CSS, "".join(body)), len(parts)


def sheet_html(source: str) -> str:
    return page("早見表", SHEET_CSS, markdown().render(source))


def _browser(playwright):
    sys.path.insert(0, str(REPO))
    from robots.demo import chromium_settings  # the same Chromium the tests and the demo use

    settings = chromium_settings()
    options: dict = {"headless": True, "args": list(settings.get("args") or [])}
    if settings.get("executable"):
        options["executable_path"] = settings["executable"]
    return playwright.chromium.launch(**options)


def print_pdf(browser, document: str, target: Path, *, slides: bool) -> list[str]:
    """Print ``document`` to ``target``; returns the numbers of slides whose content overflows."""
    page_ = browser.new_page()
    try:
        page_.set_content(document, wait_until="load")
        page_.evaluate("document.fonts.ready")
        overflowing = page_.evaluate(
            "[...document.querySelectorAll('section.slide')].filter(s => s.scrollHeight > s.clientHeight + 1"
            " || s.scrollWidth > s.clientWidth + 1).map(s => s.dataset.number)") if slides else []
        page_.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    finally:
        page_.close()
    return overflowing


def pdf_facts(path: Path) -> tuple[int, set[str]]:
    """Pages and embedded font names of a PDF (read with pypdfium2's raw objects, no rendering)."""
    data = path.read_bytes()
    fonts = {name.decode("latin-1") for name in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", data)}
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document), fonts
    finally:
        document.close()


def build(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    slides, count = slides_html((HERE / "slides.md").read_text(encoding="utf-8"))
    sheet = sheet_html((HERE / "cheatsheet.md").read_text(encoding="utf-8"))
    targets = {"slides": out / "slides.pdf", "cheatsheet": out / "cheatsheet.pdf"}
    problems = []
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            overflowing = print_pdf(browser, slides, targets["slides"], slides=True)
            print_pdf(browser, sheet, targets["cheatsheet"], slides=False)
        finally:
            browser.close()
    problems += [f"スライド {n} が1ページに収まりません。文を減らすか、2枚に分けてください。" for n in overflowing]
    pages, fonts = pdf_facts(targets["slides"])
    if pages != count:
        problems.append(f"slides.pdf が {pages} ページです（スライドは {count} 枚）。")
    sheet_pages, sheet_fonts = pdf_facts(targets["cheatsheet"])
    if sheet_pages != 1:
        problems.append(f"早見表が {sheet_pages} ページになりました。1ページに収まるように短くしてください。")
    for name, found in (("slides.pdf", fonts), ("cheatsheet.pdf", sheet_fonts)):
        if not any("IPAex" in font for font in found):
            problems.append(f"{name} に日本語フォント（IPAexゴシック）が埋め込まれていません（{', '.join(sorted(found))}）。")
    if problems:
        raise SystemExit("\n".join(problems))
    return list(targets.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="研修のスライドと早見表を PDF にします")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "training", help="出力先フォルダ")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"書き出しました: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
