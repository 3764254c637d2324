"""Running a scenario: take the inbox's files in, read and check every form, enter the
valid records, write the outputs, and say what happened to each item.

    from robots.run import RunResources, run_scenario

    summary = run_scenario(scenario_dir, site_path)
    summary.exit_code, summary.final_outcomes()

A run works with a ``RunContext`` (robots/core/context.py); the reader and the enterer
announce ``ItemEvent``s through it (robots/core/events.py) and the listeners of
robots/run/listeners.py keep the ledger, the audit trail, the log and the ``RunSummary``.
"""

from robots.core import (
    EventKind,
    ItemEvent,
    Listener,
    Outcome,
    Progress,
    RunContext,
    RunPaths,
    RunResources,
    RunStopped,
    RunSummary,
    StopRequest,
    ledger_for,
)
from robots.run.batch import run_scenario
from robots.run.signals import stop_on_signals

__all__ = ["EventKind", "ItemEvent", "Listener", "Outcome", "Progress", "RunContext", "RunPaths", "RunResources",
           "RunStopped", "RunSummary", "StopRequest", "ledger_for", "run_scenario", "stop_on_signals"]
