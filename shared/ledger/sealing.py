"""Sealing the personal values a ledger keeps: AES-256-GCM under the site's ledger key.

A sealed value is one line of text, ``enc1:<key id>:<base64 of nonce + ciphertext>``. The
key id is derived from the key (it names the key without revealing it), so a ledger holds,
beside each value, which key opens it; the column and the item's id are bound in as
associated data (a value copied into another row or column does not open).

The key ring is the text of the site's secret ``ledger_key``: one or more base64 keys
separated by commas, the current one first (values are sealed with it; the others only open
older values, until ``ledger rotate-key`` has sealed everything again with the first)::

    ring = KeyRing.parse(new_key_text())
    sealed = ring.seal("values_json", 7, '{"name": "..."}')
    ring.open("values_json", 7, sealed)

A value that is not sealed (a ledger written before sealing) is read as it is.

    LedgerKeyError (an ApplicationError)   the ring cannot open a value: no key, a key the
                                           ring does not have, or a key that does not fit
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.errors import ApplicationError

__all__ = [
    "PREFIX", "KeyRing", "LedgerKeyError", "is_sealed", "key_id", "new_key_text", "open_json", "seal_json", "sealed_key_id",
]

PREFIX = "enc1:"
KEY_SIZE = 32
NONCE_SIZE = 12


class LedgerKeyError(ApplicationError):
    """The ledger's values cannot be opened with the site's key ring."""


def key_id(key: bytes) -> str:
    """The id written beside each value sealed with ``key``: 8 hex digits of a hash of it."""
    return hashlib.sha256(b"jichitai-rpa ledger key id\0" + key).hexdigest()[:8]


def new_key_text() -> str:
    """A fresh random key, as the secret store keeps it (base64)."""
    return base64.b64encode(AESGCM.generate_key(bit_length=KEY_SIZE * 8)).decode("ascii")


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def sealed_key_id(value: str) -> str:
    """The id of the key a sealed value was sealed with."""
    return value[len(PREFIX):].split(":", 1)[0]


@lru_cache(maxsize=8)
def _aead(key: bytes) -> AESGCM:
    return AESGCM(key)


@lru_cache(maxsize=8)
def _kid(key: bytes) -> str:
    return key_id(key)


def _aad(column: str, item_id: int) -> bytes:
    return f"{column}\0{item_id}".encode()


@dataclass(frozen=True, repr=False)
class KeyRing:
    """The site's ledger keys, the current one first (shown by their ids only)."""

    keys: tuple[bytes, ...]

    def __repr__(self) -> str:
        return f"KeyRing({', '.join(self.ids())})"

    @classmethod
    def parse(cls, text: str, name: str = "ledger_key") -> KeyRing:
        """The ring from its secret-store text; a text that is not one or more base64 keys of
        32 bytes is refused naming the secret (never showing it)."""
        keys: list[bytes] = []
        for part in text.replace(" ", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                raw = base64.b64decode(part, validate=True)
            except (ValueError, binascii.Error):
                raw = b""
            if len(raw) != KEY_SIZE:
                raise LedgerKeyError("ledger.key_bad", name=name)
            keys.append(raw)
        if not keys:
            raise LedgerKeyError("ledger.key_bad", name=name)
        return cls(tuple(dict.fromkeys(keys)))

    def text(self) -> str:
        """The ring as the secret store keeps it."""
        return ",".join(base64.b64encode(key).decode("ascii") for key in self.keys)

    @property
    def current_id(self) -> str:
        return key_id(self.keys[0])

    def ids(self) -> list[str]:
        return [key_id(key) for key in self.keys]

    def with_new_key(self) -> KeyRing:
        """This ring with a fresh key in front (the others still open older values)."""
        return KeyRing((base64.b64decode(new_key_text()), *self.keys))

    def only_current(self) -> KeyRing:
        return KeyRing(self.keys[:1])

    def seal(self, column: str, item_id: int, plain: str) -> str:
        key = self.keys[0]
        nonce = os.urandom(NONCE_SIZE)
        sealed = _aead(key).encrypt(nonce, plain.encode("utf-8"), _aad(column, item_id))
        return f"{PREFIX}{_kid(key)}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def open(self, column: str, item_id: int, value: str) -> str:
        """The plain text of a sealed value; raises ``LedgerKeyError`` naming the key id when
        the ring has no such key, or when the key does not open it (damaged or swapped)."""
        kid, _, body = value[len(PREFIX):].partition(":")
        for key in self.keys:
            if _kid(key) == kid:
                try:
                    raw = base64.b64decode(body, validate=True)
                    plain = _aead(key).decrypt(raw[:NONCE_SIZE], raw[NONCE_SIZE:], _aad(column, item_id))
                except (ValueError, binascii.Error, InvalidTag):
                    raise LedgerKeyError("ledger.value_damaged", item=str(item_id)) from None
                return plain.decode("utf-8")
        raise LedgerKeyError("ledger.key_unknown", kid=kid, known=", ".join(self.ids()))


def seal_json(ring: KeyRing | None, column: str, item_id: int, value: object) -> object:
    """What a ledger column stores for ``value``: sealed JSON text with a ring; without one (a
    ledger opened without keys) the JSON text of ``values_json`` or the value itself of a JSON
    column. None, and an empty value of a JSON column, reveal nothing and are stored as they are."""
    if value is None or (value == {} and column != "values_json"):
        return value
    text = json.dumps(value, ensure_ascii=False, default=str)
    if ring is None:
        return text if column == "values_json" else value
    return ring.seal(column, item_id, text)


def open_json(ring: KeyRing | None, column: str, item_id: int, stored: object) -> Any:
    """The value a ledger column stored (sealed, or plain from an older ledger)."""
    if is_sealed(stored):
        assert isinstance(stored, str)
        if ring is None:
            raise LedgerKeyError("ledger.key_missing", kid=sealed_key_id(stored))
        return json.loads(ring.open(column, item_id, stored))
    if column == "values_json":
        return json.loads(stored) if isinstance(stored, str) and stored else None
    return stored
