"""Fault injection in the sample legacy system, and search by 個人番号.

Each test gets the session's ``python -m samples.legacy_app`` reset to its start
(fresh database, no faults; it has an admin token) and switches faults through the
loopback ``/__admin/`` API; the tests of start-up options start a process of their
own.  A real Chromium drives the flows whose outcome a robot reads off the screen;
plain ``urllib`` checks status codes, delays and resets.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from legacy_server import ADMIN_TOKEN as TOKEN
from legacy_server import REPO as REPO_ROOT
from legacy_server import LegacyServer, start_legacy_server
from playwright.sync_api import Page, expect
from test_legacy_app import (  # the same browser settings, credentials and valid form  # noqa: F401 (the same browser fixtures)
    PASSWORD,
    TOWN,
    USER,
    browser,
    page,
)
from test_legacy_app import VALID_FORM as FORM
from test_legacy_app import VALID_MY_NUMBER as MY_NUMBER

from samples.legacy_app import count_records, create_app
from samples.legacy_app.db import insert_application
from samples.legacy_app.faults import FaultSettings
from samples.legacy_app.validation import validate_entry

HTTP_TIMEOUT = 10.0

ERROR_H1 = "システムエラー"
ERROR_TEXT = "システムエラーが発生しました。しばらくしてから再度お試しください。"
MAINTENANCE_H1 = "システムメンテナンス中"
MAINTENANCE_TEXT = "ただいまシステムメンテナンス中です。"
EXPIRED_TEXT = "セッションの有効期限が切れました。再度ログインしてください。"

OTHER_MY_NUMBER = "234567890122"  # check digit 2
TEXT_FIELDS = ("applicant_name", "applicant_kana", "my_number", "address_street", "phone", "bank_name",
               "branch_name", "account_number", "account_holder_kana", "child1_name", "child1_kana", "child1_birth")


# --- pure checks -----------------------------------------------------------------


def test_fault_settings_are_validated() -> None:
    assert FaultSettings() == FaultSettings(0, 0, 2.0, 0, False, 0, "error", None)
    assert FaultSettings(fault_500=1).fault_500 == 1.0
    for bad in ({"fault_500": 1.5}, {"fault_slow": -0.1}, {"lose_completion": True}, {"expire_every": 2.5},
                {"maintenance": "yes"}, {"lose_mode": "explode"}, {"seed": "7"}, {"slow_seconds": -1}):
        with pytest.raises(ValueError):
            FaultSettings().updated(bad)
    with pytest.raises(ValueError, match="unknown setting"):
        FaultSettings().updated({"fault_404": 0.5})


def test_search_by_my_number_is_exact_and_checked(tmp_path: Path) -> None:
    db_path = tmp_path / "db.sqlite3"
    app = create_app(db_path, USER, PASSWORD)
    base = validate_entry(FORM, {"1000001": TOWN}, today=dt.date(2024, 1, 1)).record
    insert_application(db_path, base)
    insert_application(db_path, {**base, "applicant_name": "佐藤\u3000一郎", "my_number": OTHER_MY_NUMBER})
    client = app.test_client()
    client.post("/login", data=f"user_id={USER}&password={PASSWORD}", content_type="application/x-www-form-urlencoded")

    def search(query: str) -> str:
        return client.get("/search?" + query).data.decode("cp932")

    found = search(f"name=&birth=&my_number={OTHER_MY_NUMBER}")
    assert re.findall(r"<td>(JT-\d{6})</td>", found) == ["JT-000002"]
    assert "個人番号" in search("") and 'id="my_number"' in search("")
    assert 'id="no-results"' in search(f"my_number={MY_NUMBER[:11]}9")
    sato = urllib.parse.quote("佐藤", encoding="cp932")
    assert 'id="no-results"' in search(f"name={sato}&my_number={MY_NUMBER}")  # every criterion must match
    assert "JT-000002" in search(f"name={sato}&my_number={OTHER_MY_NUMBER}")
    assert "個人番号は半角数字12桁で入力してください。" in search(f"my_number={MY_NUMBER[:11]}")
    assert "氏名、生年月日（西暦）または個人番号を入力してください。" in search("name=&birth=&my_number=")


# --- a real server, its admin API and plain HTTP ------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    url: str
    text: str
    headers: Message


class Client:
    """A cookie-keeping ``urllib`` client that speaks Shift_JIS like the browser."""

    def __init__(self, server: LegacyServer) -> None:
        self.server = server
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, path: str, form: dict[str, str] | None = None) -> Reply:
        data = None if form is None else urllib.parse.urlencode(form, encoding="cp932").encode("ascii")
        try:
            with self.opener.open(self.server.url + path, data=data, timeout=HTTP_TIMEOUT) as reply:
                return Reply(reply.status, reply.url, reply.read().decode("cp932"), reply.headers)
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.url, error.read().decode("cp932"), error.headers)

    def login(self) -> Reply:
        return self.open("/login", {"user_id": USER, "password": PASSWORD})


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., LegacyServer]]:
    """Start a process of the test's own with start-up ``flags`` (and an admin token unless
    ``token`` is None)."""
    with ExitStack() as stack:
        counter = iter(range(100))

        def start(*flags: str, token: str | None = TOKEN) -> LegacyServer:
            return stack.enter_context(start_legacy_server(tmp_path / f"server{next(counter)}", *flags, user=USER,
                                                           password=PASSWORD, admin_token=token))

        yield start


@pytest.fixture
def server(legacy_server: LegacyServer) -> LegacyServer:
    """A fresh, well-behaved server (the session's, reset) whose faults the test switches on
    through the admin API."""
    return legacy_server.reset(user=USER, password=PASSWORD)


def test_command_line_flags_set_the_faults(start_server: Callable[..., LegacyServer], tmp_path: Path) -> None:
    server = start_server("--fault-500", "0.1", "--fault-slow", "0.05", "--slow-seconds", "1.5",
                          "--expire-every", "30", "--maintenance", "--lose-completion", "0.2",
                          "--lose-mode", "reset", "--fault-seed", "7")
    assert server.admin("faults") == (200, {
        "fault_500": 0.1, "fault_slow": 0.05, "slow_seconds": 1.5, "expire_every": 30, "maintenance": True,
        "lose_completion": 0.2, "lose_mode": "reset", "seed": 7,
    })
    reply = Client(server).open("/login")
    assert reply.status == 503  # started in maintenance
    unused = tmp_path / "unused.sqlite3"
    bad = subprocess.run([sys.executable, "-m", "samples.legacy_app", "--db", str(unused), "--user", USER,
                          "--password", PASSWORD, "--fault-500", "1.5"],
                         cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "fault_500 must be a number from 0 to 1" in bad.stderr
    assert not unused.exists()


def test_admin_api_refuses_wrong_or_missing_token(server: LegacyServer,
                                                  start_server: Callable[..., LegacyServer]) -> None:
    assert server.admin("faults", {"maintenance": True}, token="wrong")[0] == 403
    assert server.admin("faults", {"maintenance": True}, token=None)[0] == 403
    assert server.admin("stats", token="wrong")[0] == 403
    status, settings = server.admin("faults")
    assert status == 200 and settings["maintenance"] is False
    status, error = server.admin("faults", {"fault_500": 2})
    assert status == 400 and "fault_500" in error["error"]
    status, error = server.admin("faults", {"fault_404": 0.5})
    assert status == 400 and "fault_404" in error["error"]
    assert Client(server).open("/login").status == 200
    no_token = start_server(token=None)
    assert no_token.admin("faults", token="anything")[0] == 404


def test_maintenance_on_and_off_through_admin_api(server: LegacyServer) -> None:
    client = Client(server)
    assert server.faults(maintenance=True)["maintenance"] is True
    for path in ("/login", "/main", "/api/postal?code=1000001"):
        reply = client.open(path)
        assert reply.status == 503
        assert f"<h1>{MAINTENANCE_H1}</h1><p>{MAINTENANCE_TEXT}</p>" in reply.text
        assert f"<title>{MAINTENANCE_H1} - 児童手当システム</title>" in reply.text
        assert reply.headers["Content-Type"] == "text/html; charset=Shift_JIS"
        assert reply.headers["Retry-After"] == "60"
    assert server.stats()["maintenance_503"] == 3  # /__admin/* is neither faulted nor counted
    server.faults(maintenance=False)
    reply = client.login()
    assert reply.status == 200 and reply.url == server.url + "/main"


def test_fault_500_is_decided_before_processing(server: LegacyServer) -> None:
    client = Client(server)
    client.login()
    server.faults(fault_500=1.0)
    reply = client.open("/register", {**FORM, "action": "登録"})
    assert reply.status == 500
    assert f"<h1>{ERROR_H1}</h1><p>{ERROR_TEXT}</p>" in reply.text
    assert f"<title>{ERROR_H1} - 児童手当システム</title>" in reply.text
    assert client.open("/api/postal?code=1000001").status == 500
    assert count_records(server.db_path) == 0
    assert server.stats()["injected_500"] == 2
    server.faults(fault_500=0.0)
    assert client.open("/main").status == 200  # the session survived: nothing was processed


def test_seeded_faults_repeat_the_same_sequence(server: LegacyServer) -> None:
    client = Client(server)

    def statuses() -> list[int]:
        return [client.open("/login").status for _ in range(16)]

    server.faults(fault_500=0.5, seed=7)
    first = statuses()
    server.faults(seed=7)
    assert statuses() == first
    assert set(first) == {200, 500}


def test_slow_requests_are_delayed(server: LegacyServer) -> None:
    client = Client(server)
    server.faults(fault_slow=1.0, slow_seconds=0.5)
    started = time.monotonic()
    reply = client.open("/login")
    assert time.monotonic() - started >= 0.5
    assert reply.status == 200 and "ログイン" in reply.text
    assert server.stats()["injected_slow"] == 1


def test_lost_completion_by_connection_reset_still_stores(server: LegacyServer) -> None:
    client = Client(server)
    client.login()
    server.faults(lose_completion=1.0, lose_mode="reset")
    with pytest.raises((ConnectionError, urllib.error.URLError)):
        client.open("/register", {**FORM, "action": "登録"})
    assert count_records(server.db_path) == 1
    assert server.stats()["completions_lost"] == 1
    server.faults(lose_completion=0.0)
    reply = client.open(f"/search?my_number={MY_NUMBER}")
    assert re.findall(r"<td>(JT-\d{6})</td>", reply.text) == ["JT-000001"]


# --- the browser ------------------------------------------------------------------


def login(page: Page, server: LegacyServer) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("ユーザーID", exact=True).fill(USER)
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="ログイン", exact=True).click()
    expect(page.frame_locator('iframe[name="menu"]').get_by_role("link", name="認定請求 登録")).to_be_visible()


def open_confirm_page(page: Page, server: LegacyServer) -> None:
    page.goto(server.url + "/entry")
    for name in TEXT_FIELDS:
        page.locator(f"#{name}").fill(FORM[name])
    for name in ("birth_era", "birth_year", "birth_month", "birth_day"):
        page.locator(f"#{name}").select_option(FORM[name])
    for name in ("gender", "pension", "account_type"):
        page.locator(f'input[name="{name}"][value="{FORM[name]}"]').check()
    page.locator("#postal_code").fill(FORM["postal_code"])
    page.get_by_role("button", name="住所検索").click()
    expect(page.locator("#address_town")).to_have_value(TOWN)
    page.locator("#confirmed").check()
    page.get_by_role("button", name="確認", exact=True).click()
    expect(page.locator("h1")).to_have_text("確認画面")


def press_register(page: Page) -> int:
    """Click 登録, accept the JS confirm; the HTTP status of the reply to the POST."""
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda response: response.url.endswith("/register")) as reply:
        page.get_by_role("button", name="登録", exact=True).click()
    page.wait_for_load_state()
    return reply.value.status


def test_fault_500_on_register_shows_error_page_and_stores_nothing(page: Page, server: LegacyServer) -> None:
    login(page, server)
    open_confirm_page(page, server)
    server.faults(fault_500=1.0)
    assert press_register(page) == 500
    expect(page).to_have_title(f"{ERROR_H1} - 児童手当システム")
    expect(page.locator("h1")).to_have_text(ERROR_H1)
    expect(page.get_by_text(ERROR_TEXT)).to_be_visible()
    expect(page.locator("#receipt-no")).to_have_count(0)
    assert count_records(server.db_path) == 0


def test_lost_completion_is_stored_but_unseen_then_found_by_my_number(page: Page, server: LegacyServer) -> None:
    login(page, server)
    open_confirm_page(page, server)
    server.faults(lose_completion=1.0)
    assert press_register(page) == 500
    expect(page.locator("h1")).to_have_text(ERROR_H1)
    expect(page.locator("#receipt-no")).to_have_count(0)
    assert count_records(server.db_path) == 1
    assert server.stats()["completions_lost"] == 1
    page.goto(server.url + "/complete")  # the receipt is not recoverable from the session either
    expect(page.locator("h1")).to_have_text("児童手当 認定請求 登録")

    server.faults(lose_completion=0.0)
    page.goto(server.url + "/search")
    page.get_by_label("個人番号", exact=True).fill(MY_NUMBER)
    page.get_by_role("button", name="検索", exact=True).click()
    rows = page.locator("#results tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("td")).to_have_text(["JT-000001", "山田\u3000太郎", "1985/04/01"])
    page.get_by_label("個人番号", exact=True).fill(OTHER_MY_NUMBER)
    page.get_by_role("button", name="検索", exact=True).click()
    expect(page.locator("#no-results")).to_have_text("該当するデータはありません")


def test_expire_every_3_forces_relogin_on_the_4th_request(page: Page, server: LegacyServer) -> None:
    server.faults(expire_every=3)
    login(page, server)  # /main (1) and its menu iframe (2)
    page.goto(server.url + "/entry")  # 3
    expect(page.locator("h1")).to_have_text("児童手当 認定請求 登録")
    page.goto(server.url + "/search")  # 4: the session is over
    expect(page).to_have_url(re.compile(r"/login\?reason=timeout$"))
    expect(page.get_by_text(EXPIRED_TEXT)).to_be_visible()
    assert server.stats()["sessions_expired"] == 1
    page.goto(server.url + "/search")
    expect(page).to_have_url(server.url + "/login")  # really logged out
    login(page, server)
    page.goto(server.url + "/search")
    expect(page.locator("h1")).to_have_text("受給者 検索")
