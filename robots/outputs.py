"""Outputs written after a run, from the ledger (so re-runs never duplicate rows)."""

from __future__ import annotations

from pathlib import Path

from connectors.excel import write_ledger
from shared.config.scenario import Scenario
from shared.ledger import Item
from shared.messages import get_language, t

__all__ = ["state_label", "write_outputs"]


def state_label(state: str) -> str:
    return t(f"state.{state}")


def write_outputs(scenario: Scenario, items: list[Item], output_dir: Path) -> list[Path]:
    written: list[Path] = []
    for output in scenario.outputs:
        if output.kind == "excel_ledger":
            columns = [c for c in (output.columns or []) if not scenario.fields[c].mask]
            header = [t("ledger.col.no"), t("ledger.col.file"), t("ledger.col.state"), t("ledger.col.receipt"),
                      t("ledger.col.reason"), t("ledger.col.updated"), *(scenario.fields[c].label for c in columns)]
            reason_key = "message_en" if get_language() == "en" else "message"
            rows = [
                [item.id, item.source_name, state_label(item.state.value), item.receipt_no or "",
                 item.reason_params.get(reason_key, ""),
                 item.updated_at.strftime("%Y-%m-%d %H:%M:%S") if item.updated_at else "",
                 *(_cell(item.public.get(c)) for c in columns)]
                for item in items
            ]
            written.append(write_ledger(output_dir / output.file, output.sheet, header, rows))
    return written


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "✓" if value else ""
    return "" if value is None else value
