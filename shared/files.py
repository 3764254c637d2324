"""File helpers that behave the same on Windows and POSIX."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["ensure_private_file", "private_key"]


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` (empty) readable and writable by its owner only, if it does not exist.
    On Windows the mode is advisory; the file inherits the profile folder's ACL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return path
    os.close(fd)
    return path


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
