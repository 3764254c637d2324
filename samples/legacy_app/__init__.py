"""A sample legacy web system (基幹系) for 児童手当 認定請求, to be driven by robots.

It is an independent application: Flask + sqlite3, Shift_JIS pages, a signed
session cookie with an idle timeout.  It imports nothing from the library
(``robots``, ``connectors``, ``shared``) so that its database is ground truth.

Run it with ``python -m samples.legacy_app --port 0 --db PATH --user robot
--password PASS``; it prints ``LISTENING http://127.0.0.1:PORT`` once ready.
Faults (HTTP 500, delays, forced session expiry, maintenance, lost completion
replies) can be switched on by flags or the ``/__admin/`` API: see
:mod:`.faults` and :mod:`.admin`.
"""

from __future__ import annotations

from .app import create_app
from .db import count_records, fetch_attachments, fetch_records

__all__ = ["count_records", "create_app", "fetch_attachments", "fetch_records"]
