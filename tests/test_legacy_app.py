"""The sample legacy system, served as a real process and driven by a real Chromium.

Fast checks of the pure helpers come first; the browser tests drive the session's
``python -m samples.legacy_app --port 0`` process (tests/legacy_server.py), reset
before each test to a fresh database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from legacy_server import LegacyServer
from playwright.sync_api import Browser, Page, expect, sync_playwright

from samples.legacy_app import count_records, create_app, fetch_records
from samples.legacy_app.db import insert_application
from samples.legacy_app.validation import validate_entry

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
USER = "robot"
PASSWORD = "s3cret-pass"
VALID_MY_NUMBER = "123456789018"  # 11 digits 12345678901 -> check digit 8
POSTAL = {"1000001": "東京都千代田区千代田"}
TOWN = "東京都千代田区千代田"

VALID_FORM = {
    "applicant_name": "山田\u3000太郎",
    "applicant_kana": "ヤマダ\u3000タロウ",
    "birth_era": "昭和",
    "birth_year": "60",
    "birth_month": "4",
    "birth_day": "1",
    "gender": "男",
    "my_number": VALID_MY_NUMBER,
    "postal_code": "100-0001",
    "address_town": TOWN,
    "address_street": "1-1 千代田ハイツ101",
    "phone": "03-1234-5678",
    "pension": "厚生年金",
    "bank_name": "○○銀行",
    "branch_name": "本店",
    "account_type": "普通",
    "account_number": "1234567",
    "account_holder_kana": "ヤマダ\u3000タロウ",
    "child1_name": "山田\u3000花子",
    "child1_kana": "ヤマダ\u3000ハナコ",
    "child1_birth": "2020/04/01",
    "confirmed": "1",
}


# --- pure validation -------------------------------------------------------------


def test_valid_form_passes() -> None:
    result = validate_entry(VALID_FORM, POSTAL, today=dt.date(2024, 1, 1))
    assert result.errors == []
    assert result.record["birth_date"] == "1985-04-01"
    assert result.record["postal_code"] == "1000001"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"my_number": "123456789012"}, "個人番号が正しくありません（チェックデジットが一致しません）。"),
        ({"applicant_name": "山田 太郎"}, "請求者氏名の姓と名の間は全角スペースで区切ってください。"),
        ({"applicant_name": "ﾔﾏﾀﾞ"}, "請求者氏名は全角で入力してください（半角文字「ﾔ」は使用できません）。"),
        ({"applicant_kana": "やまだ"}, "フリガナは全角カタカナで入力してください（「や」は使用できません）。"),
        ({"birth_year": "64", "birth_month": "1", "birth_day": "8"}, "生年月日が元号の期間外です（昭和は1926年12月25日から1989年1月7日まで）。"),
        ({"birth_month": "2", "birth_day": "30"}, "生年月日が正しくありません（昭和60年2月30日は存在しない日付です）。"),
        ({"address_town": "東京都新宿区新宿"}, "住所（都道府県・市区町村・町域）が郵便番号と一致しません。「住所検索」ボタンで入力し直してください。"),
        ({"phone": "03-1234-567"}, "電話番号は半角数字とハイフンで、数字10桁または11桁で入力してください。"),
        ({"child2_name": "山田\u3000次郎"}, "児童2 フリガナを入力してください。"),
        ({"applicant_name": "\U00020bb7田\u3000太郎"}, "請求者氏名に使用できない文字「\U00020bb7」が含まれています（Shift_JISで表せない文字です）。"),
        ({"confirmed": ""}, "「記載内容を確認しました」にチェックを入れてください。"),
    ],
)
def test_invalid_values_are_named(changes: dict[str, str], expected: str) -> None:
    result = validate_entry({**VALID_FORM, **changes}, POSTAL, today=dt.date(2024, 1, 1))
    assert expected in result.errors


@pytest.mark.parametrize(("era", "year", "month", "day"), [("昭和", "64", "1", "7"), ("平成", "1", "1", "8"), ("令和", "1", "5", "1")])
def test_era_boundaries_accepted(era: str, year: str, month: str, day: str) -> None:
    form = {**VALID_FORM, "birth_era": era, "birth_year": year, "birth_month": month, "birth_day": day}
    assert validate_entry(form, POSTAL, today=dt.date(2024, 1, 1)).errors == []


def test_pages_are_shift_jis_and_forms_decoded_as_cp932(tmp_path: Path) -> None:
    app = create_app(tmp_path / "db.sqlite3", USER, PASSWORD)
    client = app.test_client()
    page = client.get("/login")
    assert page.headers["Content-Type"] == "text/html; charset=Shift_JIS"
    assert '<meta charset="Shift_JIS">' in page.data.decode("cp932")
    body = f"user_id={USER}&password={PASSWORD}"
    client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    name = "髙﨑".encode("cp932")
    quoted = "".join(f"%{b:02X}" for b in name) + "%26%23134071%3B"  # 髙﨑 then &#134071; (𠮷)
    reply = client.post("/confirm", data=f"applicant_name={quoted}", content_type="application/x-www-form-urlencoded")
    text = reply.data.decode("cp932")
    assert "請求者氏名に使用できない文字「&#134071;」が含まれています" in text
    assert 'value="髙﨑&#134071;"' in text
    assert count_records(tmp_path / "db.sqlite3") == 0


# --- the real server and browser (marked slow: Chromium end to end) -------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(legacy_server: LegacyServer) -> LegacyServer:
    """The session's server as if just started (empty database), with this file's credentials."""
    return legacy_server.reset(user=USER, password=PASSWORD)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="ja-JP")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def login(page: Page, server: LegacyServer, password: str = PASSWORD) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("ユーザーID", exact=True).fill(USER)
    page.get_by_label("パスワード", exact=True).fill(password)
    page.get_by_role("button", name="ログイン", exact=True).click()


def open_entry_from_menu(page: Page) -> None:
    page.frame_locator('iframe[title="メニュー"]').get_by_role("link", name="認定請求 登録").click()
    expect(page.locator("h1")).to_have_text("児童手当 認定請求 登録")


def fill_entry(page: Page, **changes: str) -> None:
    """Fill the entry form the way a robot does: by label, postal lookup by button."""
    data = {**VALID_FORM, **changes}
    for name, label in (
        ("applicant_name", "請求者氏名"),
        ("applicant_kana", "フリガナ"),
        ("my_number", "個人番号"),
        ("address_street", "番地・建物名"),
        ("phone", "電話番号"),
        ("bank_name", "金融機関名"),
        ("branch_name", "支店名"),
        ("account_number", "口座番号"),
        ("account_holder_kana", "口座名義（カナ）"),
        ("child1_name", "児童1 氏名"),
        ("child1_kana", "児童1 フリガナ"),
        ("child1_birth", "児童1 生年月日"),
    ):
        page.get_by_label(label, exact=True).fill(data[name])
    for name, label in (("birth_era", "元号"), ("birth_year", "年"), ("birth_month", "月"), ("birth_day", "日")):
        page.get_by_label(f"生年月日（{label}）", exact=True).select_option(data[name])
    for name, legend in (("gender", "性別"), ("pension", "加入年金"), ("account_type", "預金種別")):
        page.get_by_role("group", name=legend).get_by_label(data[name], exact=True).check()
    page.get_by_label("郵便番号", exact=True).fill(data["postal_code"])
    page.get_by_role("button", name="住所検索").click()
    expect(page.get_by_label("住所（都道府県・市区町村・町域）", exact=True)).to_have_value(TOWN)
    page.get_by_label("記載内容を確認しました", exact=True).check()


def confirm_and_register(page: Page) -> str:
    page.get_by_role("button", name="確認", exact=True).click()
    expect(page.locator("h1")).to_have_text("確認画面")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="登録", exact=True).click()
    expect(page.locator("h1")).to_have_text("登録完了")
    return page.locator("#receipt-no").inner_text()


@pytest.mark.slow
def test_wrong_password_shows_red_error(page: Page, server: LegacyServer) -> None:
    login(page, server, password="wrong")
    error = page.get_by_text("ユーザーIDまたはパスワードが違います。")
    expect(error).to_be_visible()
    expect(error).to_have_css("color", "rgb(255, 0, 0)")
    assert page.url.endswith("/login")


@pytest.mark.slow
def test_protected_page_without_session_goes_to_login(page: Page, server: LegacyServer) -> None:
    page.goto(server.url + "/entry")
    expect(page).to_have_url(server.url + "/login")


@pytest.mark.slow
def test_login_menu_iframe_and_logout(page: Page, server: LegacyServer) -> None:
    login(page, server)
    expect(page).to_have_url(server.url + "/main")
    expect(page.locator("h1")).to_have_text("児童手当システム")
    response = page.goto(server.url + "/main")
    assert response is not None and response.headers["content-type"] == "text/html; charset=Shift_JIS"
    open_entry_from_menu(page)
    page.go_back()
    page.frame_locator('iframe[name="menu"]').get_by_role("link", name="受給者 検索").click()
    expect(page).to_have_url(server.url + "/search")
    page.go_back()
    page.frame_locator('iframe[name="menu"]').get_by_role("link", name="ログアウト").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.goto(server.url + "/main")
    expect(page).to_have_url(server.url + "/login")


@pytest.mark.slow
def test_full_registration_through_confirm_dialog(page: Page, server: LegacyServer) -> None:
    login(page, server)
    open_entry_from_menu(page)
    fill_entry(page)
    page.get_by_role("button", name="確認", exact=True).click()
    expect(page.locator("h1")).to_have_text("確認画面")
    messages: list[str] = []

    def dismiss(dialog) -> None:  # noqa: ANN001 - playwright Dialog
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="登録", exact=True).click()
    expect(page.locator("h1")).to_have_text("確認画面")
    assert messages == ["登録します。よろしいですか？"]
    assert count_records(server.db_path) == 0

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="登録", exact=True).click()
    expect(page.locator("h1")).to_have_text("登録完了")
    expect(page.get_by_text("登録が完了しました。")).to_be_visible()
    expect(page.locator("#receipt-no")).to_have_text("JT-000001")
    assert count_records(server.db_path) == 1
    record = fetch_records(server.db_path)[0]
    assert record["receipt_no"] == "JT-000001"
    assert record["applicant_name"] == "山田\u3000太郎"
    assert record["birth_date"] == "1985-04-01"
    assert record["postal_code"] == "1000001"
    assert record["address_town"] == TOWN
    assert record["child1_birth"] == "2020-04-01"
    assert record["child2_name"] is None


@pytest.mark.slow
def test_server_validation_error_is_red_and_keeps_values(page: Page, server: LegacyServer) -> None:
    login(page, server)
    page.goto(server.url + "/entry")
    fill_entry(page, my_number="123456789012", phone="03-1234")
    page.get_by_role("button", name="確認", exact=True).click()
    errors = page.locator("ul.errors")
    expect(errors).to_have_css("color", "rgb(255, 0, 0)")
    expect(errors.locator("li")).to_have_text([
        "個人番号が正しくありません（チェックデジットが一致しません）。",
        "電話番号は半角数字とハイフンで、数字10桁または11桁で入力してください。",
    ])
    expect(page.get_by_label("請求者氏名", exact=True)).to_have_value("山田\u3000太郎")
    expect(page.get_by_label("住所（都道府県・市区町村・町域）", exact=True)).to_have_value(TOWN)
    expect(page.get_by_label("生年月日（元号）", exact=True)).to_have_value("昭和")
    assert count_records(server.db_path) == 0


@pytest.mark.slow
def test_character_outside_shift_jis_is_rejected_and_named(page: Page, server: LegacyServer) -> None:
    login(page, server)
    page.goto(server.url + "/entry")
    fill_entry(page, applicant_name="\U00020bb7田\u3000太郎")
    page.get_by_role("button", name="確認", exact=True).click()
    expect(page.locator("ul.errors li")).to_have_text(
        ["請求者氏名に使用できない文字「\U00020bb7」が含まれています（Shift_JISで表せない文字です）。"]
    )
    expect(page.get_by_label("請求者氏名", exact=True)).to_have_value("\U00020bb7田\u3000太郎")
    assert count_records(server.db_path) == 0


@pytest.mark.slow
def test_cp932_variant_kanji_are_accepted(page: Page, server: LegacyServer) -> None:
    login(page, server)
    page.goto(server.url + "/entry")
    fill_entry(page, applicant_name="髙﨑\u3000花子", applicant_kana="タカサキ\u3000ハナコ")
    assert confirm_and_register(page) == "JT-000001"
    assert [r["applicant_name"] for r in fetch_records(server.db_path)] == ["髙﨑\u3000花子"]


@pytest.mark.slow
def test_postal_lookup_fills_or_reports_unknown(page: Page, server: LegacyServer) -> None:
    login(page, server)
    page.goto(server.url + "/entry")
    town = page.get_by_label("住所（都道府県・市区町村・町域）", exact=True)
    expect(town).to_have_attribute("readonly", "")
    page.get_by_label("郵便番号", exact=True).fill("1600022")
    page.get_by_role("button", name="住所検索").click()
    expect(town).to_have_value("東京都新宿区新宿")
    page.get_by_label("郵便番号", exact=True).fill("999-9999")
    page.get_by_role("button", name="住所検索").click()
    expect(page.locator("#postal_message")).to_have_text("該当する住所が見つかりません")
    expect(town).to_have_value("")


@pytest.mark.slow
def test_idle_session_expires(page: Page, legacy_server: LegacyServer) -> None:
    server = legacy_server.reset(user=USER, password=PASSWORD, idle_timeout=1)
    login(page, server)
    expect(page).to_have_url(server.url + "/main")
    page.wait_for_timeout(1_200)  # the idle period itself (timeout is 1 s)
    page.reload()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_text("セッションの有効期限が切れました。再度ログインしてください。")).to_be_visible()


@pytest.mark.slow
def test_search_by_name_and_birth_date(page: Page, server: LegacyServer) -> None:
    for name, born in (("山田\u3000太郎", "1985-04-01"), ("佐藤\u3000一郎", "1990-12-31")):
        base = validate_entry(VALID_FORM, POSTAL, today=dt.date(2024, 1, 1)).record
        insert_application(server.db_path, {**base, "applicant_name": name, "birth_date": born})
    login(page, server)
    page.goto(server.url + "/search")
    page.get_by_label("氏名", exact=True).fill("山田太郎")
    page.get_by_role("button", name="検索", exact=True).click()
    rows = page.locator("#results tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("td")).to_have_text(["JT-000001", "山田\u3000太郎", "1985/04/01"])
    page.get_by_label("氏名", exact=True).fill("")
    page.get_by_label("生年月日（西暦）", exact=True).fill("1990/12/31")
    page.get_by_role("button", name="検索", exact=True).click()
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("佐藤\u3000一郎")
    page.get_by_label("生年月日（西暦）", exact=True).fill("2000/01/01")
    page.get_by_role("button", name="検索", exact=True).click()
    expect(page.get_by_text("該当するデータはありません")).to_be_visible()


def test_public_surface() -> None:
    import samples.legacy_app as legacy_app

    assert sorted(legacy_app.__all__) == ["count_records", "create_app", "fetch_attachments", "fetch_records"]
