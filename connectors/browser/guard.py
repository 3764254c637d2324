"""The allowlist below the page: a browser context whose every request (navigation,
redirect hop, subresource, WebSocket, worker) goes directly only to an allowed origin.

Chromium is given a proxy for the context whose bypass list is exactly the allowed origins
(scheme, host and port, loopback included): a request to one of them goes directly, as
without a proxy; any other goes to the ``RefusingProxy``, a listener on the loopback that
records where the request wanted to go, answers ``403`` and forwards nothing. Chromium
applies the proxy to every request of the context (redirects and WebSockets too, which
``context.route`` does not see), so the other server never gets the request.

    with RefusingProxy(on_refused=print) as refuser:
        guard = ContextGuard(site.allowed_origins(), refuser.server)
        with launcher.open(settings, guard) as page:
            ...

Service workers are blocked in a guarded context (a legacy system needs none, and a
worker's fetches would be one more path to watch).
"""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from shared.config.origins import Origin, shown_origin

__all__ = ["ContextGuard", "RefusingProxy"]

MAX_HEAD = 8192
_POLL_S = 0.05


@dataclass(frozen=True)
class ContextGuard:
    """The origins a browser context may reach, and the refusing proxy for all others."""

    origins: frozenset[Origin]
    proxy_server: str

    def context_options(self) -> dict[str, Any]:
        """Keywords for Playwright's ``browser.new_context``."""
        rules = ["<-loopback>"]  # the loopback too goes through the proxy unless allowed
        for origin in sorted(self.origins):
            rules += origin.bypass_rules()
        return {"proxy": {"server": self.proxy_server, "bypass": ",".join(rules)}, "service_workers": "block"}

    def outside(self) -> re.Pattern[str]:
        """A pattern for ``context.route`` that matches every URL outside the origins (and
        perhaps a few inside, which the route's handler checks again). Playwright matches it in
        its driver: a request to an allowed origin is not held for a round trip to Python."""
        return outside_pattern(self.origins)


def outside_pattern(origins: frozenset[Origin]) -> re.Pattern[str]:
    """``^(?!PREFIX(?:[/?#]|$))`` for every way a browser writes a URL of one of ``origins``
    (``http://host:80`` is shown ``http://host``): a URL starting so is on that origin, since
    its origin ends there; any other URL — another host, port or scheme, user info, a
    ``data:`` address — matches. The same text is a JavaScript and a Python expression."""
    prefixes = sorted({prefix for origin in origins for prefix in origin.url_prefixes()})
    if not prefixes:
        return re.compile("^")
    inside = "|".join(re.sub(r"([.\[\]])", r"\\\1", prefix) for prefix in prefixes)
    return re.compile(f"^(?!(?:{inside})(?:[/?#]|$))")


def _target(request_line: str) -> str:
    """Where a proxied request wanted to go, as a message shows it (no path, no query)."""
    parts = request_line.split()
    if len(parts) < 2:
        return "?"
    method, target = parts[0].upper(), parts[1]
    if method == "CONNECT":  # https, wss, and WebSockets: host:port only
        return target[:120]
    return shown_origin(target)[:120]


class _Handler(socketserver.StreamRequestHandler):
    timeout = 10

    def handle(self) -> None:
        try:
            line = self.rfile.readline(MAX_HEAD).decode("latin-1").strip()
            read = len(line)
            while read < MAX_HEAD:  # the rest of the head, so the answer is read, not reset
                header = self.rfile.readline(MAX_HEAD)
                read += len(header)
                if header in (b"", b"\r\n", b"\n"):
                    break
        except OSError:
            return
        if line:
            self.server.on_refused(_target(line))  # type: ignore[attr-defined]
        try:
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, on_refused: Callable[[str], None]) -> None:
        self.on_refused = on_refused
        super().__init__(("127.0.0.1", 0), _Handler)


class RefusingProxy:
    """A loopback listener that refuses every request sent to it (``403``) and tells
    ``on_refused`` where each wanted to go (``scheme://host:port`` or ``host:port``). A
    context manager: listens from ``__enter__`` to ``__exit__``; ``server`` is its address."""

    def __init__(self, on_refused: Callable[[str], None]) -> None:
        self._on_refused = on_refused
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def server(self) -> str:
        assert self._server is not None, "RefusingProxy is used as a context manager"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> RefusingProxy:
        self._server = _Server(self._on_refused)
        # shutdown() waits for the loop to look up: every 0.5 s by default, which each run paid on closing
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": _POLL_S},
                                        name="refusing-proxy", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None
