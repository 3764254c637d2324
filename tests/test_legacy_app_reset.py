"""The sample legacy system's test-only reset (``POST /__reset__``): back to the start state —
records, receipt counter, faults, credentials, sessions — with options for the next test."""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from legacy_server import LegacyServer
from test_legacy_app import PASSWORD, POSTAL, USER, VALID_FORM

from samples.legacy_app import count_records, create_app, fetch_records
from samples.legacy_app.__main__ import parse_args
from samples.legacy_app.db import insert_application
from samples.legacy_app.faults import FaultSettings
from samples.legacy_app.validation import validate_entry

RECORD = validate_entry(VALID_FORM, POSTAL, today=dt.date(2024, 1, 1)).record
FORM_TYPE = "application/x-www-form-urlencoded"


def login(client, user: str = USER, password: str = PASSWORD) -> str:
    """Log in; the path the reply sends to (``/main`` on success)."""
    reply = client.post("/login", data=f"user_id={user}&password={password}", content_type=FORM_TYPE)
    return reply.headers.get("Location", reply.request.path)


def test_reset_puts_back_the_records_and_the_receipt_counter(tmp_path: Path) -> None:
    db_path = tmp_path / "db.sqlite3"
    create_app(db_path, USER, PASSWORD)
    insert_application(db_path, RECORD)  # there before the start: kept
    client = create_app(db_path, USER, PASSWORD, test_reset=True).test_client()
    assert insert_application(db_path, RECORD) == "JT-000002"
    assert insert_application(db_path, RECORD) == "JT-000003"
    reply = client.post("/__reset__")
    assert reply.status_code == 200
    assert [r["receipt_no"] for r in fetch_records(db_path)] == ["JT-000001"]
    assert insert_application(db_path, RECORD) == "JT-000002"  # the counter is back too
    assert client.post("/__reset__", json={}).status_code == 200
    assert count_records(db_path) == 1


def test_reset_ends_every_session_and_applies_new_credentials(tmp_path: Path) -> None:
    client = create_app(tmp_path / "db.sqlite3", USER, PASSWORD, test_reset=True).test_client()
    assert login(client) == "/main"
    assert client.get("/main").status_code == 200
    reply = client.post("/__reset__", json={"user": "clerk", "password": "another-pass"})
    assert reply.get_json() == {"user": "clerk", "idle_timeout": 900.0, "labels": "standard",
                                "faults": FaultSettings().as_dict()}
    assert "another-pass" not in reply.get_data(as_text=True)
    assert client.get("/main").headers["Location"] == "/login"  # the old session is gone
    assert login(client) == "/login"
    assert login(client, "clerk", "another-pass") == "/main"
    client.post("/__reset__")
    assert login(client, "clerk", "another-pass") == "/login"
    assert login(client) == "/main"  # the start credentials again


def test_reset_puts_back_the_start_faults_and_counts_afresh(tmp_path: Path) -> None:
    start = FaultSettings(maintenance=True, seed=3)
    app = create_app(tmp_path / "db.sqlite3", USER, PASSWORD, fault_settings=start, admin_token="t", test_reset=True)
    client = app.test_client()
    admin = {"X-Admin-Token": "t"}
    assert client.get("/login").status_code == 503
    client.post("/__admin/faults", json={"maintenance": False, "fault_500": 1.0}, headers=admin)
    assert client.get("/login").status_code == 500
    assert client.post("/__reset__").status_code == 200  # never faulted itself
    assert client.get("/__admin/faults", headers=admin).get_json() == start.as_dict()
    assert client.get("/__admin/stats", headers=admin).get_json()["injected_500"] == 0
    reply = client.post("/__reset__", json={"faults": {"maintenance": False}, "idle_timeout": 5, "labels": "b"})
    assert reply.get_json()["faults"] == {**start.as_dict(), "maintenance": False}
    assert login(client) == "/main"
    assert "申請者氏名" in client.get("/entry").data.decode("cp932")  # the wording of variant b
    assert app.config["LEGACY_IDLE_TIMEOUT"] == 5.0
    assert client.get("/__admin/stats", headers=admin).get_json()["maintenance_503"] == 0


@pytest.mark.parametrize(("body", "named"), [
    ({"fault": {}}, "fault"),
    ({"password": ""}, "password"),
    ({"idle_timeout": 0}, "idle_timeout"),
    ({"labels": "c"}, "labels"),
    ({"faults": {"fault_500": 2}}, "fault_500"),
    ({"faults": {"fault_404": 1}}, "fault_404"),
])
def test_bad_reset_options_are_refused_naming_them(tmp_path: Path, body: dict, named: str) -> None:
    db_path = tmp_path / "db.sqlite3"
    client = create_app(db_path, USER, PASSWORD, test_reset=True).test_client()
    insert_application(db_path, RECORD)
    reply = client.post("/__reset__", json=body)
    assert reply.status_code == 400 and named in reply.get_json()["error"]
    assert count_records(db_path) == 1  # nothing was reset
    assert client.post("/__reset__", data="[1]", content_type="application/json").status_code == 400


def test_reset_is_off_unless_asked_for_and_loopback_only(tmp_path: Path) -> None:
    plain = create_app(tmp_path / "a.sqlite3", USER, PASSWORD).test_client()
    assert plain.post("/__reset__").status_code != 200
    client = create_app(tmp_path / "b.sqlite3", USER, PASSWORD, test_reset=True).test_client()
    assert client.post("/__reset__", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 403
    base = ["--db", "x.sqlite3", "--user", "u", "--password", "p"]
    assert parse_args(base).test_reset is False
    assert parse_args([*base, "--test-reset"]).test_reset is True


def test_the_session_server_is_fresh_for_each_test(legacy: LegacyServer) -> None:
    """Through the real process: what one test leaves behind, the next does not see."""
    insert_application(legacy.db_path, RECORD)
    legacy.faults(maintenance=True)
    again = legacy.reset(password="next-test")
    assert count_records(again.db_path) == 0 and again.password == "next-test"
    assert again.faults() == FaultSettings().as_dict()


def test_reset_waits_for_a_request_still_being_served(legacy: LegacyServer) -> None:
    """A slow registration of the last test must not land in the next test's database."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def post(path: str, form: dict[str, str]) -> None:
        with opener.open(legacy.url + path, urllib.parse.urlencode(form, encoding="cp932").encode("ascii"),
                         timeout=30) as reply:
            reply.read()

    post("/login", {"user_id": legacy.user, "password": legacy.password})
    legacy.faults(fault_slow=1.0, slow_seconds=1.0)
    slow = threading.Thread(target=post, args=("/register", {**VALID_FORM, "action": "登録"}))
    slow.start()
    try:
        deadline = time.monotonic() + 30
        while legacy.stats()["injected_slow"] == 0:  # the registration is in its delay
            assert time.monotonic() < deadline
        legacy.reset(password=legacy.password)
    finally:
        slow.join(timeout=30)
    assert not slow.is_alive()
    assert count_records(legacy.db_path) == 0  # stored before the reset, so gone with it
