"""Browser connector: a Chromium-family browser driven through Playwright.

    with open_browser(settings) as page:
        page.goto("http://127.0.0.1:8000/login")

    with SharedBrowser() as browser:        # one Chromium for many pages
        with browser.open(settings) as page:
            ...
"""

from connectors.browser.base import BrowserLauncher, launcher
from connectors.browser.guard import ContextGuard, RefusingProxy
from connectors.browser.playwright import QUIET_ARGS, PlaywrightLauncher, open_browser
from connectors.browser.shared import SharedBrowser

__all__ = ["QUIET_ARGS", "BrowserLauncher", "ContextGuard", "PlaywrightLauncher", "RefusingProxy", "SharedBrowser",
           "launcher", "open_browser"]
