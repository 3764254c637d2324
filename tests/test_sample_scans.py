"""The sample scans (``samples/scans``) match their truth, from the outside.

The generator is ground truth for the OCR pipeline, so these tests open its files with
Pillow and pypdfium2 (never with the generator's own helpers) and check page counts, pixel
sizes, colour modes, where the printed table landed, and that the values are the digital
forms' truth.
"""

from __future__ import annotations

import ast
import io
import json
import math
from pathlib import Path

import numpy as np
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageSequence

from samples.scans import generate as gen

REPO = Path(__file__).resolve().parents[1]
FORMS_TRUTH = json.loads((REPO / "samples" / "forms" / "claims" / "truth.json").read_text(encoding="utf-8"))
COUNT = 3
A4_MM = (210, 297)
BAD = {  # file → (expected problem, form page on each image page)
    "blank-page.jpg": ("blank_page", [None]),
    "other-form.jpg": ("wrong_form", [1]),
    "upside-down.pdf": (None, [1, 2]),
    "low-resolution.tif": ("low_resolution", [1, 2]),
    "truncated.png": ("unreadable_image", [1]),
    "photo-angle.jpg": ("cannot_align", [1]),
}
SUFFIX = {"pdf": ".pdf", "tiff": ".tif", "png": ".png", "jpeg": ".jpg"}
PIL_MODE = {"rgb": "RGB", "gray": "L", "bw": "1"}
TABLE_LEFT = 50.0  # x of the form's table border (samples/forms/layout.py), page points
TABLE_ROWS = {1: (125.0, 500.0), 2: (125.0, 255.0)}  # a stretch of that border per page


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("scans")
    gen.generate(d, count=COUNT, seed=7)
    return d


@pytest.fixture(scope="module")
def truth(out: Path) -> dict[str, dict]:
    return json.loads((out / "truth.json").read_text(encoding="utf-8"))


def _pages(path: Path) -> list[Image.Image]:
    """Every page of a scan file as a Pillow image (PDF: the embedded image of each page)."""
    if path.suffix == ".pdf":
        images = []
        with pypdfium2.PdfDocument(str(path)) as pdf:
            for page in pdf:
                (obj,) = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
                buf = io.BytesIO()
                obj.extract(buf)
                buf.seek(0)
                image = Image.open(buf)
                image.load()
                image.info["pdf_filters"] = obj.get_filters()
                image.info["pdf_page_size"] = page.get_size()
                images.append(image)
        return images
    with Image.open(path) as im:
        frames = []
        for frame in ImageSequence.Iterator(im):
            frame.load()
            copy = frame.copy()
            copy.info = dict(frame.info)
            frames.append(copy)
        return frames


def _scans(truth: dict[str, dict]) -> list[str]:
    return [n for n in truth if n != "truncated.png"]


# --- determinism, counts, independence ---------------------------------------------------


def test_same_seed_same_bytes(out: Path, truth: dict, tmp_path: Path):
    again = gen.generate(tmp_path / "again", count=COUNT, seed=7)
    assert json.loads(again.read_text(encoding="utf-8")) == truth
    assert (out / "truth.json").read_bytes() == again.read_bytes()
    for name in truth:  # every file, PDF and TIFF included (no timestamps)
        assert (out / name).read_bytes() == (again.parent / name).read_bytes(), name


def test_another_seed_differs():
    forms = gen.load_form_truth()
    a = [f.specs for f in gen.plan(COUNT, 7, forms)]
    b = [f.specs for f in gen.plan(COUNT, 8, forms)]
    assert a != b


def test_counts_and_names(out: Path, truth: dict):
    singles = max(1, COUNT // 4)
    claims = [n for n in truth if n.startswith("scan-")]
    page1 = [n for n in truth if n.startswith("page1-")]
    assert len(claims) == COUNT and len(page1) == singles
    assert set(truth) == set(claims) | set(page1) | set(BAD)
    assert sorted(p.name for p in out.iterdir()) == sorted([*truth, "truth.json"])
    for name, entry in truth.items():
        assert name.endswith(SUFFIX[entry["format"]]), name
        assert len(entry["degradations"]) == len(entry["pages"]), name
    assert all(truth[n]["pages"] == [1, 2] and truth[n]["format"] in ("pdf", "tiff") for n in claims)
    assert all(truth[n]["pages"] == [1] and truth[n]["format"] in ("png", "jpeg") for n in page1)
    total = sum(len(e["pages"]) for e in truth.values())
    assert total == 2 * COUNT + singles + 8


def test_default_run_is_big_enough():
    plan = gen.plan(gen.DEFAULT_COUNT, gen.DEFAULT_SEED, gen.load_form_truth())
    assert sum(len(f.pages) for f in plan if f.problem is None) >= 60
    specs = [s for f in plan if f.name.startswith("scan-") for s in f.specs]
    assert {s.rotation for s in specs} == {0, 90, 180, 270}
    assert {s.dpi for s in specs} == {150, 200, 300, 600}
    assert {s.mode for s in specs} == {"rgb", "gray", "bw"}
    assert {s.stamp.placement for s in specs if s.stamp} == {"margin", "label"}
    assert any(s.fold for s in specs)
    assert {f.fmt for f in plan} == {"pdf", "tiff", "png", "jpeg"}


def test_generator_imports_nothing_from_the_library():
    for folder in ("samples/scans", "samples/forms"):
        for path in (REPO / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                else:
                    continue
                for name in names:
                    assert name.split(".")[0] not in {"robots", "connectors", "shared"}, f"{path}: {name}"


# --- the images ---------------------------------------------------------------------------


def _expected_size(dpi: int, rotation: int) -> tuple[int, int]:
    w, h = (math.ceil(mm / 25.4 * dpi - 1e-6) for mm in A4_MM)
    return (h, w) if rotation in (90, 270) else (w, h)


def test_every_image_opens_with_its_page_count_size_and_mode(out: Path, truth: dict):
    for name in _scans(truth):
        entry = truth[name]
        images = _pages(out / name)
        assert len(images) == len(entry["pages"]), name
        for image, d in zip(images, entry["degradations"], strict=False):
            assert list(image.size) == d["size"], name
            if d["dpi"] is not None:
                ew, eh = _expected_size(d["dpi"], d["rotation"])
                assert abs(image.width - ew) <= 2 and abs(image.height - eh) <= 2, (name, image.size, d)
            if "pdf_filters" in image.info:  # pdfium hands a CCITT image back as 8-bit grey
                assert image.info["pdf_filters"] == (["CCITTFaxDecode"] if d["bw"] else ["DCTDecode"]), name
                assert image.mode == ("L" if d["bw"] else PIL_MODE[d["mode"]]), name
                pw, ph = image.info["pdf_page_size"]
                assert abs(pw * d["dpi"] / 72 - image.width) < 1 and abs(ph * d["dpi"] / 72 - image.height) < 1
            else:
                assert image.mode == PIL_MODE[d["mode"]], (name, image.mode)
                if d["dpi"] is not None:
                    assert tuple(round(v) for v in image.info["dpi"]) == (d["dpi"], d["dpi"]), name
            assert d["bw"] == (d["mode"] == "bw")
            assert (d["jpeg_quality"] is None) == (d["bw"] or entry["format"] == "png"), name


def test_degradations_stay_in_their_ranges(truth: dict):
    for name, entry in truth.items():
        for d in entry["degradations"]:
            assert d["rotation"] in (0, 90, 180, 270)
            assert abs(d["skew_deg"]) <= 4 and all(abs(v) <= 0.03 for v in d["shift"])
            assert 0.95 <= d["scale"] <= 1.05 and d["noise"] <= 6 and d["blur"] <= 2.5
            assert d["jpeg_quality"] is None or 40 <= d["jpeg_quality"] <= 90
            if name not in BAD:
                assert d["dpi"] in (150, 200, 300, 600), name


def _dark_near(image: Image.Image, x: float, y: float, r: int = 3) -> bool:
    a = np.asarray(image.convert("L"))
    xi, yi = int(round(x)), int(round(y))
    patch = a[max(0, yi - r) : yi + r + 1, max(0, xi - r) : xi + r + 1]
    return patch.size > 0 and int(patch.min()) < 128


def test_page_to_image_puts_the_table_border_on_dark_pixels(out: Path, truth: dict):
    """The truth's affine map is right: the printed table's left border is where it says."""
    checked = 0
    for name in _scans(truth):
        entry = truth[name]
        if entry["problem"] is not None:
            continue
        for image, page, d in zip(_pages(out / name), entry["pages"], entry["degradations"], strict=False):
            m = np.array(d["page_to_image"])
            top, bottom = TABLE_ROWS[page]
            points = [(TABLE_LEFT, top + (bottom - top) * i / 10) for i in range(11)]
            hits = sum(_dark_near(image, *(m @ [x, y, 1.0])) for x, y in points)
            assert hits >= 10, (name, page, hits, d)
            checked += 1
    assert checked >= 2 * COUNT


# --- the truth ----------------------------------------------------------------------------


def test_truth_values_are_the_digital_truth(truth: dict):
    for name, entry in truth.items():
        if entry["problem"] is not None:
            assert entry["status"] == "broken" and entry["fields"] == {}, name
            continue
        digital = FORMS_TRUTH[entry["source"]]
        assert digital["status"] == "valid", name
        for key in ("status", "problem", "problem_field", "target_rejects", "fields", "originals", "marks"):
            assert entry[key] == digital[key], (name, key)


def test_bad_inputs(out: Path, truth: dict):
    for name, (problem, pages) in BAD.items():
        assert truth[name]["problem"] == problem, name
        assert truth[name]["pages"] == pages, name
    assert truth["upside-down.pdf"]["status"] == "valid"
    assert [d["rotation"] for d in truth["upside-down.pdf"]["degradations"]] == [180, 180]
    assert all(d["dpi"] == 72 for d in truth["low-resolution.tif"]["degradations"])
    assert truth["other-form.jpg"]["source"] == "other-form.pdf"
    assert len(truth["photo-angle.jpg"]["degradations"][0]["perspective"]["corners"]) == 4
    (blank,) = _pages(out / "blank-page.jpg")
    assert truth["blank-page.jpg"]["source"] is None and np.asarray(blank).mean() > 230
    with Image.open(out / "truncated.png") as im:  # the header is intact, the pixels are not
        with pytest.raises(OSError):
            im.load()


def test_stamp_and_fold_are_described(truth: dict):
    stamps = [d["stamp"] for e in truth.values() for d in e["degradations"] if d["stamp"]]
    folds = [d["fold"] for e in truth.values() for d in e["degradations"] if d["fold"]]
    assert stamps and folds  # the first quotas go to the first claims even with a small count
    for s in stamps:
        assert s["page"] == 1 and s["over_values"] == []
        assert (s["over_labels"] != []) == (s["placement"] == "label")
    for f in folds:
        assert f["lines"] and 0 < f["darkness"] <= 0.5
