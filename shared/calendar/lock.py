"""An exclusive lock on a file that works on Windows and POSIX and is released when the
process ends (even by kill -9 or a power cut): one scheduler per job store."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import BinaryIO

from shared.files import ensure_private_file, write_private_text

__all__ = ["FileLock", "LockHeld"]


class LockHeld(Exception):
    """Another process holds the lock; ``holder`` says which (host:pid), if known."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(str(path))
        self.path = path
        self.holder = holder


class FileLock:
    """``with FileLock(path):`` — raises ``LockHeld`` at once if another process has it;
    ``FileLock(path).acquire(wait=True)`` waits until the other process lets it go."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.info = self.path.with_name(self.path.name + ".holder")
        self._handle: BinaryIO | None = None

    def acquire(self, *, wait: bool = False) -> FileLock:
        ensure_private_file(self.path)
        handle = open(self.path, "a+b")  # noqa: SIM115 (kept open while locked)
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                while True:
                    try:
                        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
                        break
                    except OSError:
                        if not wait:  # LK_LOCK itself gives up after 10 tries a second apart: try again
                            raise
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            holder = self.info.read_text(encoding="utf-8").strip() if self.info.is_file() else "?"
            raise LockHeld(self.path, holder) from None
        self._handle = handle
        write_private_text(self.info, f"{socket.gethostname()}:{os.getpid()}\n")
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        if sys.platform == "win32":
            import msvcrt

            self._handle.seek(0)
            msvcrt.locking(self._handle.fileno(), msvcrt.LK_UNLCK, 1)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> FileLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
