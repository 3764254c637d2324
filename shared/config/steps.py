"""The step vocabulary of web scenarios. A step is a mapping with exactly one step kind
(``fill``, ``click``, ...) plus optional ``when`` and ``name``; values may use templates
such as ``{{ record.claimant_name }}`` (rendered in a sandbox)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from shared.config.base import Identifier, StrictModel

__all__ = ["STEP_KINDS", "Step", "walk_steps"]


class _Target(StrictModel):
    """An element found by its label text (preferred, reads like the screen) or a selector."""

    label: str | None = Field(
        None, description="the label text shown next to the element: a label element, or the text before it, the cell "
        "beside or above it (docs/screens.md)",
    )
    selector: str | None = Field(
        None, description="Playwright selector (CSS by default; xpath=..., text=..., role=... and >> chains too), "
        "when the element has no usable label",
    )

    @model_validator(mode="after")
    def _one_target(self) -> _Target:
        if (self.label is None) == (self.selector is None):
            raise ValueError("config.step.label_or_selector")
        return self


def _verify() -> bool:
    return Field(
        True, description="read the control back after the step; a difference (a value cut by maxlength, changed "
        "by the screen) fails the item as bad data before the final submit. false: the screen is meant to change it",
    )


class FillArgs(_Target):
    value: str = Field(description="text to type; templates allowed")
    secret: bool = Field(False, description="the value is a secret: never logged or shown; must come from {{ secret.x }}")
    verify: bool = _verify()


class SelectArgs(_Target):
    value: str = Field(description="the option's visible text; templates allowed")
    verify: bool = _verify()


class CheckArgs(_Target):
    checked: bool = True
    verify: bool = _verify()


class ClickArgs(StrictModel):
    text: str | None = Field(
        None, description="the visible text of what to click: a button, link, summary (collapsed section), "
        "[role=button], input button or an element with onclick",
    )
    selector: str | None = Field(None, description="Playwright selector, when the text cannot name it")
    role: Literal["button", "link", "any"] = "any"

    @model_validator(mode="after")
    def _one_target(self) -> ClickArgs:
        if (self.text is None) == (self.selector is None):
            raise ValueError("config.step.text_or_selector")
        return self


class ExpectTextArgs(StrictModel):
    text: str = Field(min_length=1)
    timeout_seconds: float | None = Field(None, gt=0)


class WaitForArgs(StrictModel):
    label: str | None = None
    selector: str | None = None
    text: str | None = None
    state: Literal["visible", "hidden", "filled"] = Field(
        "visible", description="filled: an input has a non-empty value (e.g. after an address lookup)"
    )
    timeout_seconds: float | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _one_target(self) -> WaitForArgs:
        if sum(x is not None for x in (self.label, self.selector, self.text)) != 1:
            raise ValueError("config.step.one_of_label_selector_text")
        return self


class AcceptDialogArgs(StrictModel):
    expect: str | None = Field(None, description="text the dialog must contain")


class ReadTextArgs(_Target):
    """Store text from the screen: a label names a form control (its value is read), a
    selector names page text (its text is read)."""

    into: Identifier = Field(description="record field or variable to store the text in")
    optional: bool = Field(False, description="if the element is not on the page, store nothing instead of failing")


class UploadArgs(_Target):
    """Give a file input the item's own attachments (the files its online application brought,
    archived with the item and hash-checked); never any other file."""

    file: str = Field("*", min_length=1, description="the attachment's file name as the application lists it "
                      "(templates allowed), or * for every attachment of the item")
    optional: bool = Field(False, description="an item without attachments (a paper form) skips the step instead of failing")
    wait_listed: bool = Field(True, description="wait until the screen shows each file's name (the system lists what it received)")


class InFrameArgs(StrictModel):
    frame: str = Field(min_length=1, description="the frame's title or name attribute")
    steps: list[Step] = Field(min_length=1)


class Step(StrictModel):
    """One step: exactly one of the step kinds below."""

    name: str | None = Field(None, description="what the step does, in words (shown in reports)")
    when: str | None = Field(None, description="run only if this expression is true, e.g. record.child2_name")
    final: bool = Field(
        False,
        description="the final submit: the ledger records 'committing' just before it, so a crash after it is "
        "checked in the target system (lookup) instead of being entered again",
    )

    open: str | None = Field(None, description="path on the target system (/login) or a URL on an allowed host")
    fill: FillArgs | None = None
    select: SelectArgs | None = None
    check: str | CheckArgs | None = Field(None, description="label text of a checkbox or radio button")
    click: str | ClickArgs | None = Field(None, description="button or link text")
    expect_text: str | ExpectTextArgs | None = None
    wait_for: WaitForArgs | None = None
    accept_dialog: AcceptDialogArgs | None = Field(None, description="accept the next dialog (confirm/alert)")
    in_frame: InFrameArgs | None = None
    read_text: ReadTextArgs | None = None
    upload: UploadArgs | None = Field(None, description="give a file input the item's own attachments (online applications)")
    screenshot: str | None = Field(None, description="name of the screenshot (personal data masked)")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Step:
        kinds = [k for k in STEP_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("config.step.exactly_one_kind")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in STEP_KINDS if getattr(self, k) is not None)

    @property
    def args(self) -> object:
        return getattr(self, self.kind)


STEP_KINDS: tuple[str, ...] = (
    "open", "fill", "select", "check", "click", "expect_text", "wait_for",
    "accept_dialog", "in_frame", "read_text", "upload", "screenshot",
)

InFrameArgs.model_rebuild()
Step.model_rebuild()


def walk_steps(steps: list[Step], loc: tuple = ()) -> Iterator[tuple[tuple, Step]]:
    """(location, step) of every step, the steps of ``in_frame`` included, in order."""
    for index, step in enumerate(steps):
        yield (*loc, index), step
        if step.in_frame is not None:
            yield from walk_steps(step.in_frame.steps, (*loc, index, "in_frame", "steps"))
