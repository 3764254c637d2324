"""One convention for circled options and tick boxes (robots.reading.marks, docs/templates.md):
the digital-PDF reader and the scan reader find the same printed thing in a template's box and
look at the same area around it, whether the box is the printed option's own or ring-sized; a
template checked on the PDF reads its scan. template inspect draws those areas."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from procedure_scans import scan_form

from connectors.pdf import open_pdf
from connectors.scan import to_pixels
from robots.authoring.inspection import examined_areas, inspect_form
from robots.demo.runner import REPO
from robots.reading import pdf_marks
from robots.reading.marks import grow
from robots.reading.pdf_form import read_form
from robots.reading.scan import marks as scan_marks
from robots.reading.scan.reader import align_pages, blank_pages
from shared.config import load_scenario

FORMS = REPO / "samples" / "procedures" / "out"
TEMPLATES = Path(__file__).parent / "procedures"
NAMES = ("tennyu", "kokuho", "hoiku")
RING_SIZED = 5.0  # points added around each option box: about the size of the circles drawn


def option_boxes(template, read: str):
    for name, binding in template.fields.items():
        if binding.read == read and binding.options:
            yield name, binding.options
        for part in (binding.parts or {}).values():
            if read == "circled" and part.options:
                yield name, part.options


def close(a, b, tolerance: float) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("name", NAMES)
def test_both_readers_find_the_same_printed_option_in_a_tight_or_ring_sized_box(name):
    loaded = load_scenario(TEMPLATES / name)
    template = loaded.templates["template.yaml"]
    blank = blank_pages(template, FORMS / name)[0]
    groups = list(option_boxes(template, "circled"))
    assert groups
    with open_pdf(FORMS / name / "blank.pdf") as pdf:
        for field, options in groups:
            for option, box in options.items():
                on_pdf = pdf_marks.option_core(pdf, 1, box)
                on_scan = scan_marks.printed_core(blank, box)
                assert close(on_pdf, on_scan, 2.0), (field, option, on_pdf, on_scan)  # the ink lies in the font's box
                wide = grow(box, RING_SIZED)
                assert pdf_marks.option_core(pdf, 1, wide) == on_pdf, (field, option)
                assert close(scan_marks.printed_core(blank, wide), on_scan, 0.01), (field, option)


@pytest.mark.parametrize("name", ["tennyu", "kokuho"])
def test_both_readers_find_the_same_printed_square(name):
    loaded = load_scenario(TEMPLATES / name)
    template = loaded.templates["template.yaml"]
    blank = blank_pages(template, FORMS / name)[0]
    boxes = [b for _, options in option_boxes(template, "ticked") for b in options.values()]
    boxes += [b.box for b in template.fields.values() if b.read == "checkbox" and b.box is not None]
    assert boxes
    with open_pdf(FORMS / name / "blank.pdf") as pdf:
        for box in boxes:
            on_pdf, on_scan = pdf_marks.tick_core(pdf, 1, box), scan_marks.tick_core(blank, box)
            assert on_pdf != box and close(on_pdf, on_scan, 1.0), (box, on_pdf, on_scan)


def ring_sized(template):
    fields = {}
    for name, binding in template.fields.items():
        if binding.read == "circled" and binding.options:
            binding = binding.model_copy(update={"options": {k: grow(b, RING_SIZED) for k, b in binding.options.items()}})
        fields[name] = binding
    return template.model_copy(update={"fields": fields})


@pytest.mark.parametrize("name", ["tennyu", "hoiku"])
def test_a_ring_sized_template_reads_the_pdf_and_its_scan_alike(name, tmp_path):
    loaded = load_scenario(TEMPLATES / name)
    template, wide = loaded.templates["template.yaml"], ring_sized(loaded.templates["template.yaml"])
    truth = json.loads((FORMS / name / "truth.json").read_text(encoding="utf-8"))["files"]
    blank = blank_pages(template, FORMS / name)[0]
    for form in ("filled-001.pdf", "filled-002.pdf"):
        record = read_form(FORMS / name / form, wide, loaded.scenario.fields)
        page = align_pages(scan_form(FORMS / name / form, tmp_path / f"{form}.png", seed=2), template, FORMS / name)[0]
        for field, options in option_boxes(wide, "circled"):
            expected = truth[form]["fields"][field]["value"]
            assert record.fields[field].value == expected, (form, field)
            for tpl_options in (options, dict(option_boxes(template, "circled"))[field]):
                shares = scan_marks.ring_inks(page, blank, tpl_options)
                chosen = [o for o, share in shares.items() if share > 0.025]
                assert chosen == ([expected] if expected else []), (form, field, shares)


def test_inspect_draws_the_ring_each_reader_looks_at(tmp_path):
    loaded = load_scenario(TEMPLATES / "kokuho")
    template = loaded.templates["template.yaml"]
    [picture] = inspect_form(FORMS / "kokuho" / "filled-002.pdf", template, FORMS / "kokuho", tmp_path)
    image = cv2.imread(str(picture))
    with open_pdf(FORMS / "kokuho" / "filled-002.pdf") as pdf:
        [(kind, box, (inner, outer)), _] = examined_areas(template.fields["sex"],
                                                            lambda k, p, b: pdf_marks.option_core(pdf, p, b))
    assert kind == "circled" and outer[0] < box[0] - 5
    x0, top, x1, _ = (round(v * 0.5) for v in to_pixels(outer, 300))  # the picture is at half the resolution
    edge = image[max(0, top - 1):top + 2, x0:x1]
    green = (edge[:, :, 1] > 100) & (edge[:, :, 0] < 80) & (edge[:, :, 2] < 80)
    assert 0.2 < green.any(axis=0).mean() < 0.9  # dashed: partly drawn along the outer edge
    assert np.array_equal(image.shape[:2], (1754, 1240))
