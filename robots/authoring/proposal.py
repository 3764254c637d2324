"""What ``template new`` proposes: fields (where each is, how it is read, its printed label
and guessed type) and the proposal for a whole form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from robots.authoring.geometry import Box, union
from robots.authoring.guess import clean_label, guess_name, guess_type, unique_name

__all__ = ["Proposal", "ProposedField", "make_field"]


def _rounded(box: Box) -> list[float]:
    return [round(v, 1) for v in box]


@dataclass
class ProposedField:
    """One proposed field: where it is, how it is read, its label and guessed type. A
    composite field (a date with a circled era and 年・月・日 boxes, a name in 氏 and 名
    boxes …) has ``parts`` instead of a box: part name -> ``{"box": Box}`` or
    ``{"read": "circled", "options": {option: Box}}``."""

    name: str
    label: str
    type: str
    page: int
    read: str = "text"
    box: Box | None = None
    options: dict[str, Box] | None = None
    filled: bool = False  # something was written (or marked) on the sample
    parts: dict[str, dict[str, Any]] | None = None

    @property
    def area(self) -> Box | None:
        """The whole area of the field on its page (its box, options or parts together)."""
        boxes = [self.box] if self.box else []
        boxes += list((self.options or {}).values())
        for part in (self.parts or {}).values():
            boxes += [part["box"]] if "box" in part else list(part.get("options", {}).values())
        return union(boxes) if boxes else None

    def binding(self) -> dict[str, Any]:
        data: dict[str, Any] = {"page": self.page}
        if self.parts:
            data["parts"] = {name: _part(part) for name, part in self.parts.items()}
            return data
        if self.read != "text":
            data["read"] = self.read
        if self.options:
            data["options"] = {k: _rounded(b) for k, b in self.options.items()}
        elif self.box:
            data["box"] = _rounded(self.box)
        return data

    def flat_binding(self) -> dict[str, Any]:
        """The binding with a composite field read as one box over all its parts (for a
        template model that has no parts yet)."""
        if not self.parts or self.area is None:
            return self.binding()
        return {"page": self.page, "box": _rounded(self.area)}

    def spec(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "type": self.type}
        if self.options:
            data["options"] = list(self.options)
        if self.filled:
            data["required"] = True
        return data


def _part(part: dict[str, Any]) -> dict[str, Any]:
    if "options" in part:
        return {"read": part.get("read", "circled"), "options": {k: _rounded(b) for k, b in part["options"].items()}}
    return {"box": _rounded(part["box"])}


@dataclass
class Proposal:
    """A proposed template for one form."""

    source: Path
    title: str
    keywords: list[str]
    pages: int
    fields: list[ProposedField]
    blank: bool = False  # nothing is written on the sample: the types come from the labels alone


def make_field(label: str, value: str | None, page: int, taken: set[str], *, read: str = "text", box: Box | None = None,
               options: dict[str, Box] | None = None, row: int | None = None, filled: bool = False,
               field_type: str | None = None, parts: dict[str, dict[str, Any]] | None = None) -> ProposedField:
    """A proposed field with its guessed type (unless ``field_type`` is given) and a unique
    name (added to ``taken``)."""
    label = clean_label(label)
    if field_type is None:
        if read in ("circled", "ticked"):
            field_type = "choice"
        elif read == "checkbox":
            field_type = "checkbox"
        else:
            field_type = guess_type(label, value)
    name = unique_name(guess_name(label, field_type, row), taken)
    return ProposedField(name, label, field_type, page, read, box, options, filled, parts)
