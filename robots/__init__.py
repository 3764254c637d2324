"""jichitai-rpa: robots that read application forms, check them, enter the records into web
systems and write ledgers — the library's public face.

    from pathlib import Path
    import robots
    from shared.config import load_scenario

    loaded = load_scenario(Path("scenarios/jidou-teate-nintei"))
    [record] = robots.read_file(Path("claim-001.pdf"), loaded)     # one form, no ledger
    summary = robots.run_scenario(Path("scenarios/jidou-teate-nintei"), Path("mycity/site.yaml"))

The sub-packages follow the data flow (docs/architecture.md): ``intake``, ``reading``, ``web``,
``outputs``, ``reports``, with ``run`` driving them; ``authoring``, ``scheduling``, ``sharing``
and ``demo`` beside; ``cli`` is the command line. Names are loaded on first use, so importing
one sub-package does not start the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from robots.core import RunResources, RunSummary
    from robots.reading import FormRecord, read_file
    from robots.run import run_scenario
    from shared.ledger import open_ledger

__all__ = ["FormRecord", "RunResources", "RunSummary", "open_ledger", "read_file", "run_scenario"]

_WHERE = {
    "FormRecord": "robots.reading",
    "read_file": "robots.reading",
    "RunResources": "robots.core",
    "RunSummary": "robots.core",
    "run_scenario": "robots.run",
    "open_ledger": "shared.ledger",
}


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
