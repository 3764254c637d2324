"""The exception queue: what a person sees and settles (``robot_runner.py queue``)."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from robots.core.context import RunPaths
from shared.audit import AuditStore, actor, open_audited_ledger
from shared.config import load_site
from shared.errors import BusinessError
from shared.files import private_folder
from shared.ledger import Item, Ledger, State, site_keys
from shared.messages import Msg, get_language

__all__ = ["QueueAdmin", "open_queue", "reason_text"]

# needs_review items are settled through the review sheet (or by hand), never just retried:
# their doubtful values would be entered as they are.
RETRYABLE = (State.FAILED_APPLICATION, State.UNCERTAIN)
RESOLVABLE = (State.FAILED_APPLICATION, State.FAILED_BUSINESS, State.NEEDS_REVIEW, State.UNCERTAIN)
KEY_SIZE = 32  # shared.files.private_key's default, as a run makes the key


def reason_text(item: Item) -> str:
    key = "message_en" if get_language() == "en" else "message"
    return str(item.reason_params.get(key) or item.reason_params.get("message") or "")


class QueueAdmin:
    """List, retry and settle items; every change is an audit event naming the person."""

    def __init__(self, ledger: Ledger, audit: AuditStore, key_path: Path | None = None) -> None:
        self.ledger = ledger
        self.audit = audit
        self.key_path = key_path  # the site's key of item hashes (work/keys/item.key)

    def item_key(self) -> bytes | None:
        """The site's key of item hashes, if a run has made it (never made here)."""
        if self.key_path is None or not self.key_path.is_file():
            return None
        return self.key_path.read_bytes()[:KEY_SIZE]

    def items(self, scenario_id: str | None = None, states: list[State] | None = None) -> list[Item]:
        return self.ledger.items(scenario_id, states)

    def get(self, item_id: int) -> Item:
        try:
            return self.ledger.get(item_id)
        except KeyError:
            raise BusinessError("queue.no_such_item", item=str(item_id)) from None

    def retry(self, item_id: int, by: str | None = None) -> Item:
        """Send an item back to ``new`` (after the cause of its failure was fixed)."""
        item = self.get(item_id)
        if item.state not in RETRYABLE:
            raise BusinessError("queue.not_retryable", item=str(item_id), state=Msg(f"state.{item.state.value}"))
        if item.values is None:
            raise BusinessError("queue.no_values", item=str(item_id))
        item = self.ledger.transition(item_id, State.NEW, attempt=0, next_attempt_at=None,
                                      reason_key=None, reason_params={})
        self.audit.append("item_retried", item_id=item_id, key_hash=item.key_hash, actor=self._actor(by))
        return item

    def resolve(self, item_id: int, *, receipt: str | None, abandon: bool, why: str, by: str | None = None) -> Item:
        """Settle an item by hand: entered by a person (with its receipt) or abandoned."""
        item = self.get(item_id)
        if item.state not in RESOLVABLE:
            raise BusinessError("queue.not_resolvable", item=str(item_id), state=Msg(f"state.{item.state.value}"))
        if abandon == (receipt is not None):
            raise BusinessError("queue.done_or_abandon")
        target = State.ABANDONED if abandon else State.DONE
        item = self.ledger.transition(item_id, target, receipt_no=receipt, values=None, worker=None,
                                      lease_expires_at=None)
        self.audit.append("item_resolved", item_id=item_id, key_hash=item.key_hash, state=target.value,
                          receipt_no=receipt, why=why, actor=self._actor(by))
        return item

    @staticmethod
    def _actor(by: str | None) -> dict[str, str]:
        who = actor("queue")
        who["person"] = by or who["os_user"]
        return who


@contextmanager
def open_queue(site_path: Path) -> Iterator[QueueAdmin]:
    site = load_site(site_path)
    paths = RunPaths.of(site, Path(site_path))
    private_folder(paths.work)
    keys = site_keys(site, Path(site_path))
    with open_audited_ledger(site.ledger_url or paths.ledger, "queue", keys=keys) as (ledger, audit):
        yield QueueAdmin(ledger, audit, paths.work / "keys" / "item.key")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts)
        return "unknown"
