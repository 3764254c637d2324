"""Inbox hygiene (issue 16): which inbox files are ready to be taken, and why each file
left in the inbox was left.

A file is ready when its size and modification time have not changed for the site's
``inbox_settle_seconds`` (its mtime is at least that old; no waiting in the run) and it
can be opened exclusively: on Windows opened for writing (refused while another program
still has it open for writing); on POSIX an advisory ``flock`` is tried (best effort: a
writer that takes no lock is not seen, the mtime age is what counts). Right after
hashing, size and mtime are read once more; a change means the file is still being
written. Nothing here sleeps.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

__all__ = ["LeftFile", "SYSTEM_FILES", "exclusive", "files_under", "known_suffixes", "left_reason", "not_settled", "same_stat", "scan_folders"]

SYSTEM_FILES = ("thumbs.db", ".ds_store", "desktop.ini", "._*", "~$*", "*.tmp", ".~lock.*", "icon\r")
"""Names the operating system or an office program leaves next to documents."""

WAITING = "waiting"  # still being written (not settled, locked or changed while taken)
SYSTEM = "system"
SUBFOLDER = "subfolder"
UNKNOWN_EXTENSION = "unknown_extension"
UNMATCHED = "unmatched"
LINK = "link"
REASONS = (WAITING, SYSTEM, SUBFOLDER, UNKNOWN_EXTENSION, UNMATCHED, LINK)


@dataclass(frozen=True)
class LeftFile:
    """A file left in the inbox: its path relative to the inbox (``/``-separated) and the
    reason (one of ``REASONS``; the catalog key is ``inbox.left.<reason>``)."""

    name: str
    reason: str


def not_settled(stat: os.stat_result, settle_seconds: float, now: float | None = None) -> bool:
    """Whether the file was modified less than ``settle_seconds`` ago (or in the future)."""
    age = (time.time() if now is None else now) - stat.st_mtime
    return age < settle_seconds or age < -1.0


def same_stat(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)


@contextmanager
def exclusive(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for reading while no other program writes it; ``OSError``
    (``PermissionError``, ``BlockingIOError``) when it is held by another program."""
    if sys.platform == "win32":
        if os.access(path, os.W_OK):  # a sharing violation while a writer has it open
            with path.open("r+b"):
                pass
        with path.open("rb") as handle:
            yield handle
        return
    import fcntl

    with path.open("rb") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise  # another program holds it
        except OSError:  # no locks on this file system (some network shares): best effort
            yield handle
            return
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def is_system_file(name: str) -> bool:
    return any(fnmatch(name.lower(), pattern) for pattern in SYSTEM_FILES)


def scan_folders(patterns: list[str]) -> list[str]:
    """The folders (relative to the inbox) whose files an input's patterns are about:
    each pattern's folder part; ``""`` (the whole inbox) for a pattern without one."""
    heads = set()
    for pattern in patterns:
        parts = pattern.replace("\\", "/").split("/")[:-1]
        fixed = [part for part in parts[: next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), len(parts))]]
        heads.add("/".join(fixed))
    return [""] if "" in heads else sorted(heads)


def files_under(inbox: Path, folders: list[str]) -> Iterator[tuple[Path, bool]]:
    """Every entry that is not a folder under ``folders`` of ``inbox`` (links not followed),
    with whether it is a link."""
    seen: set[Path] = set()
    for folder in folders:
        top = inbox / folder
        if top.is_symlink() or not top.is_dir():
            continue
        for root, dirs, names in os.walk(top, followlinks=False):
            base = Path(root)
            for name in sorted(names) + [d for d in sorted(dirs) if (base / d).is_symlink()]:
                path = base / name
                if path not in seen:
                    seen.add(path)
                    yield path, path.is_symlink()


def known_suffixes(patterns: list[str]) -> set[str] | None:
    """The file suffixes the patterns take (``.pdf``); None when a pattern's suffix is a
    wildcard (then no file is called an unknown extension)."""
    suffixes = set()
    for pattern in patterns:
        suffix = Path(pattern.replace("\\", "/").rpartition("/")[2]).suffix.lower()
        if not suffix or any(c in suffix for c in "*?["):
            return None
        suffixes.add(suffix)
    return suffixes


def left_reason(relative: str, patterns: list[str], suffixes: set[str] | None, waiting: set[str], is_link: bool) -> str:
    """Why the file at ``relative`` (inbox-relative, ``/``-separated) is still in the inbox."""
    name = relative.rpartition("/")[2]
    if relative in waiting:
        return WAITING
    if is_link:
        return LINK
    if is_system_file(name):
        return SYSTEM
    folder = relative.rpartition("/")[0]
    heads = {p.replace("\\", "/").rpartition("/")[0] for p in patterns}
    lasts = [p.replace("\\", "/").rpartition("/")[2].lower() for p in patterns]
    if folder not in heads and any(fnmatch(name.lower(), last) for last in lasts):
        return SUBFOLDER
    if suffixes is not None and Path(name).suffix.lower() not in suffixes:
        return UNKNOWN_EXTENSION
    return UNMATCHED
