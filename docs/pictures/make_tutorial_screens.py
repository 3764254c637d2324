"""The pictures of docs/tutorial.md §4: each screen of the sample legacy system the tutorial's
steps go through, taken from the running system with Chromium (``make screenshots``).

    .venv/bin/python docs/pictures/make_tutorial_screens.py            # writes docs/images/legacy-*.png
    .venv/bin/python docs/pictures/make_tutorial_screens.py --out DIR  # somewhere else

The sample system (``samples/legacy_app``) runs as its own process on a fresh database in a
temporary folder; the browser logs in, opens the menu, the empty entry form, fills it with the
fictitious applicant below, and registers it, as the tutorial's ``web:`` steps do. The values
are invented for the picture (no sample form holds them); the My Number has a valid check digit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from robots.demo.runner import LegacyApp, chromium_settings  # noqa: E402

IMAGES = REPO / "docs" / "images"
VIEWPORT = {"width": 820, "height": 240}  # each picture is as tall as its page (full_page)
SCREENS = ("legacy-login.png", "legacy-menu.png", "legacy-entry.png", "legacy-confirm.png", "legacy-complete.png")

APPLICANT = {  # screen label -> value (fictitious)
    "請求者氏名": "見本　花子", "フリガナ": "ミホン　ハナコ", "個人番号": "123456789018", "郵便番号": "100-0001",
    "番地・建物名": "1-1 見本ハイツ101", "電話番号": "03-1234-5678", "金融機関名": "見本銀行", "支店名": "本店",
    "口座番号": "1234567", "口座名義（カナ）": "ミホン　ハナコ", "児童1 氏名": "見本　一郎",
    "児童1 フリガナ": "ミホン　イチロウ", "児童1 生年月日": "2021/04/01",
}
CHOICES = {"生年月日（元号）": "平成", "生年月日（年）": "2", "生年月日（月）": "5", "生年月日（日）": "10"}
TICKS = ("女", "厚生年金", "普通", "記載内容を確認しました")


def take(out: Path, user: str = "kenshu", password: str = "kenshu-2024") -> list[Path]:
    """Start the sample system, go through its screens, save one PNG each in ``out``."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    settings = chromium_settings()
    shots = [out / name for name in SCREENS]
    with tempfile.TemporaryDirectory(prefix="tutorial-screens-") as temp, \
            LegacyApp(Path(temp) / "legacy.sqlite3", user, password) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(headless=True, executable_path=settings.get("executable"),
                                             args=settings.get("args", []))
        try:
            page = browser.new_page(viewport=VIEWPORT, locale="ja-JP")
            page.goto(app.url + "/login")
            page.get_by_label("ユーザーID", exact=True).fill(user)
            page.screenshot(path=shots[0], full_page=True)
            page.get_by_label("パスワード", exact=True).fill(password)
            page.get_by_role("button", name="ログイン").click()
            page.get_by_text("左のメニューから業務を選択してください").wait_for()
            page.screenshot(path=shots[1], full_page=True)
            page.frame_locator("iframe[title=メニュー]").get_by_text("認定請求 登録").click()
            page.get_by_role("heading", name="児童手当 認定請求 登録").wait_for()
            page.screenshot(path=shots[2], full_page=True)
            for label, value in APPLICANT.items():
                page.get_by_label(label, exact=True).fill(value)
                if label == "郵便番号":
                    page.get_by_role("button", name="住所検索").click()
                    page.wait_for_function("document.getElementById('address_town').value !== ''")
            for label, value in CHOICES.items():
                page.get_by_label(label, exact=True).select_option(value)
            for label in TICKS:
                page.get_by_label(label, exact=True).check()
            page.get_by_role("button", name="確認").click()
            page.get_by_role("heading", name="確認画面").wait_for()
            page.screenshot(path=shots[3], full_page=True)
            page.once("dialog", lambda dialog: dialog.accept())
            page.get_by_role("button", name="登録").click()
            page.get_by_text("登録が完了しました").wait_for()
            page.screenshot(path=shots[4], full_page=True)
        finally:
            browser.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder of the pictures (default docs/images)")
    args = parser.parse_args(argv)
    for path in take(args.out):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
