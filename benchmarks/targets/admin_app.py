"""A small admin-style web form for the web benchmark's second target: a 転入届 受付 screen
of a 住民記録 system, the way many municipal back-office screens are built — labels in
``<th>`` beside their controls in ``<td>`` (no ``<label>`` elements for most fields), radio
buttons followed by their text, ``<input type=date>``, a select, a checkbox, and a
collapsed ``<details>`` section that must be opened before its fields can be filled.

It is written for the benchmark only, with the standard library only (``http.server``,
``sqlite3``): it shares no code with the library, the sample legacy system or the robot,
so that what it stores is an independent truth.

    python -m benchmarks.targets.admin_app --port 0 --db admin.sqlite3 --user robot --password pw

prints ``LISTENING http://127.0.0.1:PORT`` once it serves. ``AdminApp`` runs it as a
process; ``stored_records`` reads what it stored.
"""

from __future__ import annotations

import argparse
import html
import re
import secrets
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

__all__ = ["FIELDS", "AdminApp", "main", "stored_records"]

REPO = Path(__file__).resolve().parents[2]
#: The stored columns, in form order.
FIELDS = ("kind", "notified_on", "moved_on", "name", "kana", "birth_date", "sex", "household", "postal_code",
          "address", "phone", "id_checked", "prev_address", "left_on")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KANA = re.compile(r"^[\u30a1-\u30f6\u30fc\u3000 ]+$")
KINDS = ("転入", "転居", "転出")

_PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{title} - 住民記録システム</title>
<style>
body {{ font-family: sans-serif; margin: 1em; }} th {{ text-align: left; background: #dde; padding: 2px 8px; }}
td {{ padding: 2px 8px; }} ul.errors {{ color: #c00; }} summary {{ cursor: pointer; color: #006; }}
</style></head>
<body><div class="header">住民記録システム　ログイン中: {user}</div><hr>
{body}
</body></html>"""

_LOGIN = """<h1>ログイン</h1>
<form method="post" action="/login"><table>
<tr><th>ユーザーID</th><td><input type="text" name="user" size="20"></td></tr>
<tr><th>パスワード</th><td><input type="password" name="password" size="20"></td></tr>
</table>{errors}<p><input type="submit" value="ログイン"></p></form>"""

_MENU = """<h1>業務メニュー</h1>
<table><tr><th>住民異動</th><td><a href="/moving-in/new">転入届 受付登録</a></td>
<td><a href="/moving-in">受付一覧</a></td></tr></table>"""

_FORM = """<h1>転入届 受付登録</h1>
{errors}
<form method="post" action="/moving-in">
<table class="form">
<tr><th>届出の種類</th><td><select name="kind"><option value=""></option>{kinds}</select></td></tr>
<tr><th>届出日</th><td><input type="date" name="notified_on"></td>
    <th>異動日</th><td><input type="date" name="moved_on"></td></tr>
<tr><th>氏名</th><td><input type="text" name="name" size="24" maxlength="40"></td>
    <th>フリガナ</th><td><input type="text" name="kana" size="24" maxlength="60"></td></tr>
<tr><th>生年月日</th><td><input type="date" name="birth_date"></td>
    <th>性別</th><td><input type="radio" name="sex" value="男"> 男　<input type="radio" name="sex" value="女"> 女</td></tr>
<tr><th>世帯</th><td colspan="3"><input type="radio" name="household" value="世帯主" id="hh1"><label for="hh1">世帯主</label>
    <input type="radio" name="household" value="世帯員" id="hh2"><label for="hh2">世帯員</label></td></tr>
<tr><th>郵便番号</th><td><input type="text" name="postal_code" size="10" maxlength="8"></td>
    <th>電話番号</th><td><input type="text" name="phone" size="16" maxlength="13"></td></tr>
<tr><th>住所</th><td colspan="3"><input type="text" name="address" size="60" maxlength="80"></td></tr>
</table>
<details><summary>転入前の住所（クリックで開く）</summary>
<table class="form">
<tr><th>従前の住所</th><td><input type="text" name="prev_address" size="60" maxlength="80"></td></tr>
<tr><th>転出日</th><td><input type="date" name="left_on"></td></tr>
</table>
</details>
<p><label><input type="checkbox" name="id_checked" value="1"> 本人確認書類を確認した</label></p>
<p><button type="submit">登録</button>　<a href="/menu">メニューへ戻る</a></p>
</form>"""

_DONE = """<h1>転入届 受付登録</h1>
<p class="message">登録しました。</p>
<table><tr><th>受付番号</th><td><input type="text" readonly value="{receipt}" size="10"></td></tr></table>
<p><a href="/moving-in/new">続けて登録</a>　<a href="/menu">メニューへ戻る</a></p>"""

_LIST = """<h1>受付一覧</h1><table><tr><th>受付番号</th><th>届出の種類</th><th>異動日</th></tr>{rows}</table>"""


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("CREATE TABLE IF NOT EXISTS moving_in (id INTEGER PRIMARY KEY, receipt TEXT UNIQUE, "
                       + ", ".join(f"{name} TEXT" for name in FIELDS) + ")")
    return connection


def stored_records(db_path: Path) -> list[dict[str, str]]:
    """What the app stored, in the order it was entered (receipt number and every field)."""
    with _connect(Path(db_path)) as connection:
        rows = connection.execute(f"SELECT receipt, {', '.join(FIELDS)} FROM moving_in ORDER BY id").fetchall()
    return [dict(zip(("receipt", *FIELDS), row, strict=True)) for row in rows]


def _problems(form: dict[str, str]) -> list[str]:
    """What is wrong with a submitted form (the app's own checks, as a legacy system has)."""
    problems = [f"{label}を入力してください。" for name, label in
                (("name", "氏名"), ("kana", "フリガナ"), ("address", "住所"), ("sex", "性別"), ("household", "世帯"))
                if not form.get(name)]
    if form.get("kind") not in KINDS:
        problems.append("届出の種類を選択してください。")
    for name, label in (("notified_on", "届出日"), ("moved_on", "異動日"), ("birth_date", "生年月日")):
        if not DATE.match(form.get(name, "")):
            problems.append(f"{label}を正しく入力してください。")
    if form.get("left_on") and not DATE.match(form["left_on"]):
        problems.append("転出日を正しく入力してください。")
    if form.get("kana") and not KANA.match(form["kana"]):
        problems.append("フリガナは全角カタカナで入力してください。")
    if form.get("id_checked") != "1":
        problems.append("本人確認書類を確認してください。")
    return problems


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a browser talks to a real server
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet: the benchmark reads stdout
        pass

    def _send(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _page(self, title: str, body: str) -> None:
        self._send(200, _PAGE.format(title=title, user=html.escape(self.server.user) if self._logged_in() else "", body=body))

    def _redirect(self, where: str, cookie: str | None = None) -> None:
        self._send(303, "", {"Location": where, **({"Set-Cookie": cookie} if cookie else {})})

    def _logged_in(self) -> bool:
        cookies = dict(part.strip().split("=", 1) for part in self.headers.get("Cookie", "").split(";") if "=" in part)
        return cookies.get("sid") in self.server.sessions

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        fields = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        return {name: values[-1].strip() for name, values in fields.items()}

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/login":
            return self._page("ログイン", _LOGIN.format(errors=""))
        if not self._logged_in():
            return self._redirect("/login")
        if path in ("/", "/menu"):
            return self._page("業務メニュー", _MENU)
        if path == "/moving-in/new":
            return self._page("転入届 受付登録", _form_page([]))
        if path == "/moving-in":
            rows = "".join(f"<tr><td>{html.escape(r['receipt'])}</td><td>{html.escape(r['kind'])}</td>"
                           f"<td>{html.escape(r['moved_on'])}</td></tr>" for r in stored_records(self.server.db_path))
            return self._page("受付一覧", _LIST.format(rows=rows))
        if match := re.fullmatch(r"/moving-in/(R\d{6})", path):
            return self._page("受付完了", _DONE.format(receipt=match.group(1)))
        return self._send(404, "not found")

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        form = self._form()
        if path == "/login":
            if secrets.compare_digest(form.get("user", ""), self.server.user) and \
                    secrets.compare_digest(form.get("password", ""), self.server.password):
                sid = secrets.token_urlsafe(16)
                self.server.sessions.add(sid)
                return self._redirect("/menu", f"sid={sid}; Path=/; HttpOnly; SameSite=Lax")
            return self._page("ログイン", _LOGIN.format(errors='<ul class="errors"><li>ユーザーIDまたはパスワードが違います。</li></ul>'))
        if not self._logged_in():
            return self._redirect("/login")
        if path != "/moving-in":
            return self._send(404, "not found")
        problems = _problems(form)
        if problems:
            return self._page("転入届 受付登録", _form_page(problems))
        with self.server.lock, _connect(self.server.db_path) as connection:
            cursor = connection.execute(f"INSERT INTO moving_in ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})",
                                        [form.get(name, "") for name in FIELDS])
            receipt = f"R{cursor.lastrowid:06d}"
            connection.execute("UPDATE moving_in SET receipt = ? WHERE id = ?", (receipt, cursor.lastrowid))
        return self._redirect(f"/moving-in/{receipt}")


def _form_page(problems: list[str]) -> str:
    errors = ('<ul class="errors">' + "".join(f"<li>{html.escape(p)}</li>" for p in problems) + "</ul>") if problems else ""
    kinds = "".join(f"<option>{kind}</option>" for kind in KINDS)
    return _FORM.format(errors=errors, kinds=kinds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], db_path: Path, user: str, password: str) -> None:
        super().__init__(address, _Handler)
        self.db_path, self.user, self.password = db_path, user, password
        self.sessions: set[str] = set()
        self.lock = threading.Lock()
        _connect(db_path).close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.targets.admin_app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args(argv)
    server = _Server((args.host, args.port), args.db, args.user, args.password)
    print(f"LISTENING http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


class AdminApp:
    """The admin app in its own process:

        with AdminApp(tmp / "admin.sqlite3") as app:
            app.url, app.user, app.password
            stored_records(app.db_path)
    """

    def __init__(self, db_path: Path, user: str = "robot") -> None:
        self.db_path = Path(db_path)
        self.user = user
        self.password = secrets.token_urlsafe(12)
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> AdminApp:
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.targets.admin_app", "--db", str(self.db_path),
             f"--user={self.user}", f"--password={self.password}"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
        assert self._process.stdout is not None
        line = self._process.stdout.readline()  # the process prints this line or exits
        if not line.startswith("LISTENING "):
            self.__exit__()
            raise RuntimeError("admin app did not start")
        self.url = line.split(" ", 1)[1].strip()
        return self

    def secrets(self) -> dict[str, str]:
        """The credentials under the secret names the benchmark's site profile uses."""
        return {"legacy_user": self.user, "legacy_password": self.password}

    def __exit__(self, *exc: object) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


if __name__ == "__main__":
    sys.exit(main())
