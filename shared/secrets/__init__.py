"""Secrets by reference: ``env:NAME``, ``file:KEY`` (an owner-only KEY=value file) or
``keyring:SERVICE/NAME``. Values are read when used and never logged."""

from shared.secrets.base import SecretStore
from shared.secrets.mapping import SecretMapping
from shared.secrets.stores import EnvStore, FileStore, KeyringStore, resolve, store_for, unresolvable

__all__ = ["EnvStore", "FileStore", "KeyringStore", "SecretMapping", "SecretStore", "resolve", "store_for", "unresolvable"]
