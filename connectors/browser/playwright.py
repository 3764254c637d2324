"""Playwright launcher: Playwright's own Chromium, an installed Edge/Chrome (channel), or
a Chromium executable such as Debian's /usr/bin/chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Playwright, sync_playwright

from connectors.browser.base import BrowserLauncher, register
from connectors.browser.engines import install as install_engines
from connectors.browser.screencast import ScreencastRecorder
from shared.config.site import BrowserSettings
from shared.errors import ApplicationError

if TYPE_CHECKING:
    from connectors.browser.guard import ContextGuard

__all__ = ["PlaywrightLauncher", "launch", "launch_options", "open_browser", "open_page"]

# Switches that keep a locked-down or offline (LGWAN) machine quiet and fast.
QUIET_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


VIDEO_SIZE = {"width": 1280, "height": 800}


def launch_options(settings: BrowserSettings, slow_mo_ms: int = 0) -> dict[str, Any]:
    """The options Chromium is launched with for ``settings`` (Playwright's ``launch`` keywords)."""
    options: dict[str, Any] = {"headless": settings.headless, "args": [*QUIET_ARGS, *settings.args]}
    if slow_mo_ms:
        options["slow_mo"] = slow_mo_ms
    if settings.executable:
        options["executable_path"] = settings.executable
    elif settings.channel != "chromium":
        options["channel"] = settings.channel
    return options


def launch(playwright: Playwright, settings: BrowserSettings, slow_mo_ms: int = 0) -> Any:
    """A Chromium-family browser for ``settings``; a browser that does not start is an
    ``ApplicationError`` naming the channel or executable. The clerk-reading selector
    engines (``connectors.browser.engines``) are registered first."""
    install_engines(playwright)
    try:
        return playwright.chromium.launch(**launch_options(settings, slow_mo_ms))
    except PlaywrightError as exc:
        raise ApplicationError("browser.launch_failed", channel=settings.executable or settings.channel) from exc


@contextmanager
def open_page(browser: Any, settings: BrowserSettings, video_dir: Path | None = None,
              guard: ContextGuard | None = None) -> Iterator[Any]:
    """A new context and page of ``browser``, closed afterwards; with ``video_dir``, recorded
    by Playwright (when its ffmpeg is installed) or else by Chromium's screencast (nothing
    to download); with ``guard``, a context that reaches only the guard's origins."""
    context, page, recorder = _new_page(browser, settings, video_dir, guard)
    try:
        yield page
    finally:
        context.close()  # a recorded video is complete only once its context is closed
        if recorder is not None:
            recorder.save()


def _new_page(browser: Any, settings: BrowserSettings, video_dir: Path | None,
              guard: ContextGuard | None) -> tuple[Any, Any, ScreencastRecorder | None]:
    options: dict[str, Any] = {"locale": "ja-JP", "timezone_id": "Asia/Tokyo", "accept_downloads": False}
    if guard is not None:
        options.update(guard.context_options())
    if video_dir is not None:
        options["viewport"] = VIDEO_SIZE
        context = browser.new_context(**options, record_video_dir=str(video_dir), record_video_size=VIDEO_SIZE)
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
    recorder = ScreencastRecorder(page, video_dir, VIDEO_SIZE) if video_dir is not None else None
    return context, page, recorder


class PlaywrightLauncher(BrowserLauncher):
    """A browser of its own for each ``open``. ``slow_mo_ms`` slows every browser action
    down (presenter mode); ``video_dir`` records a video of each page into that folder
    (written when the browser closes)."""

    def __init__(self, slow_mo_ms: int = 0, video_dir: Path | None = None) -> None:
        self.slow_mo_ms = slow_mo_ms
        self.video_dir = video_dir

    def with_options(self, *, slow_mo_ms: int = 0, video_dir: Path | None = None) -> PlaywrightLauncher:
        return PlaywrightLauncher(slow_mo_ms, video_dir)

    @contextmanager
    def open(self, settings: BrowserSettings, guard: ContextGuard | None = None) -> Iterator[Any]:
        with sync_playwright() as playwright:
            browser = launch(playwright, settings, self.slow_mo_ms)
            try:
                with open_page(browser, settings, self.video_dir, guard) as page:
                    yield page
            finally:
                browser.close()


register("playwright", PlaywrightLauncher)


def open_browser(settings: BrowserSettings) -> Any:
    """Open a page in the browser ``settings`` describe (a context manager)."""
    return PlaywrightLauncher().open(settings)
