"""Browser connector: a Chromium-family browser driven through Playwright.

    with open_browser(settings) as page:
        page.goto("http://127.0.0.1:8000/login")
"""

from connectors.browser.base import BrowserLauncher, launcher
from connectors.browser.playwright import PlaywrightLauncher, open_browser

__all__ = ["BrowserLauncher", "PlaywrightLauncher", "launcher", "open_browser"]
