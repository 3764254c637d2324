"""Operational logs (loguru): JSON lines, one file per process, rotated and pruned as the
site profile says. Tracebacks never show variable values (``diagnose=False``), and every
record passes the redactor: My Numbers (12 digits passing the check digit) and the values
of fields marked ``mask`` are replaced before anything is written."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loguru import logger

from shared.files import FILE_MODE, private_folder
from shared.redact import redactor

if TYPE_CHECKING:
    from loguru import Record

__all__ = ["logger", "log_file", "setup_logging"]

_lock = threading.Lock()
_active: dict[str, Any] = {}


def _retention(text: str) -> int | str:
    number, _, unit = text.partition(" ")
    return int(number) if unit.strip() in ("files", "file") else text


def _patch(record: Record) -> None:
    """Build the scrubbed JSON line of a record (the file sink writes only this)."""
    extra = {k: v for k, v in record["extra"].items() if k != "json_line"}
    line: dict[str, Any] = {
        "time": record["time"].astimezone(dt.UTC).isoformat(timespec="milliseconds"),
        "level": record["level"].name,
        "message": record["message"],
        "module": record["name"],
        "process": record["process"].id,
        "thread": record["thread"].name,
        **extra,
    }
    if record["exception"] is not None:
        kind, value, _tb = record["exception"]
        line["exception"] = "".join(traceback.format_exception_only(kind, value)).strip() if kind else None
    record["extra"]["json_line"] = json.dumps(redactor.scrub(line), ensure_ascii=False, default=str)


def _owner_only(path: str, flags: int) -> int:
    """``open``'s opener for the log files: created readable by the owner only (on Windows
    the mode is advisory; the work folder's ACL applies)."""
    return os.open(path, flags, FILE_MODE)


def _format(_record: Record) -> str:
    return "{extra[json_line]}\n"


def setup_logging(folder: Path, rotation: str = "10 MB", retention: str = "90 days", level: str = "INFO",
                  name: str = "robot") -> Path:
    """Send operational logs of this process to one file in ``folder`` and return its path.
    Called again with the same folder it keeps the same file; with another folder it moves there."""
    folder = Path(folder)
    with _lock:
        if _active.get("folder") == folder.resolve() and _active.get("pid") == os.getpid():
            return _active["path"]
        private_folder(folder)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{name}-{stamp}-{os.getpid()}.log"
        logger.remove()
        logger.configure(patcher=_patch)
        handler = logger.add(path, format=_format, diagnose=False, backtrace=False, level=level, encoding="utf-8",
                             rotation=rotation, retention=_retention(retention), enqueue=False, catch=True,
                             opener=_owner_only)  # every file, rotated ones too, is created 0600 (POSIX)
        _active.update(folder=folder.resolve(), pid=os.getpid(), path=path, handler=handler)
        return path


def log_file() -> Path | None:
    """The file this process logs to (None before ``setup_logging``)."""
    return _active.get("path") if _active.get("pid") == os.getpid() else None
