"""Playwright launcher: Playwright's own Chromium, an installed Edge/Chrome (channel), or
a Chromium executable such as Debian's /usr/bin/chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from connectors.browser.base import BrowserLauncher, register
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


class PlaywrightLauncher(BrowserLauncher):
    @contextmanager
    def open(self, settings: BrowserSettings) -> Iterator[Any]:
        with sync_playwright() as playwright:
            options: dict[str, Any] = {"headless": settings.headless, "args": [*QUIET_ARGS, *settings.args]}
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
                context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", accept_downloads=False)
                context.set_default_timeout(settings.timeout_seconds * 1000)
                yield context.new_page()
            finally:
                browser.close()


register("playwright", PlaywrightLauncher)


def open_browser(settings: BrowserSettings):
    """Open a page in the browser ``settings`` describe (a context manager)."""
    return PlaywrightLauncher().open(settings)
