"""The web entry robot: logs in to a target system once, then enters records one by one,
logging in again when the system ends the session."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from connectors.browser import BrowserLauncher, ContextGuard, RefusingProxy
from connectors.browser import launcher as make_launcher
from robots.web.context import StepContext, login_page
from robots.web.presenter import Presenter
from robots.web.steps import SessionExpired, run_steps, take_screenshot
from robots.web.timing import StepTiming
from shared.config.origins import origin_allowed, shown_origin
from shared.config.scenario import WebSpec
from shared.config.sharing import ScreenOverrides
from shared.config.site import SiteProfile, SystemSettings
from shared.errors import RpaError
from shared.logs import logger

__all__ = ["WebEntryRobot"]

MAX_LOGINS_PER_ITEM = 3


class WebEntryRobot:
    """Drive ``web`` steps against one system. Use as a context manager:

        with WebEntryRobot(web, site, secrets, masked, shots) as robot:
            result = robot.enter(values, item_label="item-00001")
            result["receipt_no"]

    ``launcher`` opens the page (e.g. a ``connectors.browser.SharedBrowser``) instead of
    the launcher registered as ``launcher_name``. ``stop`` (a ``robots.core.StopRequest``)
    ends the steps between two steps, never after the final submit.
    """

    def __init__(
        self,
        web: WebSpec,
        site: SiteProfile,
        secrets: Mapping[str, str],
        masked_fields: frozenset[str],
        screenshot_dir: Path,
        *,
        launcher_name: str = "playwright",
        video_dir: Path | None = None,
        launcher: BrowserLauncher | None = None,
        stop: Any = None,
    ) -> None:
        self.web = web
        self.stop = stop  # a robots.core.StopRequest, looked at before each step
        self.site = site
        self.system: SystemSettings = site.systems[web.system]
        self._screen = site.sharing.screens.get(web.system, ScreenOverrides())
        self.secrets = secrets
        self.masked_fields = masked_fields
        self.screenshot_dir = screenshot_dir
        self.timings: list[StepTiming] = []
        self.presenter = self._presenter(video_dir)
        self.video_dir = video_dir if self.presenter is not None and self._records_video() else None
        self._launcher = self._launcher_for(launcher, launcher_name)
        self._stack = ExitStack()
        self._current: StepContext | None = None
        self._allowed = frozenset(str(origin) for origin in site.allowed_origins())
        self._blocked: list[str] = []  # where refused requests wanted to go; the running step fails on it
        self._refused: set[str] = set()  # where the refusing proxy turned requests away (logged once each)
        self.page: Any = None
        # reached outside the login steps, the login page means the session ended (robots.web.context.login_page)
        self._login_url = login_page(str(self.system.base_url), web.login, [*web.entry, *web.lookup])

    # -- presenter mode (robots/web/presenter.py) --------------------------------------
    def _presenter(self, video_dir: Path | None) -> Presenter | None:
        settings = self.site.presenter
        if not settings.enabled:
            return None
        return Presenter(settings, log_path=video_dir / "banners.jsonl" if video_dir else None)

    def _records_video(self) -> bool:
        video = self.site.presenter.video
        return video == "always" or (video == "auto" and self.system.browser.headless)

    def _launch_options(self) -> dict[str, Any]:
        if self.presenter is None:
            return {}
        # no Playwright slow_mo: it would hide inside every step's time; the presenter paces between steps
        return {"video_dir": self.video_dir}

    def _launcher_for(self, given: BrowserLauncher | None, name: str) -> BrowserLauncher:
        """``given`` (with the presenter's options, if any), else the launcher registered as ``name``."""
        options = self._launch_options()
        if given is None:
            return make_launcher(name, **options)
        return given.with_options(**options) if options else given

    def __enter__(self) -> WebEntryRobot:
        try:
            refuser = self._stack.enter_context(RefusingProxy(on_refused=self._on_refused))
            guard = ContextGuard(self.site.allowed_origins(), refuser.server)
            self.page = self._stack.enter_context(self._launcher.open(self.system.browser, guard))
            self.page.on("response", self._on_response)
            self.page.on("framenavigated", self._on_navigated)
            self.page.on("websocket", lambda socket: self._check_url(socket.url))
            self.page.context.on("request", lambda request: self._check_url(request.url))
            self.page.context.route(guard.outside(), self._guard_hosts)  # allowed origins: not held for Python
            self.page.context.route_web_socket(lambda url: not origin_allowed(url, self._allowed), self._refuse_socket)
            self.login()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _on_response(self, response: Any) -> None:
        if response.status >= 500 and self._current is not None:
            if response.request.resource_type in ("document", "xhr", "fetch"):
                self._current.server_errors += 1

    # -- the allowlist (connectors/browser/guard.py is the part below the page) -----------
    def _guard_hosts(self, route: Any) -> None:
        """Every request the page makes (pages, frames, scripts, fetches) goes only to an
        origin (scheme, host, port) the site profile allows; any other is refused and fails
        the current step. Only requests that may be outside the allowed origins come here
        (``ContextGuard.outside``: the driver lets the others through without asking), and
        each is checked again. Redirect hops and WebSockets do not pass here: the context's
        refusing proxy stops those."""
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob", "about") or origin_allowed(url, self._allowed):
            route.fallback()
            return
        self._blocked.append(shown_origin(url))
        route.abort("blockedbyclient")

    def _refuse_socket(self, socket: Any) -> None:
        """A WebSocket to an origin the site profile does not allow: never connected."""
        self._blocked.append(shown_origin(socket.url))
        socket.close(code=1008, reason="not allowed")

    def _check_url(self, url: str) -> None:
        """A request the page made (every redirect hop is one), a WebSocket it opened, or
        where it (or a frame) landed: an origin the site does not allow fails the current
        step — the refusing proxy has already kept the request from leaving the browser."""
        if urlsplit(url).scheme in ("about", "data", "blob", "chrome-error") or origin_allowed(url, self._allowed):
            return
        self._blocked.append(shown_origin(url))

    def _on_navigated(self, frame: Any) -> None:
        """The page's (or a frame's) origin after every navigation (Chromium's own error
        page, where a refused navigation ends, is not an origin)."""
        self._check_url(frame.url)

    def _on_refused(self, target: str) -> None:
        """The refusing proxy turned a request away (the page's, or the browser's own
        background traffic such as autofill lookups, which no step made): logged; the page's
        own requests fail the step through ``_check_url``."""
        if target not in self._refused:  # once per place: Chromium asks for autofill hints on every form
            self._refused.add(target)
            logger.info("request refused below the page", target=target, system=self.web.system)

    def _context(self, record: dict[str, object], item_label: str) -> StepContext:
        return StepContext(
            page=self.page,
            base_url=str(self.system.base_url),
            allowed_hosts=self._allowed,
            blocked_hosts=self._blocked,
            record=record,
            site={"name": self.site.name},
            secret=self.secrets,
            masked_fields=self.masked_fields,
            screenshot_dir=self.screenshot_dir,
            item_label=item_label,
            error_selector=self.web.error_area,
            session_expired_text=self.web.session_expired_text,
            session_expired_url=self.web.session_expired_url,
            login_url=self._login_url,
            system_error_texts=tuple(self.web.system_error),
            timeout_ms=self.system.browser.timeout_seconds * 1000,
            label_overrides=self._screen.labels,
            selector_overrides=self._screen.selectors,
        )

    def _run(self, steps: list, record: dict[str, object], item_label: str, where: str,
             before_final: Callable[[], None] | None = None, attachments: Path | None = None) -> StepContext:
        ctx = self._context(record, item_label)
        ctx.attachments = attachments
        ctx.checks_session = where != "login"  # a login page is what the login steps expect
        ctx.before_final = before_final
        ctx.presenter = self.presenter
        ctx.timings = self.timings
        ctx.stop = self.stop
        self._blocked.clear()  # what the page before tried: not this run's
        self._current = ctx
        try:
            run_steps(ctx, steps, where=where)
        except RpaError as exc:
            exc.item = item_label
            exc.committed = ctx.committed  # type: ignore[attr-defined]
            try:
                ctx.scope = self.page
                exc.params["screenshot"] = str(take_screenshot(ctx, "failed"))
            except Exception:  # a failed screenshot must not hide the real error
                pass
            raise
        finally:
            self._current = None
        return ctx

    def screen_context(self, item_label: str = "check") -> StepContext:
        """A step context on the robot's page with no record (``robot-runner check``)."""
        ctx = self._context({}, item_label)
        ctx.timings = self.timings
        return ctx

    def login(self) -> None:
        """Run the login steps."""
        logger.info("login", system=self.web.system)
        self._run(self.web.login, {}, "login", "login")
        logger.info("logged in", system=self.web.system)

    def _with_relogin(self, steps: list, values: dict[str, object], item_label: str, where: str,
                      before_final: Callable[[], None] | None = None,
                      attachments: Path | None = None) -> dict[str, object]:
        for attempt in range(MAX_LOGINS_PER_ITEM):
            record = dict(values)
            try:
                self._run(steps, record, item_label, where, before_final, attachments)
                return record
            except SessionExpired as exc:
                if getattr(exc, "committed", False) or attempt == MAX_LOGINS_PER_ITEM - 1:
                    raise  # after the final submit, only a lookup can tell what happened
                logger.warning("session expired: logging in again", item=item_label, attempt=attempt + 1,
                               step=exc.step or (self.timings[-1].step if self.timings else None))
                self.login()
        raise AssertionError("unreachable")

    def enter(self, values: dict[str, object], item_label: str,
              before_final: Callable[[], None] | None = None, *, attachments: Path | None = None) -> dict[str, object]:
        """Run the entry steps for one record, from its start again after a re-login;
        returns the record with values read from the screen (e.g. ``receipt_no``).
        ``before_final`` is called just before the step marked ``final``; ``attachments`` is
        the item's folder of archived attachments (the ``upload`` step's only source)."""
        return self._with_relogin(self.web.entry, values, item_label, "entry", before_final, attachments)

    def lookup(self, values: dict[str, object], item_label: str) -> str | None:
        """Search the system for the record (check-before-create); its receipt number, or
        None when it is not there."""
        record = self._with_relogin(self.web.lookup, {**values, "receipt_no": None}, item_label, "lookup")
        found = record.get("receipt_no")
        return str(found) if found else None
