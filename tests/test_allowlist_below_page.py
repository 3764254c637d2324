"""Issue #17, point 1: the allowlist holds below the page. Every request of the robot's
browser — a redirect hop, a WebSocket, another port or address of an allowed host — goes
only to an origin (scheme, host and port) the site profile allows, through a real Chromium
and real loopback servers that record whether anything reached them."""

from __future__ import annotations

import socket
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
from shared.errors import ApplicationError, HostRefusedError, ScenarioError


class Recorder(ThreadingHTTPServer):
    """A loopback HTTP server; ``seen`` lists every path asked of it; ``pages`` maps a path
    to (status, location or body)."""

    def __init__(self, host: str, pages: dict[str, tuple[int, str]]) -> None:
        self.seen: list[str] = []
        self.pages = pages
        super().__init__((host, 0), _Handler)
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: Recorder

    def _answer(self) -> None:
        self.server.seen.append(self.path)
        status, text = self.server.pages.get(self.path, (404, "<p>none</p>"))
        body = b"" if status in (301, 302, 303, 307) else text.encode()
        self.send_response(status)
        if status in (301, 302, 303, 307):
            self.send_header("Location", text)
        kind = "text/javascript" if self.path.endswith(".js") else "text/html"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


class SocketCounter:
    """A raw TCP listener (where a WebSocket server would be) that counts connection attempts."""

    def __init__(self, host: str) -> None:
        self.attempts = 0
        self.sock = socket.create_server((host, 0))
        self.sock.settimeout(None)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.attempts += 1
            conn.close()

    @property
    def address(self) -> str:
        host, port = self.sock.getsockname()[:2]
        return f"{host}:{port}"

    def stop(self) -> None:
        self.sock.close()


def second_loopback() -> str:
    """127.0.0.2 (the whole 127/8 is loopback on Linux and Windows); skips where it is not
    (macOS without an alias)."""
    try:
        socket.create_server(("127.0.0.2", 0)).close()
    except OSError:
        pytest.skip("127.0.0.2 is not a loopback address here")
    return "127.0.0.2"


@pytest.fixture
def servers() -> Iterator[dict[str, Recorder]]:
    """The allowed system, a redirector on another port of the same address, and two
    "elsewhere" servers: another port of 127.0.0.1 and another loopback address."""
    other_port = Recorder("127.0.0.1", {"/done": (200, "<h1>受付完了</h1><p>受付番号 X-1</p>")})
    other_address = Recorder(second_loopback(), {"/done": (200, "<h1>受付完了</h1><p>受付番号 X-2</p>")})
    redirector = Recorder("127.0.0.1", {"/hop": (302, f"{other_port.origin}/done")})
    app = Recorder("127.0.0.1", {
        "/form": (200, "<h1>入力</h1><form method=post action=/submit><button>登録</button></form>"),
        "/submit": (302, ""),  # set by each test
    })
    found = {"app": app, "redirector": redirector, "other_port": other_port, "other_address": other_address}
    yield found
    for server in found.values():
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[SharedBrowser]:
    """One real Chromium for the file; each robot gets a context of its own, with its guard."""
    with SharedBrowser() as shared:
        yield shared


def robot(app: str, entry: list[dict], tmp_path: Path, launcher: SharedBrowser) -> WebEntryRobot:
    site = SiteProfile.model_validate({
        "name": "b-city", "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": app + "/", "browser": {**chromium_settings(), "timeout_seconds": 5}}},
    })
    web = WebSpec.model_validate({"system": "kikan", "login": [{"open": "/form"}], "entry": entry})
    return WebEntryRobot(web, site, {}, frozenset(), tmp_path / "shots", launcher=launcher)


ENTRY = [{"open": "/form"}, {"click": "登録"}, {"expect_text": "受付完了"}, {"read_text": {"selector": "p", "into": "receipt_no"}}]


@pytest.mark.parametrize("via", ["other_port", "other_address", "redirector"])
def test_a_redirect_from_the_allowed_system_elsewhere_reaches_nothing_and_fails_the_item(servers, tmp_path, browser, via):
    app = servers["app"]
    target = servers[via].origin + ("/hop" if via == "redirector" else "/done")
    app.pages["/submit"] = (302, target)
    with robot(app.origin, ENTRY, tmp_path, browser) as web, pytest.raises(HostRefusedError) as caught:
        web.enter({}, "item-00001")  # no receipt comes back: the item is not registered
    assert "/submit" in app.seen  # the allowed system was asked; the hop went nowhere
    assert servers["redirector"].seen == [] and servers["other_port"].seen == [] and servers["other_address"].seen == []
    error = caught.value
    assert error.key == "web.request_blocked"
    message = str(error)
    assert servers[via].origin in message and "allowed_hosts" in message and "スキーム・ホスト・ポート" in message
    assert "entry[2]" in message or "entry[3]" in message  # the click, or the step after it, never the read


def test_the_refusal_reads_in_english_with_lang_en(servers, tmp_path, browser):
    app = servers["app"]
    app.pages["/submit"] = (302, servers["other_port"].origin + "/done")
    with robot(app.origin, ENTRY, tmp_path, browser) as web, pytest.raises(HostRefusedError) as caught:
        web.enter({}, "item-00001")
    message = caught.value.message("en")
    assert servers["other_port"].origin in message and "scheme, host and port" in message
    assert servers["other_port"].seen == []


def test_a_blocked_request_is_never_retried():
    """A refusal is not system trouble: the run parks the item (or stops after K in a row),
    it does not retry it against the same page again and again."""
    assert issubclass(HostRefusedError, ScenarioError) and not issubclass(HostRefusedError, ApplicationError)


@pytest.mark.parametrize("address", ["127.0.0.2", "127.0.0.1"])
def test_a_websocket_to_another_address_or_port_never_connects(servers, tmp_path, browser, address):
    listener = SocketCounter(second_loopback() if address != "127.0.0.1" else address)
    app = servers["app"]
    # The page tries three times, as a reconnecting script would, then says it gave up.
    app.pages["/live"] = (200, f"""<h1>一覧</h1><script>
        let tries = 0;
        function connect() {{
            const ws = new WebSocket('ws://{listener.address}/feed');
            ws.onclose = () => {{ tries += 1; if (tries < 3) connect();
                                  else document.body.insertAdjacentHTML('beforeend', '<p>切断</p>'); }};
        }}
        connect();
    </script>""")
    try:
        with robot(app.origin, [{"open": "/live"}, {"expect_text": "切断"}, {"click": "次へ"}], tmp_path, browser) as web, \
                pytest.raises(HostRefusedError) as caught:
            web.enter({}, "item-00001")
        assert listener.attempts == 0  # not once, not once per try
        message = str(caught.value)
        assert listener.address in message and "allowed_hosts" in message
        assert "entry[2]" in message or "entry[1]" in message  # before the click on that page
    finally:
        listener.stop()


def test_the_allowed_origin_still_works_through_the_guard(servers, tmp_path, browser):
    app = servers["app"]
    app.pages["/submit"] = (302, "/done")
    app.pages["/done"] = (200, "<h1>受付完了</h1><p>JT-000001</p>")
    with robot(app.origin, ENTRY, tmp_path, browser) as web:
        record = web.enter({}, "item-00001")
    assert record["receipt_no"] == "JT-000001"


def test_an_open_of_another_port_of_the_allowed_host_is_refused_before_the_browser_goes(servers, tmp_path, browser):
    app = servers["app"]
    other = servers["other_port"]
    with robot(app.origin, [{"open": other.origin + "/done"}], tmp_path, browser) as web, \
            pytest.raises(HostRefusedError) as caught:
        web.enter({}, "item-00001")
    assert caught.value.key == "web.host_not_allowed" and other.origin in str(caught.value)
    assert other.seen == []


def test_a_service_worker_is_never_installed_so_none_fetches_elsewhere(servers, tmp_path, browser):
    """Registration is answered without installing anything (``/sw.js`` is never fetched);
    a worker's fetches would meet the refusing proxy like the page's."""
    app, other = servers["app"], servers["other_port"]
    app.pages["/sw-page"] = (200, """<h1>一覧</h1><p id=sw>…</p><script>
        navigator.serviceWorker.register('/sw.js').then(
            () => { document.getElementById('sw').textContent = '登録処理済み'; },
            () => { document.getElementById('sw').textContent = '登録処理済み'; });
    </script>""")
    app.pages["/sw.js"] = (200, f"fetch('{other.origin}/done');")
    with robot(app.origin, [{"open": "/sw-page"}, {"expect_text": "登録処理済み"}], tmp_path, browser) as web:
        web.enter({}, "item-00001")  # a real registration settles only after fetching its script
        assert web.page.context.service_workers == []
    assert "/sw.js" not in app.seen and other.seen == []


def test_a_request_elsewhere_is_held_by_the_route_and_one_to_the_system_is_not(servers, tmp_path, browser, monkeypatch):
    """The route sees only requests that may be outside the allowed origins (its pattern is
    matched in Playwright's driver, so the system's own pages are not held for Python); one
    elsewhere is aborted there (``ERR_BLOCKED_BY_CLIENT``, before the refusing proxy) and
    fails the step."""
    app, other = servers["app"], servers["other_port"]
    app.pages["/img-page"] = (200, f"<h1>一覧</h1><img src='{other.origin}/logo.png'><img src='/own.png'>")
    held: list[str] = []
    guard = WebEntryRobot._guard_hosts
    monkeypatch.setattr(WebEntryRobot, "_guard_hosts", lambda self, route: (held.append(route.request.url),
                                                                           guard(self, route))[1])
    failed: list[str] = []
    entry = [{"open": "/img-page"}, {"expect_text": "一覧"}]
    with robot(app.origin, entry, tmp_path, browser) as web, pytest.raises(HostRefusedError) as caught:
        web.page.on("requestfailed", lambda request: failed.append(request.failure or ""))
        web.enter({}, "item-00001")
    assert caught.value.key == "web.request_blocked"
    assert held == [f"{other.origin}/logo.png"]  # neither the login's /form nor /img-page nor /own.png
    assert any(text.startswith("net::ERR_BLOCKED_BY_CLIENT") for text in failed)  # the route's abort, not a 403
    assert other.seen == [] and "/own.png" in app.seen


URLS = [
    "http://127.0.0.1:8080/x", "http://127.0.0.1:8080", "http://127.0.0.1:8080?q", "http://127.0.0.1:80801/",
    "http://127.0.0.1:8080@evil.example/", "http://127.0.0.1:8080.evil.example/", "https://127.0.0.1:8080/",
    "http://kikan.example.lg.jp/a", "http://kikan.example.lg.jp:80/a", "http://kikan.example.lg.jpx/",
    "http://kikanXexample.lg.jp/", "http://[::1]:8080/", "http://[::1]:80801/", "http://[::2]:8080/",
    "data:text/html,x", "ws://127.0.0.1:8080/", "http://user@127.0.0.1:8080/", "file:///etc/passwd",
]


def test_the_routes_pattern_holds_every_url_outside_the_origins_in_python_and_in_the_browser(browser):
    from connectors.browser.guard import outside_pattern
    from shared.config.origins import Origin, origin_allowed
    from shared.config.site import BrowserSettings

    origins = frozenset({Origin("http", "127.0.0.1", 8080), Origin("http", "kikan.example.lg.jp", 80),
                         Origin("http", "::1", 8080)})
    pattern = outside_pattern(origins)
    with browser.open(BrowserSettings.model_validate(chromium_settings())) as page:
        in_browser = page.evaluate("([source, urls]) => urls.map((url) => new RegExp(source).test(url))",
                                   [pattern.pattern, URLS])
    held = [pattern.search(url) is not None for url in URLS]
    assert in_browser == held  # one expression, read alike by the driver (JavaScript) and by Python
    let_by = [url for url, is_held in zip(URLS, held, strict=True) if not is_held]
    assert let_by == ["http://127.0.0.1:8080/x", "http://127.0.0.1:8080", "http://127.0.0.1:8080?q",
                      "http://kikan.example.lg.jp/a", "http://kikan.example.lg.jp:80/a", "http://[::1]:8080/"]
    assert all(origin_allowed(url, origins) for url in let_by)  # what the route lets by is always allowed
