"""A run can be lent what its caller already has (``RunResources``): the values of the site's
secrets (no environment variables), one Chromium shared by many runs (``SharedBrowser``),
and an OCR engine it uses but does not close."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import CLAIMS, SCENARIO_DIR

from connectors.browser import SharedBrowser
from connectors.ocr import TesseractEngine
from robots.demo.runner import REPO, LegacyApp, chromium_settings, write_demo_site
from robots.run import RunResources, run_scenario
from samples.legacy_app import count_records
from shared.config.site import BrowserSettings
from shared.ledger import State

SCANS = REPO / "samples" / "scans" / "out"


def _settings(**changes: object) -> BrowserSettings:
    return BrowserSettings.model_validate({**chromium_settings(), **changes})


def test_shared_browser_gives_each_open_a_fresh_page_of_one_browser() -> None:
    settings = _settings()
    with SharedBrowser() as shared:
        with shared.open(settings) as first:
            browser = first.context.browser
            first.goto("data:text/html,<p>one</p>")
        assert first.is_closed() and browser.is_connected()
        with shared.open(settings) as second:
            assert second.context.browser == browser and not second.context.cookies()
        with shared.open(_settings(args=[*settings.args, "--lang=ja"])) as other:  # other switches: own browser
            assert other.context.browser != browser
        assert not other.context.browser.is_connected()
        with shared.with_options(slow_mo_ms=1).open(settings) as slowed:  # presenter mode: own browser
            assert slowed.context.browser != browser
    assert not browser.is_connected()


def test_shared_browser_opened_from_another_thread_launches_there() -> None:
    settings, seen = _settings(), {}
    with SharedBrowser() as shared:
        with shared.open(settings) as page:
            seen["main"] = page.evaluate("1 + 1")

            def elsewhere() -> None:
                with shared.open(settings) as other:
                    seen["thread"] = other.evaluate("2 + 2")

            worker = threading.Thread(target=elsewhere)
            worker.start()
            worker.join(timeout=120)
    assert seen == {"main": 2, "thread": 4}


class CountingBrowser(SharedBrowser):
    """The shared browser, counting the pages opened with it."""

    def __init__(self) -> None:
        super().__init__()
        self.opened = 0

    def open(self, settings: BrowserSettings, guard=None):  # type: ignore[no-untyped-def]
        self.opened += 1
        return super().open(settings, guard)


class CountingEngine(TesseractEngine):
    """Tesseract, counting what the run asked of it and whether it was closed."""

    def __init__(self) -> None:
        super().__init__()
        self.recognized = 0
        self.closed = False

    def recognize(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.recognized += 1
        return super().recognize(*args, **kwargs)

    def close(self) -> None:
        self.closed = True
        super().close()


@pytest.mark.slow
def test_runs_use_the_lent_secrets_browser_and_ocr_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LEGACY_USER", "LEGACY_PASSWORD"):
        monkeypatch.delenv(name, raising=False)  # the demo site refers to them; the run must not need them
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    shutil.copy2(CLAIMS / "claim-001.pdf", inbox)
    shutil.copy2(SCANS / "scan-002.tif", inbox)
    ocr = CountingEngine()
    with LegacyApp(tmp_path / "legacy" / "legacy.sqlite3") as app, CountingBrowser() as browser:
        site = write_demo_site(tmp_path / "site", app.url)
        resources = RunResources(secrets=app.secrets(), launcher=browser, ocr=ocr)
        first = run_scenario(SCENARIO_DIR, site, resources=resources)
        assert {o.source: o.state for o in first.final_outcomes()}["claim-001.pdf"] == State.DONE
        assert ocr.recognized and not ocr.closed and browser.opened == 1
        shutil.copy2(CLAIMS / "claim-003.pdf", inbox)
        second = run_scenario(SCENARIO_DIR, site, resources=resources)
        assert [o.state for o in second.final_outcomes() if o.source == "claim-003.pdf"] == [State.DONE]
        assert count_records(app.db_path) >= 2 and browser.opened == 2
    assert not ocr.closed
    ocr.recognize(np.full((40, 200), 255, np.uint8), kind="digits")  # still usable: the runs did not close it
    ocr.close()
