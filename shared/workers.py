"""Worker identity and liveness, so a restarted robot can take over a dead one's items."""

from __future__ import annotations

import os
import socket
import sys
import time

__all__ = ["is_dead", "worker_id"]


_SELF: tuple[int, str] | None = None


def worker_id() -> str:
    """``host:pid:start`` of this process (the same for the life of the process)."""
    global _SELF
    if _SELF is None or _SELF[0] != os.getpid():
        _SELF = (os.getpid(), f"{socket.gethostname()}:{os.getpid()}:{time.time_ns()}")
    return _SELF[1]


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        process = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not process:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(process, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(process)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_dead(worker: str) -> bool:
    """True when ``worker`` ran on this host and its process is gone. Workers on other
    hosts are never declared dead here; their leases expire instead."""
    host, _, rest = worker.partition(":")
    pid_text = rest.split(":", 1)[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return worker != worker_id()  # an earlier process that had our pid
    return not _pid_alive(pid)
