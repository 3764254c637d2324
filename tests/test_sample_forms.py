"""The sample 児童手当 forms, their truth and their template agree with each other.

The generator (``samples/forms``) is ground truth for the form reader, so these tests
check it from the outside: pdfplumber reads the PDFs, python-stdnum and phonenumbers
check the values, and small independent parsers re-derive normalized values from the
written text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils.exceptions import PdfminerException

from samples.forms import generate as gen
from samples.forms import layout

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "samples" / "forms" / "claims"
POSTAL = json.loads((REPO / "samples" / "data" / "postal.json").read_text(encoding="utf-8"))

BROKEN = {
    "empty.pdf": ("empty_file", None),
    "not-a-pdf.pdf": ("not_pdf", None),
    "encrypted.pdf": ("encrypted", None),
    "other-form.pdf": ("wrong_form", None),
    "page-missing.pdf": ("page_missing", None),
    "blank-required.pdf": ("missing", "claimant_name"),
    "bad-mynumber.pdf": ("invalid", "my_number"),
    "heisei31-may.pdf": ("invalid", "birth_date"),
    "impossible-date.pdf": ("invalid", "child1_birth_date"),
    "kana-invalid.pdf": ("invalid", "claimant_kana"),
}
FILE_LEVEL = {name for name, (_, fld) in BROKEN.items() if fld is None}
TEMPLATE = gen.template_dict()
FIELDS = TEMPLATE["fields"]
TEXT_FIELDS = [n for n, s in FIELDS.items() if "read" not in s]
DIGIT_FIELDS = {"my_number", "account_number"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("claims")
    gen.generate(out)
    return out


@pytest.fixture(scope="module")
def truth(fresh: Path) -> dict:
    return json.loads((fresh / "truth.json").read_text(encoding="utf-8"))


def _squash(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


def _inside(obj: dict, box: list[float], tol: float = 0.01) -> bool:
    x0, top, x1, bottom = box
    return (
        obj["x0"] >= x0 - tol and obj["x1"] <= x1 + tol and obj["top"] >= top - tol and obj["bottom"] <= bottom + tol
    )


def _encloses(obj: dict, box: list[float]) -> bool:
    x0, top, x1, bottom = box
    return obj["x0"] <= x0 and obj["x1"] >= x1 and obj["top"] <= top and obj["bottom"] >= bottom


def _marks(page, box: list[float]) -> list[dict]:
    """Mark objects inside a tick box: glyphs, lines and paths (the printed square is a rect)."""
    return [o for o in (*page.chars, *page.lines, *page.curves) if _inside(o, box)]


# --- generation ---------------------------------------------------------------------------------


def test_same_seed_gives_identical_files(fresh: Path, tmp_path: Path) -> None:
    again = gen.generate(tmp_path / "again").parent
    names = sorted(p.name for p in fresh.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (fresh / name).read_bytes() == (again / name).read_bytes(), name


def test_another_seed_gives_other_data(tmp_path: Path, truth: dict) -> None:
    other = json.loads(gen.generate(tmp_path, count=2, seed=8).read_text(encoding="utf-8"))
    assert other["claim-002.pdf"]["fields"] != truth["claim-002.pdf"]["fields"]
    assert sorted(p.name for p in tmp_path.glob("claim-*.pdf")) == ["claim-001.pdf", "claim-002.pdf"]


def test_committed_samples_match_a_fresh_generation(fresh: Path) -> None:
    """samples/forms/claims never drifts from the generator (regenerate: python -m samples.forms.generate)."""
    assert (COMMITTED / "truth.json").read_bytes() == (fresh / "truth.json").read_bytes()
    assert sorted(p.name for p in COMMITTED.iterdir()) == sorted(p.name for p in fresh.iterdir())
    for new in sorted(fresh.glob("*.pdf")):
        old = COMMITTED / new.name
        if old.read_bytes() == new.read_bytes():
            continue
        # another reportlab version may lay bytes out differently: then the text must still agree
        with pdfplumber.open(old, password=gen.ENCRYPTED_PASSWORD) as a, pdfplumber.open(
            new, password=gen.ENCRYPTED_PASSWORD
        ) as b:
            assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages], new.name


def test_blank_form_is_committed_and_copied_to_the_scenario(tmp_path: Path) -> None:
    fresh_blank = gen.write_blank(tmp_path / "blank.pdf")
    assert gen.BLANK_PDF.read_bytes() == fresh_blank.read_bytes()
    assert gen.SCENARIO_BLANK_PDF.read_bytes() == fresh_blank.read_bytes()


def test_template_yaml_is_generated_from_the_layout() -> None:
    text = gen.TEMPLATE_YAML.read_text(encoding="utf-8")
    assert text == gen.render_template_yaml()
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(text) == TEMPLATE


# --- truth -----------------------------------------------------------------------------------------


def test_truth_lists_valid_and_broken_files(fresh: Path, truth: dict) -> None:
    valid = [n for n, e in truth.items() if e["status"] == "valid"]
    assert len(valid) >= 30
    assert {n: (e["problem"], e["problem_field"]) for n, e in truth.items() if e["status"] == "broken"} == BROKEN
    assert sorted(p.name for p in fresh.glob("*.pdf")) == sorted(truth)
    for name, entry in truth.items():
        assert set(entry) == {"status", "problem", "problem_field", "target_rejects", "fields", "originals", "marks"}
        if name in FILE_LEVEL:
            assert entry["fields"] == {}
        else:
            assert list(entry["fields"]) == list(FIELDS) == layout.field_names()
            assert entry["fields"]["consent"] is True
        if entry["problem_field"]:
            assert entry["fields"][entry["problem_field"]] is None


def test_broken_files_are_broken_the_way_truth_says(fresh: Path) -> None:
    assert (fresh / "empty.pdf").stat().st_size == 0
    assert not (fresh / "not-a-pdf.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(PdfminerException):
        with pdfplumber.open(fresh / "encrypted.pdf") as pdf:
            pdf.pages[0].extract_text()
    with pdfplumber.open(fresh / "encrypted.pdf", password=gen.ENCRYPTED_PASSWORD) as pdf:
        assert len(pdf.pages) == 2 and "児童手当" in pdf.pages[0].extract_text()
    with pdfplumber.open(fresh / "other-form.pdf") as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
        assert "住民票" in text and not any(k in text for k in layout.KEYWORDS)
    with pdfplumber.open(fresh / "page-missing.pdf") as pdf:
        assert len(pdf.pages) == 1 and all(k in pdf.pages[0].extract_text() for k in layout.KEYWORDS)


def _check_digit(number: str) -> int:
    r = sum(int(d) * w for d, w in zip(number[:11], (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=False)) % 11
    return 0 if r <= 1 else 11 - r


def test_my_numbers_have_correct_check_digits(truth: dict) -> None:
    in_ = pytest.importorskip("stdnum.jp.in_")
    for name, entry in truth.items():
        number = entry["fields"].get("my_number")
        if number is None:
            continue
        assert re.fullmatch(r"\d{12}", number) and _check_digit(number) == int(number[11]), name
        assert in_.is_valid(number), name
    bad = unicodedata.normalize("NFKC", truth["bad-mynumber.pdf"]["originals"]["my_number"])
    assert _check_digit(bad) != int(bad[11]) and not in_.is_valid(bad)


def test_exactly_one_valid_form_is_rejected_by_cp932(truth: dict) -> None:
    def cp932_ok(s: str) -> bool:
        try:
            s.encode("cp932")
        except UnicodeEncodeError:
            return False
        return True

    rejected = [n for n, e in truth.items() if e["target_rejects"] == "cp932"]
    assert len(rejected) == 1 and truth[rejected[0]]["status"] == "valid"
    for name, entry in truth.items():
        texts = [v for v in entry["fields"].values() if isinstance(v, str)]
        assert all(cp932_ok(t) for t in texts) == (name not in rejected), name
    names = [e["fields"]["claimant_name"] or "" for e in truth.values() if e["fields"]]
    assert any("髙" in n for n in names) and any("\ufa11" in n for n in names)


# Independent re-derivations of normalized values from the written text (docs/field-types.md)

_ERA = {"明治": date(1868, 1, 25), "大正": date(1912, 7, 30), "昭和": date(1926, 12, 25), "平成": date(1989, 1, 8), "令和": date(2019, 5, 1)}
_ERA_ALIAS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和", "明": "明治", "大": "大正", "昭": "昭和", "平": "平成", "令": "令和"}
_KANJI = "〇一二三四五六七八九"


def _int(s: str) -> int:
    if s == "元":
        return 1
    if s.isdigit():
        return int(s)
    tens, _, ones = s.rpartition("十")
    value = (_KANJI.index(tens) if tens else 1) * 10 if "十" in s else 0
    return value + (_KANJI.index(ones) if ones else 0)


def _date(written: str) -> date | None:
    s = unicodedata.normalize("NFKC", written)  # full-width digits, ㍻ → 平成, ㋿ → 令和
    n = r"(元|\d+|[〇一二三四五六七八九十]+)"
    m = re.fullmatch(rf"(\d{{4}})年{n}月{n}日", s)
    if m:
        return date(int(m[1]), _int(m[2]), _int(m[3]))
    m = re.fullmatch(rf"(明治|大正|昭和|平成|令和|[MTSHR明大昭平令]){n}(?:年|\.|/){n}(?:月|\.|/){n}日?", s)
    if not m:
        raise AssertionError(f"unparsed date {written!r}")
    era = _ERA_ALIAS.get(m[1], m[1])
    try:
        d = date(_ERA[era].year + _int(m[2]) - 1, _int(m[3]), _int(m[4]))
    except ValueError:
        return None
    later = [start for start in _ERA.values() if start > _ERA[era]]
    if d < _ERA[era] or (later and d >= min(later)):
        return None
    return d


def _katakana(written: str) -> str:
    s = unicodedata.normalize("NFKC", written)
    s = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in s)
    s = re.sub(r"(?<=[\u30a1-\u30fc])[-ｰ−‐–—―－]", "ー", s)
    return re.sub(r"\s+", "\u3000", s.strip())


def _address(written: str) -> str:
    s = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in written)
    s = re.sub(r"(?<=\d)[ー−‐–—―ｰ－-](?=\d)", "-", s)
    return re.sub(r"\s+", "\u3000", s.strip())


def test_truth_values_follow_from_the_written_text(truth: dict) -> None:
    phonenumbers = pytest.importorskip("phonenumbers")
    for name, entry in truth.items():
        fields, written = entry["fields"], entry["originals"]
        for field, value in fields.items():
            w = written[field]
            if field == entry["problem_field"]:
                if entry["problem"] == "missing":
                    assert w is None
                elif field.endswith("date"):
                    assert _date(w) is None, (name, w)
                continue
            if field == "consent":
                assert value is True and w is None and entry["marks"]["consent"]
                continue
            if w is None:
                assert value is None and field.startswith("child") and not field.startswith("child1"), (name, field)
                continue
            if field.endswith("date"):
                assert value == _date(w).isoformat(), (name, field, w)
            elif field.endswith("kana"):
                assert value == _katakana(w) and re.fullmatch(r"[\u30a1-\u30f6ー・\u3000]+", value), (name, field, w)
            elif field.endswith("name") and field != "bank_name" and field != "branch_name":
                assert value == re.sub(r"\s+", "\u3000", w.strip()), (name, field, w)
            elif field == "postal_code":
                assert value == re.sub(r"\D", "", unicodedata.normalize("NFKC", w)) and value in POSTAL, (name, w)
            elif field == "phone":
                digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", w))
                parsed = phonenumbers.parse(digits, "JP")
                assert value == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL), (name, w)
            elif field == "address":
                assert value == _address(w) and value.startswith(POSTAL[fields["postal_code"]]), (name, w)
            elif field in DIGIT_FIELDS:
                assert value == unicodedata.normalize("NFKC", w) and value.isdigit(), (name, field, w)
            else:  # text and choice fields are written as they are
                assert value == w, (name, field, w)
        for field, spec in FIELDS.items():
            if "options" in spec and fields.get(field) is not None:
                assert fields[field] in spec["options"], (name, field)


def test_written_spellings_cover_the_brief(truth: dict) -> None:
    written = [w for e in truth.values() if e["status"] == "valid" for w in e["originals"].values() if w]
    for spelling in (
        "昭和60年5月3日",
        "平成元年1月8日",
        "令和元年5月1日",
        "H2.3.4",
        "S60/05/03",
        "R06/04/01",
        "令6.4.1",
        "平成２年３月４日",
        "昭和五十年十月一日",
        "㍻2.3.4",
    ):
        assert spelling in written, spelling
    joined = "\n".join(written)
    assert "ﾔﾏﾀﾞ ﾀﾛｳ" in joined and "ー" in joined and re.search("[０-９]", joined) and "丁目" in joined
    assert any(re.fullmatch(r"\d{2,4}-\d{2,4}-\d{4}", w) for w in written)  # half-width phone
    assert any(re.fullmatch(r"[０-９]+[－ー][０-９]+[－ー][０-９]+", w) for w in written)  # full-width phone


# --- the PDFs against the template --------------------------------------------------------------------

READABLE = [f"claim-{i:03d}.pdf" for i in range(1, 33)] + [n for n in BROKEN if n not in FILE_LEVEL]


@pytest.mark.parametrize("name", READABLE)
def test_values_sit_in_their_template_boxes(fresh: Path, truth: dict, name: str) -> None:
    entry = truth[name]
    with pdfplumber.open(fresh / name) as pdf:
        assert len(pdf.pages) == TEMPLATE["pages"]
        assert all(k in pdf.pages[0].extract_text() for k in TEMPLATE["fingerprint"]["keywords"])
        for field, spec in FIELDS.items():
            page = pdf.pages[spec["page"] - 1]
            want = _squash(entry["originals"][field])
            if "read" not in spec:
                assert _squash(page.crop(spec["box"]).extract_text()) == want, field
                assert _squash(page.within_bbox(spec["box"]).extract_text()) == want, field  # nothing spills out
            elif spec["read"] == "circled":
                for option, box in spec["options"].items():
                    assert page.crop(box).extract_text() == option, (field, option)
                circled = [o for o, box in spec["options"].items() if any(_encloses(c, box) for c in page.curves)]
                assert circled == [entry["fields"][field]], field
            elif spec["read"] == "ticked":
                ticked = [o for o, box in spec["options"].items() if _marks(page, box)]
                assert ticked == [entry["fields"][field]], field
            else:  # checkbox
                assert bool(_marks(page, spec["box"])) is entry["fields"][field], field


def test_blank_form_has_empty_boxes_and_no_marks() -> None:
    with pdfplumber.open(gen.BLANK_PDF) as pdf:
        assert len(pdf.pages) == TEMPLATE["pages"]
        assert all(k in pdf.pages[0].extract_text() for k in TEMPLATE["fingerprint"]["keywords"])
        for field, spec in FIELDS.items():
            page = pdf.pages[spec["page"] - 1]
            boxes = list(spec["options"].values()) if "options" in spec else [spec["box"]]
            for box in boxes:
                if spec.get("read") != "circled":
                    assert page.crop(box).extract_text() == "", field
                assert not _marks(page, box) or spec.get("read") == "circled", field
            assert not [c for c in page.curves for b in boxes if _encloses(c, b)], field


def test_template_boxes_do_not_overlap_and_stay_on_the_page() -> None:
    boxes: dict[int, list[tuple[str, list[float]]]] = {}
    for field, spec in FIELDS.items():
        for key, box in spec.get("options", {"": spec.get("box")}).items():
            assert 0 <= box[0] < box[2] <= layout.PAGE_WIDTH and 0 <= box[1] < box[3] <= layout.PAGE_HEIGHT
            boxes.setdefault(spec["page"], []).append((f"{field}{key}", box))
    for items in boxes.values():
        for i, (a, ba) in enumerate(items):
            for b, bb in items[i + 1 :]:
                overlap = ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]
                assert not overlap, (a, b)


def test_generator_is_independent_of_the_code_under_test() -> None:
    """Ground truth imports only the standard library and reportlab (never robots/connectors/shared)."""
    import ast
    import sys

    for path in sorted((REPO / "samples" / "forms").glob("*.py")):
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
