"""What an Office file really is, from its first bytes: a ZIP package (.xlsx/.docx), an
encrypted package (password-protected, stored as an OLE compound file), or an old binary
.doc/.xls (also an OLE compound file)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from shared.errors import InputFileError

__all__ = ["MAX_PART_BYTES", "check_package", "sniff"]

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
MAX_PART_BYTES = 64 << 20
"""Largest uncompressed part read from a package (a ZIP bomb is refused, not unpacked)."""

Kind = Literal["zip", "encrypted", "ole", "other"]


def sniff(path: Path) -> Kind:
    """The container kind of ``path``."""
    with Path(path).open("rb") as handle:
        head = handle.read(8)
        if head == OLE_MAGIC:
            handle.seek(0)
            return "encrypted" if ENCRYPTION_STREAM in handle.read(4 << 20) else "ole"
    if head.startswith(b"PK") and zipfile.is_zipfile(path):
        return "zip"
    return "other"


def check_package(path: Path, main_part: str, kind_key: str) -> None:
    """Raise ``InputFileError`` unless ``path`` is an Office package holding ``main_part``.
    ``kind_key`` is ``xlsx`` or ``docx`` (selects the messages)."""
    name = Path(path).name
    kind = sniff(path)
    if kind == "encrypted":
        raise InputFileError("office.encrypted", file=name)
    if kind == "ole":
        raise InputFileError(f"{kind_key}.old_format", file=name)
    if kind != "zip":
        raise InputFileError("office.not_office", file=name, expected=kind_key)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputFileError("office.not_office", file=name, expected=kind_key) from exc
    if main_part not in infos:
        raise InputFileError("office.not_office", file=name, expected=kind_key)
    if sum(info.file_size for info in infos.values()) > 4 * MAX_PART_BYTES:
        raise InputFileError("office.too_large", file=name)
