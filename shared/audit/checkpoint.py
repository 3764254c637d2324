"""Signed checkpoints (tree size, head hash, time) with an Ed25519 key from the site's secret
store. Kept where the robot's account cannot write, they catch a chain rewritten from some
record on (which a hash chain alone cannot)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from shared.audit.chain import ChainAuditStore, canonical
from shared.errors import ConfigError, Problem
from shared.messages import t

__all__ = ["FORMAT", "check_signature", "make_checkpoint", "new_signing_key", "private_key_from", "public_hex"]

FORMAT = "jichitai-rpa-audit-checkpoint/1"


def new_signing_key() -> tuple[str, str]:
    """A new key: (private key as base64 for the secret store, public key as hex)."""
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    return base64.b64encode(raw).decode("ascii"), public_hex(key)


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def private_key_from(text: str, name: str) -> Ed25519PrivateKey:
    """The key from its secret-store text (base64 or hex of the 32-byte seed)."""
    text = text.strip()
    raw = b""
    try:
        raw = bytes.fromhex(text) if len(text) == 64 else base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        pass
    if len(raw) != 32:
        raise ConfigError([Problem("secrets", 1, 1, name, t("audit.bad_key", name=name))])
    return Ed25519PrivateKey.from_private_bytes(raw)


def make_checkpoint(audit: ChainAuditStore, key: Ed25519PrivateKey, site: str) -> dict[str, Any]:
    head = audit.head()
    body = {"format": FORMAT, "site": site, "tree_size": head["seq"], "head_hash": head["hash"],
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "public_key": public_hex(key)}
    return {**body, "signature": key.sign(canonical(body).encode("utf-8")).hex()}


def check_signature(checkpoint: dict[str, Any], public_key: str) -> bool:
    """True when ``checkpoint`` was signed by the key whose public half is ``public_key`` (hex)."""
    body = {k: v for k, v in checkpoint.items() if k != "signature"}
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(str(checkpoint.get("signature", ""))), canonical(body).encode("utf-8"))
    except (InvalidSignature, ValueError):
        return False
    return checkpoint.get("format") == FORMAT


def read_checkpoint(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
