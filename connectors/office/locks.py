"""Is an output file open in another program? Excel keeps an owner file ``~$NAME`` beside
the workbook, LibreOffice a lock file ``.~lock.NAME#``; on Windows the file itself cannot
be replaced while Excel holds it (``PermissionError``, handled by the writers)."""

from __future__ import annotations

from pathlib import Path

from shared.errors import ApplicationError

__all__ = ["check_not_locked", "lock_files"]


def lock_files(path: Path) -> list[Path]:
    """The lock files of ``path`` that exist now."""
    name = path.name
    candidates = [path.with_name(f".~lock.{name}#"), path.with_name(f"~${name}")]
    if len(name) > 2:
        candidates.append(path.with_name(f"~${name[2:]}"))  # Excel shortens long names so
    return [c for c in candidates if c.exists()]


def check_not_locked(path: Path) -> None:
    """Raise ``ApplicationError`` (``output.locked_by``) when a lock file of ``path`` exists."""
    found = lock_files(path)
    if found:
        raise ApplicationError("output.locked_by", file=path.name, lock=found[0].name)
