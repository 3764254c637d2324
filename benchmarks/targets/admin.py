"""The web benchmark's second target: the admin form of ``admin_app`` entered by our robot
with ``admin_scenario.yaml`` (visible text only) and by the hand-written loop of
``admin_handwritten`` (CSS selectors), in the same browser settings.

    result = measure_web(records=10, rounds=3, target=ADMIN)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import handwritten
from benchmarks.targets import admin_handwritten
from benchmarks.targets.admin_app import AdminApp, stored_records
from benchmarks.targets.admin_records import expected_row, records
from benchmarks.web import BASELINE, NO_READBACK, OURS, Enter, Record, Target, without_readback
from robots.demo import chromium_settings, write_demo_site
from robots.web import WebEntryRobot
from shared.config import WebSpec, load_site, load_yaml
from shared.secrets import SecretMapping

__all__ = ["ADMIN", "SCENARIO", "check_stored", "ours_session", "web_spec"]

SCENARIO = Path(__file__).resolve().parent / "admin_scenario.yaml"
#: Fields holding personal data: painted over in screenshots, kept out of messages.
MASKED = frozenset({"name", "kana", "birth_date", "address", "phone", "prev_address"})


def web_spec() -> WebSpec:
    return WebSpec.model_validate(load_yaml(SCENARIO).data)


@contextmanager
def ours_session(app: AdminApp, folder: Path, readback: bool = True) -> Iterator[Enter]:
    """Our robot with the admin scenario (``readback=False``: without reading values back)."""
    web = web_spec()
    if not readback:
        web = web.model_copy(update={"login": without_readback(web.login), "entry": without_readback(web.entry)})
    site = load_site(write_demo_site(folder / "site", app.url))
    secrets = SecretMapping(site.secrets, given=app.secrets())
    with WebEntryRobot(web, site, secrets, MASKED, folder / "screenshots") as robot:
        yield lambda record: str(robot.enter(record, "bench").get("receipt_no") or "")


@contextmanager
def handwritten_session(app: AdminApp, folder: Path) -> Iterator[Enter]:
    with handwritten.open_page(chromium_settings()) as page:
        admin_handwritten.log_in(page, app.url, app.user, app.password)
        yield lambda record: admin_handwritten.enter(page, app.url, record)


@contextmanager
def ours_without_readback_session(app: AdminApp, folder: Path) -> Iterator[Enter]:
    with ours_session(app, folder, readback=False) as enter:
        yield enter


def check_stored(app: AdminApp, side: str, receipts: list[str], entered: list[Record]) -> None:
    """Every record a side entered is stored, field for field, under the receipt it read."""
    stored = stored_records(app.db_path)
    wanted = [{"receipt": receipt, **expected_row(record)} for receipt, record in zip(receipts, entered, strict=True)]
    if stored != wanted:
        wrong = sum(a != b for a, b in zip(stored, wanted, strict=False)) + abs(len(stored) - len(wanted))
        raise RuntimeError(f"web benchmark (admin), side {side!r}: {wrong} of {len(wanted)} records not stored as entered")


ADMIN = Target("admin", lambda folder: AdminApp(folder / "admin.sqlite3"),
               {OURS: ours_session, BASELINE: handwritten_session, NO_READBACK: ours_without_readback_session},
               records, check_stored)
