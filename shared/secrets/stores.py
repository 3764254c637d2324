"""The three secret stores, and the lookup of a store by the scheme of a reference."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from shared.errors import ConfigError, Problem
from shared.messages import t
from shared.secrets.base import SecretStore, missing

__all__ = ["EnvStore", "FileStore", "KeyringStore", "resolve", "store_for"]


class EnvStore(SecretStore):
    scheme = "env"

    def get(self, name: str) -> str:
        value = os.environ.get(name)
        if value is None:
            raise missing(name, "env")
        return value


class FileStore(SecretStore):
    """KEY=value lines in a file only its owner may read (checked on POSIX; on Windows
    the file should sit in the robot account's profile, protected by its ACL)."""

    scheme = "file"

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def get(self, name: str) -> str:
        if self.path is None:
            raise missing(name, "secrets_file")
        path = Path(self.path)
        if not path.is_file():
            raise ConfigError([Problem(str(path), 1, 1, "secrets_file", t("secret.file_missing"))])
        if sys.platform != "win32" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise ConfigError([Problem(str(path), 1, 1, "secrets_file", t("secret.file_permissions"))])
        for line in path.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() == name:
                return value.strip()
        raise missing(name, str(path))


class KeyringStore(SecretStore):
    """The OS credential store (Windows Credential Manager, macOS Keychain, Secret Service)."""

    scheme = "keyring"

    def get(self, name: str) -> str:
        service, _, user = name.partition("/")
        try:
            import keyring  # optional dependency
        except ImportError:
            raise ConfigError([Problem("keyring", 1, 1, name, t("secret.keyring_unavailable"))]) from None
        value = keyring.get_password(service, user)
        if value is None:
            raise missing(name, "keyring")
        return value


def store_for(scheme: str, secrets_file: Path | None = None) -> SecretStore:
    if scheme == "env":
        return EnvStore()
    if scheme == "file":
        return FileStore(secrets_file)
    if scheme == "keyring":
        return KeyringStore()
    raise KeyError(f"unknown secret store {scheme!r}; known: env, file, keyring")


def resolve(reference: str, secrets_file: Path | None = None) -> str:
    scheme, _, name = reference.partition(":")
    return store_for(scheme, secrets_file).get(name)
