"""python -m benchmarks [--quick | --full] [--only extraction|web|ledger|scans|audit|online|template_new] [--scan-seed N] [--scan-count N] [--output PATH]"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.audit import measure_audit, print_audit
from benchmarks.extraction import measure_extraction
from benchmarks.ledger import measure_ledger
from benchmarks.online import measure_online, print_online
from benchmarks.report import print_report, summary, write_json
from benchmarks.scans import measure_scans
from benchmarks.targets.admin import ADMIN
from benchmarks.template_new import GROUPS, QUICK_GROUPS, as_json, measure_groups, print_template_new
from benchmarks.web import measure_web

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"

# Extraction: timed passes and forms (None = every valid sample); web: records and rounds;
# scans: filled forms per form × font (every sample form, every installed font unless listed),
# the first ``scan_baseline`` of each also read by the pytesseract baseline.
FULL = {"repeats": 5, "forms": None, "records": 10, "rounds": 3, "ledger_items": 200,
        "scans": 2, "scan_baseline": 1, "scan_forms": None, "scan_fonts": None}
QUICK = {"repeats": 2, "forms": 8, "records": 2, "rounds": 1, "ledger_items": 20,
         "scans": 1, "scan_baseline": 1, "scan_forms": ["kokuho"], "scan_fonts": ["ipaex-gothic"]}
SCANS_FULL = {"scans": 8, "scan_baseline": 8}  # --full: more forms per cell, the baseline on all


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Speed figures, each a ratio against a baseline measured in the same run.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and records (for the smoke test)")
    parser.add_argument("--full", action="store_true",
                        help=f"scans: {SCANS_FULL['scans']} forms per form × font instead of {FULL['scans']}")
    parser.add_argument("--scan-seed", type=int, help="scans: the seed of the forms (default: drawn at run time, held out)")
    parser.add_argument("--scan-count", type=int, help="scans: filled forms per form × font (overrides --quick/--full)")
    parser.add_argument("--only", choices=("extraction", "web", "ledger", "scans", "audit", "online", "template_new"),
                        help="run one benchmark only")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON file for the figures (default: %(default)s)")
    return parser.parse_args(argv)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from shared.logs import logger

    logger.remove()  # as robot-runner: no operational log lines on the terminal between the figures
    plan = QUICK if args.quick else {**FULL, **SCANS_FULL} if args.full else FULL
    if args.scan_count:
        plan = {**plan, "scans": args.scan_count, "scan_baseline": min(plan["scan_baseline"], args.scan_count)}
    extraction = web = ledger = scans = None
    web_targets = []
    if args.only in (None, "extraction"):
        _progress("PDF読取を計測中 (measuring extraction)…")
        extraction = measure_extraction(plan["repeats"], plan["forms"])
    if args.only in (None, "web", "ledger"):
        _progress("Web入力を計測中 (measuring web entry)…")
        small = args.only == "ledger"  # only the time per record is needed
        web = measure_web(QUICK["records"] if small else plan["records"], 1 if small else plan["rounds"],
                          progress=_progress, readback_side=not (small or args.quick))  # the read-back's cost: full runs
    if args.only in (None, "web"):  # the second target: an admin form that is not our sample system
        _progress("Web入力（管理画面）を計測中 (measuring web entry, admin form)…")
        web_targets.append(measure_web(plan["records"], plan["rounds"], progress=_progress,
                                       readback_side=not args.quick, target=ADMIN))
    if args.only in (None, "ledger"):
        _progress("台帳の負荷を計測中 (measuring ledger overhead)…")
        ledger = measure_ledger(plan["ledger_items"], web.ours.s_per_record)
    if args.only in (None, "scans"):
        _progress("スキャン読取を計測中 (measuring scans)…")
        scans = measure_scans(plan["scans"], forms=plan["scan_forms"], fonts=plan["scan_fonts"], seed=args.scan_seed,
                              baseline_count=plan["scan_baseline"], progress=_progress)
    audit = None
    if args.only in (None, "audit"):
        _progress("監査ログを計測中 (measuring the audit trail)…")
        audit = measure_audit(500 if args.quick else 3000, 20_000 if args.quick else 100_000)
    online = None
    if args.only in (None, "online"):
        _progress("電子申請の読取を計測中 (measuring online exports)…")
        online = measure_online(100 if args.quick else 1000, 1 if args.quick else 5)
    proposals = None
    if args.only in (None, "template_new"):  # quick: one group tuned on, one not, no fresh generation
        _progress("template new を計測中 (measuring template new)…")
        proposals = measure_groups(QUICK_GROUPS, fresh_seed=None) if args.quick else measure_groups(GROUPS)
    print_report(extraction, web, ledger, scans, web_targets=web_targets)
    if audit is not None:
        print_audit(audit)
    if online is not None:
        print_online(online)
    if proposals is not None:
        print_template_new(proposals)
    figures = summary(extraction, web, ledger, scans, quick=args.quick, web_targets=web_targets)
    if audit is not None:
        figures["audit"] = audit.as_dict()
    if online is not None:
        figures["online"] = [result.as_json() for result in online]
    if proposals is not None:
        figures["template_new"] = as_json(proposals)
    write_json(figures, args.output)
    print(f"JSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
