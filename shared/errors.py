"""The library's exception tree. Every error carries a catalog key, its parameters and
the ids a person needs (file, item, field, step); ``str(error)`` is the message in the
current language.

    RpaError
    ├── ConfigError            a scenario, template or site profile is wrong (lists problems)
    ├── ScenarioError          the screen is not what the scenario says (a label, button or
    │                          selector finds nothing, or several): never retried; the same
    │                          step failing on several items in a row stops the run
    │   └── HostRefusedError   a step or the page went to an origin the site does not allow
    ├── BusinessError          bad data: never retried automatically
    │   ├── InputFileError     an input file cannot be read as the expected form
    │   └── TargetRejectedError  the target system refused the record (validation text)
    └── ApplicationError       system trouble: may be retried
        ├── TargetUnavailableError  the target system cannot be reached at all
        ├── TargetError        the system answered with an error or maintenance page
        └── StepError          a step failed (element not found, timeout, ...)

Parameters must never hold personal data (names, My Numbers, addresses, secrets).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.messages import t

__all__ = [
    "ApplicationError",
    "BusinessError",
    "ConfigError",
    "HostRefusedError",
    "InputFileError",
    "Problem",
    "RpaError",
    "ScenarioError",
    "StepError",
    "TargetError",
    "TargetRejectedError",
    "TargetUnavailableError",
]


class RpaError(Exception):
    """Root of the library's errors."""

    def __init__(
        self,
        key: str,
        /,
        *,
        file: str | None = None,
        item: str | None = None,
        field: str | None = None,
        step: str | None = None,
        **params: object,
    ) -> None:
        self.key = key
        self.params = params
        self.file = file
        self.item = item
        self.field = field
        self.step = step
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang=lang, file=self.file, item=self.item, field=self.field,
                 step=self.step, **self.params)

    def __str__(self) -> str:
        return self.message()


class BusinessError(RpaError):
    """Bad data. A person must fix the input; retrying does not help."""


class InputFileError(BusinessError):
    """An input file is empty, not a PDF, encrypted, or a different form."""


class TargetRejectedError(BusinessError):
    """The target system showed a validation error for the record."""


class ScenarioError(RpaError):
    """The screen does not have what a step names: no element (or a hidden one) for its
    label, button text or selector, or several. Neither bad data nor system trouble: retrying
    does not help, a person compares the screen with the scenario (``robot-runner check``)."""


class HostRefusedError(ScenarioError):
    """A step, or the page it is on, went (or tried to go) to an origin (scheme, host, port)
    the site profile's ``allowed_hosts`` does not allow: the request was refused. Retrying
    does not help; a person looks at the scenario, the site profile and the system."""


class ApplicationError(RpaError):
    """System trouble (network, target down, timeout). Retrying may help."""


class TargetUnavailableError(ApplicationError):
    """The target system could not be reached."""


class TargetError(ApplicationError):
    """The target system answered with a server error (5xx) or a maintenance page."""


class StepError(ApplicationError):
    """A scenario step could not be carried out."""


@dataclass(frozen=True)
class Problem:
    """One problem in a configuration file, located by file, line and column (1-based)."""

    file: str
    line: int
    column: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.key}: {self.message}"


class ConfigError(RpaError):
    """One or more problems in scenario, template or site profile files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("config.invalid", count=len(problems))

    def __str__(self) -> str:
        return "\n".join([self.message(), *map(str, self.problems)])
