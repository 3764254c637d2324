"""Secrets by reference: ``env:NAME``, ``file:KEY`` (an owner-only KEY=value file) or
``keyring:SERVICE/NAME``. Values are read when used and never logged."""

from shared.secrets.base import SecretMapping, SecretStore, resolve, store_for
from shared.secrets.stores import EnvStore, FileStore, KeyringStore

__all__ = ["EnvStore", "FileStore", "KeyringStore", "SecretMapping", "SecretStore", "resolve", "store_for"]
