"""How a record's value is shown to people, the same in the Excel ledger, the CSV and the
review sheet's "value read" column (the HTML report shows the same text, with — for
nothing): a ticked box ✓, an unticked box and a missing value empty, a date as stored
(YYYY-MM-DD), anything else as it is.

    >>> [shown_value(v) for v in (True, False, None, "2024-11-03", 12)]
    ['✓', '', '', '2024-11-03', 12]
"""

from __future__ import annotations

__all__ = ["shown_value"]


def shown_value(value: object) -> object:
    """``value`` (as the ledger stores it) as a cell shows it."""
    if isinstance(value, bool):
        return "✓" if value else ""
    return "" if value is None else value
