"""The procedure sample forms (samples/procedures) and their truth agree with each other.

The generator is ground truth for measuring the library on forms it has never seen, so
these tests check it from the outside: pdfplumber reads the PDFs and every truth box must
hold exactly the ink the truth says was written there; python-stdnum and phonenumbers
check the values.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from samples.procedures import generate as gen

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "samples" / "procedures"
COMMITTED = PACKAGE / "out"
SEED, COUNT = gen.DEFAULT_SEED, gen.DEFAULT_COUNT
INK = (0.05, 0.1, 0.35)
DOCUMENTED_TYPES = set(re.findall(r"^\| `(\w+)` \|", (REPO / "docs" / "field-types.md").read_text(encoding="utf-8"),
                                  re.M))
LAYOUTS = {"right", "below", "next_cell", "cell_below", "underline", "boxes", "circled", "ticked", "date_line"}
EPS = 0.05


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("procedures")
    gen.generate(out, SEED, COUNT)
    return out


@pytest.fixture(scope="module")
def truths(fresh: Path) -> dict[str, dict]:
    return {p.id: json.loads((fresh / p.id / "truth.json").read_text(encoding="utf-8")) for p in gen.PROCEDURES}


@pytest.fixture(scope="module")
def pages(fresh: Path, truths: dict[str, dict]) -> dict[tuple[str, str], dict]:
    """Per (procedure, file): the page's ink chars, ink curves/lines and printed chars."""
    out = {}
    for pid, truth in truths.items():
        for name in truth["files"]:
            with pdfplumber.open(fresh / pid / name) as pdf:
                assert len(pdf.pages) == 1
                page = pdf.pages[0]
                assert (round(page.width, 2), round(page.height, 2)) == tuple(truth["page_size"])
                chars = page.chars
                out[(pid, name)] = {
                    "ink_chars": [c for c in chars if _is_ink(c.get("non_stroking_color"))],
                    "printed_chars": [c for c in chars if not _is_ink(c.get("non_stroking_color"))],
                    "ink_shapes": [o for o in page.curves + page.lines if _is_ink(o.get("stroking_color"))],
                    "printed_rects": page.rects,
                }
    return out


def _is_ink(color) -> bool:
    return color is not None and len(color) == 3 and all(abs(a - b) < 1e-3 for a, b in zip(color, INK, strict=True))


def _inside(obj: dict, b: list[float]) -> bool:
    return obj["x0"] >= b[0] - EPS and obj["top"] >= b[1] - EPS and obj["x1"] <= b[2] + EPS and obj["bottom"] <= b[3] + EPS


def _encloses(obj: dict, b: list[float]) -> bool:
    return obj["x0"] <= b[0] + EPS and obj["top"] <= b[1] + EPS and obj["x1"] >= b[2] - EPS and obj["bottom"] >= b[3] - EPS


def _text(chars: list[dict]) -> str:
    """The glyphs in reading order (they are in content-stream order, which is scrambled), without spaces."""
    ordered = sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))
    return "".join(c["text"] for c in ordered if not c["text"].isspace())


def _squash(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def _filled(truths: dict[str, dict]):
    for pid, truth in truths.items():
        for name, entry in truth["files"].items():
            if entry["kind"] == "filled":
                yield pid, name, entry


# --- the generator ----------------------------------------------------------------------------


def test_eight_procedures_three_tuning_five_held_out(truths: dict[str, dict]) -> None:
    groups = {g: [p.id for p in gen.PROCEDURES if p.group == g] for g in ("tuning", "held_out")}
    assert len(gen.PROCEDURES) == 8 and len(groups["tuning"]) == 3 and len(groups["held_out"]) == 5
    later = [p.id for p in gen.PROCEDURES if p.written_after_tuning]
    assert later == ["juminhyo", "shugaku"] and set(later) <= set(groups["held_out"])
    index = json.loads((PACKAGE / "index.json").read_text(encoding="utf-8"))
    assert index == gen.index(), "samples/procedures/index.json is stale: python -m samples.procedures.generate"
    assert index["tuning"] == groups["tuning"] and index["held_out"] == groups["held_out"]
    assert index["written_after_tuning"] == later
    for pid, truth in truths.items():
        assert truth["group"] == index["procedures"][pid]["group"]
        assert len(truth["files"]["blank.pdf"]["fields"]) == index["procedures"][pid]["field_count"]
        assert sorted(truth["files"]) == ["blank.pdf"] + [f"filled-{i:03d}.pdf" for i in range(1, COUNT + 1)]
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    for p in gen.PROCEDURES:
        assert p.id in readme and p.title in readme


def test_generator_is_deterministic(fresh: Path, tmp_path: Path) -> None:
    gen.generate(tmp_path, SEED, COUNT)
    a = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    b = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert a == b
    for rel in a:
        assert (fresh / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_another_seed_gives_other_forms(fresh: Path, tmp_path: Path) -> None:
    proc = gen.PROCEDURES[0]
    gen.generate_procedure(proc, tmp_path, SEED + 1, 1, gen.Fonts.load(), gen.load_postal())
    assert (tmp_path / proc.id / "filled-001.pdf").read_bytes() != (fresh / proc.id / "filled-001.pdf").read_bytes()


def test_committed_samples_match_a_fresh_generation(fresh: Path) -> None:
    """samples/procedures/out never drifts from the generator (regenerate: python -m samples.procedures.generate)."""
    committed = sorted(p.relative_to(COMMITTED) for p in COMMITTED.rglob("*") if p.is_file())
    assert committed == sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    for rel in committed:
        old, new = COMMITTED / rel, fresh / rel
        if rel.suffix == ".json":
            assert old.read_bytes() == new.read_bytes(), rel
        elif old.read_bytes() != new.read_bytes():
            # another reportlab version may lay the bytes out differently: the glyphs must still agree
            with pdfplumber.open(old) as a, pdfplumber.open(new) as b:
                key = [(c["text"], round(c["x0"], 1), round(c["top"], 1)) for c in a.pages[0].chars]
                assert key == [(c["text"], round(c["x0"], 1), round(c["top"], 1)) for c in b.pages[0].chars], rel
    assert sum(p.stat().st_size for p in COMMITTED.rglob("*") if p.is_file()) < 4_000_000  # eight procedures


def test_generator_does_not_import_the_library() -> None:
    """Ground truth imports only the standard library and reportlab (never robots/connectors/shared)."""
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert top in sys.stdlib_module_names or top == "reportlab", (path.name, module)
    code = ("import sys, samples.procedures.generate as g; g.index(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'robots', 'connectors', 'shared'}))")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_fill_font_option_changes_only_the_value_font(tmp_path: Path) -> None:
    mincho = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
    assert gen.main(["--out", str(tmp_path), "--count", "1", "--fill-font", mincho]) == 0
    truth = json.loads((tmp_path / "inkan" / "truth.json").read_text(encoding="utf-8"))
    assert truth["fill_font"] == "ipaexm.ttf"
    with pdfplumber.open(tmp_path / "inkan" / "filled-001.pdf") as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if _is_ink(c["non_stroking_color"])}
    assert fonts == {"IPAexMincho"}  # the PDF names the font by its own PostScript name
    with pdfplumber.open(COMMITTED / "inkan" / "filled-001.pdf") as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if _is_ink(c["non_stroking_color"])}
    assert fonts == {"IPAexGothic"}


# --- the truth ---------------------------------------------------------------------------------


def _boxes(field: dict):
    yield field["box"]
    yield from field.get("digit_boxes", [])
    yield from (field.get("option_boxes") or {}).values()
    for part in (field.get("parts") or {}).values():
        if "box" in part:
            yield part["box"]
        yield from (part.get("option_boxes") or {}).values()


def test_every_field_has_a_documented_type_a_layout_and_boxes_on_the_page(truths: dict[str, dict]) -> None:
    assert {"text", "name", "katakana", "wareki_date", "date", "my_number"} <= DOCUMENTED_TYPES
    width, height = gen.PAGE_WIDTH, gen.PAGE_HEIGHT
    for pid, truth in truths.items():
        names = None
        for fname, entry in truth["files"].items():
            fields = entry["fields"]
            assert names is None or list(fields) == names, (pid, fname)  # same fields on every copy
            names = list(fields)
            for name, f in fields.items():
                where = (pid, fname, name)
                assert f["type"] in DOCUMENTED_TYPES, where
                assert f["layout"] in LAYOUTS and f["position"] in LAYOUTS, where
                assert f["label"] and f["page"] == 1, where
                for b in _boxes(f):
                    assert 0 <= b[0] < b[2] <= width and 0 <= b[1] < b[3] <= height, (where, b)
                if f["type"] == "choice":
                    assert set(f["option_boxes"]) == set(f["options"]), where
                    assert f["value"] is None or f["value"] in f["options"], where
                if f["layout"] == "boxes" and f["type"] != "wareki_date":
                    assert f["value"] is None or len(f["digit_boxes"]) == len(f["original"]), where


def test_all_required_kinds_of_field_appear(truths: dict[str, dict]) -> None:
    seen_types, seen_layouts, marks, originals = set(), set(), set(), []
    for _pid, _name, entry in _filled(truths):
        for f in entry["fields"].values():
            seen_types.add(f["type"])
            seen_layouts.add(f["layout"])
            marks.add(f.get("mark"))
            for part in (f.get("parts") or {}).values():
                marks.add(part.get("mark"))
            if f["original"]:
                originals.append((f["type"], f["original"]))
    assert seen_types == DOCUMENTED_TYPES, DOCUMENTED_TYPES - seen_types
    assert seen_layouts == LAYOUTS
    assert {"ellipse", "circle", "glyph:レ", "glyph:✓", "glyph:■", "cross"} <= marks
    phones = [o for t, o in originals if t == "phone"]
    assert len({ch for o in phones for ch in o if not ch.isdigit() and not "０" <= ch <= "９"}) >= 3
    kana = [o for t, o in originals if t == "katakana"]
    assert any(" " in k or "\u3000" in k for k in kana) and any(not re.search(r"\s", k) for k in kana)
    assert any(o.startswith("〒") for t, o in originals if t == "postal_code")
    assert any("元" in o for t, o in originals if t == "wareki_date")


def test_blank_forms_have_no_ink_and_no_values(truths: dict[str, dict], pages: dict) -> None:
    for pid, truth in truths.items():
        page = pages[(pid, "blank.pdf")]
        assert not page["ink_chars"] and not page["ink_shapes"], pid
        for name, f in truth["files"]["blank.pdf"]["fields"].items():
            assert f["value"] in (None, False) and f["original"] is None, (pid, name)
            if f["type"] == "checkbox":
                assert f["value"] is False


def _ink_in(page: dict, b: list[float]) -> tuple[list[dict], list[dict]]:
    return ([c for c in page["ink_chars"] if _inside(c, b)], [s for s in page["ink_shapes"] if _inside(s, b)])


def _check_marks(page: dict, f: dict, where: tuple) -> tuple[set[int], set[int]]:
    """The drawn mark of a choice/checkbox is where the truth says; returns the ink it used."""
    used_chars: set[int] = set()
    used_shapes: set[int] = set()
    if f["layout"] == "circled" or (f.get("parts") or {}).get("era", {}).get("layout") == "circled":
        spec = f if f["layout"] == "circled" else f["parts"]["era"]
        chosen = spec["value"]
        circles = [s for s in page["ink_shapes"] if s["object_type"] == "curve" and any(
            _encloses(s, ob) for ob in spec["option_boxes"].values())]
        if chosen is None:
            assert not circles, where
            return used_chars, used_shapes
        assert len(circles) == 1, (where, len(circles))
        (circle,) = circles
        assert _encloses(circle, spec["option_boxes"][chosen]), where
        for option, ob in spec["option_boxes"].items():
            printed = _text([c for c in page["printed_chars"] if _inside(c, ob)])
            assert printed == option, (where, option, printed)
            if option != chosen:  # the circle reaches no other option's box
                assert circle["x1"] <= ob[0] + EPS or circle["x0"] >= ob[2] - EPS, (where, option)
        used_shapes.add(id(circle))
        return used_chars, used_shapes
    # ticked choice or checkbox: the mark lies inside the chosen square
    option_boxes = f.get("option_boxes") or {"": f["box"]}
    chosen = f["value"] if f["type"] == "choice" else ("" if f["value"] else None)
    for option, ob in option_boxes.items():
        chars, shapes = _ink_in(page, ob)
        if option == chosen:
            mark = f["mark"]
            if mark.startswith("glyph:"):
                assert [c["text"] for c in chars] == [mark.removeprefix("glyph:")] and not shapes, where
            elif mark == "cross":
                assert len(shapes) == 2 and all(s["object_type"] == "line" for s in shapes) and not chars, where
            else:
                assert len(shapes) == 1 and shapes[0]["object_type"] == "curve" and not chars, where
            used_chars |= {id(c) for c in chars}
            used_shapes |= {id(s) for s in shapes}
        else:
            assert not chars and not shapes, (where, option)
    return used_chars, used_shapes


def test_every_truth_box_holds_exactly_the_drawn_value(truths: dict[str, dict], pages: dict) -> None:
    for pid, name, entry in _filled(truths):
        page = pages[(pid, name)]
        used_chars: set[int] = set()
        used_shapes: set[int] = set()
        for fname, f in entry["fields"].items():
            where = (pid, name, fname)
            chars, shapes = _ink_in(page, f["box"])
            if f["type"] in ("choice", "checkbox"):
                uc, us = _check_marks(page, f, where)
                used_chars |= uc
                used_shapes |= us
                continue
            if f["value"] is None:
                assert not chars and not shapes, where
                continue
            parts = f.get("parts")
            if parts:  # split dates: each part's box holds the part as written
                for part in ("year", "month", "day"):
                    pchars, _ = _ink_in(page, parts[part]["box"])
                    assert _text(pchars) == parts[part]["original"], (where, part)
                expected = "".join(parts[p]["original"] for p in ("year", "month", "day"))
                assert _text(chars) == expected, where
                if f["layout"] == "date_line":
                    printed = _text([c for c in page["printed_chars"] if _inside(c, f["box"])])
                    assert printed == parts["era"]["printed"] + "年月日", (where, printed)
                if parts["era"].get("layout") == "circled":  # 明・大・昭・平・令 + boxes
                    used_shapes |= _check_marks(page, f, where)[1]
            elif "digit_boxes" in f:  # one glyph per printed box
                for digit, db in zip(f["original"], f["digit_boxes"], strict=True):
                    dchars, _ = _ink_in(page, db)
                    assert [c["text"] for c in dchars] == [digit], (where, digit)
                assert _text(chars) == f["original"], where
            else:
                assert _text(chars) == _squash(f["original"]), (where, _text(chars), f["original"])
                assert not shapes, where
            used_chars |= {id(c) for c in chars}
        # and nothing was written outside the fields' boxes
        stray = [c["text"] for c in page["ink_chars"] if id(c) not in used_chars and not c["text"].isspace()]
        assert not stray, (pid, name, stray)
        assert all(id(s) in used_shapes for s in page["ink_shapes"]), (pid, name)


def test_values_are_not_in_reading_order_in_the_content_stream(truths: dict[str, dict], pages: dict) -> None:
    orders = set()
    for pid, name, entry in _filled(truths):
        orders.add(entry["stream_order"])
        page = pages[(pid, name)]
        ink = page["ink_chars"]
        for fname, f in entry["fields"].items():
            if f["value"] is None:
                continue
            if "digit_boxes" in f:  # box digits are written right to left
                xs = [c["x0"] for c in ink if _inside(c, f["box"])]
                assert xs == sorted(xs, reverse=True), (pid, name, fname)
            if (f.get("parts") or {}).get("day"):  # the day before the month before the year
                xs = [c["x0"] for c in ink if _inside(c, f["box"])]
                assert xs[0] > xs[-1], (pid, name, fname)
        # the values as a whole are not drawn top to bottom
        tops = [round(c["top"]) for c in ink]
        assert tops != sorted(tops), (pid, name)
    assert orders == set(gen.STREAM_ORDERS)


# --- the values --------------------------------------------------------------------------------


def test_my_numbers_are_from_the_test_range_with_a_valid_check_digit(truths: dict[str, dict]) -> None:
    stdnum_in = pytest.importorskip("stdnum.jp.in_")
    weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    seen = 0
    for pid, name, entry in _filled(truths):
        for fname, f in entry["fields"].items():
            if f["type"] != "my_number" or f["value"] is None:
                continue
            number = f["value"]
            assert re.fullmatch(r"0000\d{8}", number), (pid, name, fname)
            r = sum(int(d) * w for d, w in zip(number[:11], weights, strict=True)) % 11
            assert int(number[11]) == (0 if r <= 1 else 11 - r), (pid, name, fname)
            assert stdnum_in.is_valid(number), (pid, name, fname)
            seen += 1
    assert seen >= 3 * COUNT


def test_values_are_normalized_per_type(truths: dict[str, dict]) -> None:
    phonenumbers = pytest.importorskip("phonenumbers")
    for pid, name, entry in _filled(truths):
        for fname, f in entry["fields"].items():
            where, value, original = (pid, name, fname), f["value"], f["original"]
            if value is None:
                continue
            t = f["type"]
            if t in ("date", "wareki_date"):
                date.fromisoformat(value)
            elif t == "phone":
                # SPEC §5: the dashes a writer uses all mean "-" between digits
                plain = re.sub(r"[ー−‐–—―ｰ－]", "-", unicodedata.normalize("NFKC", original))
                parsed = phonenumbers.parse(plain, "JP")
                assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL) == value, where
            elif t == "postal_code":
                assert re.fullmatch(r"\d{7}", value), where
            elif t in ("digits", "my_number"):
                assert re.fullmatch(r"\d+", value) and len(value) == len(f["digit_boxes"]), where
            elif t in ("number", "money"):
                assert isinstance(value, int) and value >= 0, where
            elif t == "katakana":
                assert re.fullmatch(r"[\u30a1-\u30f6ー・\u3000]+", value), where
            elif t in ("name", "address", "text"):
                assert value == value.strip(" \u3000") and "  " not in value, where
            elif t == "checkbox":
                assert isinstance(value, bool), where
