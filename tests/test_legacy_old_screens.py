"""The sample legacy system's older screens (/old/), in-process: labels that are plain cell
text (no <label>), a collapsed section, clickable cells, and an expired session that only
the address tells (the login page is the same, with no notice)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from samples.legacy_app import create_app

USER, PASSWORD = "robot", "pw-old-screens"


def _client(tmp_path: Path, idle_timeout: float = 900):
    app = create_app(tmp_path / "db.sqlite3", USER, PASSWORD, idle_timeout=idle_timeout)
    return app.test_client()


def _login(client) -> None:
    reply = client.post("/old/login", data=f"user_id={USER}&password={PASSWORD}",
                        content_type="application/x-www-form-urlencoded")
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/old/menu")


def test_entry_screen_has_no_label_tied_to_an_input_and_a_collapsed_section(tmp_path):
    client = _client(tmp_path)
    _login(client)
    page = client.get("/old/entry").data.decode("cp932")
    assert "<label" not in page and "<input" in page
    assert re.search(r"<details[^>]*><summary>振込先口座", page)
    assert "<th>請求者氏名<span" in page and "<th>フリガナ：</th>" in page
    assert 'onclick="document.entryForm.submit()">確認</td>' in page


def test_an_expired_session_is_told_only_by_the_address(tmp_path):
    client = _client(tmp_path, idle_timeout=0.05)
    _login(client)
    logged_in = time.time()
    # The idle time must pass with no request: each request to a screen renews the session.
    while time.time() - logged_in <= 0.05:
        time.sleep(0.01)
    reply = client.get("/old/entry")
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith("/old/login?timeout=1")
    expired = client.get("/old/login?timeout=1").data
    assert expired == client.get("/old/login").data  # the same page: no notice text at all


def test_not_logged_in_goes_to_the_plain_login(tmp_path):
    reply = _client(tmp_path).get("/old/menu")
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/old/login")
