"""Outputs written after a run, from the ledger: the Excel ledger (rows appended, never
rewritten, never twice), Word notices, and CSV exports. An output that cannot be written
(open in Excel) is reported and the others are still written; nothing is lost, because
the next run writes what is missing from the ledger again. A character a CP932 CSV cannot
hold is written as 〓U+XXXX in the robot's own texts (reason, file name, state); in a
record's field it leaves out that row only, named in the problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from connectors.office import write_csv
from connectors.office.csvfile import fit_rows
from connectors.office.ledger_book import LedgerRow, append_ledger
from robots.core.display import shown_value as _cell  # the same text as the review sheet's "value read"
from robots.outputs.notices import write_notices
from shared.config.columns import ROBOT_KEYS, output_columns
from shared.config.scenario import OutputSpec, Scenario
from shared.errors import BusinessError, RpaError
from shared.ledger import Item
from shared.messages import get_language, t

__all__ = ["ledger_table", "state_label", "write_outputs"]

_FLAGGED = frozenset({"failed_business", "needs_review"})


def state_label(state: str) -> str:
    return t(f"state.{state}")


def ledger_table(scenario: Scenario, output: OutputSpec, items: list[Item],
                 values: Mapping[int, Mapping[str, object]] | None = None,
                 encoding: str | None = None) -> tuple[list[str], list[tuple[Item, list[object]]]]:
    """Header and rows (with their items) of a ledger or CSV: fields with ``mask: true``
    are masked unless listed in the output's ``allow``. A flagged row (bad data, or waiting
    for review) shows the values as read in this run (a flagged field: the text read) next
    to its reason, so a clerk sees what was flagged; allowed fields included. ``encoding``:
    the CSV's (a ticked box is レ where ✓ cannot be written, robots.core.display). The
    header is ``output_columns``' titles: two fields of one label get two columns, each
    header naming its field."""
    columns = list(output.columns or [])
    header = [column.title for column in output_columns(scenario, output)]  # unique: a repeated label says which field
    reason_key = "message_en" if get_language() == "en" else "message"
    states = set(output.written_states)
    rows = []
    for item in items:
        if item.state.value not in states:
            continue
        kept = (values or {}).get(item.id) or item.values or {}
        flagged = item.state.value in _FLAGGED
        cells = []
        for name in columns:
            if not scenario.fields[name].mask:
                cells.append(_cell(kept[name] if flagged and name in kept else item.public.get(name), encoding))
            elif name in output.allow and name in kept:
                cells.append(_cell(kept.get(name), encoding))
            else:
                cells.append(t("output.masked"))
        rows.append((item, [item.id, item.source_name, state_label(item.state.value), item.receipt_no or "",
                            item.reason_params.get(reason_key, ""),
                            _local(item.updated_at).strftime("%Y-%m-%d %H:%M:%S") if item.updated_at else "", *cells]))
    return header, rows


def _local(moment: dt.datetime) -> dt.datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone()


def _sheet(scenario: Scenario, output: OutputSpec, item: Item) -> str:
    if output.sheet_per == "scenario":
        return scenario.title
    if output.sheet_per == "month":
        moment = _local(item.updated_at) if item.updated_at else dt.datetime.now()
        return f"{moment.year}年{moment.month:02d}月"
    return output.sheet


def _write_ledger(scenario: Scenario, output: OutputSpec, items: list[Item], output_dir: Path,
                  values: Mapping[int, Mapping[str, object]]) -> Path:
    _, rows = ledger_table(scenario, output, items, values)
    columns = {column.key: column.title for column in output_columns(scenario, output)}  # by key, never by label
    choices = {}
    for name in output.columns or []:
        spec = scenario.fields[name]
        if spec.type == "choice" and spec.options:
            choices[name] = list(spec.options)
    path = output_dir / output.file
    ledger_rows = [LedgerRow(f"{scenario.id}:{item.id}:{item.state.value}", _sheet(scenario, output, item),
                             dict(zip(columns, row, strict=True))) for item, row in rows]
    append_ledger(path, columns, ledger_rows, choices, identity=["_no", "_state"])
    return path


ROBOT_COLUMNS = len(ROBOT_KEYS)
"""The columns of a ledger or CSV the robot writes itself (No, file, state, receipt, reason,
updated); the record's fields follow."""


def _write_csv(scenario: Scenario, output: OutputSpec, items: list[Item], output_dir: Path,
               values: Mapping[int, Mapping[str, object]], problems: list[str] | None) -> Path:
    header, rows = ledger_table(scenario, output, items, values, output.encoding)
    exact = range(ROBOT_COLUMNS, len(header))  # a record's values are written as they are, or not at all
    header, fitted, left_out = fit_rows(header, [r for _, r in rows], output.encoding, exact=exact)
    for row in left_out:
        item = rows[row.index][0]
        error = BusinessError("csv.row_left_out", file=output.file, item=str(item.id), source=item.source_name,
                              column=row.column, code=row.code, encoding=output.encoding)
        if problems is None:
            raise error
        problems.append(error.message())
    return write_csv(output_dir / output.file, header, fitted, output.encoding)


def write_outputs(scenario: Scenario, items: list[Item], output_dir: Path, *, folder: Path | None = None,
                  values: Mapping[int, Mapping[str, object]] | None = None,
                  problems: list[str] | None = None) -> list[Path]:
    """Write every output of ``scenario``; returns the ledgers, CSV files and notices written.
    ``values``: record values of items entered in this run (kept in memory only), for fields
    an output is allowed to hold. Problems are appended to ``problems`` as messages (when
    it is None, the first problem is raised)."""
    written: list[Path] = []
    values = values or {}
    for output in scenario.outputs:
        try:
            if output.kind == "excel_ledger":
                ledger = _write_ledger(scenario, output, items, output_dir, values)
                if ledger.exists():  # not made while there is nothing to record
                    written.append(ledger)
            elif output.kind == "csv":
                written.append(_write_csv(scenario, output, items, output_dir, values, problems))
            elif output.kind == "word_notice" and folder is not None:
                written += write_notices(scenario, folder, output, items, values, output_dir,
                                         problems if problems is not None else [])
        except RpaError as exc:
            if problems is None:
                raise
            problems.append(t("output.failed", file=output.file, reason=exc.message()))
    return written
