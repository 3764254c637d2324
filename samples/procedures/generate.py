"""Generate the procedure sample forms: per procedure a blank form, N filled forms and truth.json.

Usage::

    python -m samples.procedures.generate [--out samples/procedures/out] [--seed 11] [--count 5]
                                          [--fill-font PATH]

Each procedure gets a folder ``<out>/<id>/`` with ``blank.pdf``, ``filled-NNN.pdf`` and
``truth.json``; ``samples/procedures/index.json`` says which procedures are for tuning and
which are held out. Output is deterministic for a seed, count and fill font.

This is ground truth for measuring the library on forms it has never seen: it imports only
the standard library and reportlab — never ``robots``, ``connectors`` or ``shared``.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from . import genkyo, hoiku, inkan, iryohi, juminhyo, kokuho, shugaku, tennyu
from .base import GROUPS, Procedure
from .sheet import INK, PAGE_HEIGHT, PAGE_WIDTH, PRINT_FONT_FILE, RULE, STREAM_ORDERS, Fonts, Sheet, render
from .values import load_postal

PACKAGE = Path(__file__).resolve().parent
DEFAULT_OUT = PACKAGE / "out"
INDEX = PACKAGE / "index.json"
DEFAULT_SEED = 11
DEFAULT_COUNT = 5

PROCEDURES: tuple[Procedure, ...] = (
    tennyu.PROCEDURE,
    kokuho.PROCEDURE,
    hoiku.PROCEDURE,
    inkan.PROCEDURE,
    iryohi.PROCEDURE,
    genkyo.PROCEDURE,
    juminhyo.PROCEDURE,
    shugaku.PROCEDURE,
)
BLANK = "blank.pdf"
FILLED = "filled-{:03d}.pdf"


def _rng(seed: int, *key: object) -> random.Random:
    return random.Random(":".join(str(k) for k in (seed, *key)))


def _sheet(fonts: Fonts, proc: Procedure, fills: dict | None, rng: random.Random) -> Sheet:
    sheet = Sheet(fonts, fills, rng)
    proc.draw(sheet)
    sheet.check_complete()
    return sheet


def generate_procedure(proc: Procedure, out: Path, seed: int, count: int, fonts: Fonts,
                       postal: dict[str, str]) -> Path:
    """Write one procedure's folder; returns its truth.json."""
    folder = out / proc.id
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict] = {}
    blank = _sheet(fonts, proc, None, _rng(seed, proc.id, "blank"))
    render(folder / BLANK, blank, f"{proc.title}（サンプル様式）", "printed_then_shuffled", _rng(seed, proc.id, "blank"))
    files[BLANK] = {"kind": "blank", "stream_order": None, "fields": blank.fields}
    for i in range(count):
        name = FILLED.format(i + 1)
        fills = proc.fill(_rng(seed, proc.id, "values", i), postal, i)
        sheet = _sheet(fonts, proc, fills, _rng(seed, proc.id, "marks", i))
        order = STREAM_ORDERS[(i + seed) % len(STREAM_ORDERS)]
        render(folder / name, sheet, f"{proc.title}（サンプル）", order, _rng(seed, proc.id, "stream", i))
        files[name] = {"kind": "filled", "stream_order": order, "fields": sheet.fields}
    for stale in folder.glob("filled-*.pdf"):  # left over from a larger --count
        if stale.name not in files:
            stale.unlink()
    truth = {
        "procedure": proc.id,
        "title": proc.title,
        "group": proc.group,
        "seed": seed,
        "page_size": [round(PAGE_WIDTH, 2), round(PAGE_HEIGHT, 2)],
        "pages": 1,
        "coordinates": "PDF points, top-left origin: [x0, top, x1, bottom] (pdfplumber)",
        "printed_font": Path(PRINT_FONT_FILE).name,
        "fill_font": fonts.fill_file,
        "colors": {"printed": list(RULE), "ink": list(INK)},
        "files": files,
    }
    path = folder / "truth.json"
    path.write_text(dump_truth(truth), encoding="utf-8")
    return path


def dump_truth(truth: dict) -> str:
    """JSON with one line per field (readable in a diff, a third of the size of indented JSON)."""

    def j(v: object) -> str:
        return json.dumps(v, ensure_ascii=False)

    head = [f" {j(k)}: {j(v)}" for k, v in truth.items() if k != "files"]
    files = []
    for name, entry in truth["files"].items():
        meta = ", ".join(f"{j(k)}: {j(v)}" for k, v in entry.items() if k != "fields")
        fields = ",\n".join(f"   {j(k)}: {j(v)}" for k, v in entry["fields"].items())
        files.append(f"  {j(name)}: {{{meta}, \"fields\": {{\n{fields}\n  }}}}")
    return "{\n" + ",\n".join(head) + ',\n "files": {\n' + ",\n".join(files) + "\n }\n}\n"


def index() -> dict:
    """The procedures, their layouts and field counts, split into tuning and held-out groups."""
    fonts = Fonts.load()
    procs = {}
    for proc in PROCEDURES:
        blank = _sheet(fonts, proc, None, random.Random(0))
        procs[proc.id] = {
            "title": proc.title,
            "group": proc.group,
            "layouts": list(proc.layouts),
            "field_count": len(blank.fields),
            "field_types": sorted({f["type"] for f in blank.fields.values()}),
            "truth": f"{proc.id}/truth.json",
        }
    return {
        "description": "Sample forms of procedures the library was not built on (samples/procedures/README.md)",
        "out": "out",
        **{group: [p.id for p in PROCEDURES if p.group == group] for group in GROUPS},
        "written_after_tuning": [p.id for p in PROCEDURES if p.written_after_tuning],
        "procedures": procs,
    }


def write_index(path: Path = INDEX) -> Path:
    path.write_text(json.dumps(index(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def generate(out: Path | str = DEFAULT_OUT, seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT,
             fill_font: Path | str | None = None) -> list[Path]:
    """Write every procedure's folder into ``out``; returns the truth files."""
    if count < 0:
        raise ValueError("count must not be negative")
    fonts = Fonts.load(fill_font)
    postal = load_postal()
    out = Path(out)
    return [generate_procedure(p, out, seed, count, fonts, postal) for p in PROCEDURES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samples.procedures.generate",
        description="8種類の手続の様式（白紙・記入済み）と正解データ（truth.json）を生成します。",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT,
                        help="filled forms per procedure (default: %(default)s)")
    parser.add_argument("--fill-font", type=Path,
                        help="write the filled-in values in this TrueType font instead of IPAex Gothic")
    args = parser.parse_args(argv)
    for path in generate(args.out, args.seed, args.count, args.fill_font):
        print(f"truth: {path}")
    if args.out.resolve() == DEFAULT_OUT:  # the committed samples: refresh the index beside them
        print(f"index: {write_index()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
