"""One batch over a corpus of bad input files (``tests/bad_inputs.py``) and two valid claims.

The target system is unreachable (port 9), so the run stops with a fatal 'cannot connect'
after reading; by then every bad file must have ended in ``failed_business`` with a
Japanese reason naming it (unreadable ones copied to quarantine with a ``.理由.txt``), the
readable claims must wait as ``new``, and no file may be lost or touched outside the site.
Image-only PDFs go to the scan reader, so the limits in ``open_pdf`` (pages, page size,
inflated size) are what keeps it from rendering gigabytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_inputs import CASES_BY_KIND, CORPUS, Case, Written, write_corpus
from conftest import SCENARIO_DIR

from robots.demo.runner import write_demo_site
from robots.run.batch import RunSummary, run_scenario
from shared.ledger import FileRecord, Item, State, open_ledger

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
TAKEN = ("failed", "new", "duplicate_file")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shown_name(case: Case) -> str:
    """The name the person sees in messages (a Shift_JIS name is shown decoded)."""
    return case.name


def tree(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``folder`` (links not followed): kind and content or link target."""
    entries: dict[str, tuple[str, bytes | str]] = {}
    for root, dirs, files in os.walk(os.fsencode(folder)):
        for name in dirs + files:
            path = os.path.join(root, name)
            key = os.fsdecode(os.path.relpath(path, os.fsencode(folder)))
            if os.path.islink(path):
                entries[key] = ("link", os.fsdecode(os.readlink(path)))
            elif os.path.isdir(path):
                entries[key] = ("dir", "")
            else:
                with open(path, "rb") as handle:
                    entries[key] = ("file", handle.read())
    return entries


@dataclass
class CorpusRun:
    summary: RunSummary
    written: list[Written]
    site: Path
    items: dict[str, Item]  # by source name
    files: list[FileRecord]
    reasons: dict[str, str]  # quarantine reason text, by the file name it names
    quarantined: dict[str, bytes]  # quarantine copies by name
    received: list[bytes]
    inbox_before: dict[str, tuple[str, bytes | str]]
    inbox_after: dict[str, tuple[str, bytes | str]]
    outside_before: dict[str, tuple[str, bytes | str]]
    outside_after: dict[str, tuple[str, bytes | str]]
    audit: list[dict]
    seconds: float

    @property
    def work(self) -> Path:
        return self.site / "work"

    def of(self, kind: str) -> Written:
        return next(w for w in self.written if w.case.kind == kind)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    base = tmp_path_factory.mktemp("bad-inputs")
    site_folder, outside = base / "site", base / "outside"
    inbox = site_folder / "inbox" / "jidou-teate"
    written = write_corpus(inbox, outside)
    inbox_before, outside_before = tree(inbox), tree(outside)
    site = write_demo_site(site_folder, "http://127.0.0.1:9/")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEGACY_USER", "robot")
        patch.setenv("LEGACY_PASSWORD", "not-used")
        started = time.monotonic()
        summary = run_scenario(SCENARIO_DIR, site)  # must not raise
        seconds = time.monotonic() - started
    work = site_folder / "work"
    with open_ledger(work / "ledger.sqlite3") as ledger:
        items = {item.source_name: item for item in ledger.items()}
        files = ledger.files()
    quarantine = work / "quarantine"
    reasons: dict[str, str] = {}
    quarantined: dict[str, bytes] = {}
    for path in quarantine.iterdir():
        if path.name.endswith(".理由.txt"):
            text = path.read_text(encoding="utf-8")
            named = re.match(r"ファイル: (.*)", text)
            assert named, text
            reasons[named.group(1)] = text
        else:
            quarantined[path.name] = path.read_bytes()
    received = [entry[1] for entry in tree(work / "received").values() if entry[0] == "file"]
    from shared.audit import audit_records

    audit = audit_records(work / "ledger.sqlite3")
    return CorpusRun(summary, written, site_folder, items, files, reasons, quarantined, received,  # type: ignore[arg-type]
                     inbox_before, tree(inbox), outside_before, tree(outside), audit, seconds)


# -- the whole run ---------------------------------------------------------------------
def test_the_corpus_has_at_least_thirty_kinds_of_bad_input():
    bad = [case for case in CORPUS if case.kind not in ("valid", "japanese_name_with_spaces")]
    assert len(bad) >= 30
    assert len({case.name for case in CORPUS}) == len(CORPUS)


def test_the_run_completes_and_stops_only_at_the_unreachable_target(corpus_run):
    summary = corpus_run.summary
    assert summary.fatal and "接続できません" in summary.fatal
    assert summary.exit_code == 2
    assert summary.skipped == 1  # the second copy of the same bytes
    assert corpus_run.seconds < 60


def test_every_regular_file_is_archived_and_moved_to_received(corpus_run):
    taken = [w for w in corpus_run.written if w.case.expect in TAKEN]
    for w in taken:
        assert w.data is not None
        digest = sha256(w.data)
        archived = corpus_run.work / "archive" / digest[:2] / (digest + Path(w.case.name).suffix.lower())
        assert archived.read_bytes() == w.data, w.case.kind
    assert sorted(map(sha256, corpus_run.received)) == sorted(sha256(w.data or b"") for w in taken)


def test_what_is_not_taken_stays_untouched_and_nothing_outside_the_site_changes(corpus_run):
    left = {name: entry for name, entry in corpus_run.inbox_before.items()
            if name.split(os.sep)[0] in {c.name for c in CORPUS if c.expect == "ignored"}}
    assert corpus_run.inbox_after == left
    assert set(left) >= {"memo.txt", "folder.pdf", os.path.join("folder.pdf", "inside.pdf")}
    assert corpus_run.outside_after == corpus_run.outside_before
    for _kind, content in corpus_run.outside_after.values():
        assert content not in corpus_run.received  # the link's target was never read in


def test_every_item_is_accounted_for(corpus_run):
    expected = {shown_name(c) for c in CORPUS if c.expect in ("failed", "new")}
    assert set(corpus_run.items) == expected
    final = {o.source: o for o in corpus_run.summary.final_outcomes()}
    assert set(final) == expected


def test_the_two_valid_claims_are_not_failed(corpus_run):
    for name in ("claim-001.pdf", "認定請求書 第2号 （受付分）.pdf"):
        item = corpus_run.items[name]
        assert item.state == State.NEW and item.values, name


def test_same_bytes_twice_is_one_file_read_once(corpus_run):
    first, second = corpus_run.of("duplicate_bytes_first"), corpus_run.of("duplicate_bytes_second")
    assert first.data == second.data
    records = [f for f in corpus_run.files if f.sha256 == sha256(first.data or b"")]
    assert [r.name for r in records] == [first.case.name]
    assert second.case.name not in corpus_run.items
    duplicates = [e for e in corpus_run.audit if e["event"] == "file_duplicate"]
    assert [e["sha256"] for e in duplicates] == [sha256(first.data or b"")]
    received = [e["sha256"] for e in corpus_run.audit if e["event"] == "file_received"]
    assert received.count(sha256(first.data or b"")) == 1


def test_readable_oddities_read_the_same_values_as_the_original(corpus_run, truth):
    for kind, original in (("rotated", "claim-007.pdf"), ("broken_xref_repairable", "claim-016.pdf")):
        values = corpus_run.items[CASES_BY_KIND[kind].name].values
        assert values is not None
        for field in ("my_number", "claimant_name", "account_number"):
            assert values[field] == truth[original]["fields"][field], (kind, field)


def test_a_very_long_name_still_gets_its_quarantine_copy_and_reason(corpus_run):
    case = CASES_BY_KIND["long_japanese_name"]
    assert len(case.name.encode()) > 255 - len(".理由.txt".encode())
    assert case.name in corpus_run.reasons
    assert any(data == corpus_run.of("long_japanese_name").data for data in corpus_run.quarantined.values())


# -- one row per corpus entry --------------------------------------------------------------
@pytest.mark.parametrize("kind", [case.kind for case in CORPUS])
def test_corpus_entry_ends_as_expected(corpus_run, kind):
    written = corpus_run.of(kind)
    case = written.case
    name = shown_name(case)
    if case.expect in ("ignored", "duplicate_file"):
        assert name not in corpus_run.items
        return
    item = corpus_run.items[name]
    if case.expect == "new":
        assert item.state == State.NEW, item.reason_key
        return
    assert item.state == State.FAILED_BUSINESS
    assert item.reason_key == case.key
    message = item.reason_params["message"]
    assert message.startswith(f"{name}: ") and JAPANESE.search(message.removeprefix(name)), message
    assert item.reason_params["message_en"].startswith(f"{name}: ")
    outcome = next(o for o in corpus_run.summary.final_outcomes() if o.source == name)
    assert outcome.state == State.FAILED_BUSINESS and outcome.reason == message
    if not case.key.startswith("item."):  # unreadable: a quarantine copy and a reason file in Japanese
        reason = corpus_run.reasons[name]
        assert message in reason and "対応:" in reason
        assert written.data in corpus_run.quarantined.values()
    else:  # readable but wrong: the person fixes the form; nothing to quarantine
        assert name not in corpus_run.reasons


# -- the PDF reader on its own, and limits the corpus cannot show without big files -----------
def test_the_form_reader_names_an_image_only_page_itself(sample_scenario, tmp_path):
    from bad_inputs import image_only

    from robots.reading.pdf_form import read_form
    from shared.errors import InputFileError

    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only())
    template = next(iter(sample_scenario.templates.values()))
    with pytest.raises(InputFileError) as caught:
        read_form(path, template, sample_scenario.scenario.fields)
    assert caught.value.key == "pdf.no_text"
    assert caught.value.message("ja").startswith("scan.pdf: 1ページ目に文字の情報がありません")



def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(monkeypatch, tmp_path):
    from connectors.pdf import document
    from shared.errors import InputFileError

    path = tmp_path / "big.pdf"
    path.write_bytes((Path(SCENARIO_DIR) / "forms" / "blank.pdf").read_bytes())
    monkeypatch.setattr(document, "MAX_FILE_BYTES", 1024)
    with pytest.raises(InputFileError) as caught:
        document.open_pdf(path)
    assert caught.value.key == "pdf.too_large"
    assert caught.value.message("ja").startswith("big.pdf: ファイルが大きすぎます")


def test_the_inflation_budget_counts_fonts_too(monkeypatch, tmp_path):
    from bad_inputs import claim

    from connectors.pdf import document
    from shared.errors import InputFileError

    path = tmp_path / "claim.pdf"
    path.write_bytes(claim("claim-001.pdf"))
    document.open_pdf(path).close()  # the sample claim is well within the limits
    monkeypatch.setattr(document, "MAX_INFLATED_BYTES", 4096)
    with pytest.raises(InputFileError) as caught:
        document.open_pdf(path)
    assert caught.value.key == "pdf.inflated_too_large"
