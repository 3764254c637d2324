"""`python -m benchmarks --quick` runs end to end and prints both ratios and the template new
figures (tuned and not tuned on). Timing is never asserted (SPEC §6): only that the figures
are there."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXTRACTION_RATIO = re.compile(r"^抽出速度比 \(extraction speed-up, pdfplumber ÷ ours\): \d+\.\d+×", re.MULTILINE)
TUNED = re.compile(r"^template new 調整に使用した様式 / tuned on: \d+/\d+ \d+\.\d%", re.MULTILINE)
NOT_TUNED = re.compile(r"^template new 未調整の様式 / not tuned on: \d+/\d+ \d+\.\d%", re.MULTILINE)
FLOOR_RATIO = re.compile(r"^抽出の下限比 \(extraction ÷ floor, (sample form|new forms)\): \d+\.\d+×", re.MULTILINE)
WEB_RATIO = re.compile(r"^Web入力時間比 \(web entry ratio, ours ÷ hand-written\): \d+\.\d+×", re.MULTILINE)
WEB_ADMIN_RATIO = re.compile(r"^Web入力時間比・管理画面 \(web entry ratio, admin form, ours ÷ hand-written\): \d+\.\d+×",
                             re.MULTILINE)


@pytest.mark.slow
def test_quick_benchmarks_print_both_ratios(tmp_path: Path) -> None:
    output = tmp_path / "latest.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--output", str(output)],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=420,  # a hang guard, not a speed check
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert EXTRACTION_RATIO.search(result.stdout), result.stdout
    assert [m.group(1) for m in FLOOR_RATIO.finditer(result.stdout)] == ["sample form", "new forms"], result.stdout
    assert WEB_RATIO.search(result.stdout), result.stdout
    assert WEB_ADMIN_RATIO.search(result.stdout), result.stdout  # the second target, not our sample system
    figures = json.loads(output.read_text(encoding="utf-8"))
    assert {"speedup", "ours_ms_per_form", "baseline_ms_per_form", "fields_right"} <= figures["extraction"].keys()
    floors = figures["extraction"]["floor"]
    assert set(floors) == {"sample", "procedures"}
    assert all({"ratio", "ours_ms_per_form", "floor_ms_per_form", "seen_ms_per_form"} <= f.keys() for f in floors.values())
    assert {"ratio", "ours_s_per_record", "baseline_s_per_record"} <= figures["web"].keys()
    assert {"ratio", "median_ratio", "ours_s_per_record", "baseline_s_per_record"} <= figures["web_admin"].keys()
    assert "台帳の負荷 (ledger overhead" in result.stdout
    assert {"ms_per_item", "share"} <= figures["ledger"].keys()
    # online exports: ours against the plain parser, XML and JSON (issue 19's goal)
    assert re.search(r"電子申請の読取時間比 xml .*: \d+\.\d\d×", result.stdout), result.stdout
    assert [r["kind"] for r in figures["online"]] == ["xml", "json"]
    assert all({"checked_ratio", "checks_share", "meets_checked_goal"} <= r.keys() for r in figures["online"])
    assert "検査だけの時間 (the field checks alone)" in result.stdout
    # template new: the forms it was tuned on and the forms it was not, apart
    assert TUNED.search(result.stdout) and NOT_TUNED.search(result.stdout), result.stdout
    proposals = figures["template_new"]
    assert proposals["tuned"]["total"] > 0 and proposals["not_tuned"]["total"] > 0
    assert {g["name"] for g in proposals["groups"]} == {"original", "new_layout"}  # --quick: no fresh generation
    cells = figures["scans"]["cells"]  # --quick: one form in one font, read by ours and the baseline
    assert [(c["form"], c["font"], c["files"], c["baseline_files"]) for c in cells] == [("kokuho", "ipaex-gothic", 1, 1)]
    assert cells[0]["tuned"] == {"form": True, "font": True, "seed": figures["scans"]["seed"] == 11}
    assert re.search(r"^  kokuho +ipaex-gothic +form\+font", result.stdout, re.MULTILINE), result.stdout
    # s/page with Tesseract alone and with both engines, per form × font (the test extra installs PP-OCRv5)
    assert figures["scans"]["second_engine"] == "ppocr" and cells[0]["both_s_per_page"] > 0
    assert "tesseract s/page wall/cpu" in result.stdout and "tesseract+ppocr s/page wall/cpu" in result.stdout
    # with both engines, the CPU of each engine apart (the goal is judged on both, in CPU seconds)
    assert re.search(r"1st engine \(tesseract\) \d+\.\d\d s, 2nd engine \(ppocr\) \d+\.\d\d s", result.stdout), result.stdout
    assert re.search(r"^スキャン \(scans, tesseract\+ppocr, CPU\) +\d+\.\d\d s/page", result.stdout, re.MULTILINE)
    assert 0 < figures["scans"]["both_second_engine_cpu_s_per_page"] < figures["scans"]["both_cpu_s_per_page"]
    assert 0 < cells[0]["both_first_cpu_s_per_page"] < cells[0]["both_cpu_s_per_page"]
