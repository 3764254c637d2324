"""An online application's attached claim form (a real PDF made by the samples' form generator)
read through the scenario's PDF template, a scan of it (an image-only PDF, a PNG turned) through
the scan reader: the values the export lacks reach the record equal to the truth (or flagged,
never silently wrong); a value the export and the attachment give differently sends the item to
要確認 naming the attachment and the field; an attachment that is not the form (not a PDF,
another form, absent) fails that item with a Japanese message naming the export, the attachment
and what to do, the batch going on; no personal data in what the robot writes."""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from cli_runner import cli
from conftest import found_personal

from connectors.ocr import engine
from robots.demo.runner import REPO, write_demo_site
from robots.reading.files import read_file
from robots.reading.online.attached import DISAGREES, join_values
from robots.reading.pdf_form import FormRecord
from robots.reading.scan.reader import ScanRecord
from robots.run.batch import run_scenario
from samples.forms.generate import write_other_form
from samples.forms.records import load_postal, make_claim
from samples.legacy_app import fetch_records
from samples.online.generate import ACCOUNT_FIELDS, CLAIM_FORM, claim_form, egov_xml
from samples.scans.degrade import PageScan, scan_page
from samples.scans.render import render_page, write_images
from shared.config import load_scenario
from shared.errors import ConfigError, InputFileError
from shared.fields import FieldValue
from shared.ledger import State

FILES = REPO / "samples" / "online" / "files"
SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
TRUTH = json.loads((FILES / "truth.json").read_text(encoding="utf-8"))
PERSONAL = ("my_number", "claimant_name", "claimant_kana", "address", "phone", "account_number", "child1_name")


@pytest.fixture(scope="module")
def loaded():
    return load_scenario(SCENARIO_DIR)


def _ok(value: object) -> FieldValue:
    return FieldValue(str(value), value, "ok")


EMPTY = FieldValue(None, None, "missing", "field.required")
JOIN_CASES = [  # export's field, attachment's field, the status and code kept
    ("taken when the export lacks it", EMPTY, _ok("1234567"), "ok", None, "1234567"),
    ("agreeing values kept", _ok("1234567"), _ok("1234567"), "ok", None, "1234567"),
    ("a disagreement flagged, the export's value kept", _ok("1234567"), _ok("7654321"), "invalid", DISAGREES, "1234567"),
    ("a doubtful attachment value named as such", EMPTY, FieldValue("l23", None, "invalid", "field.digits"),
     "invalid", "online.attachment_doubtful", None),
    ("an unreadable attachment value does not override", _ok("1234567"), FieldValue("", None, "missing", "field.required"),
     "ok", None, "1234567"),
    ("an optional field both leave empty stays as the export gives it", FieldValue(None, None, "ok"),
     FieldValue("", None, "missing", "scan.page_not_scanned"), "ok", None, None),
    ("a required field the attachment cannot give names the attachment", EMPTY,
     FieldValue("", None, "missing", "scan.page_not_scanned"), "missing", "online.attachment_doubtful", None),
]


@pytest.mark.parametrize(("case", "ours", "theirs", "status", "code", "value"), JOIN_CASES, ids=[c[0] for c in JOIN_CASES])
def test_join_values(case, ours, theirs, status, code, value):
    export = FormRecord(Path("x.zip"), "t", {"account_number": ours, "bank_name": _ok("見本銀行")})
    attached = FormRecord(Path("001.pdf"), "p", {"account_number": theirs, "bank_name": _ok("見本銀行")})
    joined = join_values(export, attached, ["account_number", "bank_name"], CLAIM_FORM).fields["account_number"]
    assert (joined.status, joined.code, joined.value) == (status, code, value)
    if code is not None:
        assert joined.params["attachment"] == CLAIM_FORM
    assert export.fields["account_number"] is ours  # a new record, the export's left as it was


def test_the_attached_claim_form_fills_what_the_export_lacks(loaded):
    entry = TRUTH["egov-003.zip"]
    with zipfile.ZipFile(FILES / "egov-003.zip") as archive:
        xml = next(archive.read(n) for n in archive.namelist() if n.endswith(".xml")).decode()
        assert "振込先口座" not in xml and archive.read(CLAIM_FORM).startswith(b"%PDF")
    [record] = read_file(FILES / "egov-003.zip", loaded)
    [truth] = entry["records"].values()
    assert set(entry["read_from_attachment"]) == set(ACCOUNT_FIELDS)
    assert record.ok, record.problems
    assert record.json_values() == {name: truth[name] for name in record.fields}  # 100% equal, the account too


def _claim(seed: int) -> tuple[dict, object]:
    claim = make_claim(random.Random(seed), load_postal())
    return dict(claim.values), claim


def _zip(xml: str, members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("申請書.xml", xml.encode())
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _other_form(tmp_path: Path) -> bytes:
    path = tmp_path / "other.pdf"
    write_other_form(path)
    return path.read_bytes()


def _cases(tmp_path: Path) -> dict[str, tuple[bytes, dict]]:
    """file name -> (zip, the claim's values): one good, one disagreeing, three bad attachments."""
    cases = {}
    for n, name in enumerate(["egov-attach-good.zip", "egov-attach-disagrees.zip", "egov-attach-not-pdf.zip",
                              "egov-attach-other-form.zip", "egov-attach-absent.zip"]):
        values, claim = _claim(500 + n)
        receipt = f"R07-{7000 + n:06d}"
        pdf = claim_form(claim, n)
        if name == "egov-attach-disagrees.zip":  # the export's account number is not the form's
            export_values = dict(values, account_number=str(int(values["account_number"]) % 9_000_000 + 1_000_000))
            members = {CLAIM_FORM: pdf}
            xml = egov_xml(export_values, receipt, attachments=members)
        else:
            members = {"egov-attach-not-pdf.zip": {CLAIM_FORM: b"PK\x03\x04 not a pdf at all"},
                       "egov-attach-other-form.zip": {CLAIM_FORM: _other_form(tmp_path)},
                       "egov-attach-absent.zip": {"本人確認書類.pdf": pdf}}.get(name, {CLAIM_FORM: pdf})
            xml = egov_xml(values, receipt, attachments=members, account=False)
        cases[name] = (_zip(xml, members), values)
    return cases


@pytest.mark.parametrize(("name", "words"), [
    ("egov-attach-not-pdf.zip", "PDF"), ("egov-attach-other-form.zip", "認定請求書"),
    ("egov-attach-absent.zip", "ありません"),
])
def test_a_bad_attachment_is_refused_naming_the_export_and_the_attachment(loaded, tmp_path, name, words):
    data, values = _cases(tmp_path)[name]
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputFileError) as caught:
        read_file(tmp_path / name, loaded)
    message = caught.value.message()
    assert message.startswith(f"{name}（受付番号 R07-") and CLAIM_FORM in message and words in message, message
    assert "申請者" in message  # what to do
    assert not [v for k, v in values.items() if k in PERSONAL and v and str(v) in message]
    assert caught.value.message(lang="en") != message


@pytest.mark.slow
def test_attached_forms_through_the_run(tmp_path, legacy, run_resources):
    cases = _cases(tmp_path)
    site_dir = tmp_path / "site"
    inbox = site_dir / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name, (data, _values) in cases.items():
        (inbox / name).write_bytes(data)
    shutil.copy2(FILES / "egov-003.zip", inbox / "egov-003.zip")
    site = write_demo_site(site_dir, legacy.url)

    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.fatal is None
    by_file = {o.source.split("（")[0]: o for o in summary.final_outcomes()}
    assert by_file["egov-attach-good.zip"].state == State.DONE
    assert by_file["egov-003.zip"].state == State.DONE
    records = {r["my_number"]: r for r in fetch_records(legacy.db_path)}
    [sample] = TRUTH["egov-003.zip"]["records"].values()
    for truth in (cases["egov-attach-good.zip"][1], sample):  # the account came from the attached PDF only
        record = records[truth["my_number"]]
        assert (record["bank_name"], record["account_number"]) == (truth["bank_name"], truth["account_number"])
    assert len(records) == 2

    disagrees = by_file["egov-attach-disagrees.zip"]
    assert disagrees.state == State.NEEDS_REVIEW
    assert CLAIM_FORM in (disagrees.reason or "") and "口座番号" in (disagrees.reason or ""), disagrees.reason
    for name, words in (("egov-attach-not-pdf.zip", "PDF"), ("egov-attach-other-form.zip", "認定請求書"),
                        ("egov-attach-absent.zip", "ありません")):
        outcome = by_file[name]
        assert outcome.state == State.FAILED_BUSINESS, (name, outcome.state)
        assert name in (outcome.reason or "") and words in (outcome.reason or ""), outcome.reason

    # the person asks the applicant, types the right number on the review sheet, and the next run enters it
    assert summary.review_sheet is not None
    book = openpyxl.load_workbook(summary.review_sheet)
    [row] = [r for r in book.active.iter_rows(min_row=2) if r[0].value is not None]
    assert (row[1].value, row[2].value.split("（")[0]) == ("account_number", "egov-attach-disagrees.zip")
    right = cases["egov-attach-disagrees.zip"][1]
    row[8].value = right["account_number"]
    book.save(summary.review_sheet)
    imported = cli("review", "import", summary.review_sheet, "--scenario", SCENARIO_DIR, "--site", site, "--by", "確認担当")
    assert imported.exit_code == 0, imported.output
    again = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert [o.state for o in again.final_outcomes()] == [State.DONE]
    entered = {r["my_number"]: r for r in fetch_records(legacy.db_path)}[right["my_number"]]
    assert entered["account_number"] == right["account_number"]

    seeded = {str(v[k]) for _data, v in cases.values() for k in PERSONAL if v.get(k)}
    seeded |= {str(sample[k]) for k in PERSONAL if sample.get(k)}
    leaks = []
    for path in site_dir.rglob("*"):
        if not path.is_file() or {"inbox", "archive", "received", "attachments"} & set(path.parts):
            continue
        if path.name.startswith("ledger.sqlite3"):
            continue
        text = path.read_bytes().decode("utf-8", "ignore")
        leaks += [(path.name, v) for v in found_personal(text, seeded)]
    assert leaks == []


def _scans(tmp_path: Path, claim: object) -> dict[str, bytes]:
    """attachment name -> the claim through the samples' scanner: an image-only PDF, page 1 turned 90° as a PNG."""
    form = tmp_path / "claim.pdf"
    form.write_bytes(claim_form(claim, 9))
    rendered = {page: render_page(form, page, 200) for page in (1, 2)}
    scans = {"pdf": [PageScan(dpi=200, skew_deg=0.6, shift=(0.004, -0.003), blur=0.4, noise=2.0)] * 2,
             "png": [PageScan(dpi=200, rotation=90, skew_deg=-0.5, blur=0.3)]}
    files = {}
    for fmt, specs in scans.items():
        pages = [scan_page(rendered[page], spec, np.random.default_rng(page))[0] for page, spec in enumerate(specs, 1)]
        path = tmp_path / f"scan.{fmt}"
        write_images(path, pages, fmt, 200, 80 if fmt == "pdf" else None)
        files[f"認定請求書.{fmt}"] = path.read_bytes()
    return files


@pytest.mark.slow
def test_a_scanned_claim_form_attached_is_read_through_the_scan_reader(loaded, tmp_path):
    values, claim = _claim(520)
    folder = tmp_path / "scenario"  # the sample scenario reads 認定請求書.pdf only: a copy reading 認定請求書.* too
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "template-egov-xml.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- name: 認定請求書.pdf", "- name: 認定請求書.*", 1),
                    encoding="utf-8")
    by_pattern = load_scenario(folder)
    with engine("tesseract") as ocr:
        for n, (name, data) in enumerate(_scans(tmp_path, claim).items()):
            members = {name: data}
            zipped = tmp_path / f"egov-attach-scan-{n}.zip"
            zipped.write_bytes(_zip(egov_xml(values, f"R07-{7100 + n:06d}", attachments=members, account=False), members))
            if name != CLAIM_FORM:
                with pytest.raises(InputFileError) as caught:
                    read_file(zipped, loaded, ocr=ocr)
                assert caught.value.key == "online.attachment_absent"
            [record] = read_file(zipped, loaded if name == CLAIM_FORM else by_pattern, ocr=ocr)
            assert isinstance(record, ScanRecord), name  # the scan reader's record, not the PDF form reader's
            assert set(values) <= set(record.fields)
            assert [k for k, field in record.fields.items() if field.ok and field.json_value() != values.get(k)] == []
            account = {k: record.fields[k] for k in ACCOUNT_FIELDS}
            assert all((field.original or "").strip() for field in account.values()), name  # not in the export: the scan's
            assert any(field.ok for field in account.values()), sorted(record.problems)
            messages = " ".join(field.message(lang) or "" for field in record.problems.values() for lang in ("ja", "en"))
            assert not [k for k in PERSONAL if values.get(k) and str(values[k]) in messages]


@pytest.mark.parametrize(("read", "words"), [
    ("        template: template-nowhere.yaml\n", "template-nowhere.yaml"),
    ("        template: template-csv.yaml\n", "template-csv.yaml"),  # not a pdf/scan template
    ("        template: template.yaml\n        fields: [no_such_field]\n", "no_such_field"),
])
def test_an_attachment_read_names_a_pdf_template_of_the_scenario(tmp_path, read, words):
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "template-egov-xml.yaml"
    text = path.read_text(encoding="utf-8")
    assert "        template: template.yaml\n" in text
    path.write_text(text.replace("        template: template.yaml\n", read, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(folder)
    assert any(words in problem.message and problem.file.endswith("template-egov-xml.yaml")
               for problem in caught.value.problems), caught.value.problems
