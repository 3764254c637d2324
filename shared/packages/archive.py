"""Package files (.zip): writing one from a scenario folder, and reading one safely.

Reading refuses, before anything is written: absolute paths, drive letters, ``..``,
links, entries of a kind that is not data, more than ``MAX_FILES`` files, more than
``MAX_TOTAL_BYTES`` unpacked (as claimed, and as actually decompressed), and compression
ratios over ``MAX_RATIO``. Unpacking writes only inside the new target folder.
"""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from shared.packages.errors import PackageError

__all__ = [
    "DATA_SUFFIXES", "MAX_FILES", "MAX_RATIO", "MAX_TOTAL_BYTES", "PackageReader", "check_entry_name",
    "open_package", "unpack", "write_zip",
]

MAX_FILES = 1000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_BYTES = 64 * 1024  # tiny files may compress well for innocent reasons
DATA_SUFFIXES = frozenset({
    ".yaml", ".yml", ".json", ".md", ".txt", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
    ".xlsx", ".docx", ".csv",
})
_FORBIDDEN = re.compile(r'[\x00-\x1f:*?"<>|]')  # also alternate data streams (a:b) on Windows
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))})
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_CHUNK = 1 << 16


def check_entry_name(name: str) -> str:
    """The entry's normalized relative path, or PackageError naming what is wrong."""
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackageError("packages.absolute_path", entry=name)
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in name.split("/")):
        raise PackageError("packages.parent_path", entry=name)
    if (not parts or len(name) > 200
            or any(not part or part.startswith(".") or _FORBIDDEN.search(part)
                   or part.split(".")[0].upper() in _WINDOWS_DEVICES for part in parts)):
        raise PackageError("packages.bad_name", entry=name)
    if PurePosixPath(name).suffix.lower() not in DATA_SUFFIXES:
        raise PackageError("packages.not_data", entry=name)
    return "/".join(parts)


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode) or (info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR))


@dataclass
class PackageReader:
    """An opened package whose entries passed the checks; ``read`` stays within limits."""

    path: Path
    zip: zipfile.ZipFile
    names: list[str]

    def read(self, name: str) -> bytes:
        info = self.zip.getinfo(name)
        out = bytearray()
        with self.zip.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > info.file_size or len(out) > MAX_TOTAL_BYTES:
                    raise PackageError("packages.size_lies", entry=name)
        return bytes(out)


@contextmanager
def open_package(path: Path) -> Iterator[PackageReader]:
    """Open ``path`` and check every entry (names, kinds, counts, sizes, ratios)."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackageError("packages.not_zip", entry=path.name) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_FILES:
            raise PackageError("packages.too_many_files", entry=path.name, count=len(infos), limit=MAX_FILES)
        names: list[str] = []
        total = 0
        for info in infos:
            if _is_link(info):
                raise PackageError("packages.link", entry=info.filename)
            if info.is_dir():
                check_entry_name(info.filename.rstrip("/") + "/x.txt")
                continue
            name = check_entry_name(info.filename)
            if name in names:
                raise PackageError("packages.duplicate_entry", entry=name)
            if info.flag_bits & 0x1:
                raise PackageError("packages.encrypted_entry", entry=name)
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= RATIO_MIN_BYTES and ratio > MAX_RATIO:
                raise PackageError("packages.ratio", entry=name, ratio=int(ratio), limit=MAX_RATIO)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise PackageError("packages.too_large", entry=name, limit=MAX_TOTAL_BYTES // (1024 * 1024))
            names.append(name)
        yield PackageReader(path, archive, names)


def unpack(files: dict[str, bytes], target: Path) -> Path:
    """Write ``files`` (checked entry name -> bytes) into the new folder ``target`` (which
    must not exist); on any error the folder is removed, so nothing half-written stays."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=False)
    root = target.resolve()
    try:
        for name, data in files.items():
            destination = (root / check_entry_name(name)).resolve()
            if root not in destination.parents:
                raise PackageError("packages.parent_path", entry=name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def write_zip(out: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` (path -> bytes) as a zip in a stable order with fixed timestamps, so
    the same content always gives the same bytes."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[name])
    partial.replace(out)
    return out
