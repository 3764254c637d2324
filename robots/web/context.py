"""What a step sees while it runs: where it acts, how values are rendered, what to mask."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from shared.japanese.wareki import format_wareki
from shared.templating import evaluate, referenced_names, render

__all__ = ["MASK", "StepContext"]

MASK = "＊＊＊"


@dataclass
class StepContext:
    """The page (and frame) steps act on, the template values and the masking rules."""

    page: Any
    base_url: str
    allowed_hosts: frozenset[str]
    record: dict[str, object]
    site: Mapping[str, object]
    secret: Mapping[str, str]
    masked_fields: frozenset[str]
    screenshot_dir: Path
    item_label: str = "login"
    error_selector: str | None = None
    session_expired_text: str | None = None
    system_error_texts: tuple[str, ...] = ()
    timeout_ms: float = 10_000
    before_final: Callable[[], None] | None = None
    committed: bool = False
    server_errors: int = 0
    scope: Any = None
    dialog_problem: str | None = None
    masked_locators: list[Any] = field(default_factory=list)
    label_overrides: Mapping[str, str] = field(default_factory=dict)
    selector_overrides: Mapping[str, str] = field(default_factory=dict)
    blocked_hosts: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    stop: Any = None  # robots.core.StopRequest: checked before each step until the final submit
    # read-back of what fill/select/check entered (robots/web/verify.py): the step running, the checks pending
    step_label: str = ""
    step_kind: str = ""
    pending_checks: list[Any] = field(default_factory=list)
    # presenter mode and step timing (robots/web/presenter.py, robots/web/timing.py)
    presenter: Any = None
    timings: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.scope is None:
            self.scope = self.page

    def values(self) -> dict[str, object]:
        return {"record": self.record, "site": self.site, "secret": self.secret}

    def render(self, text: str) -> str:
        return render(text, self.values())

    def is_true(self, expression: str) -> bool:
        return bool(evaluate(expression, self.values()))

    def url(self, target: str) -> str:
        return urljoin(self.base_url.rstrip("/") + "/", target.lstrip("/")) if target.startswith("/") else target

    def screen_label(self, label: str) -> tuple[str, str | None]:
        """The label this site's screen shows for ``label``, and a CSS selector when the
        site profile names the element by selector instead (sharing.screens)."""
        return self.label_overrides.get(label, label), self.selector_overrides.get(label)

    def locate(self, label: str | None, selector: str | None) -> Any:
        """The element a step names, in the current scope: the control labelled ``label`` as
        this site's screen shows it (or the selector the site profile gives for that label),
        else the element ``selector`` finds. Both are templates, rendered first."""
        if label is not None:
            shown, css = self.screen_label(self.render(label))
            return self.scope.get_by_label(shown, exact=True) if css is None else self.scope.locator(css)
        return self.scope.locator(self.render(selector or ""))

    def host_allowed(self, url: str) -> bool:
        return (urlsplit(url).hostname or "") in self.allowed_hosts

    def uses_masked_value(self, template: str) -> bool:
        """Whether ``template`` reads a record field marked ``mask`` (personal data)."""
        return any(var == "record" and attr in self.masked_fields for var, attr in referenced_names(template))

    def sensitive_values(self) -> list[str]:
        """Texts that must never leave the robot: masked record values and secrets used."""
        values: list[str] = []
        for name in self.masked_fields:
            value = self.record.get(name)
            if value in (None, ""):
                continue
            values.append(str(value))
            if len(str(value).split()) > 1:  # as a screen's text may show it: spaces collapsed
                values += [" ".join(str(value).split()), "".join(str(value).split())]
            if isinstance(value, _dt.date):  # screens show dates in several spellings
                values += [f"{value:%Y/%m/%d}", f"{value.year}年{value.month}月{value.day}日", format_wareki(value)]
        values += [v for v in getattr(self.secret, "resolved_values", lambda: [])() if v]
        return sorted(set(values), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for value in self.sensitive_values():
            text = text.replace(value, MASK)
        return text
