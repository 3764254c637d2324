"""The run summary printed at the end of a run (Japanese, or English with --lang en)."""

from __future__ import annotations

from rich.console import Console

from robots.batch import RunSummary
from shared.ledger import State
from shared.messages import t

__all__ = ["print_summary"]


def print_summary(console: Console, summary: RunSummary) -> None:
    def out(*args: object, **kwargs: object) -> None:
        kwargs.setdefault("soft_wrap", True)
        console.print(*args, **kwargs)  # type: ignore[arg-type]
    out(t("summary.title", scenario=summary.scenario_id, run_id=summary.run_id))
    outcomes = summary.final_outcomes()
    out(t("summary.read", count=len(outcomes), skipped=summary.skipped))
    if summary.duplicate_files:
        out(t("summary.duplicates", files="、".join(summary.duplicate_files[:20]),
              more=max(0, len(summary.duplicate_files) - 20)), markup=False)
    done = [o for o in outcomes if o.state == State.DONE]
    out(t("summary.entered", count=len(done)))
    for outcome in done:
        out(f"  {outcome.source} → {t('summary.receipt', receipt=outcome.receipt_no)}")
    failed = [o for o in outcomes if o.state != State.DONE]
    out(t("summary.failed", count=len(failed)))
    for outcome in failed:
        reason = (outcome.reason or "").removeprefix(f"{outcome.source}: ")
        out(f"  [{t('state.' + outcome.state.value)}] {outcome.source}: {reason}", markup=False)
    if summary.state_counts:
        counts = "、".join(f"{t('state.' + state)} {count}" for state, count in sorted(summary.state_counts.items()))
        out(t("summary.states", counts=counts))
    if summary.fatal:
        out(f"[red]{t('summary.fatal')}[/red] {summary.fatal}")
    if summary.review_sheet:
        out(t("summary.review_sheet", path=str(summary.review_sheet)))
    for path in summary.outputs:
        out(t("summary.output", path=str(path)))
    if summary.log_path:
        out(t("summary.log", path=str(summary.log_path)))
