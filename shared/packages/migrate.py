"""`scenario upgrade`: convert an older package format to the current one, saying what
changed. Each step of ``MIGRATIONS`` turns version N into N+1 and is a pure function on the
manifest's data (plus the package's files, to fill in what older versions lacked)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from shared.messages import Msg
from shared.packages.archive import open_package, write_zip
from shared.packages.errors import PackageError
from shared.packages.manifest import CURRENT_SCHEMA_VERSION, MANIFEST_FILE, SIGNATURE_FILE, Manifest
from shared.packages.package import default_library_range, manifest_bytes, sample_cases

__all__ = ["MIGRATIONS", "migrate_manifest", "upgrade_package"]

Migration = Callable[[dict, dict[str, bytes]], tuple[dict, list[Msg]]]


def _v1_to_v2(old: dict, files: dict[str, bytes]) -> tuple[dict, list[Msg]]:
    """v1 (2025): ``license``, ``requires: 'jichitai-rpa>=0.1'``, ``files: [{path, sha256}]``,
    no title, no samples."""
    new = {k: v for k, v in old.items() if k not in ("license", "requires", "files")}
    changes: list[Msg] = []
    new["schema_version"] = 2
    if "license" in old:
        new["licence"] = old["license"]
        changes.append(Msg("migrate.license_renamed"))
    requires = str(old.get("requires", ""))
    spec = requires.split("jichitai-rpa", 1)[-1].strip() or default_library_range()
    new["library"] = spec
    changes.append(Msg("migrate.requires_to_library", old=requires or "-", new=spec))
    listed = [entry["path"] for entry in old.get("files", []) if isinstance(entry, dict) and "path" in entry]
    new["files"] = {path: {"sha256": hashlib.sha256(files[path]).hexdigest(), "size": len(files[path])}
                    for path in listed if path in files}
    changes.append(Msg("migrate.files_table"))
    if "title" not in new:
        new["title"] = old.get("id", "-")
        changes.append(Msg("migrate.title_added"))
    samples = sample_cases(new["files"])
    new["samples"] = [s.model_dump() for s in samples]
    changes.append(Msg("migrate.samples_listed", count=len(samples)))
    return new, changes


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}


def migrate_manifest(data: dict, files: dict[str, bytes]) -> tuple[Manifest, list[Msg]]:
    """Apply every migration from the manifest's version to the current one."""
    version = data.get("schema_version")
    if version == CURRENT_SCHEMA_VERSION:
        raise PackageError("packages.nothing_to_upgrade", entry=MANIFEST_FILE, current=CURRENT_SCHEMA_VERSION)
    if version not in MIGRATIONS:
        raise PackageError("packages.bad_manifest", entry=MANIFEST_FILE, detail=f"schema_version {version}")
    changes: list[Msg] = []
    while version != CURRENT_SCHEMA_VERSION:
        data, step_changes = MIGRATIONS[version](data, files)
        changes += step_changes
        version = data["schema_version"]
    return Manifest.model_validate(data), changes


def upgrade_package(path: Path, out: Path | None = None) -> tuple[Path, int, list[Msg]]:
    """Write the package at ``path`` in the current format to ``out`` (default: in place).
    Returns the path, the old version and what changed. A signature does not survive."""
    path = Path(path)
    with open_package(path) as reader:
        files = {name: reader.read(name) for name in reader.names}
    if MANIFEST_FILE not in files:
        raise PackageError("packages.no_manifest", entry=path.name)
    try:
        data = json.loads(files[MANIFEST_FILE].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError("packages.bad_manifest", entry=MANIFEST_FILE, detail="JSON") from exc
    old_version = data.get("schema_version") if isinstance(data, dict) else None
    if old_version == CURRENT_SCHEMA_VERSION:
        raise PackageError("packages.nothing_to_upgrade", entry=path.name, current=CURRENT_SCHEMA_VERSION)
    manifest, changes = migrate_manifest(data if isinstance(data, dict) else {}, files)
    if SIGNATURE_FILE in files:
        changes.append(Msg("migrate.signature_dropped"))
    kept = {name: files[name] for name in manifest.files}
    return write_zip(out or path, {**kept, MANIFEST_FILE: manifest_bytes(manifest)}), int(old_version or 0), changes
