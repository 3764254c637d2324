"""Fault injection: a legacy system that fails, stalls, logs people out and loses replies.

Everything is off by default.  :class:`FaultSettings` says how often each fault
happens; :class:`FaultInjector` draws the random decisions (seedable, so tests
get fixed sequences) and counts what it did.  :func:`install` hooks it into the
app: ``before_request`` (maintenance 503, injected 500, delay, forced session
expiry) and ``after_request`` (a stored registration whose reply is lost).

Paths under ``/__admin/`` and the test-only ``/__reset__`` are never faulted, nor counted; the ``static``
endpoint (if the app ever has one) gets neither 500s nor delays.
"""

from __future__ import annotations

import dataclasses
import random
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request, session

from .responses import render_page
from .views import PUBLIC_ENDPOINTS

ADMIN_PREFIX = "/__admin/"
RESET_PATH = "/__reset__"  # the test-only reset (see .reset)
LOSE_MODES = ("error", "reset")
SESSION_COUNT_KEY = "fault_requests"
MAINTENANCE_RETRY_AFTER = "60"

ERROR_TITLE = "システムエラー"
ERROR_MESSAGE = "システムエラーが発生しました。しばらくしてから再度お試しください。"
MAINTENANCE_TITLE = "システムメンテナンス中"
MAINTENANCE_MESSAGE = "ただいまシステムメンテナンス中です。"

_RATES = ("fault_500", "fault_slow", "lose_completion")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class FaultSettings:
    """How the system misbehaves; the defaults are a well-behaved system.

    ``fault_500``/``fault_slow``/``lose_completion`` are probabilities (0..1) per
    request; ``expire_every`` ends a session after that many authenticated
    requests (0 = never); ``lose_mode`` is ``"error"`` (a 500 page) or
    ``"reset"`` (the connection is reset); ``seed`` fixes the random sequence.
    """

    fault_500: float = 0.0
    fault_slow: float = 0.0
    slow_seconds: float = 2.0
    expire_every: int = 0
    maintenance: bool = False
    lose_completion: float = 0.0
    lose_mode: str = "error"
    seed: int | None = None

    def __post_init__(self) -> None:
        for name in _RATES:
            value = getattr(self, name)
            if not _is_number(value) or not 0 <= value <= 1:
                raise ValueError(f"{name} must be a number from 0 to 1, got {value!r}")
            object.__setattr__(self, name, float(value))
        if not _is_number(self.slow_seconds) or not 0 <= self.slow_seconds <= 600:
            raise ValueError(f"slow_seconds must be a number from 0 to 600, got {self.slow_seconds!r}")
        object.__setattr__(self, "slow_seconds", float(self.slow_seconds))
        if not isinstance(self.expire_every, int) or isinstance(self.expire_every, bool) or self.expire_every < 0:
            raise ValueError(f"expire_every must be a whole number >= 0, got {self.expire_every!r}")
        if not isinstance(self.maintenance, bool):
            raise ValueError(f"maintenance must be true or false, got {self.maintenance!r}")
        if self.lose_mode not in LOSE_MODES:
            raise ValueError(f"lose_mode must be one of {', '.join(LOSE_MODES)}, got {self.lose_mode!r}")
        if self.seed is not None and (not isinstance(self.seed, int) or isinstance(self.seed, bool)):
            raise ValueError(f"seed must be a whole number or null, got {self.seed!r}")

    def updated(self, changes: Mapping[str, object]) -> FaultSettings:
        """A copy with ``changes`` applied (e.g. a JSON body); ValueError for unknown names or bad values."""
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, object]:
        """The settings as JSON-ready values."""
        return dataclasses.asdict(self)


@dataclass
class FaultStats:
    """What the injector has done since the start (``/__admin/*`` is not counted)."""

    requests_served: int = 0
    injected_500: int = 0
    injected_slow: int = 0
    maintenance_503: int = 0
    sessions_expired: int = 0
    completions_lost: int = 0


class FaultInjector:
    """The current settings, the random source and the counters; safe across threads."""

    def __init__(self, settings: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self.settings = settings or FaultSettings()
        self._random = random.Random(self.settings.seed)
        self._stats = FaultStats()

    def configure(self, changes: Mapping[str, object]) -> FaultSettings:
        """Apply ``changes``; giving ``seed`` (even the same one) restarts the random sequence."""
        with self._lock:
            self.settings = self.settings.updated(changes)
            if "seed" in changes:
                self._random.seed(self.settings.seed)
            return self.settings

    def chance(self, rate: float) -> bool:
        """True with probability ``rate``; draws nothing when the rate is 0."""
        if rate <= 0:
            return False
        with self._lock:
            return self._random.random() < rate

    def count(self, name: str) -> None:
        """Add one to the counter ``name`` of :class:`FaultStats`."""
        with self._lock:
            setattr(self._stats, name, getattr(self._stats, name) + 1)

    def stats(self) -> dict[str, int]:
        """A snapshot of the counters."""
        with self._lock:
            return dataclasses.asdict(self._stats)


def injector() -> FaultInjector:
    """The current app's injector."""
    return current_app.extensions["legacy_faults"]


def fault_page(title: str, message: str, status: int) -> Response:
    """The bare Shift_JIS error page legacy systems show: ``<h1>title</h1><p>message</p>``."""
    return render_page("fault.html", status=status, title=title, message=message)


def _before_request() -> Response | None:
    if request.path.startswith(ADMIN_PREFIX) or request.path == RESET_PATH:
        return None
    faults = injector()
    settings = faults.settings
    faults.count("requests_served")
    if settings.maintenance:
        faults.count("maintenance_503")
        response = fault_page(MAINTENANCE_TITLE, MAINTENANCE_MESSAGE, 503)
        response.headers["Retry-After"] = MAINTENANCE_RETRY_AFTER
        return response
    if request.endpoint == "static":
        return None
    if faults.chance(settings.fault_500):
        faults.count("injected_500")
        return fault_page(ERROR_TITLE, ERROR_MESSAGE, 500)
    if faults.chance(settings.fault_slow):
        faults.count("injected_slow")
        time.sleep(settings.slow_seconds)
    if settings.expire_every and _is_authenticated():
        served = int(session.get(SESSION_COUNT_KEY, 0)) + 1
        if served > settings.expire_every:
            faults.count("sessions_expired")
            g.expire_session = True  # views.require_session ends it like an idle timeout
        else:
            session[SESSION_COUNT_KEY] = served
    return None


def _is_authenticated() -> bool:
    """A request to a protected page (not a 404) carrying a logged-in session."""
    return request.endpoint is not None and request.endpoint not in PUBLIC_ENDPOINTS and "user" in session


def _after_request(response: Response) -> Response:
    if g.get("stored_receipt") is None:
        return response
    faults = injector()
    settings = faults.settings
    if not faults.chance(settings.lose_completion):
        return response
    faults.count("completions_lost")
    session.pop("last_receipt", None)  # /complete cannot show it either: the reply is gone
    if settings.lose_mode == "reset" and isinstance(request.environ.get("werkzeug.socket"), socket.socket):
        return Response(_reset_connection(request.environ["werkzeug.socket"]))
    return fault_page(ERROR_TITLE, ERROR_MESSAGE, 500)


_ABORT_ON_CLOSE = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends RST


def _reset_connection(connection: socket.socket) -> Iterator[bytes]:
    """A response body that, before a byte is sent, makes the socket close with RST."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _ABORT_ON_CLOSE)
    raise ConnectionResetError("reply deliberately lost (fault injection)")
    yield b""  # pragma: no cover - makes this a generator


def enable_connection_resets(server: socketserver.BaseServer) -> None:
    """Let ``lose_mode="reset"`` reach the client as a reset on ``server``.

    socketserver half-closes every connection (FIN) before closing it, which a
    client reads as an empty reply; connections marked by :func:`_reset_connection`
    are closed straight away instead, so the client gets RST.
    """
    shutdown_request = server.shutdown_request

    def shutdown_or_abort(request: socket.socket) -> None:
        try:
            aborting = request.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, len(_ABORT_ON_CLOSE)) == _ABORT_ON_CLOSE
        except OSError:
            aborting = False
        if aborting:
            server.close_request(request)
        else:
            shutdown_request(request)

    server.shutdown_request = shutdown_or_abort  # type: ignore[method-assign]


def install(app: Flask, settings: FaultSettings | None = None) -> FaultInjector:
    """Attach a :class:`FaultInjector` to ``app`` (``app.extensions["legacy_faults"]``)."""
    faults = FaultInjector(settings)
    app.extensions["legacy_faults"] = faults
    app.before_request(_before_request)
    app.after_request(_after_request)
    return faults
