"""What one procedure is: its form's layout, how a filled copy is made up, and its group."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .sheet import Sheet
from .values import Fill

GROUPS = ("tuning", "held_out")


@dataclass(frozen=True)
class Procedure:
    """One municipal procedure's form.

    ``draw(sheet)`` lays out the printed form and every field once; ``fill(rng, postal, index)``
    makes up the values of filled copy ``index`` (normalized value + spelling as written).
    """

    id: str  # the folder name under the out folder
    title: str  # printed title (also the PDF title)
    group: str  # tuning | held_out
    layouts: tuple[str, ...]  # a short description of how labels and values relate
    draw: Callable[[Sheet], None]
    fill: Callable[[random.Random, dict[str, str], int], dict[str, Fill]]
    written_after_tuning: bool = False  # a held-out layout written after template new was tuned (a fresh layout)

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"{self.id}: group must be one of {GROUPS}, not {self.group!r}")
        if self.written_after_tuning and self.group != "held_out":
            raise ValueError(f"{self.id}: a layout written after tuning is held out")
