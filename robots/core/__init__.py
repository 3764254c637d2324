"""What every stage of a run shares: the run context (scenario, site, folders, ledger, audit,
resources lent by the caller), the item events stages announce, and the run summary.

The stages (robots.intake, robots.reading, robots.web, robots.outputs, robots.reports) import
this package; robots.run drives them."""

from robots.core.attachments import ArchivedFile, archive_attachments, archived_attachments, attachment_folder
from robots.core.context import Progress, RunContext, RunPaths, RunResources, ledger_for, masked_fields, new_run_id
from robots.core.events import EventKind, ItemEvent, Listener
from robots.core.stop import RunStopped, StopRequest
from robots.core.summary import Outcome, RunSummary

__all__ = ["ArchivedFile", "EventKind", "ItemEvent", "Listener", "Outcome", "Progress", "RunContext", "RunPaths", "RunResources",
           "RunStopped", "RunSummary", "StopRequest", "archive_attachments", "archived_attachments", "attachment_folder",
           "ledger_for", "masked_fields", "new_run_id"]
