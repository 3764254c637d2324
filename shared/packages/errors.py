"""Errors of scenario packages.

    BusinessError
    └── PackageError   a package is refused: unsafe entry, wrong hash or signature,
                       untrusted signer, or content that is not plain data
"""

from __future__ import annotations

from typing import Any

from shared.errors import BusinessError

__all__ = ["PackageError"]


class PackageError(BusinessError):
    """A package (or one of its entries) is refused; ``entry`` names the entry, if any."""

    def __init__(self, key: str, /, *, entry: str | None = None, **params: Any) -> None:
        super().__init__(key, entry=entry or "-", **params)
        self.entry = entry
        self.findings: list[Any] = []  # why `pack` refused a folder: the `scenario lint` findings
