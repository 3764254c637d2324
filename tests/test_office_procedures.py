"""Office forms of other procedures (samples/office/files/procedures, made by a generator
that never imports the library), read with templates written from the docs: a 転入届
workbook (ticked options in cells, date cells, number-cell phones, a hidden sheet), a
保育所入所申込書 document (legacy form fields, ■/□ options, a date picker), and a 受付一覧
with 小計・合計 rows. Then the whole robot over them: flagged rows in the ledger show the
values the output allows, next to the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from office_render import soffice  # noqa: F401  (fixture)

from robots.demo.runner import REPO, write_demo_site
from robots.reading.office_form import read_excel_form, read_excel_list, read_word_form
from robots.run.batch import run_scenario
from samples.office import generate
from shared.config import load_scenario
from shared.ledger import State

FILES = REPO / "samples" / "office" / "files" / "procedures"
SCENARIOS = REPO / "samples" / "office" / "scenarios"
READERS = {".xlsx": (read_excel_form, "template-excel.yaml"), ".docx": (read_word_form, "template-word.yaml")}


@pytest.fixture(scope="module")
def truth() -> dict[str, dict]:
    return json.loads((FILES / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scenarios():
    return {pid: load_scenario(SCENARIOS / pid) for pid in ("tennyu", "hoiku")}


def _read(name: str, entry: dict, scenarios):
    loaded = scenarios[entry["procedure"]]
    read, template = READERS[Path(name).suffix]
    return read(FILES / name, loaded.templates[template], loaded.scenario.fields, name)


def test_the_committed_samples_are_what_the_generator_makes(tmp_path, truth):
    made = generate.other_procedures(tmp_path, 11)
    assert made == truth
    for path in sorted(FILES.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    assert sum(e["status"] == "valid" for e in truth.values()) == 12


def test_templates_leave_optional_fields_out(scenarios):
    tennyu = scenarios["tennyu"]
    assert "email" not in tennyu.templates["template-excel.yaml"].fields
    assert {"note", "email"}.isdisjoint(tennyu.templates["template-list.yaml"].fields)
    assert "note" not in scenarios["hoiku"].templates["template-word.yaml"].fields


def test_every_valid_form_of_the_other_procedures_is_read_exactly(truth, scenarios):
    wrong, read = {}, 0
    for name, entry in truth.items():
        if entry["status"] != "valid":
            continue
        record = _read(name, entry, scenarios)
        assert record.ok, (name, {k: v.message() for k, v in record.problems.items()})
        got = record.json_values()
        wrong.update({(name, k): (got[k], v) for k, v in entry["fields"].items() if got[k] != v})
        read += len(entry["fields"])
    assert read >= 12 * 16 and not wrong  # 100% of the fields, unbound optional ones read as empty


@pytest.mark.parametrize("name, words", [
    ("tennyu-bad-sex-both.xlsx", ["シート「転入届」のセルG7", "複数の選択肢に印", "男・女"]),
    ("tennyu-bad-moved-from-none.xlsx", ["シート「転入届」のセルC11", "どれにも印", "国内・国外"]),
    ("hoiku-bad-two-reasons.docx", ["表3の1行2列", "複数の選択肢に印", "就労・求職活動"]),
    ("hoiku-bad-facility-unselected.docx", ["フォームフィールド「第1希望」", "選択肢にない"]),
])
def test_bad_marks_are_flagged_with_a_clear_message(name, words, truth, scenarios):
    entry = truth[name]
    record = _read(name, entry, scenarios)
    field = entry["problem_field"]
    assert list(record.problems) == [field]
    assert record.problems[field].params["reason"].key == entry["problem"]
    message = record.problems[field].message("ja")
    assert all(w in message for w in words), message
    assert "必須項目が空欄" not in message and record.problems[field].message("en") != message
    got = record.json_values()
    assert {k: got[k] for k in entry["fields"] if k != field} == {k: v for k, v in entry["fields"].items() if k != field}


def test_totals_rows_of_a_list_are_skipped_naming_the_row(truth, scenarios):
    name = "一覧-転入-001.xlsx"
    entry, loaded = truth[name], scenarios["tennyu"]
    read = read_excel_list(FILES / name, loaded.templates["template-list.yaml"], loaded.scenario.fields, name)
    assert {str(row): record.json_values() for row, record in read.rows} == entry["rows"]
    assert all(record.ok for _, record in read.rows)
    assert {str(s.row): s.reason.params["label"] for s in read.skipped} == entry["skipped"]
    for skipped in read.skipped:
        message = skipped.reason.render("ja")
        assert message.startswith(f"{name}: シート「受付一覧」の{skipped.row}行目は") and "飛ばしました" in message


def test_libreoffice_shows_what_the_truth_says(tmp_path, truth, soffice):
    """The generator's raw field XML displays, in a real word processor, the values its truth
    records (checked outside both the generator and the reader)."""
    import pdfplumber

    name = "hoiku-word-001.docx"
    source = tmp_path / name
    shutil.copyfile(FILES / name, source)
    with pdfplumber.open(soffice(source, "pdf", tmp_path)) as pdf:  # text in reading order, by position
        text = "".join(pdf.pages[0].extract_text().split())
    fields = truth[name]["fields"]
    assert fields["facility"] in text and f"性別{fields['child_sex']}" in text
    assert f"■{fields['reason']}" in text or f"☑{fields['reason']}" in text or f"レ{fields['reason']}" in text


def test_flagged_rows_show_the_values_the_output_allows(tmp_path, truth):
    """A reading-only run of the 転入届 scenario: the flagged forms go to the ledger with the
    reason, the name (allowed) and the text that was flagged; the kana and addresses (not
    allowed) stay masked; the list's totals rows are said in the summary, not made items."""
    site_dir = tmp_path / "site"
    inbox = site_dir / "inbox" / "tennyu"
    inbox.mkdir(parents=True)
    names = ["tennyu-excel-001.xlsx", "tennyu-bad-sex-both.xlsx", "tennyu-bad-moved-from-none.xlsx", "一覧-転入-001.xlsx"]
    for name in names:
        shutil.copy2(FILES / name, inbox / name)
    site = write_demo_site(site_dir, "http://127.0.0.1:9")
    summary = run_scenario(SCENARIOS / "tennyu", site)
    assert summary.fatal is None and not summary.output_problems
    assert len([n for n in summary.notes if "一覧-転入-001.xlsx" in n and "飛ばしました" in n]) == 3
    failed = {o.source: o.reason for o in summary.final_outcomes() if o.state == State.FAILED_BUSINESS}
    assert set(failed) == {"tennyu-bad-sex-both.xlsx", "tennyu-bad-moved-from-none.xlsx"}
    assert sum(summary.state_counts.values()) == 2 + 1 + 7  # two flagged, one form, seven rows: no totals row is an item

    sheet = openpyxl.load_workbook(site_dir / "output" / "転入届_台帳.xlsx").active
    header, *rows = list(sheet.iter_rows(values_only=True))
    by_file = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    sex_both, none_ticked = by_file["tennyu-bad-sex-both.xlsx"], by_file["tennyu-bad-moved-from-none.xlsx"]
    assert sex_both["氏名"] == truth["tennyu-bad-sex-both.xlsx"]["fields"]["name"]  # allowed: shown although flagged
    assert sex_both["性別"].count("男") == 1 and sex_both["性別"].count("女") == 1  # the text that was flagged
    assert "複数の選択肢" in sex_both["理由"] and "セルG7" in sex_both["理由"]
    assert none_ticked["前住所の区分"].startswith("□国内") and "どれにも印" in none_ticked["理由"]
    assert none_ticked["性別"] == truth["tennyu-bad-moved-from-none.xlsx"]["fields"]["sex"]

    csv = (site_dir / "output" / "転入届_一覧.csv").read_text(encoding="utf-8-sig")
    flagged_lines = [line for line in csv.splitlines() if "tennyu-bad-" in line]
    assert len(flagged_lines) == 2 and all("＊＊＊＊" in line for line in flagged_lines)  # the kana: not allowed
    for name in ("tennyu-bad-sex-both.xlsx", "tennyu-bad-moved-from-none.xlsx"):
        fields = truth[name]["fields"]
        assert fields["name"] in csv
        for personal in (fields["kana"], fields["new_address"], fields["old_address"], fields["phone"]):
            assert personal not in csv and personal not in json.dumps(by_file, ensure_ascii=False, default=str)
    logs = "".join(p.read_text(encoding="utf-8") for p in (site_dir / "work").rglob("*.log"))
    assert logs and not any(truth[n]["fields"]["name"] in logs for n in names[:3])
