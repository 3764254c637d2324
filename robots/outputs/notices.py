"""Word notices (通知書), one per record, from the scenario's .docx template. Fields with
``mask: true`` are written masked unless the output lists them in ``allow``; file names
are built only from fields without personal data. A notice already written is never
written again."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from connectors.office import render_notice
from shared.config.notice_check import PLACEHOLDER
from shared.config.scenario import OutputSpec, Scenario
from shared.errors import RpaError
from shared.japanese.wareki import format_wareki
from shared.ledger import Item
from shared.messages import t

__all__ = ["display_value", "notice_name", "write_notices"]

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def display_value(spec_type: str, value: object) -> str:
    """A record value as printed on a notice: dates in 和暦, a ticked box as ✓."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if spec_type in ("date", "wareki_date"):
        try:
            date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            return format_wareki(date)
        except ValueError:
            return str(value)
    return str(value)


def notice_name(pattern: str, safe: Mapping[str, str]) -> str:
    """The file name from ``pattern`` with safe values; characters not allowed in file
    names on Windows become '_'."""
    name = PLACEHOLDER.sub(lambda m: safe.get(m.group(1), ""), pattern)
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:150] or "notice.docx"


def placeholder_values(scenario: Scenario, output: OutputSpec, item: Item,
                       values: Mapping[str, object] | None) -> dict[str, str] | None:
    """name -> text for one notice; None when an allowed personal field is no longer kept."""
    masked_text = t("output.masked")
    result: dict[str, str] = {"receipt_no": item.receipt_no or "", "item_id": str(item.id),
                              "today": format_wareki(dt.date.today())}
    for name, spec in scenario.fields.items():
        if not spec.mask:
            result[name] = display_value(spec.type, (values or item.public).get(name, item.public.get(name)))
        elif name not in output.allow:
            result[name] = masked_text
        elif values is None:
            return None
        else:
            result[name] = display_value(spec.type, values.get(name))
    return result


def write_notices(scenario: Scenario, folder: Path, output: OutputSpec, items: list[Item],
                  values: Mapping[int, Mapping[str, object]], output_dir: Path, problems: list[str]) -> list[Path]:
    """Write the notices not yet written; returns the new files."""
    assert output.template is not None
    template = folder / output.template
    states = set(output.written_states)
    written: list[Path] = []
    safe_names = {n for n, spec in scenario.fields.items() if not spec.mask}
    for item in items:
        if item.state.value not in states:
            continue
        fills = placeholder_values(scenario, output, item, values.get(item.id) or item.values)
        safe = {"receipt_no": item.receipt_no or f"No{item.id}", "item_id": str(item.id),
                **{n: display_value(scenario.fields[n].type, item.public.get(n)) for n in safe_names}}
        target = output_dir / notice_name(output.file, safe)
        if target.exists():
            continue
        if fills is None:
            problems.append(t("notice.values_gone", item=item.id))
            continue
        try:
            written.append(render_notice(template, fills, target))
        except RpaError as exc:
            problems.append(t("output.failed", file=target.name, reason=exc.message()))
            return written
    return written
