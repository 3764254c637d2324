"""Web steps reach only the hosts the site profile allows: an ``open`` of another host is
refused, and so is any request a page makes to one (the robot's route guard), through a
real Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from connectors.browser import SharedBrowser
from robots.demo.runner import chromium_settings
from robots.web import WebEntryRobot
from shared.config.scenario import WebSpec
from shared.config.site import SiteProfile
from shared.errors import HostRefusedError


@pytest.fixture
def server():
    """A page on 127.0.0.1 that loads an image from http://localhost:PORT (the same server
    under another host name); every path requested is recorded."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(f"{self.headers.get('Host', '').split(':')[0]}{self.path}")
            port = self.server.server_address[1]
            body = (f"<html><body><h1>受付</h1><img src='http://localhost:{port}/beacon.png'></body></html>"
                    if self.path == "/page" else "<html><body>ok</body></html>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[SharedBrowser]:
    """One real Chromium for the file; each robot gets a context of its own, with its guard."""
    with SharedBrowser() as shared:
        yield shared


def robot(url: str, login: list[dict], tmp_path: Path, launcher: SharedBrowser) -> WebEntryRobot:
    site = SiteProfile.model_validate({
        "name": "b-city", "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": url, "browser": {**chromium_settings(), "timeout_seconds": 5}}},
    })
    web = WebSpec.model_validate({"system": "kikan", "login": login, "entry": [{"open": "/page"}]})
    return WebEntryRobot(web, site, {}, frozenset(), tmp_path / "shots", launcher=launcher)


def test_a_request_to_another_host_is_blocked_and_named(server, tmp_path, browser):
    url, seen = server
    with pytest.raises(HostRefusedError) as caught:
        with robot(url, [{"open": "/page"}, {"expect_text": "受付"}], tmp_path, browser):
            pass
    assert caught.value.key == "web.request_blocked"
    message = str(caught.value)
    assert "localhost" in message and "allowed_hosts" in message
    assert "127.0.0.1/page" in seen and not any(s.startswith("localhost") for s in seen)


def test_opening_another_host_is_refused(server, tmp_path, browser):
    url, seen = server
    other = url.replace("127.0.0.1", "localhost") + "/other"
    with pytest.raises(HostRefusedError) as caught:
        with robot(url, [{"open": other}], tmp_path, browser):
            pass
    assert caught.value.key == "web.host_not_allowed" and "localhost" in str(caught.value)
    assert seen == []


def test_allowed_host_passes_the_guard(server, tmp_path, browser):
    url, seen = server
    with robot(url, [{"open": "/other"}, {"expect_text": "ok"}], tmp_path, browser):
        pass
    assert [s for s in seen if not s.endswith("favicon.ico")] == ["127.0.0.1/other"]
