"""Ticked options written as text in a cell or a paragraph: 「■国内　□国外」, 「☑国内 ☐国外」,
「レ国内　□国外」, 「□✓国内」. Each printed option follows its box; the box is ticked when
a tick mark is in it or next to it (■ ☑ ☒ ✓ ✔ レ), empty when it is only □ or ☐.

    >>> read_ticks("■国内　□国外", ["国内", "国外"])
    Ticks(ticked=('国内',), unticked=('国外',), missing=())

× and ○/● are not read as ticks (× also means "no", and ○ may be the circle of a choice)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["EMPTY_MARKS", "TICK_MARKS", "Ticks", "has_marks", "read_ticks"]

TICK_MARKS = frozenset("■☑☒✓✔レ")
EMPTY_MARKS = frozenset("□☐")
_MARKS = TICK_MARKS | EMPTY_MARKS


@dataclass(frozen=True)
class Ticks:
    """Which printed options have a ticked box before them, which an empty one, and which
    were not found after any box (the form does not print them, or they lost their box)."""

    ticked: tuple[str, ...]
    unticked: tuple[str, ...]
    missing: tuple[str, ...]


def _compact(text: str) -> str:
    """NFKC without white space (half-width ﾚ is レ; 「国 内」 is 「国内」)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def has_marks(text: str) -> bool:
    """True when ``text`` holds a box or a tick mark at all."""
    return any(ch in _MARKS for ch in _compact(text))


def read_ticks(text: str, options: Sequence[str]) -> Ticks:
    """Read ``text`` against the printed ``options`` (white space and width ignored). An
    option counts only where it directly follows a run of marks; a レ that begins an option
    (□レンタル) belongs to the option, not to the box."""
    compact = _compact(text)
    keys = {option: _compact(option) for option in options}
    by_length = sorted(keys.items(), key=lambda kv: -len(kv[1]))
    state: dict[str, bool] = {}
    i = 0
    while i < len(compact):
        if compact[i] not in _MARKS:
            i += 1
            continue
        end = i
        while end < len(compact) and compact[end] in _MARKS:
            end += 1
        for stop in range(end, i, -1):  # the longest run of marks followed by an option
            rest = compact[stop:]
            option = next((o for o, key in by_length if key and rest.startswith(key)), None)
            if option is not None:
                ticked = any(ch in TICK_MARKS for ch in compact[i:stop])
                state[option] = state.get(option, False) or ticked
                i = stop + len(keys[option])
                break
        else:
            i = end
    return Ticks(
        ticked=tuple(o for o in options if state.get(o) is True),
        unticked=tuple(o for o in options if state.get(o) is False),
        missing=tuple(o for o in options if o not in state),
    )
