"""What ``demo --present`` / ``--step`` turn on (presenter mode settings for the demo site)."""

from __future__ import annotations

__all__ = ["PRESENT_LIMIT", "demo_options"]

PRESENT_LIMIT = 3
"""Forms presented by default: enough to show a success, slowly, within a seminar slot."""


def demo_options(present: bool, step: bool, slow_ms: int, limit: int | None,
                 step_login: bool = False) -> tuple[dict[str, object] | None, int | None]:
    """The presenter settings for the demo site profile (None: off) and how many forms to use.
    ``step`` pauses before each entry step; ``step_login`` before each login step too."""
    if not present:
        return None, limit
    settings: dict[str, object] = {"enabled": True, "slow_motion_ms": slow_ms,
                                   "highlight_ms": min(2000, max(200, slow_ms + 200)) if slow_ms else 0,
                                   "pause_each_step": step, "pause_login": step and step_login}
    return settings, limit or PRESENT_LIMIT
