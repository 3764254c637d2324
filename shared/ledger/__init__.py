"""The work-item ledger: every input file and record has a durable state."""

from shared.ledger.base import (
    FINAL_STATES,
    OPEN_STATES,
    TRANSITIONS,
    FileRecord,
    IllegalTransition,
    Item,
    Ledger,
    State,
)
from shared.ledger.keys import LEDGER_KEY, KeySource, key_source, site_keys
from shared.ledger.sealing import KeyRing, LedgerKeyError
from shared.ledger.sql import SqlLedger, open_ledger

__all__ = [
    "FINAL_STATES", "LEDGER_KEY", "OPEN_STATES", "TRANSITIONS", "FileRecord", "IllegalTransition", "Item", "KeyRing",
    "KeySource", "Ledger", "LedgerKeyError", "SqlLedger", "State", "key_source", "open_ledger", "site_keys",
]
