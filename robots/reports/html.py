"""The HTML run report: one self-contained file (inline CSS and SVG, images as data URIs)
that opens offline. Counts by state, a timeline of web steps with durations, a chart of
time per step, and per item the fields read beside the crop of the source form, the
screenshots taken and the reason of any failure.

Fields marked ``mask: true`` (personal data) are shown as ＊＊＊ and their crops left out,
unless the report is written with ``show_personal_data=True`` (the ``report html`` command,
on the local machine).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from robots.reports.chart import step_chart
from robots.reports.images import form_crops, screenshot_uri
from shared.config import LoadedScenario
from shared.files import write_private_text
from shared.ledger import FileRecord, Item, State
from shared.messages import get_language, t

if TYPE_CHECKING:
    from robots.core.summary import RunSummary

__all__ = ["MASK", "blank_fields", "render_report", "run_data", "write_run_report"]

MASK = "＊＊＊"
CSS = """
body{font-family:"IPAexGothic","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:22px;border-bottom:3px solid #036;padding-bottom:6px}h2{font-size:18px;margin-top:28px;color:#036}
table{border-collapse:collapse;margin:8px 0;background:#fff}th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#e8eef5}.num{text-align:right}.fail{color:#a00}.ok{color:#060}.muted{color:#777}
.item{background:#fff;border:1px solid #ccc;margin:10px 0;padding:8px 12px}.item summary{cursor:pointer;font-weight:bold}
img.crop{max-height:60px;max-width:420px;border:1px solid #ddd}img.shot{max-width:900px;border:1px solid #999;margin:4px 0}
.counts td.num{font-size:20px;font-weight:bold}
td.masked{background:#e4e4e4;letter-spacing:2px}td.blank{font-style:italic}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def run_data(summary: RunSummary, blank: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """What the report needs from a run that the ledger does not keep (no personal data):
    ``blank`` names, per item id, the fields left empty on the form (so that a hidden value
    and an empty one look different once the ledger has forgotten the values)."""
    return {
        "run_id": summary.run_id,
        "scenario_id": summary.scenario_id,
        "written_at": dt.datetime.now().isoformat(timespec="seconds"),
        "items": [o.item_id for o in summary.final_outcomes()],
        "skipped": summary.skipped,
        "left": [list(entry) for entry in summary.left_files],
        "fatal": summary.fatal,
        "timings": [timing.as_dict() for timing in summary.step_timings],
        "blank": blank or {},
    }


def write_run_report(loaded: LoadedScenario, work: Path, output: Path, summary: RunSummary,
                     items: list[Item], files: list[FileRecord],
                     values: dict[int, dict[str, object]] | None = None) -> Path:
    """Write the run's data (work/reports/run-ID.json) and its HTML report (masked) into
    ``output``; returns the report's path. ``values``: the records this run entered or
    flagged (in memory only), from which the blank fields are noted."""
    data = run_data(summary, blank_fields(loaded, items, values or {}, set(o.item_id for o in summary.final_outcomes())))
    data_path = work / "reports" / f"run-{summary.run_id}.json"
    write_private_text(data_path, json.dumps(data, ensure_ascii=False, indent=1))
    report = output / f"{t('report.file_stem')}_{summary.run_id}.html"
    write_private_text(report, render_report(loaded, work, data, items, files))  # owner-only, like the ledgers
    return report


def blank_fields(loaded: LoadedScenario, items: list[Item], values: dict[int, dict[str, object]],
                 in_run: set[int]) -> dict[str, list[str]]:
    """Per item of the run whose record is known, the fields left empty (names only)."""
    blank: dict[str, list[str]] = {}
    for item in items:
        record = values.get(item.id) or item.values
        if item.id in in_run and record:
            blank[str(item.id)] = [name for name in loaded.scenario.fields if record.get(name) in (None, "")]
    return blank


def render_report(loaded: LoadedScenario, work: Path, data: dict[str, Any], items: list[Item],
                  files: list[FileRecord], *, show_personal_data: bool = False) -> str:
    """The report as one HTML text."""
    scenario = loaded.scenario
    in_run = set(data["items"])
    run_items = [item for item in items if item.id in in_run]
    timings = data["timings"]
    parts = [
        f"<!DOCTYPE html><html lang=\"{get_language()}\"><head><meta charset=\"utf-8\">",
        f"<title>{_e(t('report.title', scenario=scenario.title, run_id=data['run_id']))}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(t('report.title', scenario=scenario.title, run_id=data['run_id']))}</h1>",
        f"<p class=\"muted\">{_e(t('report.written', at=data['written_at']))}",
        f" {_e(t('report.personal_shown' if show_personal_data else 'report.personal_masked'))}</p>",
    ]
    if data.get("fatal"):
        parts.append(f"<p class=\"fail\" id=\"fatal\">{_e(t('summary.fatal'))} {_e(data['fatal'])}</p>")
    parts += _counts(items, run_items, data)
    parts += _left(data.get("left", []))
    parts += _timeline(timings)
    parts.append(f"<h2>{_e(t('report.items'))}</h2><p class=\"muted\" id=\"legend\">{_e(t('report.legend'))}</p>")
    sha_to_file = {record.sha256: record for record in files}
    shots = _screenshots(work / "screenshots" / data["run_id"])
    for item in run_items:
        parts.append(_item(loaded, work, item, sha_to_file.get(item.source_sha256), timings, shots.pop(_label(item), []),
                           show_personal_data, set(data.get("blank", {}).get(str(item.id), []))))
    if any(shots.values()):
        parts.append(f"<h2>{_e(t('report.other_screenshots'))}</h2>")
        parts += [f"<img class=\"shot\" alt=\"{_e(name)}\" src=\"{uri}\">" for group in shots.values() for name, uri in group]
    parts.append("</body></html>")
    return "\n".join(parts)


def _label(item: Item) -> str:
    return f"item-{item.id:05d}"  # the robot's item label (robots/web/entry.py)


def _counts(items: list[Item], run_items: list[Item], data: dict[str, Any]) -> list[str]:
    ledger = Counter(item.state.value for item in items)
    run = Counter(item.state.value for item in run_items)
    rows = [f"<h2>{_e(t('report.counts'))}</h2><table class=\"counts\" id=\"counts\"><tr><th>{_e(t('ledger.col.state'))}</th>"
            f"<th>{_e(t('report.col.ledger'))}</th><th>{_e(t('report.col.this_run'))}</th></tr>"]
    for state in State:
        if ledger[state.value] or run[state.value]:
            rows.append(f"<tr><td>{_e(t('state.' + state.value))}</td><td class=\"num\" data-state=\"{state.value}\">"
                        f"{ledger[state.value]}</td><td class=\"num\" data-run-state=\"{state.value}\">{run[state.value]}</td></tr>")
    rows.append(f"<tr><th>{_e(t('report.total'))}</th><td class=\"num\" id=\"ledger-total\">{len(items)}</td>"
                f"<td class=\"num\" id=\"run-total\">{len(run_items)}</td></tr></table>")
    rows.append(f"<p>{_e(t('summary.read', count=len(run_items), skipped=data.get('skipped', 0)))}</p>")
    return rows


def _left(left: list[list[str]]) -> list[str]:
    """The files left in the inbox, each with its reason."""
    if not left:
        return []
    rows = [f"<h2>{_e(t('report.left'))}</h2><ul id=\"left-files\">"]
    rows += [f"<li data-reason=\"{_e(reason)}\">{_e(name)}: {_e(t('inbox.left.' + reason))}</li>" for name, reason in left]
    return rows + ["</ul>"]


def _timeline(timings: list[dict[str, Any]]) -> list[str]:
    """The time of entry and what it is made of: the table's rows (login, then each item) add
    up to the steps' total; with the time between steps they make the headline's total. In
    presenter mode its time (slow motion, banner, highlight, Enter) is part of the time between
    steps, shown apart, never in a step's own time."""
    if not timings:
        return [f"<h2>{_e(t('report.timeline'))}</h2><p class=\"muted\">{_e(t('report.no_steps'))}</p>"]
    start = min(x["started"] - (x.get("paced") or 0.0) for x in timings)  # a presenter's pause before the first step too
    end = max(x["started"] + x["seconds"] for x in timings)
    by_item: dict[str, list[dict[str, Any]]] = {}
    for timing in timings:
        by_item.setdefault(timing["item"], []).append(timing)
    # rounded first, so that the figures shown add up exactly
    totals = {item: round(sum(s["seconds"] for s in steps if s["kind"] != "in_frame"), 2)  # in_frame holds its inner steps
              for item, steps in by_item.items()}
    elapsed = round(end - start, 2)
    steps_total = round(sum(totals.values()), 2)
    between = round(max(0.0, elapsed - steps_total), 2)
    elapsed = round(steps_total + between, 2)
    presenting = any(x.get("paced") is not None for x in timings)
    paced = round(min(between, sum(x.get("paced") or 0.0 for x in timings)), 2)
    rows = [f"<h2>{_e(t('report.timeline'))}</h2>",
            f"<p id=\"elapsed\" data-total=\"{elapsed:.2f}\" data-steps=\"{steps_total:.2f}\" data-between=\"{between:.2f}\">"
            + _e(t("report.elapsed_parts", total=f"{elapsed:.2f}", steps=f"{steps_total:.2f}",
                   login=f"{totals.get('login', 0.0):.2f}", between=f"{between:.2f}")) + "</p>",
            f"<p id=\"between\" data-paced=\"{paced:.2f}\">" + _e(t("report.between_presenter", between=f"{between:.2f}", paced=f"{paced:.2f}",
                                        other=f"{round(between - paced, 2):.2f}") if presenting
                                    else t("report.between_robot", between=f"{between:.2f}")) + "</p>",
            f"<table id=\"timeline\"><tr><th>{_e(t('report.col.item'))}</th><th>{_e(t('report.col.started'))}</th>"
            f"<th>{_e(t('report.col.steps'))}</th><th>{_e(t('report.col.seconds'))}</th></tr>"]
    for item, steps in by_item.items():
        first = min(s["started"] for s in steps) - start
        failed = sum(1 for s in steps if not s["ok"])
        mark = f" <span class=\"fail\">{_e(t('report.failed_steps', count=failed))}</span>" if failed else ""
        rows.append(f"<tr class=\"part\"><td>{_e(item)}</td><td class=\"num\">+{first:.1f}s</td><td class=\"num\">"
                    f"{len(steps)}{mark}</td><td class=\"num\" data-seconds=\"{totals[item]:.2f}\">{totals[item]:.2f}</td></tr>")
    rows += [f"<tr><th colspan=\"3\">{_e(t('report.total_row'))}</th><td class=\"num\" id=\"steps-total\">{steps_total:.2f}</td></tr>",
             f"<tr><th colspan=\"3\">{_e(t('report.between_row'))}</th><td class=\"num\" id=\"between-total\">{between:.2f}</td></tr>",
             f"<tr><th colspan=\"3\">{_e(t('report.elapsed_row'))}</th><td class=\"num\" id=\"elapsed-total\">{elapsed:.2f}</td></tr>",
             "</table>", f"<h2>{_e(t('report.chart'))}</h2>", step_chart(timings)]
    return rows


def _screenshots(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Screenshots of the run (already masked by the robot), grouped by item label."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.png")) if folder.is_dir() else []:
        label = path.stem[:10] if path.stem.startswith("item-") else "other"
        groups.setdefault(label, []).append((path.stem, screenshot_uri(path)))
    return groups


def _item(loaded: LoadedScenario, work: Path, item: Item, record: FileRecord | None, timings: list[dict[str, Any]],
          shots: list[tuple[str, str]], show_personal_data: bool, blank: set[str]) -> str:
    scenario = loaded.scenario
    state_class = "ok" if item.state in (State.DONE, State.READ) else "fail"
    head = (f"<details class=\"item\" data-item=\"{item.id}\" data-state=\"{item.state.value}\" open><summary>"
            f"{_e(item.source_name)} — <span class=\"{state_class}\">{_e(t('state.' + item.state.value))}</span>")
    if item.receipt_no:
        head += f" {_e(t('summary.receipt', receipt=item.receipt_no))}"
    parts = [head + "</summary>"]
    reason = (item.reason_params or {}).get("message_en" if get_language() == "en" else "message")
    if reason and item.state not in (State.DONE, State.READ):
        parts.append(f"<p class=\"fail reason\">{_e(reason)}</p>")
    values = _values(loaded, work, item, record, show_personal_data)
    if values:
        visible = [name for name, spec in scenario.fields.items() if show_personal_data or not spec.mask]
        crops = _crops(loaded, work, item, record, visible)
        parts.append(f"<table class=\"fields\"><tr><th>{_e(t('report.col.field'))}</th><th>{_e(t('report.col.value'))}</th>"
                     f"<th>{_e(t('report.col.image'))}</th></tr>")
        for name, spec in scenario.fields.items():
            crop = crops.get(name)
            image = f"<img class=\"crop\" data-field=\"{_e(name)}\" alt=\"{_e(spec.label)}\" src=\"{crop}\">" if crop else ""
            cell = _value_cell(name, values, hidden=spec.mask and not show_personal_data, blank=name in blank)
            parts.append(f"<tr><td>{_e(spec.label)}</td>{cell}<td>{image}</td></tr>")
        parts.append("</table>")
    steps = [s for s in timings if s["item"] == _label(item)]
    if steps:
        parts.append(f"<details><summary>{_e(t('report.steps_of_item', count=len(steps)))}</summary><table>")
        parts += [f"<tr><td>{_e(s['step'])}</td><td class=\"num\">{s['seconds']:.2f}s</td>"
                  f"<td>{'' if s['ok'] else _e(t('report.step_failed'))}</td></tr>" for s in steps]
        parts.append("</table></details>")
    parts += [f"<div><img class=\"shot\" alt=\"{_e(name)}\" src=\"{uri}\"></div>" for name, uri in shots]
    parts.append("</details>")
    return "\n".join(parts)


def _value_cell(name: str, values: dict, *, hidden: bool, blank: bool) -> str:
    """A field's value cell: hidden personal data (＊＊＊), left blank on the form, or the value."""
    field = f" data-field=\"{_e(name)}\""
    if hidden and not blank:
        return f"<td class=\"masked\"{field} title=\"{_e(t('report.masked_title'))}\">{MASK}</td>"
    value = values.get(name)
    if blank or (name in values and value in (None, "")):
        return f"<td class=\"blank muted\"{field}>{_e(t('report.blank'))}</td>"
    return f"<td{field}>{_e(_format(value))}</td>"


def _format(value: object) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "✓"
    if value is False:
        return "□"
    return str(value)


def _values(loaded: LoadedScenario, work: Path, item: Item, record: FileRecord | None, show_personal_data: bool) -> dict:
    """Public values from the ledger; with personal data shown, the full record (kept while
    the item is open, else read again from the archived digital PDF)."""
    values = dict(item.public or {})
    if not show_personal_data:
        return values
    if item.values:
        return {**values, **item.values}
    if record is not None and (work / record.archived_as).suffix.lower() == ".pdf":
        from robots.reading.pdf_form import read_form

        template = loaded.templates[record.template or loaded.scenario.inputs[0].template]
        try:
            return {**values, **read_form(work / record.archived_as, template, loaded.scenario.fields).json_values()}
        except Exception:  # a file that cannot be read again keeps its public values
            return values
    return values


def _crops(loaded: LoadedScenario, work: Path, item: Item, record: FileRecord | None, names: list[str]) -> dict[str, str]:
    if record is None or item.public is None or not item.public and not item.values:
        return {}
    from robots.reading.reader import is_scan

    path = work / record.archived_as
    template = loaded.templates[record.template or loaded.scenario.inputs[0].template]
    if not path.is_file():
        return {}
    return form_crops(path, template, loaded.folder, names, is_scan(path, template))
