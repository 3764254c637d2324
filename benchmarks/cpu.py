"""CPU time of processes and their descendants, read from Linux's ``/proc`` (elsewhere:
None, and the benchmarks print wall time only). On a loaded machine wall time moves with
whatever else runs; the CPU a side's browser, driver and Python thread spent does much less.

    before = child_pids(os.getpid())
    ...start something...
    mine = child_pids(os.getpid()) - before
    tree_cpu_s(mine)   # seconds of CPU so far, of those processes and all below them
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["child_pids", "tree_cpu_s"]

PROC = Path("/proc")


def _table() -> dict[int, tuple[int, float]] | None:
    """Every process: its parent and the CPU seconds it and its reaped children used."""
    if not PROC.is_dir() or not hasattr(os, "sysconf"):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, float]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        # after the name: state ppid ... utime(12) stime(13) cutime(14) cstime(15), counted from state = 0
        table[int(entry.name)] = (int(fields[1]), sum(int(v) for v in fields[11:15]) / tick)
    return table


def child_pids(pid: int) -> set[int]:
    """The direct children of ``pid`` now (empty where ``/proc`` is not there)."""
    table = _table() or {}
    return {child for child, (parent, _) in table.items() if parent == pid}


def tree_cpu_s(pids: Iterable[int]) -> float | None:
    """CPU seconds used so far by ``pids`` and every process below them (None without ``/proc``)."""
    table = _table()
    if table is None:
        return None
    roots = set(pids)
    below: dict[int, list[int]] = {}
    for child, (parent, _) in table.items():
        below.setdefault(parent, []).append(child)
    total, todo, seen = 0.0, [p for p in roots if p in table], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += table[pid][1]
        todo.extend(below.get(pid, []))
    return total
