"""What one run works with: the scenario and site it runs, the site's folders, the ledger
and audit trail it writes, and what the caller lends it (``RunResources``). The reader and
the enterer are given the run's ``RunContext`` and announce item events through it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from robots.core.events import ItemEvent, Listener
from robots.core.stop import StopRequest
from shared.audit import AuditStore, ChainAuditStore
from shared.config import LoadedScenario, SiteProfile
from shared.config.scenario import Scenario
from shared.ledger import Item, KeyRing, SqlLedger, open_ledger
from shared.secrets import SecretMapping

if TYPE_CHECKING:
    from connectors.browser import BrowserLauncher
    from connectors.ocr import OcrEngine

__all__ = ["Progress", "RunContext", "RunPaths", "RunResources", "ledger_for", "masked_fields", "new_run_id"]

Progress = Callable[[int, int], None]
"""Told (done, total) as the run goes through files and items."""


@dataclass(frozen=True)
class RunPaths:
    """Folders of a site, resolved against the site profile's own folder."""

    inbox: Path
    output: Path
    work: Path

    @classmethod
    def of(cls, site: SiteProfile, site_path: Path) -> RunPaths:
        base = Path(site_path).resolve().parent
        return cls(*(base / folder for folder in (site.inbox, site.output, site.work)))

    @property
    def ledger(self) -> Path:
        return self.work / "ledger.sqlite3"

    @property
    def audit(self) -> Path:
        return self.work / "audit" / "audit.jsonl"


def ledger_for(site: SiteProfile, paths: RunPaths, audit: AuditStore | None = None,
               keys: KeyRing | None = None) -> SqlLedger:
    """The site's ledger, sealing with ``keys`` (``shared.ledger.site_keys``); with ``audit``,
    every state change is also an audit event."""
    def observer(item: Item) -> None:
        assert audit is not None
        audit.append("item_state", item_id=item.id, state=item.state.value, attempt=item.attempt,
                     key_hash=item.key_hash)

    return open_ledger(site.ledger_url or paths.ledger, observer if audit is not None else None, keys=keys)


@dataclass(frozen=True)
class RunResources:
    """What the caller lends a run instead of the run making its own.

    ``secrets``: values for secret names of the site profile (e.g. the sample legacy
    system's credentials in the demo); these names are served from here and their
    references (``env:``, ``file:``, ``keyring:``) are never resolved. ``launcher``: the
    browser launcher to open pages with (e.g. a ``connectors.browser.SharedBrowser`` that
    keeps one Chromium for many runs) instead of one made from the site profile.
    ``ocr``: the OCR engine to read scans with instead of starting one; ``second_ocr`` the
    same for the second engine (used when the site profile names two); the run closes
    neither. ``stop``: a ``StopRequest`` the caller sets to stop the run after the current
    step (the command line sets it on Ctrl-C / SIGTERM)."""

    secrets: Mapping[str, str] | None = None
    launcher: BrowserLauncher | None = None
    ocr: OcrEngine | None = None
    second_ocr: OcrEngine | None = None
    stop: StopRequest | None = None


def masked_fields(scenario: Scenario) -> frozenset[str]:
    """The scenario's fields marked ``mask`` (personal data)."""
    return frozenset(name for name, spec in scenario.fields.items() if spec.mask)


def new_run_id() -> str:
    """A run id: when the run started, and six random hex digits."""
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


@dataclass(frozen=True)
class RunContext:
    """One run: its scenario and site, folders, id, ledger and audit trail, the fields it
    masks, the key its items are hashed with, what the caller lent it, and the listeners
    its item events go to."""

    loaded: LoadedScenario
    site: SiteProfile
    site_path: Path
    paths: RunPaths
    run_id: str
    ledger: SqlLedger
    audit: ChainAuditStore
    item_key: bytes
    masked: frozenset[str]
    resources: RunResources = field(default_factory=RunResources)
    listeners: tuple[Listener, ...] = ()

    @property
    def scenario(self) -> Scenario:
        return self.loaded.scenario

    @property
    def secrets_file(self) -> Path | None:
        """The site's secrets file (``file:`` references), resolved against the site profile's folder."""
        return Path(self.site_path).resolve().parent / self.site.secrets_file if self.site.secrets_file else None

    def secrets(self) -> SecretMapping:
        """The site's secrets, read when used; names the caller gave values for are served from those."""
        return SecretMapping(self.site.secrets, self.secrets_file, given=self.resources.secrets)

    def announce(self, event: ItemEvent) -> None:
        """Give ``event`` to each listener in turn; an exception of a listener stops the
        others and reaches the announcer (e.g. ``IllegalTransition`` from the ledger)."""
        for listener in self.listeners:
            listener(event)
