"""``doctor``: a checklist of what this PC has and lacks to run robots (``checks.py``)."""

from robots.doctor.checks import CHECKS, Finding, Probe, run_checks

__all__ = ["CHECKS", "Finding", "Probe", "run_checks"]
