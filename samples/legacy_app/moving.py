"""A second, shorter screen of the legacy system: 国民健康保険 住所異動届 (a change of
address of an insured person), for robots that must not enter a value the screen cuts off,
and that must see a refusal after the final click.

- ``GET /moving`` — one form, the 登録 button is the final click: 氏名 (``maxlength=40``),
  新住所 (``maxlength=120``), 被保険者番号 (``maxlength=10``), 異動事由 (a select) and the
  check box 本人確認済み. The browser cuts a longer value to ``maxlength`` and the system
  stores what it gets, as old systems do: a robot must read the value back.
- ``POST /moving`` — stores the notice and shows 登録が完了しました with the receipt number
  ``KH-000001``; or shows the form again with the errors in ``<ul class="errors">``. The
  **refusal after the final click**: an insured number beginning ``99`` is one whose
  insurance has ended (資格喪失); the system refuses it, naming the person and the number
  (a robot must mask them), and records the refusal (``count_moving_refusals``).
- ``GET /moving/search?number=…`` — the notices of an insured number (``#results``, whose
  first column is the receipt number, or ``#no-results``): the lookup of check-before-create.

The rows live in the app's database (tables ``moving_notices`` and ``moving_refusals``), so
the test-only reset clears them with the rest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Blueprint, Response, current_app, redirect, request, session, url_for

from .db import connect
from .responses import read_form, read_query, render_page
from .sjis import unencodable_chars
from .views import require_session

__all__ = ["MAX_LENGTHS", "REASONS", "bp", "count_moving_refusals", "fetch_moving_notices", "init_db"]

bp = Blueprint("legacy_moving", __name__)
bp.before_request(require_session)  # logged-in users only, the idle timeout as everywhere

MAX_LENGTHS = {"name": 40, "address": 120, "number": 10}
LABELS = {"name": "氏名", "address": "新住所", "number": "被保険者番号", "reason": "異動事由", "identified": "本人確認済み"}
REASONS = ("転居", "転入", "世帯変更")
LAPSED_PREFIX = "99"
RECEIPT_PREFIX = "KH-"

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS moving_notices (id INTEGER PRIMARY KEY AUTOINCREMENT, receipt_no TEXT UNIQUE, "
    "name TEXT NOT NULL, address TEXT NOT NULL, number TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS moving_refusals (id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT NOT NULL, "
    "created_at TEXT NOT NULL)",
)


def init_db(db_path: str | Path) -> None:
    """Create this screen's tables if they are missing."""
    with connect(db_path) as connection:
        for statement in SCHEMA:
            connection.execute(statement)


def _errors(values: dict[str, str]) -> list[str]:
    errors: list[str] = []
    for key in ("name", "address", "number"):
        value = values[key]
        if not value:
            errors.append(f"{LABELS[key]}を入力してください。")
        errors += [f"{LABELS[key]}に使用できない文字「{c}」が含まれています（Shift_JISで表せない文字です）。"
                   for c in unencodable_chars(value)]
    number = values["number"]
    if number and not (number.isascii() and number.isdigit()):
        errors.append(f"{LABELS['number']}は半角数字で入力してください。")
    if values["reason"] not in REASONS:
        errors.append(f"{LABELS['reason']}を選択してください。")
    if values["identified"] != "1":
        errors.append(f"「{LABELS['identified']}」にチェックを入れてください。")
    return errors


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


@bp.route("/moving", methods=["GET", "POST"])
def moving() -> Response:
    """The 住所異動届 form; on 登録, store it or show why not (see the module's docstring)."""
    if request.method == "GET":
        return _form({}, [])
    form = read_form()
    values = {key: form.get(key, "").strip() for key in ("name", "address", "number", "reason")}
    values["identified"] = form.get("identified", "")
    errors = _errors(values)
    if errors:
        return _form(values, errors)
    db_path = current_app.config["LEGACY_DB"]
    if values["number"].startswith(LAPSED_PREFIX):
        with connect(db_path) as connection:
            connection.execute("INSERT INTO moving_refusals (number, created_at) VALUES (?, ?)", (values["number"], _now()))
        refusal = f"{values['name']}様（被保険者番号{values['number']}）は資格喪失済みのため登録できません。"
        return _form(values, [refusal])
    with connect(db_path) as connection:
        connection.execute("BEGIN IMMEDIATE")
        row_id = connection.execute(
            "INSERT INTO moving_notices (name, address, number, reason, created_at) VALUES (?, ?, ?, ?, ?)",
            (values["name"], values["address"], values["number"], values["reason"], _now())).lastrowid
        receipt_no = f"{RECEIPT_PREFIX}{row_id:06d}"
        connection.execute("UPDATE moving_notices SET receipt_no = ? WHERE id = ?", (receipt_no, row_id))
        connection.execute("COMMIT")
    session["last_moving_receipt"] = receipt_no
    return redirect(url_for("legacy_moving.done"))


@bp.route("/moving/done")
def done() -> Response:
    """登録完了 for the last notice of this session."""
    receipt_no = session.get("last_moving_receipt")
    if not receipt_no:
        return redirect(url_for("legacy_moving.moving"))
    return render_page("moving_done.html", receipt_no=receipt_no)


@bp.route("/moving/search")
def search() -> Response:
    """The notices of one insured number (exact)."""
    number = read_query().get("number", "").strip()
    rows = None
    if number:
        with connect(current_app.config["LEGACY_DB"]) as connection:
            rows = [dict(r) for r in connection.execute(
                "SELECT receipt_no, reason FROM moving_notices WHERE number = ? ORDER BY id", (number,)).fetchall()]
    return render_page("moving_search.html", number=number, rows=rows)


def _form(values: dict[str, str], errors: list[str]) -> Response:
    return render_page("moving.html", values=values, errors=errors, labels=LABELS, reasons=REASONS,
                       max_lengths=MAX_LENGTHS)


def fetch_moving_notices(db_path: str | Path) -> list[dict[str, object]]:
    """Every stored notice in receipt order (ground truth for tests)."""
    with connect(db_path) as connection:
        rows = connection.execute("SELECT receipt_no, name, address, number, reason FROM moving_notices ORDER BY id")
        return [dict(row) for row in rows.fetchall()]


def count_moving_refusals(db_path: str | Path) -> int:
    """How many times the system refused a notice after 登録 (insurance ended)."""
    with connect(db_path) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM moving_refusals").fetchone()[0])
