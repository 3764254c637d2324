"""A run's HTML report written again from its saved run data and the ledger, optionally with
personal data (then only into the work folder, owner-only, never the shared output folder)."""

from __future__ import annotations

import json
from pathlib import Path

from robots.core import RunPaths, ledger_for
from robots.reports.html import render_report
from shared.config import validate_all
from shared.errors import InputFileError
from shared.files import write_private_text
from shared.ledger import site_keys
from shared.messages import t

__all__ = ["rebuild_report"]


def rebuild_report(scenario: Path, site: Path, run_id: str | None = None, show_personal_data: bool = False) -> Path:
    """Write the HTML report of run ``run_id`` (default: the latest) again; with personal
    data it goes to work/reports/ (owner-only), else to the output folder. Returns its path."""
    loaded, profile = validate_all(scenario, site)
    assert profile is not None
    paths = RunPaths.of(profile, site)
    runs = sorted((paths.work / "reports").glob("run-*.json"))
    chosen = paths.work / "reports" / f"run-{run_id}.json" if run_id else (runs[-1] if runs else None)
    if chosen is None or not chosen.is_file():
        raise InputFileError("report.no_run", path=str(paths.work / "reports"))
    data = json.loads(chosen.read_text(encoding="utf-8"))
    with ledger_for(profile, paths, keys=site_keys(profile, site)) as ledger:
        html = render_report(loaded, paths.work, data, ledger.items(loaded.scenario.id), ledger.files(),
                             show_personal_data=show_personal_data)
    folder = paths.work / "reports" if show_personal_data else paths.output
    target = folder / f"{t('report.file_stem')}_{data['run_id']}{'_個人情報あり' if show_personal_data else ''}.html"
    return write_private_text(target, html)  # owner-only on POSIX; on Windows the folder's ACL applies
