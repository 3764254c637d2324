"""The application factory."""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask

from . import admin, db, faults, fields, moving, old_screens, reset, views

POSTAL_PATH = Path(__file__).resolve().parent.parent / "data" / "postal.json"


def load_postal(path: Path = POSTAL_PATH) -> dict[str, str]:
    """The postal table: 7-digit code -> prefecture, city and town."""
    with path.open(encoding="utf-8") as handle:
        return dict(json.load(handle))


def create_app(
    db_path: str | os.PathLike[str],
    user: str,
    password: str,
    idle_timeout: float = 900,
    *,
    fault_settings: faults.FaultSettings | None = None,
    admin_token: str | None = None,
    label_variant: str = "standard",
    test_reset: bool = False,
) -> Flask:
    """A Flask app serving the 児童手当 legacy system on the SQLite file ``db_path``.

    Only ``user``/``password`` can log in; a session idle for more than
    ``idle_timeout`` seconds is ended.  The schema is created if missing.
    ``label_variant`` ("standard" or "b") picks the entry screen's wording.
    ``fault_settings`` makes it misbehave (see :mod:`.faults`); with an
    ``admin_token`` the ``/__admin/`` API (see :mod:`.admin`) can change them.
    ``test_reset`` adds the test-only ``POST /__reset__`` (see :mod:`.reset`), which puts
    the database, the faults, the credentials and the sessions back to this start state.

    Example::

        app = create_app("legacy.sqlite3", "robot", "secret", idle_timeout=60)
    """
    if not user or not password:
        raise ValueError("user and password must not be empty")
    if idle_timeout <= 0:
        raise ValueError(f"idle_timeout must be positive, got {idle_timeout!r}")
    db.init_db(db_path)
    moving.init_db(db_path)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.urandom(32),
        SESSION_COOKIE_SAMESITE="Lax",
        LEGACY_DB=str(db_path),
        LEGACY_USER=user,
        LEGACY_PASSWORD=password,
        LEGACY_IDLE_TIMEOUT=float(idle_timeout),
        LEGACY_POSTAL=load_postal(),
        LEGACY_ADMIN_TOKEN=admin_token or "",
        LEGACY_LABELS=fields.labels_for(label_variant),
    )
    faults.install(app, fault_settings)
    app.register_blueprint(views.bp)
    app.register_blueprint(moving.bp)  # 住所異動届: maxlength fields, a refusal after the final click
    app.register_blueprint(old_screens.bp)  # the older table-layout screens under /old/
    if admin_token:
        app.register_blueprint(admin.bp)
    if test_reset:
        reset.enable(app, user=user, password=password, idle_timeout=idle_timeout, labels=label_variant,
                     fault_settings=fault_settings)
    return app
