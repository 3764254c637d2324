"""Intake: every input file is hashed and copied durably into the work folder's archive
before anything else; only then is the original moved out of the inbox. Files that cannot
be read go to quarantine with a reason file in Japanese. No file is ever deleted.

Symbolic links and folders in the inbox are never taken (nor followed). Globs match file
names without regard to case, as on Windows (``SCAN0001.PDF`` matches ``*.pdf``). A name
that is not valid in the file system's encoding (Shift_JIS bytes copied from a Windows
share) is recorded as its Shift_JIS reading; the file itself keeps its bytes. A file that
cannot be opened right now (still being written, locked) is left in the inbox for the
next run, and so is a file written less than ``inbox_settle_seconds`` ago, one another
program holds, or one that changes while it is taken (robots/intake/hygiene.py). The
archive copy and the moved file are hashed again: both must be the bytes first hashed,
else the file goes back to the inbox for the next run. Files in sub-folders of an
input's folder are taken when the site says ``inbox_subfolders: read``; every file left
in the inbox is listed with its reason (``IntakeResult.left``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from robots.intake.hygiene import (
    LeftFile,
    exclusive,
    files_under,
    known_suffixes,
    left_reason,
    not_settled,
    same_stat,
    scan_folders,
)
from shared.audit import AuditStore
from shared.errors import RpaError
from shared.files import make_private, open_private, private_folder, write_private_text
from shared.ledger import FileRecord, Ledger
from shared.logs import logger
from shared.messages import t

__all__ = ["Intake", "IntakeResult", "quarantine"]


@dataclass
class IntakeResult:
    received: list[FileRecord] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    taken_elsewhere: list[str] = field(default_factory=list)  # another run (process) took the file first
    waiting: list[str] = field(default_factory=list)  # inbox-relative paths left for the next run
    left: list[LeftFile] = field(default_factory=list)  # every file still in the inbox, with why


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return _sha256_of(handle)


def _sha256_of(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
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


def _durable_copy(source: Path, target: Path, expected: str | None = None, tag: str = "") -> bool:
    """Copy ``source`` to ``target`` so that ``target`` is either absent or complete (``tag``
    keeps the temporary copies of processes copying the same file at once apart). With
    ``expected``, the copy must have that sha256, else nothing is written (False)."""
    temporary = target.with_name(target.name + tag + ".partial")
    digest = hashlib.sha256()
    with source.open("rb") as src, open_private(temporary, "wb") as dst:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())
    if expected is not None and digest.hexdigest() != expected:
        temporary.unlink()  # our own unfinished copy, not the input
        return False
    os.replace(temporary, target)
    _fsync_dir(target.parent)
    return True


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


def _placed_at(path: Path) -> dt.datetime | None:
    """When ``path`` came into its folder: its creation time where the system keeps one (Windows,
    macOS), else its last inode change (Linux: creation, a rename into the folder, a chmod)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return dt.datetime.fromtimestamp(getattr(stat, "st_birthtime", stat.st_ctime), dt.UTC)


def _case_insensitive(pattern: str) -> str:
    """``pattern`` with each letter of its last part as a [xX] class (outside [...] classes)."""
    def either_case(part: str) -> str:
        return re.sub(r"[A-Za-z]", lambda m: f"[{m[0].lower()}{m[0].upper()}]", part)

    head, _, last = pattern.rpartition("/")
    last = "".join(part if part.startswith("[") else either_case(part) for part in re.split(r"(\[[^\]]*\])", last))
    return f"{head}/{last}" if head else last


class Intake:
    """Takes files from the inbox into the archive (``work/archive``) and the ledger."""

    def __init__(self, inbox: Path, work: Path, ledger: Ledger, audit: AuditStore, run_id: str, *,
                 settle_seconds: float = 2.0, subfolders: Literal["read", "report"] = "report") -> None:
        self.inbox = inbox.resolve()
        self.work = work
        self.ledger = ledger
        self.audit = audit
        self.run_id = run_id
        self.started = dt.datetime.now(dt.UTC)
        self.settle_seconds = settle_seconds
        self.subfolders = subfolders

    def archive_path(self, record: FileRecord) -> Path:
        return self.work / record.archived_as

    def take(self, patterns: list[tuple[str, str]]) -> IntakeResult:
        """Take the files matching each (glob, template) pair."""
        result = IntakeResult()
        seen: set[Path] = set()
        for pattern, template in patterns:
            for path in self._matches(pattern):
                if path in seen or path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(self.inbox):
                    continue
                seen.add(path)
                self._take_one(path, template, result)
        result.left = self._left([pattern for pattern, _ in patterns], result)
        return result

    def _matches(self, pattern: str) -> list[Path]:
        """The inbox files ``pattern`` names; with ``inbox_subfolders: read`` also those in
        sub-folders of its folder (links not followed)."""
        found = set(self.inbox.glob(_case_insensitive(pattern)))
        if self.subfolders == "read":
            head, _, last = pattern.replace("\\", "/").rpartition("/")
            deep = f"{head}/**/{last}" if head else f"**/{last}"
            found.update(path for path in self.inbox.glob(_case_insensitive(deep))
                         if not any(parent.is_symlink() for parent in path.parents if parent.is_relative_to(self.inbox)))
        return sorted(found)

    def _take_one(self, path: Path, template: str, result: IntakeResult) -> None:
        try:
            sha = self._settled_sha256(path)
        except FileNotFoundError:  # another run moved it out of the inbox first
            self._taken_elsewhere(path, None, result)
            return
        except OSError as exc:  # still being written (locked): the next run takes it
            logger.warning("file left in the inbox", error=type(exc).__name__)
            self.audit.append("file_left", run_id=self.run_id, error=type(exc).__name__)
            sha = None
        if sha is None:
            self._wait(path, result)
            return
        archived = Path("archive") / sha[:2] / (sha + path.suffix.lower())
        if not (self.work / archived).is_file():
            try:
                copied = _durable_copy(path, self.work / archived, expected=sha, tag=f".{os.getpid()}")
            except FileNotFoundError:  # another run moved it out of the inbox meanwhile
                self._taken_elsewhere(path, sha, result)
                return
            if not copied:  # changed while copied: nothing archived
                self._wait(path, result)
                return
        placed = _placed_at(path)
        record, created = self._register(sha, path, archived, template)
        received = self.work / "received" / dt.date.today().isoformat()
        private_folder(received)
        try:  # only after the archive copy is durable
            moved = self._move_verified(path, _free_name(received, path.name), sha, created)
        except FileNotFoundError:  # another run took it first: its record is the one in the ledger
            moved = False
        except PermissionError as exc:  # locked (Windows): it stays for the next run, already recorded
            logger.warning("file left in the inbox", error=type(exc).__name__)
            moved = True
        else:
            if not moved:  # changed while moved: back in the inbox, its record withdrawn
                self._wait(path, result)
                return
        if created:
            self.audit.append("file_received", run_id=self.run_id, sha256=sha, size=(self.work / archived).stat().st_size)
            result.received.append(record)
        elif not moved or self._recorded_by_another_run(record, path, placed):
            self._taken_elsewhere(path, sha, result)
        else:
            self.audit.append("file_duplicate", run_id=self.run_id, sha256=sha)
            result.duplicates.append(path.name)

    def _recorded_by_another_run(self, record: FileRecord, path: Path, placed: dt.datetime | None) -> bool:
        """The same file (name and bytes) recorded since this run started, or while this very file
        (``placed``: when it came into the inbox) was already there: a run beside this one recorded
        it an instant before this one moved it, not a second copy dropped later."""
        at = record.received_at
        at = at.replace(tzinfo=dt.UTC) if at is not None and at.tzinfo is None else at
        if at is None or record.name != display_name(path):
            return False
        return at >= self.started or (placed is not None and placed <= at)

    def _taken_elsewhere(self, path: Path, sha: str | None, result: IntakeResult) -> None:
        """Counted, never an abort: the run that took the file reads it."""
        logger.info("file taken by another run", sha256=sha)
        self.audit.append("file_taken_elsewhere", run_id=self.run_id, **({"sha256": sha} if sha else {}))
        result.taken_elsewhere.append(display_name(path))


    # -- inbox hygiene (issue 16) --------------------------------------------------------
    def _settled_sha256(self, path: Path) -> str | None:
        """The file's sha256 when it is settled (unchanged for ``settle_seconds``, opened
        exclusively, the same size and mtime after hashing); None when still being written."""
        before = path.stat()
        if not_settled(before, self.settle_seconds):
            return None
        with exclusive(path) as handle:
            sha = _sha256_of(handle)
        return sha if same_stat(before, path.stat()) else None

    def _register(self, sha: str, path: Path, archived: Path, template: str) -> tuple[FileRecord, bool]:
        """The ledger's record of the file; one withdrawn before (changed while it was taken)
        counts as new again."""
        record, created = self.ledger.add_file(sha, display_name(path), archived.as_posix(), template)
        if not created and record.state == "withdrawn":
            self.ledger.set_file_state(sha, "received")
            return record, True
        return record, created

    def _move_verified(self, path: Path, target: Path, sha: str, created: bool) -> bool:
        """Move ``path`` to ``target`` and check the moved bytes are the archived ones; if
        not, the file goes back into the inbox (its record withdrawn) and False."""
        os.replace(path, target)
        if _sha256(target) == sha:
            make_private(target)  # the staff's file, now the robot's: owner-only like its copy in the archive
            return True
        os.replace(target, path if not path.exists() else _free_name(path.parent, path.name))
        if created:
            self.ledger.set_file_state(sha, "withdrawn")
        logger.warning("file changed while it was taken; left in the inbox")
        self.audit.append("file_changed", run_id=self.run_id, sha256=sha)
        return False

    def _relative(self, path: Path) -> str:
        return "/".join(display_name(Path(part)) for part in path.relative_to(self.inbox).parts)

    def _wait(self, path: Path, result: IntakeResult) -> None:
        result.waiting.append(self._relative(path))

    def _left(self, patterns: list[str], result: IntakeResult) -> list[LeftFile]:
        """Every file still in the folders the patterns look at, with the reason it stays."""
        waiting, suffixes = set(result.waiting), known_suffixes(patterns)
        left = []
        for path, is_link in files_under(self.inbox, scan_folders(patterns)):
            relative = self._relative(path)
            left.append(LeftFile(relative, left_reason(relative, patterns, suffixes, waiting, is_link)))
        if left:
            counts: dict[str, int] = {}
            for entry in left:
                counts[entry.reason] = counts.get(entry.reason, 0) + 1
            logger.info("files left in the inbox", **counts)
            self.audit.append("inbox_left", run_id=self.run_id, counts=counts)
        return left



def quarantine(work: Path, record: FileRecord, error: RpaError) -> Path:
    """Put a copy of an unreadable file in ``work/quarantine`` with a Japanese reason file."""
    folder = private_folder(work / "quarantine")
    target = _free_name(folder, record.name, reserve=max(len(REASON_SUFFIX.encode()), len(".partial")))
    _durable_copy(work / record.archived_as, target)
    reason = target.with_name(target.name + REASON_SUFFIX)
    write_private_text(
        reason, t("quarantine.reason_file", file=record.name, reason=error.message("ja"), sha256=record.sha256, lang="ja") + "\n",
    )
    return target
