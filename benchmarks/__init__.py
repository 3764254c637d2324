"""Benchmarks: each figure is a ratio against a baseline measured in the same run.

    python -m benchmarks            # every benchmark, full repetitions
    python -m benchmarks --quick    # fewer repetitions and records (the smoke test)
    python -m benchmarks --only web

Figures are printed as a table and written to ``benchmarks/results/latest.json``. Tests
never assert on them (SPEC §6): timing depends on the machine, a ratio much less so.
"""

from benchmarks.extraction import ExtractionResult, measure_extraction
from benchmarks.web import WebResult, measure_web

__all__ = ["ExtractionResult", "WebResult", "measure_extraction", "measure_web"]
