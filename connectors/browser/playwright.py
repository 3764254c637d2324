"""Playwright launcher: Playwright's own Chromium, an installed Edge/Chrome (channel), or
a Chromium executable such as Debian's /usr/bin/chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from connectors.browser.base import BrowserLauncher, register
from connectors.browser.screencast import ScreencastRecorder
from shared.config.site import BrowserSettings
from shared.errors import ApplicationError

__all__ = ["PlaywrightLauncher", "open_browser"]

# Switches that keep a locked-down or offline (LGWAN) machine quiet and fast.
QUIET_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


VIDEO_SIZE = {"width": 1280, "height": 800}


class PlaywrightLauncher(BrowserLauncher):
    """``slow_mo_ms`` slows every browser action down (presenter mode); ``video_dir`` records
    a video of each page into that folder (written when the browser closes)."""

    def __init__(self, slow_mo_ms: int = 0, video_dir: Path | None = None) -> None:
        self.slow_mo_ms = slow_mo_ms
        self.video_dir = video_dir

    @contextmanager
    def open(self, settings: BrowserSettings) -> Iterator[Any]:
        with sync_playwright() as playwright:
            options: dict[str, Any] = {"headless": settings.headless, "args": [*QUIET_ARGS, *settings.args]}
            if self.slow_mo_ms:
                options["slow_mo"] = self.slow_mo_ms
            if settings.executable:
                options["executable_path"] = settings.executable
            elif settings.channel != "chromium":
                options["channel"] = settings.channel
            try:
                browser = playwright.chromium.launch(**options)
            except PlaywrightError as exc:
                raise ApplicationError(
                    "browser.launch_failed", channel=settings.executable or settings.channel
                ) from exc
            try:
                context, page, recorder = self._page(browser, settings)
                try:
                    yield page
                finally:
                    context.close()  # a recorded video is complete only once its context is closed
                    if recorder is not None:
                        recorder.save()
            finally:
                browser.close()


    def _page(self, browser: Any, settings: BrowserSettings) -> tuple[Any, Any, ScreencastRecorder | None]:
        """A new context and page; with ``video_dir``, recorded by Playwright (when its ffmpeg
        is installed) or else by Chromium's screencast (nothing to download)."""
        options: dict[str, Any] = {"locale": "ja-JP", "timezone_id": "Asia/Tokyo", "accept_downloads": False}
        if self.video_dir is not None:
            options["viewport"] = VIDEO_SIZE
            context = browser.new_context(**options, record_video_dir=str(self.video_dir), record_video_size=VIDEO_SIZE)
            context.set_default_timeout(settings.timeout_seconds * 1000)
            try:
                return context, context.new_page(), None
            except PlaywrightError as exc:
                context.close()
                if "ffmpeg" not in str(exc):
                    raise
        context = browser.new_context(**options)
        context.set_default_timeout(settings.timeout_seconds * 1000)
        page = context.new_page()
        recorder = ScreencastRecorder(page, self.video_dir, VIDEO_SIZE) if self.video_dir is not None else None
        return context, page, recorder


register("playwright", PlaywrightLauncher)


def open_browser(settings: BrowserSettings):
    """Open a page in the browser ``settings`` describe (a context manager)."""
    return PlaywrightLauncher().open(settings)
