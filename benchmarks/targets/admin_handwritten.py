"""The hand-written Playwright baseline for the admin app: what a developer who reads the
page's HTML would write — CSS selectors on the ``name`` attributes, the summary clicked to
open the collapsed section, nothing checked beyond Playwright's own auto-waiting. The same
page operations as ``admin_scenario.yaml``; the browser is ``benchmarks.handwritten.open_page``'s.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

__all__ = ["enter", "log_in"]


def log_in(page: Page, base_url: str, user: str, password: str) -> None:
    page.goto(base_url + "/login")
    page.fill('input[name="user"]', user)
    page.fill('input[name="password"]', password)
    page.click('input[type="submit"]')
    page.get_by_text("業務メニュー").first.wait_for()


def enter(page: Page, base_url: str, record: dict[str, Any]) -> str:
    """Register one record; returns the receipt number."""
    page.goto(base_url + "/menu")
    page.click('a[href="/moving-in/new"]')
    page.select_option('select[name="kind"]', label=str(record["kind"]))
    for name in ("notified_on", "moved_on", "name", "kana", "birth_date"):
        page.fill(f'input[name="{name}"]', str(record[name]))
    page.check(f'input[name="sex"][value="{record["sex"]}"]')
    page.check(f'input[name="household"][value="{record["household"]}"]')
    for name in ("postal_code", "phone", "address"):
        page.fill(f'input[name="{name}"]', str(record[name]))
    page.click("details > summary")
    page.fill('input[name="prev_address"]', str(record["prev_address"]))
    page.fill('input[name="left_on"]', str(record["left_on"]))
    page.check('input[name="id_checked"]')
    page.click('button[type="submit"]')
    return page.input_value("input[readonly]").strip()  # waits for the completion page's receipt box
