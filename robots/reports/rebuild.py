"""A run's HTML report written again from its saved run data and the ledger, optionally with
personal data (then only into the work folder, owner-only, never the shared output folder)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from robots.core import RunPaths, ledger_for
from robots.reports.html import render_report
from shared.config import load_site, validate_all
from shared.errors import ConfigError, InputFileError
from shared.files import write_private_text
from shared.ledger import site_keys
from shared.messages import t

__all__ = ["rebuild_report", "recorded_runs", "site_runs"]

RUN_ID = re.compile(r"[0-9]{8}-[0-9]{6}-[0-9A-Za-z]{1,32}")
"""What a run ID looks like (robots.run: date-time-random); nothing else names a file here."""


def recorded_runs(reports: Path) -> list[tuple[str, int]]:
    """(run id, items taken up) of every run recorded in the work folder's reports/, oldest first."""
    runs = []
    for path in sorted(Path(reports).glob("run-*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        runs.append((str(data.get("run_id", path.stem[4:])), len(data.get("items", []))))
    return runs


def site_runs(site: Path) -> list[tuple[str, int]]:
    """``recorded_runs`` of the site profile at ``site``."""
    return recorded_runs(RunPaths.of(load_site(site), site).work / "reports")


def _secret_names(site: Path) -> tuple[str, ...]:
    """The site's secret names: a report logs in nowhere, so they need not resolve here (the
    demo lends its run the sample system's password; the ledger's key is looked up on its own)."""
    try:
        return tuple(load_site(site).secrets)
    except ConfigError:
        return ()  # validate_all names the problems


def rebuild_report(scenario: Path, site: Path, run_id: str | None = None, show_personal_data: bool = False) -> Path:
    """Write the HTML report of run ``run_id`` (default: the latest) again; with personal
    data it goes to work/reports/ (owner-only), else to the output folder. Returns its path.
    An unknown or malformed run ID is refused, naming the runs recorded."""
    loaded, profile = validate_all(scenario, site, _secret_names(site))
    assert profile is not None
    paths = RunPaths.of(profile, site)
    reports = paths.work / "reports"
    runs = recorded_runs(reports)
    listed = "、".join(run for run, _ in runs[-5:]) or "-"
    if run_id is not None and not RUN_ID.fullmatch(run_id):
        raise InputFileError("report.bad_run_id", run_id=run_id, runs=listed)
    if run_id is None and not runs:
        raise InputFileError("report.no_run", path=str(reports))
    chosen = reports / f"run-{run_id or runs[-1][0]}.json"
    if not chosen.is_file():
        raise InputFileError("report.unknown_run", run_id=run_id, path=str(reports), runs=listed)
    data = json.loads(chosen.read_text(encoding="utf-8"))
    with ledger_for(profile, paths, keys=site_keys(profile, site)) as ledger:
        html = render_report(loaded, paths.work, data, ledger.items(loaded.scenario.id), ledger.files(),
                             show_personal_data=show_personal_data)
    folder = reports if show_personal_data else paths.output
    target = folder / f"{t('report.file_stem')}_{data['run_id']}{'_個人情報あり' if show_personal_data else ''}.html"
    return write_private_text(target, html)  # owner-only on POSIX; on Windows the folder's ACL applies
