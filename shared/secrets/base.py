"""The secret store interface and its error (a reference that finds no value)."""

from __future__ import annotations

from abc import ABC, abstractmethod

from shared.errors import ConfigError, Problem
from shared.messages import t

__all__ = ["SecretStore", "missing"]


class SecretStore(ABC):
    """Looks up a secret by the part of its reference after the scheme."""

    scheme: str

    @abstractmethod
    def get(self, name: str) -> str:
        """The secret's value; raises ``ConfigError`` when it is not there."""


def missing(name: str, where: str) -> ConfigError:
    """The error of a store that has no secret ``name`` (``where``: the store or its file)."""
    return ConfigError([Problem(where, 1, 1, name, t("secret.missing", name=name))])
