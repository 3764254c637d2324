"""The step vocabulary: one small function per step kind, registered in ``STEPS``.

Every function finds elements the way a person reads the screen (label text, button or
link text; see docs/screens.md) and waits through Playwright's auto-waiting; nothing sleeps.
A target that is not on the screen, is hidden, or is not one element is a ``ScenarioError``
naming the step and the screen.
"""

from __future__ import annotations

import mimetypes
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from connectors.browser.engines import URL_ENGINE, engine_text
from robots.core.attachments import archived_attachments
from robots.web.context import StepContext
from robots.web.timing import note_step
from robots.web.verify import (
    DEFERRING_KINDS,
    expect_entered,
    set_checked,
    verify_filled,
    verify_pending,
    verify_selected,
)
from shared.config.origins import shown_origin
from shared.config.steps import (
    AcceptDialogArgs,
    CheckArgs,
    ClickArgs,
    ExpectTextArgs,
    FillArgs,
    InFrameArgs,
    ReadTextArgs,
    SelectArgs,
    Step,
    UploadArgs,
    WaitForArgs,
)
from shared.errors import (
    ApplicationError,
    BusinessError,
    HostRefusedError,
    RpaError,
    ScenarioError,
    StepError,
    TargetError,
    TargetRejectedError,
    TargetUnavailableError,
)
from shared.files import write_private_bytes
from shared.templating import TemplateRenderError

__all__ = ["STEPS", "SessionExpired", "describe", "frame_scope", "run_steps", "screen_name", "take_screenshot"]


class SessionExpired(ApplicationError):
    """The target system logged the robot out (idle timeout, session limit)."""


StepFunction = Callable[[StepContext, Any], None]


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _visible_text(ctx: StepContext, text: str) -> bool:
    """Whether ``text`` shows on the page or in one of its frames (a login page in the menu frame)."""
    for frame in ctx.page.frames:
        found = frame.get_by_text(text)
        try:
            if found.count() and found.first.is_visible():
                return True
        except PlaywrightError:  # the frame went away while it was looked at
            continue
    return False


def _raise_if_expired(ctx: StepContext) -> None:
    """The page is where the system sends an expired session (by its address; outside login)."""
    if ctx.session_expired():
        raise SessionExpired("web.session_expired")


def _raise_if_rejected(ctx: StepContext) -> None:
    """Say why the screen is not what the step expected: the session expired, the system
    shows an error or maintenance page, or it refused the record (its error area). The
    session is not checked during the login steps (a login page is what they expect)."""
    _raise_if_expired(ctx)
    if ctx.checks_session and ctx.session_expired_text and _visible_text(ctx, ctx.session_expired_text):
        raise SessionExpired("web.session_expired")
    if any(_visible_text(ctx, text) for text in ctx.system_error_texts):
        raise TargetError("web.system_error")
    if ctx.error_selector is None:
        return
    errors = ctx.scope.locator(ctx.error_selector)
    if errors.count() and errors.first.is_visible():
        # Scrub before collapsing spaces: a name's full-width space (U+3000) is whitespace too.
        text = " ".join(ctx.scrub(errors.first.inner_text()).split())
        raise TargetRejectedError("web.rejected", detail=ctx.scrub(text))


def _alarms(ctx: StepContext) -> Any:
    """A locator for anything that means the expected screen will not come."""
    selectors = [ctx.error_selector] if ctx.error_selector else []
    alarm = ctx.scope.locator(", ".join(selectors)) if selectors else None
    expired = [ctx.session_expired_text] if ctx.session_expired_text and ctx.checks_session else []
    for text in (*ctx.system_error_texts, *expired):
        found = ctx.page.get_by_text(text)
        alarm = found if alarm is None else alarm.or_(found)
    if ctx.session_expired_url and ctx.checks_session:
        found = ctx.page.locator(f"{URL_ENGINE}={engine_text(ctx.session_expired_url)}")
        alarm = found if alarm is None else alarm.or_(found)
    return alarm


def open_page(ctx: StepContext, target: str) -> None:
    url = ctx.url(ctx.render(target))
    if not ctx.host_allowed(url):
        raise HostRefusedError("web.host_not_allowed", host=shown_origin(url))
    ctx.page.goto(url)


def _mask_if_personal(ctx: StepContext, locator: Any, template: str, secret: bool = False) -> None:
    """Remember elements that receive personal data or secrets, to paint them over in screenshots."""
    if secret or ctx.uses_masked_value(template):
        ctx.masked_locators.append(locator)


def fill(ctx: StepContext, args: FillArgs) -> None:
    locator = ctx.locate(args.label, args.selector)
    value = ctx.render(args.value)
    _mask_if_personal(ctx, locator, args.value, args.secret)
    locator.fill(value)
    if args.verify:  # maxlength cuts a value without a word: read back before the next click
        key = None if "\r" in value or "\n" in value else ("v", value)  # line breaks: as the control keeps them
        expect_entered(ctx, ctx.render(args.label or args.selector or ""), locator, key,
                       lambda: verify_filled(ctx, locator, args, value))


def select(ctx: StepContext, args: SelectArgs) -> None:
    locator = ctx.locate(args.label, args.selector)
    value = ctx.render(args.value)
    _mask_if_personal(ctx, locator, args.value)
    locator.select_option(label=value)
    if args.verify:
        expect_entered(ctx, ctx.render(args.label or args.selector or ""), locator, ("s", (value,)),
                       lambda: verify_selected(ctx, locator, args, value))


def check(ctx: StepContext, args: str | CheckArgs) -> None:
    if isinstance(args, str):
        args = CheckArgs(label=args)
    set_checked(ctx, ctx.locate(args.label, args.selector), args)


def click(ctx: StepContext, args: str | ClickArgs) -> None:
    if isinstance(args, str):
        args = ClickArgs(text=args)
    if args.selector is not None:
        locator = ctx.locate(None, args.selector)
    else:
        text, css = ctx.screen_label(ctx.render(args.text or ""))
        locator = ctx.clickable(text, args.role) if css is None else ctx.locate(None, css)
    locator.click()


def expect_text(ctx: StepContext, args: str | ExpectTextArgs) -> None:
    if isinstance(args, str):
        args = ExpectTextArgs(text=args)
    text = ctx.render(args.text)
    wanted = ctx.scope.get_by_text(text).first
    timeout = args.timeout_seconds * 1000 if args.timeout_seconds else ctx.timeout_ms
    alarms = _alarms(ctx)
    if alarms is not None:
        # Wait for whichever is shown first: the expected text, or an error, maintenance or
        # login page; the text of what was found tells them apart, in the same round trip
        # (only when it does not show the expected text is the screen looked at again).
        shown = wanted.or_(alarms).filter(visible=True).first.text_content(timeout=timeout)
        if _contains(shown, text) or wanted.is_visible():
            return
        _raise_if_rejected(ctx)
    expect(wanted).to_be_visible(timeout=timeout)


def _contains(shown: str | None, text: str) -> bool:
    """Whether ``shown`` holds ``text`` as ``get_by_text`` matches it (spaces collapsed, any case)."""
    def fold(value: str) -> str:
        return " ".join(value.replace("\u200b", "").split()).lower()
    return bool(shown) and fold(text) in fold(shown or "")


def wait_for(ctx: StepContext, args: WaitForArgs) -> None:
    timeout = args.timeout_seconds * 1000 if args.timeout_seconds else ctx.timeout_ms
    if args.text is not None:
        locator = ctx.scope.get_by_text(ctx.render(args.text)).first
    else:
        locator = ctx.locate(args.label, args.selector)
        ctx.target = None  # waiting for something to appear: a timeout is the system's, not the scenario's
    if args.state == "filled":
        expect(locator).not_to_have_value(re.compile(r"^\s*$"), timeout=timeout)
    else:
        locator.wait_for(state=args.state, timeout=timeout)


def accept_dialog(ctx: StepContext, args: AcceptDialogArgs) -> None:
    expected = ctx.render(args.expect) if args.expect else None

    def handle(dialog: Any) -> None:
        if expected is None or expected in dialog.message:
            dialog.accept()
        else:
            ctx.dialog_problem = expected
            dialog.dismiss()

    ctx.page.once("dialog", handle)


def frame_scope(ctx: StepContext, frame: str) -> Any:
    """The frame (iframe or frame) of the current scope whose title or name is ``frame``."""
    name = _css_string(ctx.render(frame))
    return ctx.scope.frame_locator(f"iframe[title={name}], iframe[name={name}], frame[name={name}], frame[title={name}]")


def in_frame(ctx: StepContext, args: InFrameArgs) -> None:
    frame = frame_scope(ctx, args.frame)
    outer = ctx.scope
    ctx.scope = frame
    try:
        run_steps(ctx, args.steps, where="in_frame")
    finally:
        ctx.scope = outer


def read_text(ctx: StepContext, args: ReadTextArgs) -> None:
    """A label names a form control: its value. A selector names page text: its text."""
    locator = ctx.locate(args.label, args.selector)
    if args.optional and locator.count() == 0:
        return
    text = locator.input_value() if args.label is not None else locator.inner_text()
    ctx.record[args.into] = text.strip()


def upload(ctx: StepContext, args: UploadArgs) -> None:
    """The item's own archived attachments (hash-checked) into a file input, under the names the
    application gives them; no other file can be named (the step takes names, not paths)."""
    archived = archived_attachments(ctx.attachments, item=ctx.item_label)
    wanted = ctx.render(args.file)
    chosen = archived if wanted == "*" else [f for f in archived if f.name == wanted]
    if not chosen:
        if args.optional:
            return
        raise BusinessError("web.upload_none", item=ctx.item_label, name=wanted)
    locator = ctx.locate(args.label, args.selector)
    locator.set_input_files([{"name": f.name, "mimeType": mimetypes.guess_type(f.name)[0] or "application/octet-stream",
                              "buffer": f.data} for f in chosen])
    if args.wait_listed:
        for f in chosen:  # the system lists what it received: the upload is done
            expect(ctx.scope.get_by_text(f.name, exact=True).first).to_be_visible(timeout=ctx.timeout_ms)


def screenshot(ctx: StepContext, name: str) -> None:
    take_screenshot(ctx, ctx.render(name))


def take_screenshot(ctx: StepContext, name: str) -> Path:
    """Full-page screenshot with secrets and personal-data values painted over."""
    safe = re.sub(r"[^A-Za-z0-9_\-]+", "_", f"{ctx.item_label}-{name}")[:100]
    path = ctx.screenshot_dir / f"{safe}.png"
    masks = list(ctx.masked_locators)
    for value in ctx.sensitive_values():
        masks.append(ctx.page.get_by_text(value, exact=False))
    _mask_inputs(ctx)
    png = ctx.page.screenshot(full_page=True, mask=masks, mask_color="#202020")
    write_private_bytes(path, png)  # owner-only from the first byte
    ctx.screenshots.append(path)
    return path


def _mask_inputs(ctx: StepContext) -> None:
    """Blank input values that hold sensitive text (mask= covers text, not typed values)."""
    values = ctx.sensitive_values()
    if not values:
        return
    script = """(values) => {
        const hide = (doc) => {
            for (const el of doc.querySelectorAll('input, textarea')) {
                if (values.some(v => el.value && el.value.includes(v))) { el.style.color = 'transparent'; el.style.background = '#202020'; }
            }
            for (const f of doc.querySelectorAll('iframe, frame')) { try { hide(f.contentDocument); } catch (e) {} }
        };
        hide(document);
    }"""
    ctx.page.evaluate(script, values)


STEPS: dict[str, StepFunction] = {
    "open": open_page,
    "fill": fill,
    "select": select,
    "check": check,
    "click": click,
    "expect_text": expect_text,
    "wait_for": wait_for,
    "accept_dialog": accept_dialog,
    "in_frame": in_frame,
    "read_text": read_text,
    "upload": upload,
    "screenshot": screenshot,
}


def describe(step: Step) -> str:
    """A short, personal-data-free description of a step: its kind and what it targets."""
    if step.name:
        return step.name
    args = step.args
    if isinstance(args, str):
        target = args if step.kind in ("click", "check", "open", "screenshot") else ""
    else:
        target = next((str(getattr(args, k)) for k in ("label", "text", "frame", "selector") if getattr(args, k, None)), "")
    return f"{step.kind}「{target}」" if target and "{" not in target else step.kind


def _raise_if_blocked(ctx: StepContext, label: str) -> None:
    """A request of the page (a navigation, redirect hop, subresource or WebSocket) went to
    an origin the site profile does not allow and was refused (the robot's guards), or the
    page landed on one: the step fails before any further step acts on that page."""
    if ctx.blocked_hosts:
        host, ctx.blocked_hosts[:] = ctx.blocked_hosts[0], []
        raise HostRefusedError("web.request_blocked", step=label, host=host)


def screen_name(ctx: StepContext) -> str:
    """The screen the robot is on, for a person: the page's title and path (no query, which
    may hold values; the title scrubbed of personal data)."""
    try:
        title = " ".join(ctx.page.title().split())
    except PlaywrightError:
        title = ""
    path = urlsplit(ctx.page.url).path or "/"
    return f"{ctx.scrub(title)}（{path}）" if title else path


def _raise_if_not_on_screen(ctx: StepContext, label: str, exc: Exception) -> None:
    """After a failed action on the step's element: a ``ScenarioError`` when the element is
    not there, is hidden, or is several (the screen is not what the scenario says)."""
    text = str(exc)
    if "strict mode violation" in text:
        count = re.search(r"resolved to (\d+) elements", text)
        raise ScenarioError("web.ambiguous", step=label, screen=screen_name(ctx),
                            count=count.group(1) if count else "2") from exc
    target, ctx.target = ctx.target, None
    if target is None or not isinstance(exc, PlaywrightTimeoutError) and "Timeout" not in text:
        return
    try:
        count, shown = target.count(), target.first.is_visible()
    except PlaywrightError:
        return  # the page went away meanwhile: say nothing about the scenario
    if count == 0:
        raise ScenarioError("web.not_found", step=label, screen=screen_name(ctx)) from exc
    if count > 1:
        raise ScenarioError("web.ambiguous", step=label, screen=screen_name(ctx), count=str(count)) from exc
    if not shown:
        raise ScenarioError("web.not_visible", step=label, screen=screen_name(ctx)) from exc


def run_steps(ctx: StepContext, steps: list[Step], where: str = "steps") -> None:
    """Run ``steps`` in order; ``when`` decides whether a step runs. Playwright's errors are
    translated here, naming the step (never echoing page content, which may hold values):
    the system's own signs first (expired session, error page, refusal), then the scenario's
    (``ScenarioError``: the step's element is not on the screen), else a ``StepError``."""
    for index, step in enumerate(steps):
        label = f"{where}[{index + 1}] {describe(step)}"
        try:
            if ctx.stop is not None and not ctx.committed:
                ctx.stop.raise_if_requested()  # the step before has finished; after the final submit, go on
            if step.when and not ctx.is_true(step.when):
                continue
            _raise_if_blocked(ctx, label)  # refused since the step before ended: this page is not to be used
            if step.kind not in DEFERRING_KINDS:
                verify_pending(ctx)  # what was entered, read back before it is acted on or submitted
            ctx.step_label, ctx.step_kind = label, step.kind
            if step.final and ctx.before_final is not None:
                ctx.before_final()  # durably record 'committing' before the submit
            if step.final:
                ctx.committed = True
            errors_before = ctx.server_errors
            paced = None
            if ctx.presenter is not None:
                paced = time.perf_counter()
                ctx.presenter.before_step(ctx, step, label)
                paced = time.perf_counter() - paced  # the report tells the presenter's pacing apart
            started, ok = time.perf_counter(), False
            ctx.target = None
            try:
                STEPS[step.kind](ctx, step.args)
                ok = True
            finally:
                note_step(ctx.timings, ctx.item_label, label, step.kind, started, ok, paced)
                if ctx.presenter is not None:
                    ctx.presenter.after_step(ctx, step)
            _raise_if_blocked(ctx, label)
            if ctx.server_errors > errors_before:
                _raise_if_rejected(ctx)
                raise TargetError("web.server_error", step=label)
            _raise_if_expired(ctx)  # the address is the only sign some systems give (no round trip)
        except RpaError as exc:
            if exc.step is None:
                exc.step = label
            raise
        except TemplateRenderError as exc:
            raise BusinessError(exc.key, step=label, **exc.params) from exc  # type: ignore[arg-type]  # params are message values, never the named ids
        except PlaywrightTimeoutError as exc:
            _raise_if_blocked(ctx, label)
            _raise_if_rejected(ctx)
            _raise_if_not_on_screen(ctx, label, exc)
            raise StepError("web.step_timeout", step=label) from exc
        except (PlaywrightError, AssertionError) as exc:
            _raise_if_blocked(ctx, label)
            text = str(exc)
            if "net::ERR_" in text or "NS_ERROR" in text:
                raise TargetUnavailableError("web.unreachable", step=label) from exc
            _raise_if_rejected(ctx)
            _raise_if_not_on_screen(ctx, label, exc)
            if "Timeout" in text or "timeout" in text:
                raise StepError("web.step_timeout", step=label) from exc
            raise StepError("web.step_failed", step=label, kind=type(exc).__name__) from exc
        if ctx.dialog_problem is not None:
            expected, ctx.dialog_problem = ctx.dialog_problem, None
            raise StepError("web.dialog_unexpected", step=label, expected=expected)
    try:
        verify_pending(ctx)  # the last steps' values, when no other step came after them
    except PlaywrightError as exc:
        raise StepError("web.step_failed", step=f"{where} (read-back)", kind=type(exc).__name__) from exc
