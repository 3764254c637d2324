"""The three secret stores, and the lookup of a store by the scheme of a reference."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from shared.errors import ConfigError, Problem
from shared.messages import t
from shared.secrets.base import SecretStore

__all__ = ["EnvStore", "FileStore", "KeyringStore", "resolve", "store_for", "unresolvable"]


class EnvStore(SecretStore):
    scheme = "env"

    def get(self, name: str) -> str:
        value = os.environ.get(name)
        if not value:
            raise ConfigError([Problem(f"env:{name}", 1, 1, "secrets", t("secret.env_missing", variable=name))])
        return value


class FileStore(SecretStore):
    """KEY=value lines in a file only its owner may read (checked on POSIX; on Windows
    the file should sit in the robot account's profile, protected by its ACL)."""

    scheme = "file"

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def get(self, name: str) -> str:
        path = self.checked_path(name)
        for line in path.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() == name:
                return value.strip()
        raise ConfigError([Problem(str(path), 1, 1, "secrets_file", t("secret.file_key_missing", file=str(path), name=name))])

    def checked_path(self, name: str = "-") -> Path:
        """The file, once it is known to exist and be owner-only (POSIX)."""
        if self.path is None:
            raise ConfigError([Problem("secrets_file", 1, 1, "secrets_file", t("secret.file_not_set", name=name))])
        path = Path(self.path)
        if not path.is_file():
            raise ConfigError([Problem(str(path), 1, 1, "secrets_file", t("secret.file_missing", file=str(path)))])
        mode = stat.S_IMODE(path.stat().st_mode)
        if sys.platform != "win32" and mode & 0o077:
            raise ConfigError([Problem(str(path), 1, 1, "secrets_file",
                                       t("secret.file_permissions", file=str(path), mode=f"{mode:04o}"))])
        return path


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
            raise ConfigError([Problem(f"keyring:{name}", 1, 1, "secrets", t("secret.keyring_missing", name=name))])
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


def unresolvable(reference: str, secrets_file: Path | None = None) -> ConfigError | None:
    """Why ``reference`` cannot be resolved as the run would resolve it (None: it can).
    The value it finds is dropped at once; the error names the variable, file or entry,
    never a value."""
    try:
        resolve(reference, secrets_file)
    except ConfigError as exc:
        return exc
    return None
