"""What a package may do to the scenario it replaces: which version and which signer an
installed scenario has, and the rules a replacement must keep.

    same id         the manifest's id is the id in the package's own scenario.yaml (and the
                    version too), so a package cannot land under another scenario's name
    no downgrade    a replacement's version is not older than the installed one, unless the
                    person says so (``allow_downgrade``); the install record keeps it
    same signer     a replacement is signed by the key the installed scenario was signed
                    by, unless the site trusts both keys and the person says so
                    (``allow_new_signer``)
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from shared.config.loader import SCENARIO_FILE
from shared.packages.errors import PackageError
from shared.packages.manifest import MANIFEST_FILE, SIGNATURE_FILE, Manifest, Signature

__all__ = ["Installed", "ReplaceDecision", "check_identity", "check_replacement", "installed_state", "key_fingerprint",
           "version_tuple"]


def key_fingerprint(public_key: str | None) -> str:
    """A short, stable name of an Ed25519 public key (base64): ``SHA256:`` and the first 16
    hex digits of the sha256 of its 32 raw bytes, like ``ssh-keygen -l`` prints them."""
    if not public_key:
        return "-"
    try:
        raw = base64.b64decode(public_key, validate=True)
    except ValueError:
        raw = public_key.encode()
    return "SHA256:" + hashlib.sha256(raw).hexdigest()[:16]


def version_tuple(version: str) -> tuple[int, ...]:
    """``1.2.3`` as (1, 2, 3); anything that is not three numbers is (0, 0, 0)."""
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return (0, 0, 0)
    return tuple(int(p) for p in parts)


@dataclass(frozen=True)
class Installed:
    """An installed scenario as a replacement sees it."""

    version: str
    public_key: str | None  # None: installed unsigned, or a local folder


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def installed_state(folder: Path) -> Installed:
    """The version and signing key of the scenario in ``folder`` (read leniently: a folder
    edited by hand still has a version to compare with)."""
    manifest = _read_json(folder / MANIFEST_FILE) or {}
    signature = _read_json(folder / SIGNATURE_FILE) or {}
    version = manifest.get("version")
    if not isinstance(version, str):
        try:
            data = yaml.safe_load((folder / SCENARIO_FILE).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            data = None
        version = str(data.get("version", "0.0.0")) if isinstance(data, dict) else "0.0.0"
    key = signature.get("public_key")
    return Installed(version, key if isinstance(key, str) and key else None)


def check_identity(manifest: Manifest, scenario_id: str, scenario_version: str) -> None:
    """The manifest must name the scenario it carries: same id, same version."""
    if manifest.id != scenario_id:
        raise PackageError("packages.id_mismatch", entry=MANIFEST_FILE, manifest_id=manifest.id,
                           scenario_id=scenario_id)
    if manifest.version != scenario_version:
        raise PackageError("packages.version_mismatch", entry=MANIFEST_FILE, manifest_version=manifest.version,
                           scenario_version=scenario_version)


@dataclass(frozen=True)
class ReplaceDecision:
    """What replacing did, for the install record and the audit trail."""

    previous_version: str
    previous_key: str | None
    downgrade: bool
    signer_changed: bool


def check_replacement(installed: Installed, manifest: Manifest, signature: Signature | None,
                      trusted_keys: dict[str, str], *, allow_downgrade: bool,
                      allow_new_signer: bool) -> ReplaceDecision:
    """Refuse a replacement that is older than the installed scenario, or signed by
    another key (or not signed) when the installed one was signed."""
    downgrade = version_tuple(manifest.version) < version_tuple(installed.version)
    if downgrade and not allow_downgrade:
        raise PackageError("packages.downgrade", entry=manifest.id, installed=installed.version, new=manifest.version)
    new_key = signature.public_key if signature is not None else None
    changed = installed.public_key is not None and new_key != installed.public_key
    if changed:
        old_name, new_name = key_fingerprint(installed.public_key), key_fingerprint(new_key)
        if not allow_new_signer:
            raise PackageError("packages.signer_changed", entry=manifest.id, old=old_name, new=new_name)
        trusted = set(trusted_keys.values())
        if installed.public_key not in trusted or new_key not in trusted:
            raise PackageError("packages.signer_changed_untrusted", entry=manifest.id, old=old_name, new=new_name)
    return ReplaceDecision(installed.version, installed.public_key, downgrade, changed)
