"""The test-only reset: the running system back to how it started, between two tests.

Registered only when the app is created with ``test_reset=True`` (the command line's
``--test-reset``), so that a test session can share one process and still give every test
a fresh system.  Loopback callers only; never faulted, nor counted.

    POST /__reset__   optional JSON object of start options for the next test:
                      {"user": ..., "password": ..., "idle_timeout": S, "labels": "b",
                       "faults": {"fault_500": 0.5, ...}}

A reset first waits until no other request is being served (a slow request of the last
test must not store a record into the next one's database; 409 after
``DRAIN_SECONDS``), then puts back the database (records and the receipt counter, from a
copy taken at start), the fault settings and counters, and the credentials, idle timeout
and screen wording the app was started with, with the given options applied on top; and
it ends every session (a new signing key).  The reply is the resulting settings as JSON
(the password left out).
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request

from . import db, faults, fields
from .admin import error_reply, is_loopback
from .faults import RESET_PATH

DRAIN_SECONDS = 30.0

bp = Blueprint("legacy_reset", __name__)


@dataclass
class StartState:
    """What :func:`reset` puts back: the start options and a copy of the database; and how
    many requests are being served right now."""

    user: str
    password: str
    idle_timeout: float
    labels: str
    fault_settings: faults.FaultSettings
    image: sqlite3.Connection
    served: threading.Condition = dataclasses.field(default_factory=threading.Condition)
    in_flight: int = 0


def enable(app: Flask, *, user: str, password: str, idle_timeout: float, labels: str,
           fault_settings: faults.FaultSettings | None) -> None:
    """Take the start state of ``app`` (a copy of its database included), count the requests
    in flight, and add the route."""
    app.extensions["legacy_reset"] = StartState(
        user=user, password=password, idle_timeout=float(idle_timeout), labels=labels,
        fault_settings=fault_settings or faults.FaultSettings(), image=db.snapshot(app.config["LEGACY_DB"]),
    )
    app.before_request_funcs.setdefault(None, []).insert(0, _request_started)  # before any fault delays
    app.teardown_request(_request_ended)
    app.register_blueprint(bp)


def _request_started() -> None:
    start: StartState = current_app.extensions["legacy_reset"]
    with start.served:
        start.in_flight += 1
    g.reset_counted = True


def _request_ended(error: BaseException | None) -> None:
    if not g.pop("reset_counted", False):
        return
    start: StartState = current_app.extensions["legacy_reset"]
    with start.served:
        start.in_flight -= 1
        start.served.notify_all()


def _options(body: dict[str, Any], start: StartState) -> tuple[dict[str, object], faults.FaultSettings]:
    """The config for the next test from the start state and ``body``; ValueError naming a bad option."""
    unknown = sorted(set(body) - {"user", "password", "idle_timeout", "labels", "faults"})
    if unknown:
        raise ValueError(f"unknown option(s): {', '.join(unknown)}")
    user, password = body.get("user", start.user), body.get("password", start.password)
    if not isinstance(user, str) or not user or not isinstance(password, str) or not password:
        raise ValueError("user and password must be non-empty strings")
    idle_timeout = body.get("idle_timeout", start.idle_timeout)
    if not isinstance(idle_timeout, int | float) or isinstance(idle_timeout, bool) or idle_timeout <= 0:
        raise ValueError(f"idle_timeout must be a positive number, got {idle_timeout!r}")
    labels = body.get("labels", start.labels)
    if labels not in fields.LABEL_VARIANTS:
        raise ValueError(f"labels must be one of {', '.join(sorted(fields.LABEL_VARIANTS))}, got {labels!r}")
    changes = body.get("faults", {})
    if not isinstance(changes, dict):
        raise ValueError("faults must be a JSON object")
    config = {"LEGACY_USER": user, "LEGACY_PASSWORD": password, "LEGACY_IDLE_TIMEOUT": float(idle_timeout),
              "LEGACY_LABELS": fields.labels_for(labels)}
    return config, start.fault_settings.updated(changes)


@bp.route(RESET_PATH, methods=["POST"])
def reset() -> Response:
    """Put the system back to its start state (see the module's docstring)."""
    if not is_loopback(request.remote_addr):
        return error_reply(403, "reset is available from loopback only")
    body = request.get_json(force=True, silent=True) if request.get_data() else {}
    if not isinstance(body, dict):
        return error_reply(400, "the body must be a JSON object")
    start: StartState = current_app.extensions["legacy_reset"]
    try:
        config, settings = _options(body, start)
    except (TypeError, ValueError) as error:
        return error_reply(400, str(error))
    with start.served:
        if not start.served.wait_for(lambda: start.in_flight <= 1, timeout=DRAIN_SECONDS):  # 1: this one
            return error_reply(409, f"{start.in_flight - 1} request(s) still being served")
        db.restore(current_app.config["LEGACY_DB"], start.image)
        current_app.config.update(config, SECRET_KEY=os.urandom(32))
        current_app.extensions["legacy_faults"] = faults.FaultInjector(settings)
    return jsonify(user=config["LEGACY_USER"], idle_timeout=config["LEGACY_IDLE_TIMEOUT"],
                   labels=body.get("labels", start.labels), faults=settings.as_dict())
