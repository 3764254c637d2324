"""The step timings of the run data: what the report's timeline needs, no more."""

from __future__ import annotations

import re
import time

from conftest import found_personal

from robots.web.timing import note_step


def test_a_step_timing_keeps_its_start_to_the_millisecond():
    timings: list = []
    note_step(timings, "1", "entry[1] open「/form」", "open", time.perf_counter(), True)
    [timing] = timings
    assert re.fullmatch(r"\d+(\.\d{1,3})?", repr(timing.started)), timing.started
    assert abs(timing.started - time.time()) < 60


def test_a_seeded_number_counts_only_when_no_digit_touches_it():
    seeded = {"9288683", "山田　太郎"}
    assert found_personal('"started": 1796349470.9288683', seeded) == []
    assert found_personal('口座 9288683 です', seeded) == ["9288683"]
    assert found_personal('"account": "9288683"', seeded) == ["9288683"]
    assert found_personal("No.9288683。", seeded) == ["9288683"]
    assert found_personal("12.5 9288683.", seeded) == ["9288683"]
    assert found_personal("申請者 山田　太郎", seeded) == ["山田　太郎"]
