"""The web entry robot: logs in to a target system once, then enters records one by one."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from connectors.browser import launcher
from robots.web.context import StepContext
from robots.web.steps import run_steps, take_screenshot
from shared.config.scenario import WebSpec
from shared.config.site import SiteProfile, SystemSettings
from shared.errors import RpaError

__all__ = ["WebEntryRobot"]


class WebEntryRobot:
    """Drive ``web`` steps against one system. Use as a context manager:

        with WebEntryRobot(web, site, secrets, masked, shots) as robot:
            result = robot.enter(values, item_label="claim-001")
            result["receipt_no"]
    """

    def __init__(
        self,
        web: WebSpec,
        site: SiteProfile,
        secrets: Any,
        masked_fields: frozenset[str],
        screenshot_dir: Path,
        *,
        launcher_name: str = "playwright",
    ) -> None:
        self.web = web
        self.site = site
        self.system: SystemSettings = site.systems[web.system]
        self.secrets = secrets
        self.masked_fields = masked_fields
        self.screenshot_dir = screenshot_dir
        self._launcher = launcher(launcher_name)
        self._stack = ExitStack()
        self.page: Any = None

    def __enter__(self) -> "WebEntryRobot":
        try:
            self.page = self._stack.enter_context(self._launcher.open(self.system.browser))
            self._run(self.web.login, {}, "login", "login")
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _context(self, record: dict[str, object], item_label: str) -> StepContext:
        return StepContext(
            page=self.page,
            base_url=str(self.system.base_url),
            allowed_hosts=frozenset(self.site.allowed_hosts),
            record=record,
            site={"name": self.site.name},
            secret=self.secrets,
            masked_fields=self.masked_fields,
            screenshot_dir=self.screenshot_dir,
            item_label=item_label,
            error_selector=self.web.error_area,
            timeout_ms=self.system.browser.timeout_seconds * 1000,
        )

    def _run(self, steps: list, record: dict[str, object], item_label: str, where: str) -> StepContext:
        ctx = self._context(record, item_label)
        try:
            run_steps(ctx, steps, where=where)
        except RpaError as exc:
            exc.item = item_label
            try:
                ctx.scope = self.page
                exc.params["screenshot"] = str(take_screenshot(ctx, "failed"))
            except Exception:  # a failed screenshot must not hide the real error
                pass
            raise
        return ctx

    def enter(self, values: dict[str, object], item_label: str) -> dict[str, object]:
        """Run the entry steps for one record; returns the record with values the steps
        read from the screen (e.g. ``receipt_no``)."""
        record = dict(values)
        self._run(self.web.entry, record, item_label, "entry")
        return record
