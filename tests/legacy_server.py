"""The sample legacy system for the tests, as a real process (``python -m samples.legacy_app``).

One process is shared by a test session (one per xdist worker) and reset before each test
(``POST /__reset__``, see ``samples/legacy_app/reset.py``): the database and its receipt
counter, the faults, the credentials and the sessions go back to the start state, so each
test sees a fresh system without paying for a process. A test that is about start-up
options (command-line flags, no admin token) starts a process of its own::

    with start_legacy_server(tmp_path, "--maintenance", admin_token=ADMIN_TOKEN) as server:
        server.url, server.db_path, server.faults(maintenance=False)
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import re
import secrets
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]
ADMIN_TOKEN = "test-admin-token"
STARTUP_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
HTTP_TIMEOUT = 10.0
_DEFAULT = object()
# The child gets its settings from its command line only, never from the test's environment.
_SETTINGS_ENV = ("LEGACY_USER", "LEGACY_PASSWORD", "LEGACY_ADMIN_TOKEN", "LEGACY_LABELS")


@dataclass(frozen=True)
class LegacyServer:
    """A running sample legacy system: where it listens, its database file, the credentials
    that log in now, and the admin token (None: no ``/__admin/`` API)."""

    url: str
    db_path: Path
    user: str
    password: str
    admin_token: str | None = None
    log_path: Path | None = None
    start_password: str = dataclasses.field(default="", repr=False)  # what a reset without a password puts back

    def reset(self, *, user: str | None = None, password: str | None = None, idle_timeout: float | None = None,
              labels: str | None = None, faults: dict[str, object] | None = None) -> LegacyServer:
        """Back to the start state with these options for the next test; the server as it now is
        (a process started without ``--test-reset`` has no reset: 404)."""
        options = {"user": user, "password": password, "idle_timeout": idle_timeout, "labels": labels,
                   "faults": faults}
        body = json.dumps({k: v for k, v in options.items() if v is not None}).encode("utf-8")
        try:
            status, reply = self._call("/__reset__", body, {"Content-Type": "application/json"})
        except OSError as error:  # URLError, refused, reset: the process is gone
            raise AssertionError(f"the legacy app does not answer ({error}); see {self.log_path}") from error
        assert status == 200, f"reset failed ({status}): {reply}; see {self.log_path}"
        return dataclasses.replace(self, user=reply["user"], password=password or self.start_password)

    def secrets(self) -> dict[str, str]:
        """The credentials under the secret names of the demo site profile, for
        ``RunResources(secrets=...)`` (as ``robots.demo.runner.LegacyApp.secrets``)."""
        return {"legacy_user": self.user, "legacy_password": self.password}

    def admin(self, path: str, body: dict[str, object] | None = None,
              token: str | None | object = _DEFAULT) -> tuple[int, dict]:
        """Call ``/__admin/<path>`` (POST when ``body`` is given) with ``token`` (default: the
        server's own); the status and the JSON reply."""
        token = self.admin_token if token is _DEFAULT else token
        headers = {} if token is None else {"X-Admin-Token": str(token)}
        return self._call("/__admin/" + path, None if body is None else json.dumps(body).encode(), headers)

    def faults(self, **changes: object) -> dict:
        """Change the fault settings through the admin API; the new settings."""
        status, settings = self.admin("faults", changes)
        assert status == 200, settings
        return settings

    def stats(self) -> dict:
        """The fault injector's counters."""
        status, stats = self.admin("stats")
        assert status == 200, stats
        return stats

    def _call(self, path: str, data: bytes | None, headers: dict[str, str]) -> tuple[int, dict]:
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as reply:
                return reply.status, json.load(reply)
        except urllib.error.HTTPError as error:
            body = error.read()
            is_json = error.headers.get_content_type() == "application/json"
            return error.code, json.loads(body) if is_json else {"body": body.decode("utf-8", "replace")}


@contextmanager
def start_legacy_server(directory: Path, *flags: str, user: str = "robot", password: str | None = None,
                        admin_token: str | None = None, test_reset: bool = False) -> Iterator[LegacyServer]:
    """Start the sample legacy system on a free loopback port with its database and log in
    ``directory``, wait for its ``LISTENING`` line, and stop it with SIGTERM on exit (it must
    then exit with status 0; on Windows it is terminated). ``password`` defaults to a random one."""
    directory.mkdir(parents=True, exist_ok=True)
    password = password or secrets.token_urlsafe(12)
    db_path, log_path = directory / "legacy.sqlite3", directory / "server.log"
    command = [sys.executable, "-m", "samples.legacy_app", "--host", "127.0.0.1", "--port", "0",
               "--db", str(db_path), "--user", user, *flags]
    if admin_token:
        command += ["--admin-token", admin_token]
    if test_reset:
        command.append("--test-reset")
    env = {key: value for key, value in os.environ.items() if key not in _SETTINGS_ENV}
    env["LEGACY_PASSWORD"] = password  # off the command line, as a robot's secret would be
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True,
                                   encoding="utf-8", env=env)
        try:
            assert process.stdout is not None
            line = _first_line(process.stdout, STARTUP_TIMEOUT)
            match = re.fullmatch(r"LISTENING (http://127\.0\.0\.1:\d+)\n", line)
            assert match, f"no LISTENING line, got {line!r}; see {log_path}"
            yield LegacyServer(match.group(1), db_path, user, password, admin_token, log_path, password)
        finally:
            process.terminate()
            try:
                code = process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                code = process.wait()
            process.stdout.close()
    if sys.platform != "win32":  # Windows has no SIGTERM: terminate() ends the process with status 1
        assert code == 0, f"server did not stop cleanly on SIGTERM (exit {code}); see {log_path}"


def _first_line(stream: IO[str], timeout: float) -> str:
    """The first line of ``stream``, or "" when none comes within ``timeout`` seconds."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""
