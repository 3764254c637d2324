"""Generate the sample 児童手当 認定請求書 PDFs, their ground truth and the form template.

Usage::

    python -m samples.forms.generate [--out samples/forms/claims] [--count 32] [--seed 7]

writes ``<out>/claim-NNN.pdf`` (valid filled forms), the deliberately broken files,
``<out>/truth.json``, the blank form ``samples/forms/blank/jidou-teate-nintei.pdf`` (also
copied to ``scenarios/jidou-teate-nintei/forms/blank.pdf``) and
``scenarios/jidou-teate-nintei/template.yaml``. Output is deterministic for a given seed
and count, and running it twice changes nothing.

This is ground truth: it imports only the standard library and reportlab — never the
project's ``robots``, ``connectors`` or ``shared`` packages.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
from datetime import date
from pathlib import Path

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import layout as L
from .records import FIXED, Claim, Overrides, load_postal, make_claim

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "samples" / "forms" / "claims"
BLANK_PDF = REPO / "samples" / "forms" / "blank" / "jidou-teate-nintei.pdf"
SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
TEMPLATE_YAML = SCENARIO_DIR / "template.yaml"
SCENARIO_BLANK_PDF = SCENARIO_DIR / "forms" / "blank.pdf"

TEMPLATE_ID = "jidou-teate-nintei-form"
TEMPLATE_TITLE = "児童手当 認定請求書（サンプル様式）"
ENCRYPTED_PASSWORD = "sample"  # user password of encrypted.pdf

PRINT_FONT = "IPAexMincho"  # printed form text
FILL_FONT = "IPAexGothic"  # filled-in values and glyph marks
FONT_FILES = {
    PRINT_FONT: (
        "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
    ),
    FILL_FONT: (
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    ),
}
RULE = (0.0, 0.0, 0.0)
INK = (0.05, 0.1, 0.35)  # blue-black pen

CLAIM_NAME = "claim-{:03d}.pdf"


class FontMissing(RuntimeError):
    pass


def register_fonts() -> None:
    """Register the IPAex fonts with reportlab once (subsets are embedded in each PDF)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, candidates in FONT_FILES.items():
        if name in registered:
            continue
        path = next((p for p in candidates if Path(p).is_file()), None)
        if path is None:
            raise FontMissing(
                f"{name} が見つかりません / font not found: {candidates[0]} "
                "(Debian: apt-get install fonts-ipaexfont)"
            )
        pdfmetrics.registerFont(TTFont(name, path))


def width_of(text: str, size: float, font: str = PRINT_FONT) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)


# --- drawing ---------------------------------------------------------------------------------


def _y(top: float) -> float:
    """Top-left ``top`` → reportlab's bottom-left ``y``."""
    return L.PAGE_HEIGHT - top


def _new_canvas(path: Path, encrypt=None) -> canvas.Canvas:
    register_fonts()
    c = canvas.Canvas(
        str(path), pagesize=(L.PAGE_WIDTH, L.PAGE_HEIGHT), invariant=1, pageCompression=1, encrypt=encrypt
    )
    c.setTitle(TEMPLATE_TITLE)
    c.setAuthor("jichitai-rpa samples")
    c.setCreator("samples/forms/generate.py")
    return c


def _draw_printed(c: canvas.Canvas, page: L.Page) -> None:
    c.setStrokeColorRGB(*RULE)
    c.setFillColorRGB(*RULE)
    for line in page.lines:
        c.setFont(PRINT_FONT, line.size)
        draw = {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}[line.align]
        draw(line.x, _y(line.baseline), line.text)
    for cell in page.cells:
        b = cell.box
        c.setLineWidth(0.8)
        c.rect(b.x0, _y(b.bottom), b.width, b.height, stroke=1, fill=0)
        content = cell.content
        if isinstance(content, L.Label):
            size = L.LABEL_SIZE
            assert width_of(content.text, size) <= b.width - 12, content.text
            c.setFont(PRINT_FONT, size)
            c.drawString(b.x0 + 6, _y(L.baseline_for(b, size)), content.text)
        elif isinstance(content, L.Printed):
            c.setFont(PRINT_FONT, content.size)
            c.drawCentredString((b.x0 + b.x1) / 2, _y(L.baseline_for(b, content.size)), content.text)
        elif isinstance(content, L.Circled):
            placed, seps = L.circled_options(cell, width_of)
            c.setFont(PRINT_FONT, content.size)
            for p in placed:
                c.drawString(p.x, _y(p.baseline), p.option)
            for x, baseline in seps:
                c.drawString(x, _y(baseline), "・")
        elif isinstance(content, L.Ticked):
            c.setFont(PRINT_FONT, content.size)
            for p in L.ticked_options(cell, width_of):
                s = p.square
                c.setLineWidth(0.6)
                c.rect(s.x0, _y(s.bottom), s.width, s.height, stroke=1, fill=0)
                c.drawString(p.x, _y(p.baseline), p.option)
        elif isinstance(content, L.Digits):
            c.setLineWidth(0.5)
            for d in L.digit_boxes(cell):
                c.rect(d.x0, _y(d.bottom), d.width, d.height, stroke=1, fill=0)
    for cb in page.checkboxes:
        s = cb.square
        c.setLineWidth(0.6)
        c.rect(s.x0, _y(s.bottom), s.width, s.height, stroke=1, fill=0)
        c.setFont(PRINT_FONT, cb.size)
        c.drawString(s.x1 + 6, _y(L.baseline_for(s, cb.size)), cb.text)


def _draw_text_value(c: canvas.Canvas, box: L.Box, text: str, preferred: float) -> None:
    room = box.width - 2 * L.VALUE_PAD
    fit = min(room / width_of(text, 1, FILL_FONT), box.height - 2 * L.VALUE_PAD)
    size = preferred if preferred <= fit else math.floor(fit * 10) / 10  # long values shrink to fit
    c.setFont(FILL_FONT, size)
    c.drawString(box.x0 + L.VALUE_PAD, _y(L.baseline_for(box, size)), text)


def _draw_tick(c: canvas.Canvas, square: L.Box, style: str) -> None:
    c.setLineWidth(1.2)
    x0, top, x1, bottom = square.x0, square.top, square.x1, square.bottom
    if style.startswith("glyph:"):
        glyph = style.removeprefix("glyph:")
        size = 9.0 if glyph == "レ" else 8.0
        cx, _ = square.center
        c.setFont(FILL_FONT, size)
        c.drawString(cx - width_of(glyph, size, FILL_FONT) / 2, _y(L.baseline_for(square, size)), glyph)
    elif style == "cross":
        d = 1.5
        c.line(x0 + d, _y(top + d), x1 - d, _y(bottom - d))
        c.line(x0 + d, _y(bottom - d), x1 - d, _y(top + d))
    elif style == "check":
        path = c.beginPath()
        path.moveTo(x0 + 1.5, _y(top + square.height * 0.5))
        path.lineTo(x0 + 4.0, _y(bottom - 1.5))
        path.lineTo(x1 - 1.0, _y(top + 1.0))
        c.drawPath(path, stroke=1, fill=0)
    else:
        raise ValueError(style)


def _draw_circle(c: canvas.Canvas, option: L.PlacedOption, size: float, style: str, rng: random.Random) -> None:
    """A hand-drawn-looking ○ whose bounding box always encloses the option's box."""
    c.setLineWidth(1.0)
    cx = option.x + option.width / 2 + rng.uniform(-1.2, 1.2)
    cy = option.baseline - (L.GLYPH_ASCENT - 0.5) * size + rng.uniform(-1.0, 1.0)
    rx = option.width / 2 + 6 + rng.uniform(-0.8, 1.2)
    ry = size / 2 + 5 + rng.uniform(-0.8, 1.0)
    if style == "circle":
        c.circle(cx, _y(cy), max(rx, ry), stroke=1, fill=0)
    else:
        c.ellipse(cx - rx, _y(cy) - ry, cx + rx, _y(cy) + ry, stroke=1, fill=0)


def _draw_values(c: canvas.Canvas, page: L.Page, claim: Claim, rng: random.Random) -> None:
    c.setStrokeColorRGB(*INK)
    c.setFillColorRGB(*INK)
    for cell in page.cells:
        content = cell.content
        if isinstance(content, L.Text):
            text = claim.written.get(content.field)
            if text:
                _draw_text_value(c, L.value_box(cell), text, content.size)
        elif isinstance(content, L.Digits):
            text = claim.written.get(content.field)
            if text:
                assert len(text) == content.count, (content.field, text)
                c.setFont(FILL_FONT, L.DIGIT_SIZE)
                for ch, d in zip(text, L.digit_boxes(cell), strict=False):
                    cx, _ = d.center
                    w = width_of(ch, L.DIGIT_SIZE, FILL_FONT)
                    c.drawString(cx - w / 2, _y(L.baseline_for(d, L.DIGIT_SIZE)), ch)
        elif isinstance(content, L.Circled):
            chosen = claim.values.get(content.field)
            placed, _ = L.circled_options(cell, width_of)
            for p in placed:
                if p.option == chosen:
                    _draw_circle(c, p, content.size, claim.marks[content.field], rng)
        elif isinstance(content, L.Ticked):
            chosen = claim.values.get(content.field)
            for p in L.ticked_options(cell, width_of):
                if p.option == chosen:
                    _draw_tick(c, p.square, claim.marks[content.field])
    for cb in page.checkboxes:
        if claim.values.get(cb.field):
            _draw_tick(c, cb.square, claim.marks[cb.field])


def write_form(path: Path, claim: Claim | None, rng: random.Random | None = None, pages=(1, 2), encrypt=None) -> None:
    """Draw the form; ``claim=None`` gives the blank form."""
    c = _new_canvas(path, encrypt)
    for page in L.PAGES:
        if page.number not in pages:
            continue
        _draw_printed(c, page)
        if claim is not None:
            _draw_values(c, page, claim, rng or random.Random(0))
        c.showPage()
    c.save()


def write_other_form(path: Path) -> None:
    """A different municipal form (住民票の写し等交付請求書) for the ``wrong_form`` case."""
    c = _new_canvas(path)
    c.setTitle("住民票の写し等交付請求書（サンプル）")
    c.setFont(PRINT_FONT, 18)
    c.drawCentredString(L.PAGE_WIDTH / 2, _y(78), "住民票の写し等交付請求書")
    c.setFont(PRINT_FONT, 10)
    c.drawCentredString(L.PAGE_WIDTH / 2, _y(96), "（サンプル様式）")
    rows = (
        ("請求日", "令和6年7月1日"),
        ("窓口に来た人", "見本\u3000花子"),
        ("住所", "東京都千代田区千代田1-2-3"),
        ("必要なもの", "住民票の写し（世帯全員）"),
        ("使いみち", "勤務先への提出"),
        ("通数", "1通"),
    )
    top = 120.0
    for label, value in rows:
        c.setStrokeColorRGB(*RULE)
        c.setFillColorRGB(*RULE)
        c.setLineWidth(0.8)
        c.rect(L.TABLE_X0, _y(top + 32), L.LABEL_X1 - L.TABLE_X0, 32, stroke=1, fill=0)
        c.rect(L.LABEL_X1, _y(top + 32), L.TABLE_X1 - L.LABEL_X1, 32, stroke=1, fill=0)
        c.setFont(PRINT_FONT, 10)
        c.drawString(L.TABLE_X0 + 6, _y(top + 20), label)
        c.setFillColorRGB(*INK)
        c.setFont(FILL_FONT, 11)
        c.drawString(L.LABEL_X1 + 6, _y(top + 20), value)
        top += 32
    c.showPage()
    c.save()


# --- truth -------------------------------------------------------------------------------------


def _entry(claim: Claim | None, problem: str | None = None, problem_field: str | None = None) -> dict:
    broken = problem is not None
    names = L.field_names()
    return {
        "status": "broken" if broken else "valid",
        "problem": problem,
        "problem_field": problem_field,
        "target_rejects": claim.target_rejects if claim else None,
        "fields": {n: claim.values[n] for n in names} if claim else {},
        # the text as written on the form (None for marks and empty cells)
        "originals": {n: claim.written[n] for n in names} if claim else {},
        # how each mark is drawn: ellipse | circle | glyph:レ | glyph:■ | cross | check
        "marks": dict(sorted(claim.marks.items())) if claim else {},
    }


def _claim_rng(seed: int, kind: str, key: object) -> random.Random:
    return random.Random(f"{seed}:{kind}:{key}")


def _broken(out: Path, seed: int, postal: dict[str, str]) -> dict[str, dict]:
    truth: dict[str, dict] = {}

    def claim_for(name: str, ov: Overrides | None = None) -> Claim:
        return make_claim(_claim_rng(seed, "broken", name), postal, ov)

    def marks_rng(name: str) -> random.Random:
        return _claim_rng(seed, "marks", name)

    (out / "empty.pdf").write_bytes(b"")
    truth["empty.pdf"] = _entry(None, "empty_file")

    (out / "not-a-pdf.pdf").write_text(
        "これはPDFではありません。拡張子だけが .pdf のテキストファイルです（サンプルの壊れたファイル）。\n",
        encoding="utf-8",
    )
    truth["not-a-pdf.pdf"] = _entry(None, "not_pdf")

    claim = claim_for("encrypted.pdf")
    write_form(
        out / "encrypted.pdf",
        claim,
        marks_rng("encrypted.pdf"),
        encrypt=StandardEncryption(ENCRYPTED_PASSWORD, ownerPassword="owner-" + ENCRYPTED_PASSWORD, strength=128),
    )
    truth["encrypted.pdf"] = _entry(None, "encrypted")

    write_other_form(out / "other-form.pdf")
    truth["other-form.pdf"] = _entry(None, "wrong_form")

    claim = claim_for("page-missing.pdf")
    write_form(out / "page-missing.pdf", claim, marks_rng("page-missing.pdf"), pages=(1,))
    truth["page-missing.pdf"] = _entry(None, "page_missing")

    def field_case(name: str, field: str, problem: str, written: str | None, ov: Overrides | None = None) -> None:
        claim = claim_for(name, ov)
        claim.set(field, None, written)
        write_form(out / name, claim, marks_rng(name))
        truth[name] = _entry(claim, problem, field)

    field_case("blank-required.pdf", "claimant_name", "missing", None)

    claim = claim_for("bad-mynumber.pdf")
    number = str(claim.values["my_number"])
    bad = number[:11] + str((int(number[11]) + 3) % 10)
    field_case("bad-mynumber.pdf", "my_number", "invalid", bad)

    field_case("heisei31-may.pdf", "birth_date", "invalid", "平成31年5月1日", Overrides(birth_date=(date(1988, 5, 1), "kanji")))
    field_case("impossible-date.pdf", "child1_birth_date", "invalid", "令和2年2月30日")
    # kanji in the furigana cell: not katakana
    kana_claim = claim_for("kana-invalid.pdf")
    surname_kana = str(kana_claim.values["claimant_kana"]).split("\u3000")[0]
    given = str(kana_claim.values["claimant_name"]).split("\u3000")[1]
    field_case("kana-invalid.pdf", "claimant_kana", "invalid", f"{surname_kana}\u3000{given}")
    return truth


def generate(out_dir: Path | str = DEFAULT_OUT, count: int = 32, seed: int = 7) -> Path:
    """Write ``count`` valid claims and the broken files into ``out_dir``; return truth.json's path."""
    if count < 1:
        raise ValueError("count must be at least 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    postal = load_postal()
    truth: dict[str, dict] = {}
    for i in range(count):
        name = CLAIM_NAME.format(i + 1)
        claim = make_claim(_claim_rng(seed, "claim", i), postal, FIXED.get(i))
        write_form(out / name, claim, _claim_rng(seed, "marks", name))
        truth[name] = _entry(claim)
    for stale in out.glob("claim-*.pdf"):  # forms left over from a larger --count
        if stale.name not in truth:
            stale.unlink()
    truth.update(_broken(out, seed, postal))
    path = out / "truth.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


# --- blank form and template -----------------------------------------------------------------


def write_blank(path: Path = BLANK_PDF) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_form(path, None)
    return path


def template_dict() -> dict:
    """The template as plain data (what ``template.yaml`` must load to)."""
    return {
        "schema_version": 1,
        "id": TEMPLATE_ID,
        "title": TEMPLATE_TITLE,
        "pages": len(L.PAGES),
        "fingerprint": {"keywords": list(L.KEYWORDS)},
        "blank_form": "forms/blank.pdf",
        "fields": L.template_fields(width_of),
    }


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _box(b: list[float]) -> str:
    return "[" + ", ".join(_num(v) for v in b) + "]"


def render_template_yaml() -> str:
    t = template_dict()
    out = [
        "# 児童手当 認定請求書（サンプル様式）のフォームテンプレート",
        "# Generated by `python -m samples.forms.generate` from samples/forms/layout.py; do not edit by hand.",
        "# The blank form is forms/blank.pdf (A4 portrait, 2 pages).",
        "#",
        "# Boxes are PDF points with a top-left origin, [x0, top, x1, bottom] (pdfplumber's convention).",
        "# A text field's box is its cell inset by 2pt: the printed label is in a separate cell.",
        "# Digit fields (my_number, account_number) box the whole row of printed マス目, one digit per box.",
        "# read: circled = the chosen option is enclosed by a drawn ellipse/circle (vector curve);",
        "# read: ticked / checkbox = a mark inside the printed square: a glyph (レ or ■), two crossing",
        "# lines (×) or a check stroke (a two-segment path). The empty square itself is a printed rect.",
        f"schema_version: {t['schema_version']}",
        f"id: {t['id']}",
        f"title: {t['title']}",
        f"pages: {t['pages']}",
        "fingerprint:",
        "  keywords: [" + ", ".join(t["fingerprint"]["keywords"]) + "]  # on page 1",
        f"blank_form: {t['blank_form']}  # scans are aligned to this blank form",
        "fields:",
    ]
    for name, spec in t["fields"].items():
        out += [f"  {name}:", f"    page: {spec['page']}"]
        if "read" in spec:
            out.append(f"    read: {spec['read']}")
        if "box" in spec:
            out.append(f"    box: {_box(spec['box'])}")
        if "options" in spec:
            out.append("    options:")
            out += [f"      {k}: {_box(v)}" for k, v in spec["options"].items()]
    return "\n".join(out) + "\n"


def write_template(path: Path = TEMPLATE_YAML) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_template_yaml(), encoding="utf-8")
    return path


# --- command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.forms.generate",
        description="児童手当 認定請求書のサンプルPDF・正解データ・テンプレートを生成します。",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="claims folder (default: %(default)s)")
    parser.add_argument("--count", type=int, default=32, help="number of valid forms (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: %(default)s)")
    parser.add_argument(
        "--claims-only", action="store_true", help="do not rewrite the blank form and the scenario template"
    )
    parser.add_argument(
        "--fill-font", type=Path, help="print the filled-in values in this font instead of IPAex Gothic "
        "(forms in a font the scan reader was not measured on; use with --claims-only)",
    )
    args = parser.parse_args(argv)
    if args.fill_font:
        FONT_FILES[FILL_FONT] = (str(args.fill_font),)
    truth = generate(args.out, args.count, args.seed)
    print(f"truth: {truth}")
    if not args.claims_only:
        blank = write_blank()
        SCENARIO_BLANK_PDF.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(blank, SCENARIO_BLANK_PDF)
        print(f"blank form: {blank} (copied to {SCENARIO_BLANK_PDF})")
        print(f"template: {write_template()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
