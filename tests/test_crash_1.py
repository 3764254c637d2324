"""The crash test, part 1 of 4 (see ``crash_batch.py``): 25 records, five of the 20 kills with
SIGKILL (robot, driver and browser), restarts until done; each valid record entered exactly once."""

from __future__ import annotations

from crash_batch import PYTESTMARK, kill_and_restart_part

pytestmark = PYTESTMARK


def test_killed_five_times_still_enters_each_record_exactly_once(tmp_path, legacy):
    kill_and_restart_part(0, tmp_path, legacy)
