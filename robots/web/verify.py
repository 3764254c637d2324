"""Checking what steps entered: the controls ``fill``, ``select`` and ``check`` acted on are
read back (``connectors.browser.readback``) and compared with what the steps meant to enter.
A difference — a value cut by ``maxlength``, changed by the screen's script, an option or a
tick that did not stay — fails the item as bad data, before the final submit, naming the
field's label and the reason; values of personal fields are never shown.

The steps only note what they entered (``expect``); ``verify_pending`` reads every noted
control back in one round trip just before the next step of another kind (a click, an open,
the final submit) and at the end of the steps — what the screen holds just before it is
submitted. Only when something differs is each control read on its own, to name it.

A step whose screen is meant to change the value (a field that adds hyphens) says
``verify: false``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError

from connectors.browser.readback import ControlState, read_control, read_controls, utf16_length
from robots.web.context import MASK, StepContext
from shared.config.steps import CheckArgs, FillArgs, SelectArgs
from shared.errors import BusinessError
from shared.messages import t
from shared.templating import referenced_names

__all__ = ["DEFERRING_KINDS", "EnteredValueMismatch", "Expected", "expect_entered", "set_checked",
           "verify_filled", "verify_pending", "verify_selected"]

DEFERRING_KINDS = frozenset({"fill", "select", "check"})
"""Step kinds whose read-back waits for the next step of another kind."""


class EnteredValueMismatch(BusinessError):
    """The screen does not hold what the step entered (cut by ``maxlength``, changed by the
    screen): bad data for this system, never retried."""


@dataclass(frozen=True)
class Expected:
    """What one step entered into one control: ``key`` as ``ControlState.key`` would show
    it (None: only the step's own check can tell), and that check."""

    target: tuple[str, str, int]  # step kind, what it names, the scope (frame) it acted in
    locator: Any
    key: tuple[str, object] | None
    check: Callable[[], None]
    step: str


def expect_entered(ctx: StepContext, target: str, locator: Any, key: tuple[str, object] | None,
                   check: Callable[[], None]) -> None:
    """Note that the current step entered ``key`` into ``locator``; read back later."""
    kind = ctx.step_kind or "fill"
    ctx.pending_checks.append(Expected((kind, target, id(ctx.scope)), locator, key, check, ctx.step_label))


def verify_pending(ctx: StepContext) -> None:
    """Read back every control noted since the last read-back, in one round trip; on a
    difference, check them one by one and raise ``EnteredValueMismatch`` for the first."""
    if not ctx.pending_checks:
        return
    latest: dict[tuple[str, str, int], Expected] = {}
    for entry in ctx.pending_checks:  # a control entered twice: what it holds now is the last one
        latest.pop(entry.target, None)
        latest[entry.target] = entry
    ctx.pending_checks.clear()
    entries = list(latest.values())
    if all(e.key is not None for e in entries):
        union = entries[0].locator
        for entry in entries[1:]:
            union = union.or_(entry.locator)
        states = read_controls(union)
        if Counter(s.key for s in states) == Counter(e.key for e in entries):
            return  # every control holds what was entered
    for entry in entries:
        try:
            entry.check()
        except EnteredValueMismatch as exc:
            exc.step = entry.step
            raise


def _label(ctx: StepContext, args: FillArgs | SelectArgs | CheckArgs) -> str:
    if args.label is not None:
        return ctx.screen_label(ctx.render(args.label))[0]
    return ctx.render(args.selector or "")


def _field(template: str) -> str | None:
    """The record field a value template reads (for the audit record's field list)."""
    return next((attr for var, attr in sorted(referenced_names(template)) if var == "record" and attr), None)


def _shareable(ctx: StepContext, template: str, secret: bool = False) -> bool:
    """Whether the value may appear in a message: not a secret, not from a field marked ``mask``."""
    return not secret and not ctx.uses_masked_value(template)


def _expected_text(state: ControlState, typed: str) -> str:
    """What the control should hold after ``typed`` was filled in: an ``<input>`` drops line
    breaks, a ``<textarea>`` keeps LF only."""
    if state.single_line:
        return typed.replace("\r", "").replace("\n", "")
    return typed.replace("\r\n", "\n")


def verify_filled(ctx: StepContext, locator: Any, args: FillArgs, typed: str) -> None:
    """Raise ``EnteredValueMismatch`` when the control does not hold ``typed``."""
    state = read_control(locator)
    expected = _expected_text(state, typed)
    if state.value == expected:
        return
    label, field = _label(ctx, args), _field(args.value)
    if state.max_length is not None and utf16_length(expected) > state.max_length:
        raise EnteredValueMismatch("web.entered_truncated", field=field, label=label, max_length=state.max_length,
                                   length=len(expected), shown=len(state.value))
    if _shareable(ctx, args.value, args.secret):
        raise EnteredValueMismatch("web.entered_differs_shown", field=field, label=label,
                                   expected=ctx.scrub(expected), actual=ctx.scrub(state.value))
    raise EnteredValueMismatch("web.entered_differs", field=field, label=label, length=len(expected),
                               shown=len(state.value))


def verify_selected(ctx: StepContext, locator: Any, args: SelectArgs, chosen: str) -> None:
    """Raise ``EnteredValueMismatch`` when the option shown as selected is not ``chosen``."""
    state = read_control(locator)
    if list(state.selected) == [chosen]:
        return
    shown = _shareable(ctx, args.value)
    actual = "、".join(state.selected) or "（なし）"
    raise EnteredValueMismatch("web.selected_differs", field=_field(args.value), label=_label(ctx, args),
                               expected=ctx.scrub(chosen) if shown else MASK,
                               actual=ctx.scrub(actual) if shown else MASK)


def set_checked(ctx: StepContext, locator: Any, args: CheckArgs) -> None:
    """Tick or untick the box and make sure it stays so; a box the screen will not change
    (its script sets it back) is ``EnteredValueMismatch``."""
    try:
        locator.check() if args.checked else locator.uncheck()
    except PlaywrightError as exc:  # Playwright checks the state itself and says only this
        if not args.verify or "did not change its state" not in str(exc):
            raise
    if args.verify:
        expect_entered(ctx, _label(ctx, args), locator, ("c", args.checked), lambda: _verify_checked(ctx, locator, args))


def _verify_checked(ctx: StepContext, locator: Any, args: CheckArgs) -> None:
    state = read_control(locator)
    if state.checked is None or state.checked == args.checked:
        return
    on, off = t("web.check_on"), t("web.check_off")
    raise EnteredValueMismatch("web.checked_differs", label=_label(ctx, args),
                               expected=on if args.checked else off, actual=on if state.checked else off)
