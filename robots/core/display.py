"""How a record's value is shown to people, the same in the Excel ledger, the CSV and the
review sheet's "value read" column (the HTML report shows the same text, with — for
nothing): a ticked box ✓, an unticked box and a missing value empty, a date as stored
(YYYY-MM-DD), anything else as it is. A file whose encoding has no ✓ (a CP932 CSV) shows
a ticked box as レ, the tick Japanese forms use, so the row is not lost for the robot's
own mark.

    >>> [shown_value(v) for v in (True, False, None, "2024-11-03", 12)]
    ['✓', '', '', '2024-11-03', 12]
    >>> shown_value(True, encoding="cp932")
    'レ'
"""

from __future__ import annotations

__all__ = ["TICK", "TICK_FALLBACK", "shown_value"]

TICK = "✓"
TICK_FALLBACK = "レ"
"""A ticked box in a file whose encoding cannot hold ✓ (CP932 has no ✓; every Japanese encoding has レ)."""


def shown_value(value: object, encoding: str | None = None) -> object:
    """``value`` (as the ledger stores it) as a cell shows it; ``encoding``: the file's, when
    it may not hold every character (a CSV)."""
    if isinstance(value, bool):
        return _tick(encoding) if value else ""
    return "" if value is None else value


def _tick(encoding: str | None) -> str:
    if encoding is None:
        return TICK
    try:
        TICK.encode(encoding)
    except UnicodeEncodeError:
        return TICK_FALLBACK
    return TICK
