"""What a step sees while it runs: where it acts, how values are rendered, what to mask."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from connectors.browser.engines import CLICK_ENGINE, LABEL_ENGINE, engine_text
from shared.config.origins import origin_allowed
from shared.config.steps import Step, walk_steps
from shared.japanese.wareki import format_wareki
from shared.templating import evaluate, referenced_names, render

__all__ = ["MASK", "StepContext", "login_page", "same_page", "url_matches"]

MASK = "＊＊＊"


@dataclass
class StepContext:
    """The page (and frame) steps act on, the template values and the masking rules."""

    page: Any
    base_url: str
    allowed_hosts: frozenset[str]  # the origins (scheme://host:port) the site allows (shared.config.origins)
    record: dict[str, object]
    site: Mapping[str, object]
    secret: Mapping[str, str]
    masked_fields: frozenset[str]
    screenshot_dir: Path
    item_label: str = "login"
    error_selector: str | None = None
    session_expired_text: str | None = None
    session_expired_url: str | None = None
    login_url: str | None = None  # the page the login steps open: the system sends an ended session there too
    checks_session: bool = True  # False in the login steps: a login page is no sign of an expired session
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
    target: Any = None  # the locator of the element the current step acts on (to say why it failed)
    screenshots: list[Path] = field(default_factory=list)
    stop: Any = None  # robots.core.StopRequest: checked before each step until the final submit
    # read-back of what fill/select/check entered (robots/web/verify.py): the step running, the checks pending
    step_label: str = ""
    step_kind: str = ""
    pending_checks: list[Any] = field(default_factory=list)
    # presenter mode and step timing (robots/web/presenter.py, robots/web/timing.py)
    presenter: Any = None
    timings: list[Any] = field(default_factory=list)
    attachments: Path | None = None  # the item's archived attachments (robots.core.attachments), for upload

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
        return _site_url(self.base_url, target)

    def screen_label(self, label: str) -> tuple[str, str | None]:
        """The label this site's screen shows for ``label``, and a CSS selector when the
        site profile names the element by selector instead (sharing.screens)."""
        return self.label_overrides.get(label, label), self.selector_overrides.get(label)

    def locate(self, label: str | None, selector: str | None) -> Any:
        """The element a step names, in the current scope: the control labelled ``label`` as
        this site's screen shows it (or the selector the site profile gives for that label),
        else the element ``selector`` (Playwright's selector syntax) finds. Both are
        templates, rendered first. A label is what ``get_by_label`` finds, else the control
        its visible text stands before, beside or above (``connectors.browser.engines``)."""
        if label is not None:
            shown, css = self.screen_label(self.render(label))
            if css is None:
                found = self.scope.get_by_label(shown, exact=True).or_(
                    self.scope.locator(f"{LABEL_ENGINE}={engine_text(shown)}"))
            else:
                found = self.scope.locator(css)
        else:
            found = self.scope.locator(self.render(selector or ""))
        self.target = found
        return found

    def clickable(self, text: str, role: str = "any") -> Any:
        """What a person clicks to ``text``: a button or link of that accessible name, or any
        clickable element (summary, [role=button], input buttons, an onclick cell) showing it."""
        roles = ("button", "link") if role == "any" else (role,)
        found = self.scope.get_by_role(roles[0], name=text, exact=True)
        for other in roles[1:]:
            found = found.or_(self.scope.get_by_role(other, name=text, exact=True))
        found = found.or_(self.scope.locator(f"{CLICK_ENGINE}={role}:{engine_text(text)}"))
        self.target = found
        return found

    def session_expired(self) -> bool:
        """Whether the page, or one of its frames, is where the system sends an expired
        session: the scenario's address for it, or the login page itself; never during
        the login steps."""
        if not self.checks_session:
            return False
        urls = [frame.url for frame in self.page.frames] if self.login_url or self.session_expired_url else []
        if self.session_expired_url and any(url_matches(self.session_expired_url, url) for url in urls):
            return True
        login = self.login_url
        return login is not None and any(same_page(login, url) for url in urls)

    def host_allowed(self, url: str) -> bool:
        """Whether ``url`` goes to an origin (scheme, host and port) the site allows."""
        return origin_allowed(url, self.allowed_hosts)

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


def login_page(base_url: str, login: Sequence[Step], others: Sequence[Step]) -> str | None:
    """The page the login steps open first, when they fill in a form there and the ``others``
    (entry and lookup steps) never open it; reached outside the login steps, it means the
    session ended (some systems send an ended session there with no notice and no address of
    its own). None when the login steps open no fixed page of its own (not the site's top,
    which may also be where a logged-in session lands)."""
    opened = [step.open for step in login if step.open is not None]
    if not opened or not any(step.fill is not None for _, step in walk_steps(list(login))):
        return None
    page = _fixed_page(base_url, opened[0])
    for _, step in walk_steps(list(others)):
        target = _fixed_page(base_url, step.open) if step.open is not None else None
        if page is not None and target is not None and (same_page(page, target) or same_page(target, page)):
            return None  # the steps go there on purpose (a system without a login of its own)
    return page


def _fixed_page(base_url: str, target: str) -> str | None:
    if "{{" in target or "{%" in target:
        return None
    url = _site_url(base_url, target)
    return url if urlsplit(url).path.strip("/") else None


def _site_url(base_url: str, target: str) -> str:
    """``target`` as an address: a path (``/login``) under the system's ``base_url`` (its own
    path kept), anything else as it is."""
    return urljoin(base_url.rstrip("/") + "/", target.lstrip("/")) if target.startswith("/") else target


def same_page(expected: str, url: str) -> bool:
    """Whether ``url`` is the page ``expected``: the same scheme, host and path, and every
    query item of ``expected`` (``/login`` is ``/login?reason=timeout``; ``app?cmd=login``
    is not ``app?cmd=menu``).

    >>> same_page("http://h/login", "http://h/login?reason=timeout")
    True
    """
    want, got = urlsplit(expected), urlsplit(url)
    if (want.scheme, want.netloc, want.path.rstrip("/")) != (got.scheme, got.netloc, got.path.rstrip("/")):
        return False
    return set(parse_qsl(want.query, keep_blank_values=True)) <= set(parse_qsl(got.query, keep_blank_values=True))


def url_matches(pattern: str, url: str) -> bool:
    """Whether ``url`` is the page ``pattern`` names: its path and query (``/login?timeout=*``),
    or the whole URL when the pattern has ``://``; ``*`` stands for any characters.

    >>> url_matches("/login?timeout=*", "http://127.0.0.1:5000/login?timeout=1")
    True
    """
    if "://" not in pattern:
        parts = urlsplit(url)
        url = parts.path + (f"?{parts.query}" if parts.query else "")
    regex = ".*".join(re.escape(piece) for piece in pattern.split("*"))
    return re.fullmatch(regex, url) is not None
