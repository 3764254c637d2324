"""File helpers that behave the same on Windows and POSIX: every file the robot writes
(ledgers, notices, CSV, reports, logs, screenshots, audit) goes through here and is
readable by its owner only, every folder it makes is the owner's only.

On POSIX the files are created 0600 and the folders 0700. On Windows ``os.chmod`` only
sets the read-only flag, so the modes are advisory there: the files inherit the ACL of
the folder they are in (keep the site folder in the robot account's profile, or give it
an ACL for that account only)."""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = [
    "FILE_MODE", "FOLDER_MODE", "ensure_private_file", "make_private", "open_private", "private_folder", "private_key",
    "write_private_bytes", "write_private_text",
]

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_POSIX = sys.platform != "win32"


def private_folder(path: Path) -> Path:
    """Make ``path`` (and any missing parents) a folder only its owner may enter. A folder
    that already exists keeps its mode unless this call made it."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        if _POSIX:
            folder.chmod(FOLDER_MODE)  # mkdir's mode is masked by the umask
    return path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` (empty) readable and writable by its owner only, if it does not exist.
    On Windows the mode is advisory; the file inherits the profile folder's ACL."""
    path = Path(path)
    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    except FileExistsError:
        return path
    os.close(fd)
    return path


def make_private(path: Path) -> Path:
    """Make a file another library wrote (a browser's screenshot, a workbook) owner-only."""
    path = Path(path)
    if _POSIX and path.exists() and stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)
    return path


def write_private_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (a temporary file beside it, renamed
    over it), owner-only from the first byte."""
    path = Path(path)
    private_folder(path.parent)
    temporary = path.with_name(f".{secrets.token_hex(6)}.tmp")  # short: the target's name may be near the limit
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return path


def write_private_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """``write_private_bytes`` of ``text`` in ``encoding``."""
    return write_private_bytes(path, text.encode(encoding))


@contextmanager
def open_private(path: Path, mode: str = "a", encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """Open ``path`` for appending or writing (``a``, ``w``, ``ab``, ``wb``), creating it
    owner-only when it does not exist."""
    ensure_private_file(Path(path))
    make_private(Path(path))
    binary = "b" in mode
    with Path(path).open(mode, encoding=None if binary else encoding, newline=None if binary else newline) as handle:
        yield handle


def private_key(path: Path, size: int = 32) -> bytes:
    """A random key kept in an owner-only file, created on first use."""
    if path.is_file() and path.stat().st_size >= size:
        return path.read_bytes()[:size]
    ensure_private_file(path)
    key = secrets.token_bytes(size)
    with path.open("r+b") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    return key
