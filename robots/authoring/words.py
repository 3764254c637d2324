"""What ``template new`` sees on a page of a filled form: words (printed by the form or
written on it) and the ruled cells they sit in. Plain data; the analysis is in
``template_new`` (finding them) and ``layout`` (pairing labels with values)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Box", "Cell", "Word"]

Box = tuple[float, float, float, float]
"""[left, top, right, bottom] in PDF points, the page's top-left corner the origin."""


@dataclass
class Word:
    """One word on the page: its text, box, size, and whether the form printed it (else it
    was written on the form)."""

    text: str
    box: Box
    printed: bool
    size: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass
class Cell:
    """A ruled cell with what is in it, and what it was judged to be (``kind``: label, value,
    empty, circled or ticked)."""

    box: Box
    printed: list[Word] = field(default_factory=list)
    filled: list[Word] = field(default_factory=list)
    squares: list[Box] = field(default_factory=list)
    curves: int = 0
    kind: str = "empty"  # label | value | empty | circled | ticked

    @property
    def text(self) -> str:
        """The printed text of the cell, in reading order."""
        return "".join(w.text for w in sorted(self.printed, key=lambda w: (round(w.box[1]), w.box[0])))
