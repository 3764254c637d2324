"""Scenario errors fail fast: an item whose step does not find its element on the screen is
not retried with back-off; when the same step fails that way on several items in a row, the
screen has most likely changed and the run stops, leaving those items and the rest ``new``.

    streak = ScenarioStreak(limit=3)
    if streak.add(item, error):     # the third item in a row failing at the same step
        for held, _ in streak.take(): ...   # back to new; then stop the run
"""

from __future__ import annotations

from shared.errors import ScenarioError
from shared.ledger import Item

__all__ = ["ScenarioStreak", "stop_error"]


class ScenarioStreak:
    """The items that failed, one after the other, at the same step with a ``ScenarioError``;
    they are held (still reserved) until the streak ends: another outcome or another step
    settles them one by one, ``limit`` of them in a row stop the run."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held: list[tuple[Item, ScenarioError]] = []

    @property
    def step(self) -> str | None:
        return self.held[0][1].step if self.held else None

    def continues(self, error: ScenarioError) -> bool:
        """Whether ``error`` is at the step of the held items (or nothing is held)."""
        return not self.held or error.step == self.step

    def add(self, item: Item, error: ScenarioError) -> bool:
        """Hold ``item``; True when the streak has reached its limit."""
        self.held.append((item, error))
        return len(self.held) >= self.limit

    def take(self) -> list[tuple[Item, ScenarioError]]:
        """The held items, in order; the streak starts again empty."""
        held, self.held = self.held, []
        return held


def stop_error(held: list[tuple[Item, ScenarioError]]) -> ScenarioError:
    """The one error that stops the run: the step, how many items in a row, the screen, why."""
    first = held[0][1]
    return ScenarioError("run.scenario_stopped", step=first.step, count=len(held),
                         screen=first.params.get("screen", ""), reason=first.message())
