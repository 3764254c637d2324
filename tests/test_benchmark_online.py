"""`python -m benchmarks.online` prints its figures (records/s and both ratios). Timing is never
asserted (SPEC §6): only that the figures are there and every application was read."""

from __future__ import annotations

import re

from benchmarks.online import main


def test_online_benchmark_prints_its_figures(capsys):
    assert main(["--records", "20", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    for kind in ("xml", "json"):
        assert re.search(rf"^電子申請の読取 {kind} \(online exports, parse \+ validate\): [\d,]+ records/s", out, re.M), out
        assert re.search(rf"^電子申請の読取時間比 {kind} .*: \d+\.\d+×", out, re.M), out
        assert re.search(rf"^電子申請の読取時間比・検査込み {kind} .*: \d+\.\d+×", out, re.M), out
