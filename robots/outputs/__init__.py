"""Outputs after a run: the Excel ledger, Word notices and CSV exports, from the ledger."""

from robots.outputs.notices import write_notices
from robots.outputs.writer import ledger_table, state_label, write_outputs

__all__ = ["ledger_table", "state_label", "write_notices", "write_outputs"]
