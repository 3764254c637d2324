"""Form template: where each field sits on a form (a shareable file)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from shared.config.base import Box, StrictModel

__all__ = ["Anchor", "Fingerprint", "FieldBinding", "FormTemplate"]


class Fingerprint(StrictModel):
    """Words that identify the form; a file without them is refused as another form."""

    keywords: list[str] = Field(min_length=1, description="each must appear in the page's text")
    page: int = Field(1, ge=1)


class Anchor(StrictModel):
    """Find the value next to a printed label instead of at a fixed box."""

    label: str = Field(min_length=1, description="printed label text to look for")
    direction: Literal["right", "below"] = "right"
    max_distance: float = Field(200.0, gt=0, description="how far from the label the value may reach, in points")
    height: float | None = Field(None, gt=0, description="value area height (right) or width (below); default: the label's")


class FieldBinding(StrictModel):
    """Where one record field is read from."""

    page: int = Field(1, ge=1)
    read: Literal["text", "circled", "ticked", "checkbox"] = Field(
        "text",
        description="text: the text in the box; circled: which printed option is circled; "
        "ticked: which option's tick box is marked; checkbox: whether the box is marked",
    )
    box: Box | None = None
    anchor: Anchor | None = None
    options: dict[str, Box] | None = Field(
        None, description="circled/ticked: printed option text -> box of the option (or of its tick box)"
    )

    @model_validator(mode="after")
    def _check_shape(self) -> "FieldBinding":
        if self.read in ("circled", "ticked"):
            if not self.options:
                raise ValueError("config.template.options_required")
        elif (self.box is None) == (self.anchor is None):
            raise ValueError("config.template.box_or_anchor")
        return self


class FormTemplate(StrictModel):
    """A form template: fingerprint and field bindings of one form."""

    schema_version: Literal[1] = 1
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    pages: int = Field(1, ge=1, description="number of pages the form has")
    fingerprint: Fingerprint
    blank_form: str | None = Field(
        None, description="the blank form (PDF) next to this file; scans are aligned to it"
    )
    min_confidence: dict[str, float] = Field(
        default_factory=dict,
        description="scans: field type -> confidence (0..1) below which a value goes to a person (default 0.95)",
    )
    fields: dict[str, FieldBinding] = Field(min_length=1)
