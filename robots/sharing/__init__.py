"""``scenario test``: a package's sample inputs read (and optionally entered) and compared with
their expected records."""

from robots.sharing.samples import SampleResult, find_scenario, run_samples

__all__ = ["SampleResult", "find_scenario", "run_samples"]
