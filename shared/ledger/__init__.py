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
from shared.ledger.sql import SqlLedger, open_ledger

__all__ = [
    "FINAL_STATES", "OPEN_STATES", "TRANSITIONS", "FileRecord", "IllegalTransition", "Item", "Ledger", "SqlLedger",
    "State", "open_ledger",
]
