"""Command line: serve the sample legacy system until SIGTERM or SIGINT.

    python -m samples.legacy_app --host 127.0.0.1 --port 0 --db legacy.sqlite3 \\
        --user robot --password secret [--idle-timeout 900]

Credentials fall back to the environment variables LEGACY_USER and
LEGACY_PASSWORD.  Once listening it prints exactly one line to stdout,
``LISTENING http://HOST:PORT``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence

from werkzeug.serving import make_server

from .app import create_app


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; credentials default to LEGACY_USER / LEGACY_PASSWORD."""
    parser = argparse.ArgumentParser(prog="python -m samples.legacy_app", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--db", required=True, help="SQLite file (created if missing)")
    parser.add_argument("--user", default=os.environ.get("LEGACY_USER"))
    parser.add_argument("--password", default=os.environ.get("LEGACY_PASSWORD"))
    parser.add_argument("--idle-timeout", type=float, default=900.0, help="seconds of inactivity (default 900)")
    args = parser.parse_args(argv)
    if not args.user or not args.password:
        parser.error("--user/--password (or LEGACY_USER/LEGACY_PASSWORD) are required")
    if args.idle_timeout <= 0:
        parser.error("--idle-timeout must be positive")
    return args


def _install_stop_handlers(stop: threading.Event) -> None:
    def handle(signum: int, frame: object) -> None:
        stop.set()

    names = ["SIGINT", "SIGTERM"]
    if sys.platform == "win32":
        names.append("SIGBREAK")  # Ctrl+Break and GenerateConsoleCtrlEvent on Windows
    for name in names:
        signal.signal(getattr(signal, name), handle)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until a stop signal arrives; return the exit status."""
    args = parse_args(argv)
    app = create_app(args.db, args.user, args.password, idle_timeout=args.idle_timeout)
    server = make_server(args.host, args.port, app, threaded=True)
    stop = threading.Event()
    _install_stop_handlers(stop)
    worker = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="legacy-app-server", daemon=True
    )
    worker.start()
    print(f"LISTENING http://{args.host}:{server.server_port}", flush=True)
    try:
        # A timed wait keeps the main thread responsive to signals on Windows too.
        while not stop.wait(0.5):
            if not worker.is_alive():
                return 1
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
