"""Audit trail speed: synchronous append rate (events/s; every append committed with
SQLite WAL + synchronous=FULL before it returns) for one writer and for 8 threads sharing
commits, against a plain JSON-lines file fsync'ed per event; verify rate (records/s)
against only reading the same rows. Goals: append >= 5,000 events/s, verify >= 100,000 records/s."""

from __future__ import annotations

import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from shared.audit import JsonlAuditStore, open_audited_ledger

__all__ = ["AuditResult", "measure_audit", "print_audit"]

APPEND_GOAL = 5_000
VERIFY_GOAL = 100_000
THREADS = (8, 32)


@dataclass
class AuditResult:
    events: int
    baseline_jsonl_per_s: float
    append_per_s: float
    append_8_threads_per_s: float
    append_32_threads_per_s: float
    verify_records: int
    verify_per_s: float
    read_only_per_s: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def _event(i: int) -> dict[str, object]:
    return {"run_id": "20261123-000000-abcdef", "item_id": i, "state": "done", "attempt": 1, "key_hash": f"{i:064x}"}


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def measure_audit(events: int = 3000, verify_records: int = 100_000) -> AuditResult:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with JsonlAuditStore(work / "audit.jsonl") as plain:
            start = time.perf_counter()
            for i in range(events):
                plain.append("item_state", **_event(i))
            baseline = _rate(events, time.perf_counter() - start)
        with open_audited_ledger(work / "ledger.sqlite3", "bench") as (_ledger, audit):
            start = time.perf_counter()
            for i in range(events):
                audit.append("item_state", **_event(i))
            single = _rate(events, time.perf_counter() - start)
            grouped = [_threaded(audit, events, count) for count in THREADS]
            with audit.engine.begin() as conn:  # fill up to the verify size quickly (one transaction)
                for i in range(max(0, verify_records - events * (1 + len(THREADS)))):
                    audit.append_in(conn, "item_state", **_event(i))
            start = time.perf_counter()
            count, finding = audit.verify()
            verify = _rate(count, time.perf_counter() - start)
            assert finding is None
            raw = audit.engine.raw_connection()
            start = time.perf_counter()
            cursor = raw.cursor()
            cursor.execute("SELECT seq, time, body, hash FROM audit_records ORDER BY seq")
            read = sum(len(rows) for rows in iter(lambda: cursor.fetchmany(5000), []))
            read_only = _rate(read, time.perf_counter() - start)
            raw.close()
    return AuditResult(events, baseline, single, *grouped, count, verify, read_only)


def _threaded(audit, events: int, count: int) -> float:
    """Append rate with ``count`` threads appending at once (they share commits)."""
    per_thread = events // count
    threads = [threading.Thread(target=lambda: [audit.append("item_state", **_event(i)) for i in range(per_thread)])
               for _ in range(count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _rate(per_thread * count, time.perf_counter() - start)


def print_audit(result: AuditResult) -> None:
    print(f"監査ログ追記 (audit append, synchronous, SQLite WAL synchronous=FULL, {result.events} events):")
    print(f"  1スレッド (one writer): {result.append_per_s:,.0f} 件/秒 (events/s); "
          f"比較 JSONL+fsync (baseline): {result.baseline_jsonl_per_s:,.0f} 件/秒; "
          f"比 (ratio): {result.append_per_s / result.baseline_jsonl_per_s:.2f}×")
    for count, rate in zip(THREADS, (result.append_8_threads_per_s, result.append_32_threads_per_s), strict=False):
        print(f"  {count}スレッド・グループコミット ({count} threads, group commit): {rate:,.0f} 件/秒; "
              f"比 (ratio): {rate / result.baseline_jsonl_per_s:.2f}×; 目標 (goal) ≥ {APPEND_GOAL:,}")
    print(f"監査ログ検証 (audit verify, {result.verify_records:,} records): {result.verify_per_s:,.0f} 件/秒 (records/s); "
          f"比較 読み出しのみ (read only): {result.read_only_per_s:,.0f} 件/秒; "
          f"比 (ratio): {result.verify_per_s / result.read_only_per_s:.2f}×; 目標 (goal) ≥ {VERIFY_GOAL:,}")
