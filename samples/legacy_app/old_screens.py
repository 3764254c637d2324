"""The older screen set of the same system (旧画面, under ``/old/``), as many municipalities
still run it: table-layout pages whose field names are plain ``th``/``td`` text not tied to
their inputs (no ``<label for>``; ``氏名※``, ``フリガナ：``, a header row with the inputs in the
row below, radio buttons followed by bare text), a collapsed section (``<details>``/``<summary>``),
a menu of clickable cells (``onclick``), and a login page whose only sign of an expired session
is its address: ``/old/login?timeout=1`` shows the same form as ``/old/login``, no notice.

The records go into the same database, through the same validation, as the standard screens.
"""

from __future__ import annotations

import hmac
import time

from flask import Blueprint, Response, current_app, g, redirect, request, session, url_for

from . import db, eras
from .fields import ACCOUNT_TYPES, FIELD_NAMES, GENDERS, PENSIONS
from .responses import read_form, render_page
from .validation import form_values, validate_entry

bp = Blueprint("legacy_old", __name__, url_prefix="/old")

LOGIN_ENDPOINT = "legacy_old.login"
LOGIN_FAILED = "ユーザーIDまたはパスワードが違います。"
ACTION_BACK = "戻る"


@bp.before_request
def require_session() -> Response | None:
    """Pages other than the login need a live session; an expired one (idle, or ended by the
    fault injector) is sent to ``/old/login?timeout=1`` — the address is the only sign."""
    if request.endpoint == LOGIN_ENDPOINT:
        return None
    if "user" not in session:
        return redirect(url_for(LOGIN_ENDPOINT))
    now = time.time()
    idle = now - float(session.get("last_seen", 0)) > current_app.config["LEGACY_IDLE_TIMEOUT"]
    if idle or g.get("expire_session", False):
        session.clear()
        return redirect(url_for(LOGIN_ENDPOINT, timeout=1))
    session["last_seen"] = now
    return None


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response:
    """The login form (the same with or without ``?timeout=1``)."""
    if request.method == "GET":
        return render_page("old/login.html", error=None)
    form = read_form()
    config = current_app.config
    if _same(form.get("user_id", ""), config["LEGACY_USER"]) and _same(form.get("password", ""), config["LEGACY_PASSWORD"]):
        session.clear()
        session["user"] = form["user_id"]
        session["last_seen"] = time.time()
        return redirect(url_for("legacy_old.menu"))
    return render_page("old/login.html", error=LOGIN_FAILED)


@bp.route("/menu")
def menu() -> Response:
    """The menu: table cells that are clicked (onclick), not links."""
    return render_page("old/menu.html")


def _entry_page(values: dict[str, str], errors: list[str]) -> Response:
    return render_page("old/entry.html", values=values, errors=errors, eras=eras.ERA_NAMES,
                       max_era_year=eras.MAX_ERA_YEAR, genders=GENDERS, pensions=PENSIONS,
                       account_types=ACCOUNT_TYPES)


@bp.route("/entry")
def entry() -> Response:
    """The empty table-layout entry form."""
    return _entry_page({}, [])


@bp.route("/confirm", methods=["POST"])
def confirm() -> Response:
    """Validate as the standard screens do; the form again with errors, or the confirmation."""
    form = read_form()
    values = form_values(form)
    result = validate_entry(form, current_app.config["LEGACY_POSTAL"])
    if not result.ok:
        return _entry_page(values, result.errors)
    return render_page("old/confirm.html", values=values, record=result.record, field_names=FIELD_NAMES)


@bp.route("/register", methods=["POST"])
def register() -> Response:
    """戻る returns to the form; 登録 re-validates, stores, and shows the receipt."""
    form = read_form()
    values = form_values(form)
    if form.get("action") == ACTION_BACK:
        return _entry_page(values, [])
    result = validate_entry(form, current_app.config["LEGACY_POSTAL"])
    if not result.ok:
        return _entry_page(values, result.errors)
    receipt_no = db.insert_application(current_app.config["LEGACY_DB"], result.record)
    session["last_receipt"] = receipt_no
    g.stored_receipt = receipt_no  # the fault injector may lose this reply
    return redirect(url_for("legacy_old.complete"))


@bp.route("/complete")
def complete() -> Response:
    """The completion page of the last registration of this session."""
    receipt_no = session.get("last_receipt")
    if not receipt_no:
        return redirect(url_for("legacy_old.entry"))
    return render_page("old/complete.html", receipt_no=receipt_no)
