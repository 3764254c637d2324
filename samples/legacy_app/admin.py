"""The test-only admin API that switches faults at run time.

Registered only when an admin token is configured.  Every call must come from
a loopback address and carry ``X-Admin-Token``; otherwise 403.

    GET  /__admin/faults   current settings as JSON
    POST /__admin/faults   JSON object with any subset of the settings -> new settings
    GET  /__admin/stats    counters (requests_served, injected_500, ...)
"""

from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, current_app, jsonify, request

from .faults import injector

TOKEN_HEADER = "X-Admin-Token"

bp = Blueprint("legacy_admin", __name__, url_prefix="/__admin")


def error_reply(status: int, message: str) -> Response:
    """A JSON ``{"error": message}`` reply with ``status``."""
    response = jsonify(error=message)
    response.status_code = status
    return response


def is_loopback(address: str | None) -> bool:
    """Whether ``address`` is a loopback IP address (127.0.0.0/8, ::1)."""
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@bp.before_request
def require_token() -> Response | None:
    """Loopback callers with the right token only."""
    if not is_loopback(request.remote_addr):
        return error_reply(403, "admin API is available from loopback only")
    given = request.headers.get(TOKEN_HEADER, "").encode("utf-8")
    if not hmac.compare_digest(given, current_app.config["LEGACY_ADMIN_TOKEN"].encode("utf-8")):
        return error_reply(403, f"missing or wrong {TOKEN_HEADER}")
    return None


@bp.route("/faults", methods=["GET", "POST"])
def faults() -> Response:
    """Read or change the fault settings."""
    if request.method == "GET":
        return jsonify(injector().settings.as_dict())
    changes = request.get_json(force=True, silent=True)
    if not isinstance(changes, dict):
        return error_reply(400, "the body must be a JSON object")
    try:
        settings = injector().configure(changes)
    except (TypeError, ValueError) as error:
        return error_reply(400, str(error))
    return jsonify(settings.as_dict())


@bp.route("/stats")
def stats() -> Response:
    """What the fault injector has done so far."""
    return jsonify(injector().stats())
