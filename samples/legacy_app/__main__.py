"""Command line: serve the sample legacy system until SIGTERM or SIGINT.

    python -m samples.legacy_app --host 127.0.0.1 --port 0 --db legacy.sqlite3 \\
        --user robot --password secret [--idle-timeout 900] [--labels b] [fault options]

Credentials fall back to the environment variables LEGACY_USER and
LEGACY_PASSWORD, the admin token to LEGACY_ADMIN_TOKEN.  Once listening it
prints exactly one line to stdout, ``LISTENING http://HOST:PORT``.

Fault options (all off by default) make it misbehave like real legacy systems:
``--fault-500 RATE``, ``--fault-slow RATE --slow-seconds S``, ``--expire-every N``,
``--maintenance``, ``--lose-completion RATE [--lose-mode error|reset]``,
``--fault-seed N``; ``--admin-token TOKEN`` enables the loopback-only
``/__admin/faults`` and ``/__admin/stats`` API to change them at run time.

``--test-reset`` (for test sessions that share one process) enables the loopback-only
``POST /__reset__``, which puts the database, the faults, the credentials and the
sessions back to their start state (see :mod:`samples.legacy_app.reset`).
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
from .faults import LOSE_MODES, FaultSettings, enable_connection_resets
from .fields import LABEL_VARIANTS


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; credentials default to LEGACY_USER / LEGACY_PASSWORD."""
    parser = argparse.ArgumentParser(prog="python -m samples.legacy_app", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--db", required=True, help="SQLite file (created if missing)")
    parser.add_argument("--user", default=os.environ.get("LEGACY_USER"))
    parser.add_argument("--password", default=os.environ.get("LEGACY_PASSWORD"))
    parser.add_argument("--labels", choices=sorted(LABEL_VARIANTS), default=os.environ.get("LEGACY_LABELS", "standard"),
                        help="wording of the entry screen: standard, or b (two fields labelled differently)")
    parser.add_argument("--idle-timeout", type=float, default=900.0, help="seconds of inactivity (default 900)")
    parser.add_argument("--test-reset", action="store_true",
                        help="for tests: enable the loopback-only POST /__reset__ back to the start state")
    _add_fault_arguments(parser)
    args = parser.parse_args(argv)
    if not args.user or not args.password:
        parser.error("--user/--password (or LEGACY_USER/LEGACY_PASSWORD) are required")
    if args.idle_timeout <= 0:
        parser.error("--idle-timeout must be positive")
    try:
        args.fault_settings = fault_settings(args)
    except ValueError as error:
        parser.error(str(error))
    return args


def _add_fault_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("fault injection (all off by default)")
    group.add_argument("--fault-500", type=float, default=0.0, metavar="RATE",
                       help="share of requests answered with HTTP 500 before being processed (0..1)")
    group.add_argument("--fault-slow", type=float, default=0.0, metavar="RATE",
                       help="share of requests delayed by --slow-seconds before being processed (0..1)")
    group.add_argument("--slow-seconds", type=float, default=2.0, metavar="S",
                       help="delay of a slow request (default 2.0)")
    group.add_argument("--expire-every", type=int, default=0, metavar="N",
                       help="end the session after every N authenticated requests (0 = never)")
    group.add_argument("--maintenance", action="store_true", help="start in maintenance: every page answers 503")
    group.add_argument("--lose-completion", type=float, default=0.0, metavar="RATE",
                       help="share of stored registrations whose reply is lost (0..1)")
    group.add_argument("--lose-mode", choices=LOSE_MODES, default="error",
                       help="how a reply is lost: a 500 page (default) or a connection reset")
    group.add_argument("--fault-seed", type=int, default=None, metavar="N", help="seed of the random decisions")
    group.add_argument("--admin-token", default=os.environ.get("LEGACY_ADMIN_TOKEN"), metavar="TOKEN",
                       help="enable the loopback-only /__admin/ API with this X-Admin-Token")


def fault_settings(args: argparse.Namespace) -> FaultSettings:
    """The :class:`FaultSettings` of the parsed command line; ValueError if out of range."""
    return FaultSettings(
        fault_500=args.fault_500,
        fault_slow=args.fault_slow,
        slow_seconds=args.slow_seconds,
        expire_every=args.expire_every,
        maintenance=args.maintenance,
        lose_completion=args.lose_completion,
        lose_mode=args.lose_mode,
        seed=args.fault_seed,
    )


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
    app = create_app(
        args.db, args.user, args.password, idle_timeout=args.idle_timeout,
        fault_settings=args.fault_settings, admin_token=args.admin_token, label_variant=args.labels,
        test_reset=args.test_reset,
    )
    server = make_server(args.host, args.port, app, threaded=True)
    enable_connection_resets(server)
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
