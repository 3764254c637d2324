"""Checking the whole trail: archive files, the table's chain, the ledger against the trail,
and signed checkpoints (the site's own and any copy kept elsewhere).

What each part catches (``docs``: the threat model in the security notes):

- the chain: a record changed, removed, inserted or reordered, and the newest ones removed
  while the head row was left alone;
- the ledger cross-check (``shared.audit.crosscheck``): the newest records, or all of them,
  removed together with the head row; a state changed in the ledger without a record;
- checkpoints: the chain rewritten from some record on and recomputed after it. With
  ``require_checkpoints`` (signing is configured) a trail with records must have a checkpoint
  whose signature checks with the configured public key, and every ``audit_checkpoint``
  record must have its file, so deleting the files does not hide a rewrite. A copy exported
  to a place the robot's account cannot write still catches a rewrite when the site's own
  files were deleted or re-signed with the robot's key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shared.audit.archive import read_archive, verify_archives
from shared.audit.chain import GENESIS, ChainAuditStore, Finding
from shared.audit.checkpoint import DIGEST, check_signature, read_checkpoint, record_digest
from shared.audit.crosscheck import ledger_findings, scan_trail

__all__ = ["TrailReport", "verify_trail"]


@dataclass
class TrailReport:
    records: int = 0
    findings: list[Finding] = field(default_factory=list)  # oldest record first
    checkpoints: int = 0  # checkpoints whose signature checked
    bad_signatures: list[str] = field(default_factory=list)
    no_checkpoint: bool = False  # checkpoints are required and the trail has none

    @property
    def finding(self) -> Finding | None:
        """The first bad record."""
        return self.findings[0] if self.findings else None

    @property
    def ok(self) -> bool:
        return not self.findings and not self.bad_signatures and not self.no_checkpoint


def _archive_files(folder: Path | None) -> list[Path]:
    return sorted(folder.glob("audit-*.jsonl")) if folder is not None and folder.is_dir() else []


def _archived(folder: Path | None) -> Iterator[tuple[int, str, str, str]]:
    for path in _archive_files(folder):
        yield from read_archive(path)


def _bodies(audit: ChainAuditStore, archive: Path | None, after: int, upto: int) -> Iterator[tuple[int, str, str]]:
    """(seq, body, hash) of the records after ``after`` up to ``upto``, archived or in the table."""
    base = audit.head()["base_seq"]
    if after < base:
        for seq, _time, body, digest in _archived(archive):
            if after < seq <= min(upto, base):
                yield seq, body, digest
    for seq, _time, body, digest in audit.rows(max(after, base), upto):
        yield seq, body, digest


def _hash_at(audit: ChainAuditStore, archive: Path | None, seq: int) -> str | None:
    return next((digest for s, _body, digest in _bodies(audit, archive, seq - 1, seq) if s == seq), None)


def _first_rewritten(audit: ChainAuditStore, archive: Path | None, checkpoint: dict[str, Any]) -> int | None:
    """The first record whose digest differs from the one the checkpoint holds (None: not in its span)."""
    digests, size = str(checkpoint.get("digests", "")), min(int(checkpoint["tree_size"]), audit.head()["seq"])
    try:
        start = int(checkpoint.get("digests_from", 1))
    except (TypeError, ValueError):
        return None
    for seq, body, _hash in _bodies(audit, archive, start - 1, size):
        expected = digests[(seq - start) * DIGEST:(seq - start + 1) * DIGEST]
        if not expected:
            return None
        if record_digest(body) != expected:
            return seq
    return None


def _check(audit: ChainAuditStore, archive: Path | None, checkpoint: dict[str, Any], name: str) -> Finding | None:
    """How the trail differs from one checkpoint whose signature checked."""
    size, head = int(checkpoint["tree_size"]), audit.head()
    if size == 0:
        return None
    if size <= head["seq"] and _hash_at(audit, archive, size) == checkpoint["head_hash"]:
        return None
    first = _first_rewritten(audit, archive, checkpoint)  # truncated and re-grown, or rewritten
    if first is not None:
        return Finding(first, "rewritten_here", {"file": name})
    if size > head["seq"]:
        return Finding(head["seq"] + 1, "removed")
    return Finding(size, "rewritten", {"file": name})


def verify_trail(audit: ChainAuditStore, archive: Path | None = None, checkpoints: Iterable[Path] = (),
                 public_key: str | None = None, *, require_checkpoints: bool = False,
                 cross_check: bool = True) -> TrailReport:
    """Archives, the table, the ledger (``cross_check``), then each checkpoint file (signature with
    ``public_key``, then the trail against it). ``require_checkpoints``: signing is configured, so
    a trail with records needs a checkpoint, and each ``audit_checkpoint`` record its file."""
    report = TrailReport()
    archived, last, last_hash, finding = verify_archives(archive) if archive else (0, 0, GENESIS, None)
    head = audit.head()
    found: list[Finding] = [finding] if finding is not None else []
    if finding is None and (head["base_seq"], head["base_hash"]) != (last, last_hash):
        found.append(Finding(min(last, head["base_seq"]) + 1, "removed"))
    count, in_table = audit.verify()
    report.records = archived + count
    if in_table is not None:
        found.append(in_table)
    scan = scan_trail(audit, ((seq, body) for seq, _t, body, _h in _archived(archive)))
    if cross_check:
        found += ledger_findings(scan)
    good: set[tuple[int, str]] = set()
    for path in checkpoints:
        checkpoint = read_checkpoint(path)
        if checkpoint is None or (public_key is not None and not check_signature(checkpoint, public_key)):
            report.bad_signatures.append(Path(path).name)
            continue
        report.checkpoints += 1
        good.add((int(checkpoint["tree_size"]), str(checkpoint["head_hash"])))
        mismatch = _check(audit, archive, checkpoint, Path(path).name)
        if mismatch is not None:
            found.append(mismatch)
    if require_checkpoints:
        report.no_checkpoint = not good and (head["seq"] > 0 or bool(scan.items) or bool(scan.runs))
        found += [Finding(seq, "checkpoint_missing", {"size": size})
                  for seq, size, digest in scan.checkpoints if (size, digest) not in good]
    report.findings = sorted(found, key=lambda f: f.seq)
    return report
