"""Routes: login, main frame, menu, entry -> confirm -> register, search, postal API."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import time
from collections.abc import Mapping

from flask import Blueprint, Response, current_app, g, jsonify, redirect, request, session, url_for

from . import checks, db, eras
from .fields import ACCOUNT_TYPES, FIELD_NAMES, GENDERS, LABELS, PENSIONS
from .responses import read_form, read_query, render_page
from .sjis import unencodable_chars
from .validation import form_values, validate_entry

bp = Blueprint("legacy", __name__)

PUBLIC_ENDPOINTS = frozenset({"legacy.login", "legacy.logout", "static"})
NOTICES = {
    "timeout": "セッションの有効期限が切れました。再度ログインしてください。",
    "logout": "ログアウトしました。",
}
LOGIN_FAILED = "ユーザーIDまたはパスワードが違います。"
POSTAL_DELAY_SECONDS = 0.2
ACTION_BACK = "戻る"
SEARCH_LABELS = {"name": "氏名", "birth": "生年月日（西暦）", "my_number": "個人番号"}


@bp.before_request
def require_session() -> Response | None:
    """Send requests without a live session to the login page; refresh the idle clock.

    ``g.expire_session`` (set by the fault injector) ends the session as if it had idled out.
    """
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if "user" not in session:
        return _to_login(None)
    now = time.time()
    idle = now - float(session.get("last_seen", 0)) > current_app.config["LEGACY_IDLE_TIMEOUT"]
    if idle or g.get("expire_session", False):
        session.clear()
        return _to_login("timeout")
    session["last_seen"] = now
    return None


def _to_login(reason: str | None) -> Response:
    if request.endpoint == "legacy.postal":
        response = jsonify(error="session", reason=reason or "login")
        response.status_code = 401
        return response
    return redirect(url_for("legacy.login", reason=reason) if reason else url_for("legacy.login"))


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@bp.route("/")
def index() -> Response:
    """The top page is the main frame."""
    return redirect(url_for("legacy.main"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response:
    """Login form; on success the session starts and the main frame opens."""
    notice = NOTICES.get(request.args.get("reason", ""))
    if request.method == "GET":
        return render_page("login.html", notice=notice, error=None, user_id="")
    form = read_form()
    user_id = form.get("user_id", "")
    config = current_app.config
    if _same(user_id, config["LEGACY_USER"]) and _same(form.get("password", ""), config["LEGACY_PASSWORD"]):
        session.clear()
        session["user"] = user_id
        session["last_seen"] = time.time()
        return redirect(url_for("legacy.main"))
    return render_page("login.html", notice=None, error=LOGIN_FAILED, user_id=user_id)


@bp.route("/logout")
def logout() -> Response:
    """End the session."""
    session.clear()
    return redirect(url_for("legacy.login", reason="logout"))


@bp.route("/main")
def main() -> Response:
    """The main frame: title bar and the menu iframe."""
    return render_page("main.html", user=session["user"])


@bp.route("/menu")
def menu() -> Response:
    """The menu shown inside the main frame's iframe."""
    return render_page("menu.html")


def _entry_page(values: Mapping[str, str], errors: list[str]) -> Response:
    return render_page(
        "entry.html",
        values=values,
        errors=errors,
        labels=current_app.config.get("LEGACY_LABELS", LABELS),
        eras=eras.ERA_NAMES,
        max_era_year=eras.MAX_ERA_YEAR,
        genders=GENDERS,
        pensions=PENSIONS,
        account_types=ACCOUNT_TYPES,
    )


@bp.route("/entry")
def entry() -> Response:
    """The empty 認定請求 entry form."""
    return _entry_page({}, [])


@bp.route("/confirm", methods=["GET", "POST"])
def confirm() -> Response:
    """Validate the entry form; show it again with errors, or the 確認画面."""
    if request.method == "GET":
        return redirect(url_for("legacy.entry"))
    form = read_form()
    values = form_values(form)
    result = validate_entry(form, current_app.config["LEGACY_POSTAL"])
    if not result.ok:
        return _entry_page(values, result.errors)
    token = _token(form.get("attachment_token", ""))
    return render_page(
        "confirm.html",
        values=values,
        attachment_token=token,
        attachments=db.attachment_names(current_app.config["LEGACY_DB"], token) if token else [],
        record=result.record,
        labels=current_app.config.get("LEGACY_LABELS", LABELS),
        field_names=FIELD_NAMES,
        wareki=_wareki,
        date=_date,
    )


@bp.route("/register", methods=["GET", "POST"])
def register() -> Response:
    """戻る returns to the form; 登録 re-validates, stores, and shows the receipt."""
    if request.method == "GET":
        return redirect(url_for("legacy.entry"))
    form = read_form()
    values = form_values(form)
    if form.get("action") == ACTION_BACK:
        return _entry_page(values, [])
    result = validate_entry(form, current_app.config["LEGACY_POSTAL"])
    if not result.ok:
        return _entry_page(values, result.errors)
    receipt_no = db.insert_application(current_app.config["LEGACY_DB"], result.record)
    if token := _token(form.get("attachment_token", "")):
        db.claim_attachments(current_app.config["LEGACY_DB"], token, receipt_no)
    session["last_receipt"] = receipt_no
    g.stored_receipt = receipt_no  # the fault injector may lose this reply
    return redirect(url_for("legacy.complete"))


def _token(text: str) -> str:
    return text if len(text) == 32 and all(c in "0123456789abcdef" for c in text) else ""


@bp.route("/api/attachment", methods=["POST"])
def upload_attachment() -> Response:
    """The entry form's 添付ファイル: files sent as soon as they are chosen (multipart), kept
    under a token the form carries to 登録."""
    token = _token(request.form.get("token", "")) or secrets.token_hex(16)
    files = request.files.getlist("file")
    if not files:
        return jsonify(error="ファイルがありません"), 400  # type: ignore[return-value]
    for upload in files:
        data = upload.read(db.MAX_ATTACHMENT_BYTES + 1)
        if len(data) > db.MAX_ATTACHMENT_BYTES:
            return jsonify(error="ファイルが大きすぎます"), 413  # type: ignore[return-value]
        db.add_attachment(current_app.config["LEGACY_DB"], token, upload.filename or "file", data)
    return jsonify(token=token, names=db.attachment_names(current_app.config["LEGACY_DB"], token))


@bp.route("/complete")
def complete() -> Response:
    """The 登録完了 page for the last registration of this session."""
    receipt_no = session.get("last_receipt")
    if not receipt_no:
        return redirect(url_for("legacy.entry"))
    return render_page("complete.html", receipt_no=receipt_no)


@bp.route("/search")
def search() -> Response:
    """Search by name (partial, spaces ignored), Western birth date and/or 個人番号 (exact)."""
    query = read_query()
    criteria = {key: query.get(key, "").strip() for key in SEARCH_LABELS}
    errors: list[str] = []
    rows: list[dict[str, object]] | None = None
    if any(key in query for key in SEARCH_LABELS):
        for key, label in SEARCH_LABELS.items():
            errors += [f"{label}に使用できない文字「{c}」が含まれています（Shift_JISで表せない文字です）。" for c in unencodable_chars(criteria[key])]
        birth = checks.parse_slash_date(criteria["birth"]) if criteria["birth"] else None
        if criteria["birth"] and birth is None:
            errors.append("生年月日（西暦）はYYYY/MM/DD形式の正しい日付で入力してください（例：1985/04/01）。")
        my_number = criteria["my_number"]
        if my_number and not (len(my_number) == 12 and my_number.isascii() and my_number.isdigit()):
            errors.append("個人番号は半角数字12桁で入力してください。")
        if not any(criteria.values()):
            errors.append("氏名、生年月日（西暦）または個人番号を入力してください。")
        if not errors:
            rows = db.search_applications(current_app.config["LEGACY_DB"], criteria["name"], birth, my_number or None)
    return render_page("search.html", **criteria, errors=errors, rows=rows, date=_date)


@bp.route("/api/postal")
def postal() -> Response:
    """JSON ``{"found": bool, "code": "1000001", "town": "..."}`` for ``?code=100-0001``."""
    time.sleep(POSTAL_DELAY_SECONDS)  # the real one is slow too; robots must wait for the value
    code = checks.normalize_postal(request.args.get("code", "").strip())
    town = current_app.config["LEGACY_POSTAL"].get(code) if code else None
    return jsonify(found=town is not None, code=code, town=town)


def _wareki(iso: object) -> str:
    """``昭和60年4月1日`` from ``1985-04-01``."""
    return eras.to_wareki(dt.date.fromisoformat(str(iso)))


def _date(iso: object) -> str:
    """``1985/04/01`` from ``1985-04-01``; empty for None."""
    return str(iso).replace("-", "/") if iso else ""
