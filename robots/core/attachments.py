"""The attachments of one item (the files an online application brought), archived beside the
work folder's other copies: owner-only, under plain stored names (an export's file name is never
a path here), with a manifest of each file's own name and SHA-256. Reading them back checks each
hash again, so the web robot uploads only the item's own files, unchanged."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePath

from shared.errors import BusinessError
from shared.files import write_private_bytes, write_private_text

__all__ = ["ArchivedFile", "archive_attachments", "archived_attachments", "attachment_folder"]

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ArchivedFile:
    name: str  # as the application names it (the name the target system receives)
    sha256: str
    data: bytes


def attachment_folder(work: Path, source_key: str) -> Path | None:
    """Where the attachments of the item with ``source_key`` (64 hex digits) are kept."""
    if len(source_key) != 64 or any(c not in "0123456789abcdef" for c in source_key):
        return None
    return Path(work) / "attachments" / source_key[:2] / source_key


def archive_attachments(folder: Path, files: list[tuple[str, bytes]]) -> dict[str, Path]:
    """Keep ``files`` (name, bytes) in ``folder``; each is read back and its hash checked.
    Returns where each name is kept."""
    entries = []
    stored_at: dict[str, Path] = {}
    for index, (name, data) in enumerate(files, 1):
        suffix = PurePath(name).suffix.lower()
        stored = f"{index:03d}{suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 8 else ''}"
        digest = hashlib.sha256(data).hexdigest()
        write_private_bytes(folder / stored, data)
        if hashlib.sha256((folder / stored).read_bytes()).hexdigest() != digest:
            raise OSError(f"attachment {stored} changed on disk")
        entries.append({"name": name, "stored": stored, "sha256": digest})
        stored_at.setdefault(name, folder / stored)
    write_private_text(folder / MANIFEST, json.dumps({"files": entries}, ensure_ascii=False, indent=1))
    return stored_at


def archived_attachments(folder: Path | None, *, item: str) -> list[ArchivedFile]:
    """The item's archived attachments, each hash-checked; none when it has none."""
    if folder is None or not (folder / MANIFEST).is_file():
        return []
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    out = []
    for entry in manifest["files"]:
        stored = str(entry["stored"])
        if "/" in stored or "\\" in stored or stored.startswith("."):
            raise BusinessError("web.upload_changed", item=item, name=str(entry["name"]))
        data = (folder / stored).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise BusinessError("web.upload_changed", item=item, name=str(entry["name"]))
        out.append(ArchivedFile(str(entry["name"]), str(entry["sha256"]), data))
    return out
