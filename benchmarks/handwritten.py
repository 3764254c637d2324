"""The baseline for the web benchmark: a minimal Playwright script (sync API) written by
hand for the sample legacy system. It performs the same page operations as the scenario's
``web.login`` / ``web.entry`` steps, with nothing around them: no templates, no step
table, no checks of the screen beyond what Playwright's auto-waiting does anyway.

It launches the browser exactly as ``connectors/browser/playwright.py`` does, so the two
sides differ only in the robot's own work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Page, expect, sync_playwright

from connectors.browser import QUIET_ARGS
from shared.japanese import to_wareki

__all__ = ["enter", "log_in", "open_page"]

NOT_EMPTY = re.compile(r"^\s*$")


@contextmanager
def open_page(settings: dict[str, Any]) -> Iterator[Page]:
    """A page in a browser launched from ``chromium_settings()``-style ``settings``."""
    with sync_playwright() as playwright:
        options: dict[str, Any] = {"headless": settings.get("headless", True),
                                   "args": [*QUIET_ARGS, *settings.get("args", [])]}
        if settings.get("executable"):
            options["executable_path"] = settings["executable"]
        browser = playwright.chromium.launch(**options)
        try:
            context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", accept_downloads=False)
            context.set_default_timeout(10_000)
            yield context.new_page()
        finally:
            browser.close()


def log_in(page: Page, base_url: str, user: str, password: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("ユーザーID", exact=True).fill(user)
    page.get_by_label("パスワード", exact=True).fill(password)
    page.get_by_role("button", name="ログイン", exact=True).click()
    page.get_by_text("児童手当システム").first.wait_for()


def enter(page: Page, base_url: str, record: dict[str, Any]) -> str:
    """Register one record; returns the receipt number."""

    def field(label: str):
        return page.get_by_label(label, exact=True)

    page.goto(base_url + "/main")
    page.frame_locator('iframe[title="メニュー"]').get_by_role("link", name="認定請求 登録", exact=True).click()
    field("請求者氏名").fill(record["claimant_name"])
    field("フリガナ").fill(record["claimant_kana"])
    birth = record["birth_date"]
    era, era_year = to_wareki(birth)
    field("生年月日（元号）").select_option(label=era)
    field("生年月日（年）").select_option(label=str(era_year))
    field("生年月日（月）").select_option(label=str(birth.month))
    field("生年月日（日）").select_option(label=str(birth.day))
    field(record["sex"]).check()
    field("個人番号").fill(record["my_number"])
    field("郵便番号").fill(record["postal_code"])
    page.get_by_role("button", name="住所検索", exact=True).click()
    town_box = field("住所（都道府県・市区町村・町域）")
    expect(town_box).not_to_have_value(NOT_EMPTY)
    town = town_box.input_value().strip()
    address = record["address"]
    field("番地・建物名").fill(address[len(town):] if town and address.startswith(town) else address)
    field("電話番号").fill(record["phone"])
    field(record["pension"]).check()
    field("金融機関名").fill(record["bank_name"])
    field("支店名").fill(record["branch_name"])
    field(record["account_type"]).check()
    field("口座番号").fill(record["account_number"])
    field("口座名義（カナ）").fill(record["account_holder_kana"])
    for slot in (1, 2, 3):
        if record.get(f"child{slot}_name"):
            field(f"児童{slot} 氏名").fill(record[f"child{slot}_name"])
            field(f"児童{slot} フリガナ").fill(record[f"child{slot}_kana"])
            field(f"児童{slot} 生年月日").fill(record[f"child{slot}_birth_date"].strftime("%Y/%m/%d"))
    field("記載内容を確認しました").check()
    page.get_by_role("button", name="確認", exact=True).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="登録", exact=True).click()
    return page.locator("#receipt-no").inner_text().strip()
