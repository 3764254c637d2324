"""The lazy mapping templates see as ``secret``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from shared.secrets.stores import resolve

__all__ = ["SecretMapping"]


class SecretMapping(Mapping[str, str]):
    """``secret.NAME`` in templates: resolves each reference only when it is read.

    ``given`` holds values the caller already has for some names (e.g. the sample legacy
    system's credentials in the demo): those names are served from it, and their
    references (if any) are never resolved."""

    def __init__(self, references: Mapping[str, str], secrets_file: Path | None = None,
                 given: Mapping[str, str] | None = None) -> None:
        self._references = dict(references)
        self._secrets_file = secrets_file
        self._given = dict(given or {})
        self._cache: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self._cache:
            if name in self._given:
                self._cache[name] = self._given[name]
            else:
                self._cache[name] = resolve(self._references[name], self._secrets_file)
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**self._references, **self._given})

    def __len__(self) -> int:
        return len({**self._references, **self._given})

    def resolved_values(self) -> list[str]:
        """Values read so far (to scrub them from any text that leaves the robot)."""
        return list(self._cache.values())

    def __repr__(self) -> str:
        return f"SecretMapping({sorted(self)})"
