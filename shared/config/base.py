"""Common pieces of the file-format models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = ["Box", "Identifier", "StrictModel", "union_box"]


class StrictModel(BaseModel):
    """A file-format model: unknown keys are errors (typos must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_\-]{0,63}$")]
"""Lower-case ASCII name: letters, digits, '_' and '-'; starts with a letter."""

Box = Annotated[
    tuple[float, float, float, float],
    Field(description="[x0, top, x1, bottom] in PDF points, origin at the top-left (pdfplumber's convention)"),
]


def union_box(boxes: Iterable[Sequence[float]]) -> tuple[float, float, float, float]:
    """The smallest box holding every box of ``boxes`` (at least one)."""
    items = list(boxes)
    return (min(b[0] for b in items), min(b[1] for b in items), max(b[2] for b in items), max(b[3] for b in items))
