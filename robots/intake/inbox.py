"""Intake: every input file is hashed and copied durably into the work folder's archive
before anything else; only then is the original moved out of the inbox. Files that cannot
be read go to quarantine with a reason file in Japanese. No file is ever deleted.

Symbolic links and folders in the inbox are never taken (nor followed). Globs match file
names without regard to case, as on Windows (``SCAN0001.PDF`` matches ``*.pdf``). A name
that is not valid in the file system's encoding (Shift_JIS bytes copied from a Windows
share) is recorded as its Shift_JIS reading; the file itself keeps its bytes. A file that
cannot be opened right now (still being written, locked) is left in the inbox for the
next run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from shared.audit import AuditStore
from shared.errors import RpaError
from shared.ledger import FileRecord, Ledger
from shared.logs import logger
from shared.messages import t

__all__ = ["Intake", "IntakeResult", "quarantine"]


@dataclass
class IntakeResult:
    received: list[FileRecord] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    taken_elsewhere: list[str] = field(default_factory=list)  # another run (process) took the file first


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


def _durable_copy(source: Path, target: Path, tag: str = "") -> None:
    """Copy ``source`` to ``target`` so that ``target`` is either absent or complete (``tag``
    keeps the temporary copies of processes copying the same file at once apart)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + tag + ".partial")
    with source.open("rb") as src, temporary.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(temporary, target)
    _fsync_dir(target.parent)


MAX_NAME_BYTES = 255  # longest file name on ext4, NTFS (in UTF-16 units), APFS
REASON_SUFFIX = ".理由.txt"


def display_name(path: Path) -> str:
    """The name of ``path`` as people read it. On POSIX a name that is not valid UTF-8
    arrives with surrogate escapes; it is read as Shift_JIS (cp932), else with U+FFFD."""
    name = path.name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        try:
            return raw.decode("cp932")
        except UnicodeDecodeError:
            return raw.decode("utf-8", errors="replace")


def _fit(name: str, reserve: int = 0) -> str:
    """``name`` shortened (the stem, keeping the suffix) so that ``reserve`` more bytes fit."""
    stem, suffix = Path(name).stem, Path(name).suffix
    while stem and len(os.fsencode(stem + suffix)) + reserve > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem + suffix


def _free_name(folder: Path, name: str, reserve: int = 0) -> Path:
    """A name in ``folder`` not yet used, based on ``name``; ``reserve`` bytes are left free
    for a suffix the caller adds (the reason file's)."""
    counter = 0
    while True:
        tag = f"({counter})" if counter else ""
        base = _fit(name, reserve + len(tag.encode()))
        stem, suffix = Path(base).stem, Path(base).suffix
        candidate = folder / f"{stem}{tag}{suffix}"
        if not candidate.exists():
            return candidate
        counter += 1


def _case_insensitive(pattern: str) -> str:
    """``pattern`` with each letter of its last part as a [xX] class (outside [...] classes)."""
    def either_case(part: str) -> str:
        return re.sub(r"[A-Za-z]", lambda m: f"[{m[0].lower()}{m[0].upper()}]", part)

    head, _, last = pattern.rpartition("/")
    last = "".join(part if part.startswith("[") else either_case(part) for part in re.split(r"(\[[^\]]*\])", last))
    return f"{head}/{last}" if head else last


class Intake:
    """Takes files from the inbox into the archive (``work/archive``) and the ledger."""

    def __init__(self, inbox: Path, work: Path, ledger: Ledger, audit: AuditStore, run_id: str) -> None:
        self.inbox = inbox.resolve()
        self.work = work
        self.ledger = ledger
        self.audit = audit
        self.run_id = run_id
        self.started = dt.datetime.now(dt.UTC)

    def archive_path(self, record: FileRecord) -> Path:
        return self.work / record.archived_as

    def take(self, patterns: list[tuple[str, str]]) -> IntakeResult:
        """Take the files matching each (glob, template) pair."""
        result = IntakeResult()
        seen: set[Path] = set()
        for pattern, template in patterns:
            for path in sorted(self.inbox.glob(_case_insensitive(pattern))):
                if path in seen or path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(self.inbox):
                    continue
                seen.add(path)
                self._take_one(path, template, result)
        return result

    def _take_one(self, path: Path, template: str, result: IntakeResult) -> None:
        try:
            sha = _sha256(path)
        except FileNotFoundError:  # another run moved it out of the inbox first
            self._taken_elsewhere(path, None, result)
            return
        except OSError as exc:  # still being written (locked): the next run takes it
            logger.warning("file left in the inbox", error=type(exc).__name__)
            self.audit.append("file_left", run_id=self.run_id, error=type(exc).__name__)
            return
        archived = Path("archive") / sha[:2] / (sha + path.suffix.lower())
        if not (self.work / archived).is_file():
            try:
                _durable_copy(path, self.work / archived, tag=f".{os.getpid()}")
            except FileNotFoundError:  # another run moved it out of the inbox meanwhile
                self._taken_elsewhere(path, sha, result)
                return
        record, created = self.ledger.add_file(sha, display_name(path), archived.as_posix(), template)
        received = self.work / "received" / dt.date.today().isoformat()
        received.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, _free_name(received, path.name))  # only after the archive copy is durable
        except FileNotFoundError:  # another run took it first: its record is the one in the ledger
            moved = False
        except PermissionError as exc:  # locked (Windows): it stays for the next run, already recorded
            logger.warning("file left in the inbox", error=type(exc).__name__)
            moved = True
        else:
            moved = True
        if created:
            self.audit.append("file_received", run_id=self.run_id, sha256=sha, size=(self.work / archived).stat().st_size)
            result.received.append(record)
        elif not moved or self._recorded_by_another_run(record, path):
            self._taken_elsewhere(path, sha, result)
        else:
            self.audit.append("file_duplicate", run_id=self.run_id, sha256=sha)
            result.duplicates.append(path.name)

    def _recorded_by_another_run(self, record: FileRecord, path: Path) -> bool:
        """The same file (name and bytes) recorded since this run started: a run beside this one
        recorded it an instant before this one moved it, not a second copy dropped later."""
        at = record.received_at
        at = at.replace(tzinfo=dt.UTC) if at is not None and at.tzinfo is None else at
        return at is not None and at >= self.started and record.name == display_name(path)

    def _taken_elsewhere(self, path: Path, sha: str | None, result: IntakeResult) -> None:
        """Counted, never an abort: the run that took the file reads it."""
        logger.info("file taken by another run", sha256=sha)
        self.audit.append("file_taken_elsewhere", run_id=self.run_id, **({"sha256": sha} if sha else {}))
        result.taken_elsewhere.append(display_name(path))


def quarantine(work: Path, record: FileRecord, error: RpaError) -> Path:
    """Put a copy of an unreadable file in ``work/quarantine`` with a Japanese reason file."""
    folder = work / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, record.name, reserve=max(len(REASON_SUFFIX.encode()), len(".partial")))
    _durable_copy(work / record.archived_as, target)
    reason = target.with_name(target.name + REASON_SUFFIX)
    reason.write_text(
        t("quarantine.reason_file", file=record.name, reason=error.message("ja"), sha256=record.sha256, lang="ja") + "\n",
        encoding="utf-8",
    )
    return target
