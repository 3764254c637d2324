"""One file's fault never stops the batch: an exception the reader did not expect while
reading one file (here raised by the OCR engine lent to the run, a real engine object that
fails on its first zone) quarantines that file with a Japanese reason naming it and the
kind of fault — never the exception's text, which may quote what was read — and the other
files are read. A later run does not read the quarantined file again. Mark readers give
Python ``bool`` values (a NumPy bool once crashed ``normalize_checkbox``)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from conftest import seeded_personal_data
from test_reading_only import reading_only_scenario, site_profile

from connectors.ocr import OcrEngine, OcrResult, engine
from robots.core.context import RunResources
from robots.demo.runner import REPO
from robots.reading.scan.marks import tick
from robots.run.batch import run_scenario
from shared.audit import audit_records
from shared.fields import normalize
from shared.ledger import State
from shared.ledger.sql import open_ledger

CORPUS = REPO / "samples" / "scans" / "out"
SECRET = "山田　紬 東京都見本市本町1-2-3"  # what a careless exception text might quote


class FailingFirst(OcrEngine):
    """A real engine that raises ``TypeError`` (quoting personal data) on the first
    ``fail`` zones it is given, then reads with Tesseract."""

    name = "failing"

    def __init__(self, inner: OcrEngine, fail: int = 1) -> None:
        self.inner, self.left = inner, fail

    def recognize(self, image, *, kind="text", whitelist=None, single_line=True) -> OcrResult:
        if self.left > 0:
            self.left -= 1
            raise TypeError(f"cannot read {SECRET}")
        return self.inner.recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)


@pytest.fixture(scope="module")
def tesseract():
    with engine("tesseract") as started:
        yield started


@pytest.mark.slow
def test_an_unexpected_exception_quarantines_one_file_and_the_batch_goes_on(tmp_path, truth, tesseract):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in ("scan-005.tif", "scan-011.tif"):
        shutil.copy2(CORPUS / name, inbox / name)

    summary = run_scenario(scenario, site, resources=RunResources(ocr=FailingFirst(tesseract)))

    assert summary.exit_code == 1  # a person is needed, the run was not stopped
    assert not summary.fatal
    states = {o.source: o for o in summary.final_outcomes()}
    assert set(states) == {"scan-005.tif", "scan-011.tif"}
    [failed] = [o for o in states.values() if o.state == State.FAILED_BUSINESS]
    [other] = [o for o in states.values() if o is not failed]
    assert other.state in (State.READ, State.NEEDS_REVIEW)  # read through, after the fault
    assert failed.reason is not None
    assert failed.source in failed.reason and "予期しないエラー（TypeError）" in failed.reason
    assert "隔離" in failed.reason and SECRET not in failed.reason
    work = tmp_path / "site" / "work"
    [reason_file] = (work / "quarantine").glob("*.txt")
    text = reason_file.read_text(encoding="utf-8")
    assert failed.source in text and "TypeError" in text
    with open_ledger(work / "ledger.sqlite3") as ledger:
        file_states = {f.name: f.state for f in ledger.files()}
    assert file_states[failed.source] == "quarantined" and file_states[other.source] == "read"
    seeded = seeded_personal_data(truth) | {SECRET, "山田"}
    written = [p for p in work.rglob("*") if p.is_file() and p.suffix in (".jsonl", ".log", ".txt")]
    for path in written:
        content = path.read_text(encoding="utf-8")
        assert not [v for v in seeded if v in content], path
    events = [e["event"] for e in audit_records(work / "ledger.sqlite3")]
    assert "run_finished" in events

    # A later run, with an engine that fails on everything: the quarantined file is not read again.
    again = run_scenario(scenario, site, resources=RunResources(ocr=FailingFirst(tesseract, fail=10**6)))
    assert again.exit_code == 0 and again.final_outcomes() == []
    with open_ledger(work / "ledger.sqlite3") as ledger:
        assert {f.name: f.state for f in ledger.files()} == file_states


def _square_page(stroke: int) -> tuple[np.ndarray, np.ndarray, tuple[float, float, float, float]]:
    """A blank with a printed 12 pt square at 300 dpi, and the page with a stroke of
    ``stroke`` pixels drawn inside it."""
    blank = np.full((400, 400), 255, np.uint8)
    blank[100:150, 100:102] = blank[100:150, 148:150] = 0
    blank[100:102, 100:150] = blank[148:150, 100:150] = 0
    page = blank.copy()
    page[123:127, 108:108 + stroke] = 0
    box = (100 * 72 / 300, 100 * 72 / 300, 150 * 72 / 300, 150 * 72 / 300)
    return page, blank, box


@pytest.mark.parametrize("stroke", [0, 3, 8, 14, 20, 34])
def test_a_tick_is_a_python_bool_that_a_checkbox_takes(stroke):
    page, blank, box = _square_page(stroke)
    marked, sure = tick(page, blank, box)
    assert type(marked) is bool and isinstance(sure, float)
    assert normalize("checkbox", marked).status == "ok"
