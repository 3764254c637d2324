"""What ``template new`` proposes: fields (where each is, how it is read, its printed label
and guessed type) and the proposal for a whole form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from robots.authoring.guess import guess_name, guess_type, unique_name
from robots.authoring.words import Box

__all__ = ["Proposal", "ProposedField", "make_field"]


@dataclass
class ProposedField:
    """One proposed field: where it is, how it is read, its label and guessed type."""

    name: str
    label: str
    type: str
    page: int
    read: str = "text"
    box: Box | None = None
    options: dict[str, Box] | None = None
    filled: bool = False  # something was written (or marked) on the sample

    def binding(self) -> dict[str, Any]:
        data: dict[str, Any] = {"page": self.page}
        if self.read != "text":
            data["read"] = self.read
        if self.options:
            data["options"] = {k: [round(v, 1) for v in b] for k, b in self.options.items()}
        elif self.box:
            data["box"] = [round(v, 1) for v in self.box]
        return data

    def spec(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "type": self.type}
        if self.options:
            data["options"] = list(self.options)
        if self.filled:
            data["required"] = True
        return data


@dataclass
class Proposal:
    """A proposed template for one form."""

    source: Path
    title: str
    keywords: list[str]
    pages: int
    fields: list[ProposedField]


def make_field(label: str, value: str | None, page: int, taken: set[str], *, read: str = "text", box: Box | None = None,
               options: dict[str, Box] | None = None, row: int | None = None, filled: bool = False) -> ProposedField:
    """A proposed field with its guessed type and a unique name (added to ``taken``)."""
    if read in ("circled", "ticked"):
        field_type = "choice"
    elif read == "checkbox":
        field_type = "checkbox"
    else:
        field_type = guess_type(label, value)
    name = unique_name(guess_name(label, field_type, row), taken)
    return ProposedField(name, label, field_type, page, read, box, options, filled)
