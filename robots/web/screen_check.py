"""Is each screen still what the scenario says? (``robot-runner check``, after a legacy-system
update): log in, walk the entry and lookup steps without entering anything, and say for each
label, button and selector whether it is on its screen.

Nothing is typed and nothing is submitted: ``open`` is followed, and a click before any field
of its screen is (a menu, a link to the next screen); every other target is only looked for.
After a click that was only looked for, the next ``expect_text`` or ``wait_for`` tells whether
the robot is still on that screen; if not, the steps up to the next ``open`` are not checked
(that screen is reached only by entering a record), nor is anything from the final step on.

    results = check_screens(web, site, secrets, shots)
    missing = [r for r in results if r.status == "missing"]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Error as PlaywrightError

from connectors.browser import BrowserLauncher
from robots.core.context import RunPaths
from robots.web.context import StepContext
from robots.web.robot import WebEntryRobot
from robots.web.steps import describe, frame_scope, run_steps, screen_name
from shared.config import validate_all
from shared.config.scenario import WebSpec
from shared.config.site import SiteProfile
from shared.config.steps import Step
from shared.errors import RpaError, ScenarioError
from shared.messages import t
from shared.secrets import SecretMapping
from shared.templating import referenced_names

__all__ = ["CheckedStep", "check_scenario", "check_screens"]

Status = Literal["found", "missing", "skipped"]
_DATA_STEPS = ("fill", "select", "check")
_TARGET_STEPS = (*_DATA_STEPS, "read_text", "upload", "click", "wait_for")


@dataclass(frozen=True)
class CheckedStep:
    """One step's target: ``found``, ``missing`` (``reason`` says why) or ``skipped``
    (``reason`` says why it was not looked for)."""

    step: str
    screen: str
    status: Status
    reason: str = ""


@dataclass
class _Walk:
    """Where the walk is: a field seen on this screen, a click only looked for, off the
    screens that can be reached without entering a record, past the final step."""

    ctx: StepContext
    results: list[CheckedStep] = field(default_factory=list)
    entered: bool = False
    pending: bool = False
    unreached: bool = False
    settled: bool = False

    def note(self, step: str, status: Status, reason: str = "", screen: str | None = None) -> None:
        self.results.append(CheckedStep(step, screen or screen_name(self.ctx), status, reason))

    def walk(self, steps: list[Step], where: str) -> None:
        for index, step in enumerate(steps):
            label = f"{where}[{index + 1}] {describe(step)}"
            if step.kind == "open":
                self.entered = self.pending = self.unreached = False
                self.perform(step, label)
            elif self.unreached:
                self.note(label, "skipped", t("check.why.not_reached"))
            elif step.kind == "in_frame":
                assert step.in_frame is not None
                outer, self.ctx.scope = self.ctx.scope, frame_scope(self.ctx, step.in_frame.frame)
                try:
                    self.walk(step.in_frame.steps, "in_frame")
                finally:
                    self.ctx.scope = outer
            elif step.kind in _TARGET_STEPS or step.kind == "expect_text":
                self.target(step, label)
            if step.final:
                self.unreached = True

    def perform(self, step: Step, label: str) -> None:
        """Carry the step out (a navigation, a wait); a failure is a missing target."""
        before = screen_name(self.ctx)
        try:
            run_steps(self.ctx, [step], where="check")
        except RpaError as exc:
            exc.step = label
            self.note(label, "missing", exc.message(), before)
            self.unreached = True
            return
        self.settled = False
        if step.kind in ("click", "expect_text", "wait_for"):
            self.note(label, "found", screen=before if step.kind == "click" else None)

    def target(self, step: Step, label: str) -> None:
        kind, args = step.kind, step.args
        navigates = kind == "click" and not self.entered and not step.final
        if navigates or (kind in ("expect_text", "wait_for") and not self.pending):
            self.perform(step, label)
            return
        if _uses_record(step):
            self.note(label, "skipped", t("check.why.needs_record"))
            return
        locator = self._locator(kind, args)
        found = self._count(locator)
        if kind in ("expect_text", "wait_for"):  # after a click only looked for: still this screen?
            if not found:
                self.note(label, "skipped", t("check.why.not_reached"))
                self.unreached = True
                return
            self.pending = False
        if found == 1 or (found > 1 and kind in ("expect_text", "wait_for")):
            self.note(label, "found")
        elif found == 0:
            self.note(label, "missing", t("check.reason.not_found"))
        else:
            self.note(label, "missing", t("check.reason.ambiguous", count=found))
        if kind in _DATA_STEPS:
            self.entered = True
        if kind == "click":
            self.pending = True

    def _locator(self, kind: str, args: Any) -> Any:
        ctx = self.ctx
        if kind == "click":
            if isinstance(args, str) or args.selector is None:
                text = args if isinstance(args, str) else args.text or ""
                shown, css = ctx.screen_label(ctx.render(text))
                role = "any" if isinstance(args, str) else args.role
                return ctx.clickable(shown, role) if css is None else ctx.locate(None, css)
            return ctx.locate(None, args.selector)
        if kind == "check" and isinstance(args, str):
            return ctx.locate(args, None)
        if kind == "expect_text":
            return ctx.scope.get_by_text(ctx.render(args if isinstance(args, str) else args.text))
        if kind == "wait_for" and args.text is not None:
            return ctx.scope.get_by_text(ctx.render(args.text))
        return ctx.locate(args.label, args.selector)

    def _count(self, locator: Any) -> int:
        """How many elements ``locator`` finds; the first look at a screen waits for it to be
        there (the page may still be building), the others only count."""
        try:
            if not self.settled:
                self.settled = True
                try:
                    locator.first.wait_for(state="attached", timeout=self.ctx.timeout_ms)
                except PlaywrightError:
                    pass
            return int(locator.count())
        except PlaywrightError:
            return 0


def _uses_record(step: Step) -> bool:
    """Whether the step's target is a template over a record's values (a choice's text)."""
    args = step.args
    texts = [args] if isinstance(args, str) else [getattr(args, k, None) for k in ("label", "text", "selector")]
    return any(var == "record" for text in texts if text for var, _ in referenced_names(text))


def check_screens(web: WebSpec, site: SiteProfile, secrets: Mapping[str, str], screenshot_dir: Path, *,
                  launcher: BrowserLauncher | None = None) -> list[CheckedStep]:
    """Log in (the login steps are run as they are) and check the entry and lookup steps'
    targets; a login that fails raises its ``RpaError``."""
    with WebEntryRobot(web, site, secrets, frozenset(), screenshot_dir, launcher=launcher) as robot:
        results: list[CheckedStep] = []
        for where, steps in (("entry", web.entry), ("lookup", web.lookup)):
            walk = _Walk(robot.screen_context())
            walk.walk(steps, where)
            results += walk.results
    return results


def check_scenario(scenario_dir: Path, site_path: Path, *, launcher: BrowserLauncher | None = None,
                   secrets: Mapping[str, str] | None = None) -> list[CheckedStep]:
    """``check_screens`` for the scenario in ``scenario_dir`` on the site ``site_path`` (its
    secrets resolved as a run resolves them; ``secrets`` gives values instead)."""
    loaded, site = validate_all(scenario_dir, site_path, given_secrets=list(secrets or {}))
    assert site is not None
    web = loaded.scenario.web
    if web is None:
        raise ScenarioError("check.no_web", file=str(scenario_dir))
    secrets_file = Path(site_path).resolve().parent / site.secrets_file if site.secrets_file else None
    paths = RunPaths.of(site, Path(site_path))
    return check_screens(web, site, SecretMapping(site.secrets, secrets_file, given=secrets),
                         paths.work / "screenshots" / "check", launcher=launcher)
