"""Checking the whole trail: archive files, the table's chain, and signed checkpoints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from shared.audit.archive import read_archive, verify_archives
from shared.audit.chain import GENESIS, ChainAuditStore, Finding
from shared.audit.checkpoint import check_signature, read_checkpoint

__all__ = ["TrailReport", "verify_trail"]


@dataclass
class TrailReport:
    records: int = 0
    finding: Finding | None = None
    checkpoints: int = 0
    bad_signatures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.finding is None and not self.bad_signatures


def _archived_hash(folder: Path, seq: int) -> str | None:
    for path in sorted(folder.glob("audit-*.jsonl")):
        first, last = (int(part) for part in path.stem.split("-")[1:3])
        if first <= seq <= last:
            return next((h for s, _t, _b, h in read_archive(path) if s == seq), None)
    return None


def verify_trail(audit: ChainAuditStore, archive: Path | None = None, checkpoints: Iterable[Path] = (),
                 public_key: str | None = None) -> TrailReport:
    """Archives, then the table, then each checkpoint (signature with ``public_key``, then its head hash)."""
    report = TrailReport()
    archived, last, last_hash, finding = verify_archives(archive) if archive else (0, 0, GENESIS, None)
    head = audit.head()
    if finding is None and (head["base_seq"], head["base_hash"]) != (last, last_hash):
        finding = Finding(min(last, head["base_seq"]) + 1, "removed")
    count, in_table = audit.verify()
    report.records, report.finding = archived + count, finding or in_table
    for path in checkpoints:
        checkpoint = read_checkpoint(path)
        report.checkpoints += 1
        if public_key is not None and not check_signature(checkpoint, public_key):
            report.bad_signatures.append(Path(path).name)
            continue
        size = int(checkpoint["tree_size"])
        if size == 0:
            continue
        found: Finding | None
        if size > head["seq"]:
            found = Finding(head["seq"] + 1, "removed")
        else:
            stored = audit.hash_at(size) if size > head["base_seq"] else (_archived_hash(archive, size) if archive else None)
            found = None if stored == checkpoint["head_hash"] else Finding(size, "rewritten")
        if found is not None and (report.finding is None or found.seq < report.finding.seq):
            report.finding = found
    return report
