"""Running a scenario: take the inbox's files in, read and check every form, enter the
valid records, write the outputs, and say what happened to each item.

    from robots.run import RunResources, run_scenario

    summary = run_scenario(scenario_dir, site_path)
    summary.exit_code, summary.final_outcomes()

A run works with a ``RunContext`` (robots/run/context.py); the reader and the enterer
announce ``ItemEvent``s through it (robots/run/events.py) and the listeners of
robots/run/listeners.py keep the ledger, the audit trail, the log and the ``RunSummary``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from robots.run.context import Progress, RunContext, RunPaths, RunResources, ledger_for
from robots.run.events import EventKind, ItemEvent, Listener
from robots.run.summary import Outcome, RunSummary

if TYPE_CHECKING:
    from robots.run.batch import run_scenario

__all__ = ["EventKind", "ItemEvent", "Listener", "Outcome", "Progress", "RunContext", "RunPaths", "RunResources",
           "RunSummary", "ledger_for", "run_scenario"]


def __getattr__(name: str) -> object:
    # run_scenario drives the reading and web robots, which take this package's context and
    # events: it is imported on first use so that they can import this package.
    if name == "run_scenario":
        from robots.run.batch import run_scenario

        return run_scenario
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
