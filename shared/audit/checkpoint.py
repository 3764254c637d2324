"""Signed checkpoints (tree size, head hash, time) with an Ed25519 key from the site's secret
store. Kept where the robot's account cannot write, they catch a chain rewritten from some
record on (which a hash chain alone cannot)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from shared.audit.chain import ChainAuditStore, canonical
from shared.errors import ConfigError, Problem
from shared.messages import t

__all__ = ["FORMAT", "check_signature", "last_checkpoint_size", "make_checkpoint", "new_signing_key", "private_key_from",
           "public_hex", "read_checkpoint", "read_public_key", "record_digest", "write_checkpoint"]

FORMAT = "jichitai-rpa-audit-checkpoint/1"
DIGEST = 8  # hex characters of each record's digest in a checkpoint


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


def record_digest(body: str) -> str:
    """A short digest of one record's JSON: it locates the first rewritten record inside a
    checkpoint's span (the signed head hash, not this, is what detects the change)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:DIGEST]


def last_checkpoint_size(audit: ChainAuditStore) -> int:
    """The size of the newest checkpoint recorded in the table (0 when there is none)."""
    size = 0
    for _seq, _time, body, _hash in audit.rows(audit.head()["base_seq"]):
        if '"event":"audit_checkpoint"' in body:
            size = int(json.loads(body).get("tree_size", 0))
    return size


def make_checkpoint(audit: ChainAuditStore, key: Ed25519PrivateKey, site: str, since: int | None = None) -> dict[str, Any]:
    """A signed checkpoint of the trail's head, with the digests of the records after ``since``
    (default: every record in the table) so that verify can name the first rewritten one."""
    head = audit.head()
    start = max(head["base_seq"], since or 0)
    digests = "".join(record_digest(body) for _s, _t, body, _h in audit.rows(start, head["seq"]))
    body = {"format": FORMAT, "site": site, "tree_size": head["seq"], "head_hash": head["hash"],
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "public_key": public_hex(key),
            "digests_from": start + 1, "digests": digests}
    return {**body, "signature": key.sign(canonical(body).encode("utf-8")).hex()}


def write_checkpoint(checkpoint: dict[str, Any], folder: Path) -> Path:
    """``checkpoint-<size>.json`` in ``folder`` (made if missing), written whole or not at all."""
    from shared.files import private_folder, write_private_text

    folder = private_folder(Path(folder))
    path = folder / f"checkpoint-{int(checkpoint['tree_size']):010d}.json"
    return write_private_text(path, json.dumps(checkpoint, ensure_ascii=False, indent=1) + "\n")


def read_public_key(path: Path) -> str:
    """The hex public key in ``path`` (the auditor's copy written by audit keygen)."""
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    except (OSError, UnicodeDecodeError, ValueError):
        raise ConfigError([Problem(str(path), 1, 1, "public_key_file", t("audit.bad_public_key", file=Path(path).name))]) from None
    return text.lower()


def check_signature(checkpoint: dict[str, Any], public_key: str) -> bool:
    """True when ``checkpoint`` was signed by the key whose public half is ``public_key`` (hex)."""
    body = {k: v for k, v in checkpoint.items() if k != "signature"}
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(str(checkpoint.get("signature", ""))), canonical(body).encode("utf-8"))
    except (InvalidSignature, ValueError):
        return False
    return checkpoint.get("format") == FORMAT


def read_checkpoint(path: Path) -> dict[str, Any] | None:
    """The checkpoint in ``path``; None when it is not a checkpoint file at all (reported as a bad one)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        int(data["tree_size"]), str(data["head_hash"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return data if isinstance(data, dict) else None
