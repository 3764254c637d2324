"""One browser for many pages: a launcher that starts Chromium once and gives each ``open``
a fresh context and page (a test session, or a process that runs many scenarios).

    with SharedBrowser() as browser:
        for scenario in scenarios:
            run_scenario(scenario, site, resources=RunResources(launcher=browser))
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from playwright.sync_api import sync_playwright

from connectors.browser.base import BrowserLauncher
from connectors.browser.playwright import PlaywrightLauncher, launch, launch_options, open_page
from shared.config.site import BrowserSettings

if TYPE_CHECKING:
    from connectors.browser.guard import ContextGuard

__all__ = ["SharedBrowser"]


class SharedBrowser(BrowserLauncher):
    """Launches Chromium on the first ``open`` with the options ``PlaywrightLauncher`` uses,
    and keeps it until ``close``; each ``open`` gets its own context and page and closes
    only those. A page asked for with other launch settings (another executable, channel,
    switches, headless or not) or with slow motion (presenter mode) gets a browser of its
    own, closed with the page; a video (presenter mode) is recorded per page.

    Playwright's objects belong to the thread that started them: ``open`` from another
    thread gets a private browser in that thread (as ``PlaywrightLauncher`` gives)."""

    def __init__(self) -> None:
        self._thread: int | None = None
        self._playwright: Any = None
        self._browser: Any = None
        self._launched_with: dict[str, Any] | None = None

    def open(self, settings: BrowserSettings, guard: ContextGuard | None = None) -> AbstractContextManager[Any]:
        return self._open(settings, 0, None, guard)

    def with_options(self, *, slow_mo_ms: int = 0, video_dir: Path | None = None) -> BrowserLauncher:
        return _Presenting(self, slow_mo_ms, video_dir)

    @contextmanager
    def _open(self, settings: BrowserSettings, slow_mo_ms: int, video_dir: Path | None,
              guard: ContextGuard | None = None) -> Iterator[Any]:
        if self._thread is not None and self._thread != threading.get_ident():
            with PlaywrightLauncher(slow_mo_ms, video_dir).open(settings, guard) as page:
                yield page
            return
        playwright = self._start()
        if slow_mo_ms or not self._fits(settings):
            browser = launch(playwright, settings, slow_mo_ms)  # a browser of its own
            try:
                with open_page(browser, settings, video_dir, guard) as page:
                    yield page
            finally:
                browser.close()
            return
        if self._browser is None:
            self._browser = launch(playwright, settings)
            self._launched_with = launch_options(settings)
        with open_page(self._browser, settings, video_dir, guard) as page:
            yield page

    def _start(self) -> Any:
        if self._playwright is None:
            self._playwright = sync_playwright().start()
            self._thread = threading.get_ident()
        return self._playwright

    def _fits(self, settings: BrowserSettings) -> bool:
        """Whether pages for ``settings`` can live in the shared browser."""
        return self._launched_with is None or self._launched_with == launch_options(settings)

    def close(self) -> None:
        """Close the shared browser and stop Playwright (from the thread that started them)."""
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = self._launched_with = None
            if self._playwright is not None:
                self._playwright.stop()
            self._playwright = self._thread = None

    def __enter__(self) -> SharedBrowser:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


class _Presenting(BrowserLauncher):
    """A shared browser's pages with presenter options."""

    def __init__(self, shared: SharedBrowser, slow_mo_ms: int, video_dir: Path | None) -> None:
        self.shared = shared
        self.slow_mo_ms = slow_mo_ms
        self.video_dir = video_dir

    def open(self, settings: BrowserSettings, guard: ContextGuard | None = None) -> AbstractContextManager[Any]:
        return self.shared._open(settings, self.slow_mo_ms, self.video_dir, guard)

    def with_options(self, *, slow_mo_ms: int = 0, video_dir: Path | None = None) -> BrowserLauncher:
        return _Presenting(self.shared, slow_mo_ms, video_dir)
