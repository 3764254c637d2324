"""Ed25519 signatures of package manifests (the manifest holds every file's sha256, so
signing it signs the whole package)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shared.packages.errors import PackageError
from shared.packages.manifest import SIGNATURE_FILE, Signature

__all__ = ["generate_key", "public_key_text", "sign_bytes", "trusted_signer", "verify_bytes"]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def generate_key(path: Path) -> str:
    """Write a new private key to ``path`` (owner-only, PEM) and return its public key
    (base64) for the receiving sites' trusted_keys. An existing file is never overwritten."""
    path = Path(path)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags, 0o600)
    except FileExistsError as exc:
        raise PackageError("packages.key_exists", entry=path.name) from exc
    with os.fdopen(handle, "wb") as stream:
        stream.write(pem)
    return public_key_text(key.public_key())


def public_key_text(key: Ed25519PublicKey) -> str:
    return _b64(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise PackageError("packages.key_unreadable", entry=Path(path).name) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PackageError("packages.key_unreadable", entry=Path(path).name)
    return key


def sign_bytes(data: bytes, key_path: Path, signer: str) -> Signature:
    """Sign ``data`` (the manifest's bytes) with the private key at ``key_path``."""
    key = _load_private(key_path)
    return Signature(signer=signer, public_key=public_key_text(key.public_key()), signature=_b64(key.sign(data)))


def verify_bytes(data: bytes, signature: Signature) -> bool:
    """Whether ``signature`` is a valid signature of ``data`` by its own public key."""
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(signature.public_key, validate=True))
        public.verify(base64.b64decode(signature.signature, validate=True), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def trusted_signer(data: bytes, signature: Signature, trusted_keys: dict[str, str]) -> str | None:
    """The site's name for the signer when the signature is valid and its key is trusted;
    None when the key is not trusted. A signature that does not match raises."""
    if not verify_bytes(data, signature):
        raise PackageError("packages.bad_signature", entry=SIGNATURE_FILE)
    for name, key in trusted_keys.items():
        if key == signature.public_key:
            return name
    return None
