"""Intake: every input file is hashed and copied durably into the work folder's archive
before anything else; only then is the original moved out of the inbox. Files that cannot
be read go to quarantine with a reason file in Japanese. No file is ever deleted."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from shared.audit import AuditStore
from shared.errors import RpaError
from shared.ledger import FileRecord, Ledger
from shared.messages import t

__all__ = ["Intake", "IntakeResult", "quarantine"]


@dataclass
class IntakeResult:
    received: list[FileRecord] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _durable_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` so that ``target`` is either absent or complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    with source.open("rb") as src, temporary.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(temporary, target)
    _fsync_dir(target.parent)


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 1
    while candidate.exists():
        candidate = folder / f"{stem}({counter}){suffix}"
        counter += 1
    return candidate


class Intake:
    """Takes files from the inbox into the archive (``work/archive``) and the ledger."""

    def __init__(self, inbox: Path, work: Path, ledger: Ledger, audit: AuditStore, run_id: str) -> None:
        self.inbox = inbox.resolve()
        self.work = work
        self.ledger = ledger
        self.audit = audit
        self.run_id = run_id

    def archive_path(self, record: FileRecord) -> Path:
        return self.work / record.archived_as

    def take(self, patterns: list[tuple[str, str]]) -> IntakeResult:
        """Take the files matching each (glob, template) pair."""
        result = IntakeResult()
        seen: set[Path] = set()
        for pattern, template in patterns:
            for path in sorted(self.inbox.glob(pattern)):
                if path in seen or not path.is_file() or path.is_symlink() or not path.resolve().is_relative_to(self.inbox):
                    continue
                seen.add(path)
                self._take_one(path, template, result)
        return result

    def _take_one(self, path: Path, template: str, result: IntakeResult) -> None:
        sha = _sha256(path)
        archived = Path("archive") / sha[:2] / (sha + path.suffix.lower())
        if not (self.work / archived).is_file():
            _durable_copy(path, self.work / archived)
        record, created = self.ledger.add_file(sha, path.name, archived.as_posix(), template)
        received = self.work / "received" / dt.date.today().isoformat()
        received.mkdir(parents=True, exist_ok=True)
        os.replace(path, _free_name(received, path.name))  # only after the archive copy is durable
        if created:
            self.audit.append("file_received", run_id=self.run_id, sha256=sha, size=(self.work / archived).stat().st_size)
            result.received.append(record)
        else:
            self.audit.append("file_duplicate", run_id=self.run_id, sha256=sha)
            result.duplicates.append(path.name)


def quarantine(work: Path, record: FileRecord, error: RpaError) -> Path:
    """Put a copy of an unreadable file in ``work/quarantine`` with a Japanese reason file."""
    folder = work / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, record.name)
    _durable_copy(work / record.archived_as, target)
    reason = target.with_name(target.name + ".理由.txt")
    reason.write_text(
        t("quarantine.reason_file", file=record.name, reason=error.message("ja"), sha256=record.sha256, lang="ja") + "\n",
        encoding="utf-8",
    )
    return target
