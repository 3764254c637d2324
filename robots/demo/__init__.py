"""``make demo``: the sample legacy system started as its own process, a demo site laid out
with the sample forms in its inbox, presenter-mode settings, and the demo's folders (marked,
reset between sessions, a fresh one per presentation, the documented bad cases on demand)."""

from robots.demo.folders import (
    ERROR_CASES,
    PRESENT_ROOT,
    fresh_present_folder,
    is_demo_folder,
    reset_demo_folder,
)
from robots.demo.presenting import PRESENT_LIMIT, demo_options
from robots.demo.runner import (
    REPO,
    LegacyApp,
    chromium_settings,
    demo_inbox,
    ensure_sample_forms,
    has_display,
    run_demo,
    write_demo_site,
)

__all__ = ["ERROR_CASES", "PRESENT_LIMIT", "PRESENT_ROOT", "REPO", "LegacyApp", "chromium_settings", "demo_inbox",
           "demo_options", "ensure_sample_forms", "fresh_present_folder", "has_display", "is_demo_folder",
           "reset_demo_folder", "run_demo", "write_demo_site"]
