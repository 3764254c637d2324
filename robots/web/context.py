"""What a step sees while it runs: where it acts, how values are rendered, what to mask."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from shared.templating import evaluate, render

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
    timeout_ms: float = 10_000
    scope: Any = None
    dialog_problem: str | None = None
    masked_locators: list[Any] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)

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

    def host_allowed(self, url: str) -> bool:
        return (urlsplit(url).hostname or "") in self.allowed_hosts

    def sensitive_values(self) -> list[str]:
        """Texts that must never leave the robot: masked record values and secrets used."""
        values = [str(self.record[name]) for name in self.masked_fields if self.record.get(name) not in (None, "")]
        values += [v for v in getattr(self.secret, "resolved_values", lambda: [])() if v]
        # Dates are shown on screens in several spellings; mask the common ones.
        for value in list(values):
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                values.append(value.replace("-", "/"))
        return sorted(set(values), key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for value in self.sensitive_values():
            text = text.replace(value, MASK)
        return text
