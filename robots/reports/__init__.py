"""The self-contained HTML run report (counts, step timeline, values beside crops of the form)."""

from robots.reports.html import MASK, render_report, run_data, write_run_report
from robots.reports.images import field_box, form_crops
from robots.reports.rebuild import rebuild_report, recorded_runs, site_runs

__all__ = ["MASK", "field_box", "form_crops", "rebuild_report", "recorded_runs", "render_report", "run_data", "site_runs",
           "write_run_report"]
