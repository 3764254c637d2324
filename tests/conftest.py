"""Shared fixtures: the sample scenario, the ground truth, a running legacy system.

What is expensive is made once per session (once per xdist worker) and shared: the sample
legacy system is one process, reset to its start state before each test that uses it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator

import pytest
from legacy_server import ADMIN_TOKEN, LegacyServer, start_legacy_server

from connectors.browser import SharedBrowser
from connectors.ocr import engine
from robots.core import RunResources
from robots.demo.runner import REPO
from shared.config import LoadedScenario, load_scenario

pytest.register_assert_rewrite("crash_batch")  # its checks are the crash test's: pytest's messages for them

SCENARIO_DIR = REPO / "scenarios" / "jidou-teate-nintei"
CLAIMS = REPO / "samples" / "forms" / "claims"
OFFICE = REPO / "samples" / "office" / "files"


@pytest.fixture(scope="session")
def sample_scenario() -> LoadedScenario:
    return load_scenario(SCENARIO_DIR)


@pytest.fixture(scope="session")
def truth() -> dict[str, dict]:
    return json.loads((CLAIMS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def office_truth() -> dict[str, dict]:
    """The truth of the committed Office corpus (samples/office/files), generated once if missing."""
    if not (OFFICE / "truth.json").is_file():
        subprocess.run([sys.executable, "-m", "samples.office.generate"], cwd=REPO, check=True)
    return json.loads((OFFICE / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def legacy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LegacyServer]:
    """The session's sample legacy system (with the admin API and the test-only reset); a test
    takes it through ``legacy`` (or calls ``reset`` itself) so that it starts from a clean one."""
    with start_legacy_server(tmp_path_factory.mktemp("legacy"), admin_token=ADMIN_TOKEN, test_reset=True) as server:
        yield server


@pytest.fixture
def legacy(legacy_server: LegacyServer, monkeypatch: pytest.MonkeyPatch) -> LegacyServer:
    """The sample legacy system as if just started: an empty database (the first receipt is
    JT-000001), no faults, no sessions, and a password of this test's own; the robot's
    credentials are in LEGACY_USER / LEGACY_PASSWORD."""
    server = legacy_server.reset(password=secrets.token_urlsafe(12))
    monkeypatch.setenv("LEGACY_USER", server.user)
    monkeypatch.setenv("LEGACY_PASSWORD", server.password)
    return server


@pytest.fixture(scope="module")
def run_resources() -> Iterator[RunResources]:
    """What the runs of one test file share: one Chromium (``SharedBrowser``; each run gets a
    fresh context and page) and one OCR engine, closed when the file is done. Module-scoped
    because Playwright's sync API runs once per thread: a file that starts Playwright itself
    must not overlap a shared browser. Use as ``run_scenario(..., resources=run_resources)``."""
    with SharedBrowser() as browser, engine("tesseract") as ocr:
        yield RunResources(launcher=browser, ocr=ocr)


def seeded_personal_data(truth: dict[str, dict]) -> set[str]:
    """Every My Number, name, furigana and address seeded in the sample forms (as
    normalized and as printed), for greps over what the robot writes."""
    values: set[str] = set()
    personal = {"my_number", "claimant_name", "claimant_kana", "address", "phone", "account_number",
                "account_holder_kana", *(f"child{i}_{k}" for i in (1, 2, 3) for k in ("name", "kana"))}
    for entry in truth.values():
        for source in (entry.get("fields") or {}, entry.get("originals") or {}):
            for field, value in source.items():
                if isinstance(value, str) and field in personal and len(value) >= 4:
                    values.add(value)
                    values.add(value.replace("\u3000", " "))
    return values


def found_personal(text: str, seeded: set[str]) -> list[str]:
    """The seeded values that occur in ``text``. A value of digits only counts where it is not
    part of a longer number: the digits of a timestamp such as 1796349470.9288683 are not an
    account number written out."""
    return [v for v in seeded if v in text
            and (not v.isdigit() or re.search(rf"(?<!\d)(?<!\d\.){re.escape(v)}(?!\d)(?!\.\d)", text))]


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("RPA_LANG", "ja")


# The longest files, longest first (``pytest --durations``): under xdist each starts as soon as
# a worker is free, instead of a long one starting last and holding up the end.
LONGEST_FIRST = ("test_bundle.py", "test_demo_training_day.py", "test_crash_online.py", "test_crash_1.py",
                 "test_crash_2.py", "test_crash_3.py", "test_crash_4.py", "test_concurrent_runs.py", "test_scan_corpus.py", "test_scan_unseen_font.py", "test_scan_print_scale.py", "test_demo_e2e.py",
                 "test_tutorial.py", "test_reading_only.py", "test_recovery.py", "test_review_round_trip.py",
                 "test_sample_scans.py", "test_marks_convention.py", "test_benchmarks_smoke.py",
                 "test_presenter_demo.py", "test_scan_review.py", "test_office_pipeline.py", "test_package_e2e.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The files of LONGEST_FIRST run first, then the other files with slow tests, then the
    rest (each in its usual order). ``make test`` passes ``--no-loadscope-reorder`` so that
    pytest-xdist keeps this order (by default it sorts files by their number of tests). A
    module moves as a whole, so module-scoped fixtures are still set up once."""
    slow_modules = {item.path for item in items if item.get_closest_marker("slow")}

    def rank(item: pytest.Item) -> int:
        if item.path.name in LONGEST_FIRST:
            return LONGEST_FIRST.index(item.path.name)
        return len(LONGEST_FIRST) + (item.path not in slow_modules)

    items.sort(key=rank)
