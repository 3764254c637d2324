"""Retention: records older than the site's retention move to an archive file that is
checked before they leave the table, and the table's chain then starts where the archive
ends. Nothing is deleted without a verified copy."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import delete, select, update

from shared.audit.chain import GENESIS, ChainAuditStore, Finding, head_table, records_table, verify_rows
from shared.errors import ApplicationError
from shared.files import ensure_private_file

__all__ = ["archive_before", "read_archive", "verify_archives"]


def read_archive(path: Path) -> Iterator[tuple[int, str, str, str]]:
    """(seq, time, body, hash) of each record of an archive file, in order."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield row["seq"], row["time"], row["body"], row["hash"]


def verify_archives(folder: Path) -> tuple[int, int, str, Finding | None]:
    """(records, last seq, last hash, first finding) over the archive files in order."""
    count, last, previous = 0, 0, GENESIS
    for path in sorted(Path(folder).glob("audit-*.jsonl")) if Path(folder).is_dir() else []:
        last, previous, checked, finding = verify_rows(read_archive(path), last, previous)
        count += checked
        if finding is not None:
            return count, last, previous, finding
    return count, last, previous, None


def archive_before(audit: ChainAuditStore, cutoff: str, folder: Path) -> Path | None:
    """Move the records with time < ``cutoff`` (ISO UTC) to a new archive file; None if there are none."""
    head = audit.head()
    with audit.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(
            select(records_table.c.seq, records_table.c.time, records_table.c.body, records_table.c.hash)
            .where(records_table.c.time < cutoff).order_by(records_table.c.seq))]
    rows = [r for i, r in enumerate(rows) if r[0] == head["base_seq"] + 1 + i]  # only an unbroken oldest run
    if not rows:
        return None
    last, last_hash, _count, finding = verify_rows(iter(rows), head["base_seq"], head["base_hash"])
    if finding is not None:
        raise ApplicationError("audit.archive_broken", seq=str(finding.seq))
    path = ensure_private_file(Path(folder) / f"audit-{rows[0][0]:010d}-{last:010d}.jsonl")
    with path.open("w", encoding="utf-8") as handle:
        for seq, time, body, digest in rows:
            handle.write(json.dumps({"seq": seq, "time": time, "body": body, "hash": digest}, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    again = verify_rows(read_archive(path), head["base_seq"], head["base_hash"])
    if again[3] is not None or (again[0], again[1]) != (last, last_hash):
        raise ApplicationError("audit.archive_broken", seq=str(last))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with audit.engine.begin() as conn:
        conn.execute(delete(records_table).where(records_table.c.seq <= last))
        conn.execute(update(head_table).where(head_table.c.id == 1).values(base_seq=last, base_hash=last_hash))
        audit.append_in(conn, "audit_archived", file=path.name, first=rows[0][0], last=last, sha256=digest)
    return path
