"""``make demo``: the sample legacy system started as its own process, a demo site laid out
with the sample forms in its inbox, and presenter-mode settings."""

from robots.demo.presenting import PRESENT_LIMIT, demo_options
from robots.demo.runner import (
    REPO,
    LegacyApp,
    chromium_settings,
    ensure_sample_forms,
    has_display,
    run_demo,
    write_demo_site,
)

__all__ = ["PRESENT_LIMIT", "REPO", "LegacyApp", "chromium_settings", "demo_options", "ensure_sample_forms",
           "has_display", "run_demo", "write_demo_site"]
