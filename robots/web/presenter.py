"""Presenter mode: before each step, wait ``slow_motion_ms`` (slow motion), show a Japanese
banner naming the step (a bar above the page, which it pushes down) and highlight the element
the robot is about to act on; optionally wait for Enter before each entry step (the login steps too with ``pause_login``).
For seminars.

Banner texts come from the message catalog and the scenario's own labels (and a step's
``name``); a label that is a template (``{{ record.sex }}``) is never rendered into a banner,
so no record value is ever shown or logged.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from robots.web.context import StepContext
from shared.config.presenter import PresenterSettings
from shared.config.steps import ClickArgs, ExpectTextArgs, InFrameArgs, Step, WaitForArgs
from shared.files import open_private
from shared.messages import t

__all__ = ["BANNER_ID", "Presenter", "banner_text", "stdin_ask"]

BANNER_ID = "rpa-presenter-banner"
HIGHLIGHT_MAX_WAIT_MS = 3000  # a missing element is the step's own error to report, not the presenter's

# A bar fixed at the top of the page that pushes the page's own content down by its height
# (the body's top padding), so it hides none of the page's title or menu.
_SHOW_BANNER = """([id, text]) => {
    let banner = document.getElementById(id);
    const body = document.body;
    if (!banner) {
        banner = document.createElement('div');
        banner.id = id;
        banner.setAttribute('role', 'status');
        const s = banner.style;
        s.position = 'fixed'; s.top = '0'; s.left = '0'; s.right = '0'; s.zIndex = '2147483647';
        s.margin = '0'; s.boxSizing = 'border-box';
        s.padding = '10px 16px'; s.background = 'rgba(0, 51, 102, 0.92)'; s.color = '#fff';
        s.font = 'bold 22px sans-serif'; s.textAlign = 'center'; s.pointerEvents = 'none';
        if (body) body.dataset.rpaPaddingTop = getComputedStyle(body).paddingTop;
        (body || document.documentElement).appendChild(banner);
    }
    banner.textContent = text;
    if (body) {
        const base = parseFloat(body.dataset.rpaPaddingTop || '0') || 0;
        body.style.paddingTop = (base + banner.offsetHeight) + 'px';
        document.documentElement.style.scrollPaddingTop = banner.offsetHeight + 'px';
    }
    return document.getElementById(id).textContent;
}"""
_HIGHLIGHT = """(el) => {
    el.scrollIntoView({block: 'center', inline: 'nearest'});
    el.dataset.rpaOutline = el.style.outline || '';
    el.style.outline = '4px solid #e4007f'; el.style.outlineOffset = '2px';
}"""
_UNHIGHLIGHT = "(el) => { el.style.outline = el.dataset.rpaOutline || ''; delete el.dataset.rpaOutline; }"


def _plain(text: str | None) -> str | None:
    """A label usable in a banner: literal text only (a template could hold a record value)."""
    return text if text and "{" not in text and "}" not in text else None


def _screen_phrase(text: str) -> str:
    return text if text.endswith("画面") else t("presenter.screen_quoted", text=text)


def banner_text(step: Step, screen: str | None = None) -> str:
    """The banner for ``step``; ``screen`` is the screen last confirmed by ``expect_text``."""
    if (name := _plain(step.name)) is not None:
        return name
    kind, args = step.kind, step.args
    label = _plain(args if isinstance(args, str) else getattr(args, "label", None) or getattr(args, "text", None))
    if kind == "open":
        return t("presenter.open")
    if kind in ("fill", "select", "read_text", "wait_for"):
        keys = {"fill": "presenter.fill", "select": "presenter.select", "read_text": "presenter.read", "wait_for": "presenter.wait"}
        key = keys[kind]
        if isinstance(args, WaitForArgs) and label is None and args.text:
            label = _plain(args.text)
        return t(key, label=label) if label else t(key + "_any")
    if kind == "check":
        return t("presenter.check", label=label) if label else t("presenter.check_any")
    if kind == "click":
        if label is None:
            return t("presenter.click_any")
        return t("presenter.click_on", screen=_screen_phrase(screen), label=label) if screen else t("presenter.click", label=label)
    if kind == "expect_text":
        return t("presenter.expect", text=label) if label else t("presenter.expect_any")
    if kind == "accept_dialog":
        return t("presenter.dialog")
    if kind == "upload":
        return t("presenter.upload", label=label) if label else t("presenter.upload_any")
    if isinstance(args, InFrameArgs):
        frame = _plain(args.frame)
        return t("presenter.frame", frame=frame) if frame else t("presenter.expect_any")
    return t("presenter.screenshot")


class Presenter:
    """Shows each step on the page; keeps a log of the banners as read back from the DOM.

        presenter = Presenter(settings, log_path=work / "videos" / run_id / "banners.jsonl")
        ctx.presenter = presenter   # run_steps calls before_step / after_step
    """

    def __init__(self, settings: PresenterSettings, log_path: Path | None = None,
                 ask: Callable[[str], str] | None = None) -> None:
        self.settings = settings
        self.log_path = log_path
        self.ask = ask if ask is not None else stdin_ask
        self.shown: list[dict[str, str]] = []
        self._screen: str | None = None
        self._highlighted: Any = None
        self._phase = "entry"  # login, entry or lookup: the steps of an in_frame belong to the step around them

    def before_step(self, ctx: StepContext, step: Step, label: str) -> None:
        """Everything here is presenter time (run_steps times it apart from the step itself)."""
        text = banner_text(step, self._screen)
        if self.settings.slow_motion_ms:
            # slow motion: what the step before did stays on screen a while; a plain timer, in
            # presenter mode only (not Playwright's slow_mo, which would slow the step itself)
            ctx.page.wait_for_timeout(self.settings.slow_motion_ms)
        phase = label.split("[", 1)[0]
        if phase in ("login", "entry", "lookup"):
            self._phase = phase
        if self.settings.banner:
            self._show(ctx, text, label)
        if self.settings.pause_each_step and self._pauses_here():
            self._pause(text)
        if self.settings.highlight_ms:
            self._highlight(ctx, step)

    def after_step(self, ctx: StepContext, step: Step) -> None:
        if step.kind == "expect_text":
            args = step.args
            self._screen = _plain(args.text if isinstance(args, ExpectTextArgs) else str(args))
        elif step.kind == "open":
            self._screen = None
        if self._highlighted is not None:
            try:
                self._highlighted.evaluate(_UNHIGHLIGHT, timeout=500)
            except Exception:  # the page moved on; nothing left to undo
                pass
            self._highlighted = None

    def _pauses_here(self) -> bool:
        """Step-through pauses on the entry steps (what the audience came to see); the login
        steps only with ``pause_login``; the check-before-create lookup never."""
        return self._phase == "entry" or (self._phase == "login" and self.settings.pause_login)

    def _pause(self, text: str) -> None:
        try:
            self.ask(t("presenter.pause", banner=text))
        except EOFError:  # no one at the keyboard any more: go on without pausing
            self.settings = self.settings.model_copy(update={"pause_each_step": False})

    def _show(self, ctx: StepContext, text: str, label: str) -> None:
        """Put the banner on the top page and read it back from the DOM (the log proves it was shown)."""
        shown = None
        for _ in range(3):
            try:
                shown = ctx.page.evaluate(_SHOW_BANNER, [BANNER_ID, text])
                break
            except Exception:  # the page was navigating; wait until the new one is there
                try:
                    ctx.page.wait_for_load_state("domcontentloaded", timeout=ctx.timeout_ms)
                except Exception:
                    pass
        entry = {"item": ctx.item_label, "step": label, "banner": text, "dom": shown or ""}
        self.shown.append(entry)
        if self.log_path is not None:
            with open_private(self.log_path, "a") as log:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def _highlight(self, ctx: StepContext, step: Step) -> None:
        locator = _locator(ctx, step)
        if locator is None:
            return
        try:
            locator.first.evaluate(_HIGHLIGHT, timeout=min(ctx.timeout_ms, HIGHLIGHT_MAX_WAIT_MS))
            self._highlighted = locator.first
            ctx.page.wait_for_timeout(self.settings.highlight_ms)  # presenter pacing, for the audience
        except Exception:  # not there (yet): the step itself waits and reports
            self._highlighted = None


def _locator(ctx: StepContext, step: Step) -> Any:
    """The element the step acts on, found the way the step finds it (or None)."""
    args = step.args
    kind = step.kind
    if kind == "check" and isinstance(args, str):
        return ctx.locate(args, None)
    if kind in ("fill", "select", "read_text", "check"):
        return ctx.locate(getattr(args, "label", None), getattr(args, "selector", None))
    if kind == "click":
        if isinstance(args, ClickArgs) and args.selector is not None:
            return ctx.scope.locator(ctx.render(args.selector))
        text = ctx.render((args.text or "") if isinstance(args, ClickArgs) else str(args))
        shown = ctx.screen_label(text)[0]
        return ctx.scope.get_by_role("button", name=shown, exact=True).or_(
            ctx.scope.get_by_role("link", name=shown, exact=True))
    return None


def stdin_ask(prompt: str) -> str:
    """Ask on the terminal (the default ``ask`` of presenter mode's step-through)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line
