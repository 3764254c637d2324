"""The run summary printed at the end of a run (Japanese, or English with --lang en)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from robots.core.summary import ENDED_WELL, Outcome
from robots.run import RunSummary
from shared.ledger import State
from shared.messages import t

__all__ = ["ItemLines", "print_summary"]


class ItemLines:
    """Progress for a run whose output is not a terminal (a scheduler's log, a pipe): one line per
    item outcome as it happens (``[3/12] claim-003.pdf：登録済（受付番号 JT-000003）``); on a
    terminal (``say`` None) only the progress bar moves."""

    def __init__(self, bar: Callable[[int, int], None], say: Callable[[str], None] | None) -> None:
        self.bar = bar
        self.say = say
        self.total = 0
        self.count = 0

    def progress(self, done: int, total: int) -> None:
        self.total = total
        self.bar(done, total)

    def outcome(self, outcome: Outcome) -> None:
        if self.say is None:
            return
        self.count += 1
        self.say(t("cli.item_line_receipt" if outcome.receipt_no else "cli.item_line", n=self.count,
                   total=max(self.total, self.count), file=outcome.source, state=t("state." + outcome.state.value),
                   receipt=outcome.receipt_no))


def print_summary(console: Console, summary: RunSummary) -> None:
    def out(*args: object, **kwargs: object) -> None:
        kwargs.setdefault("soft_wrap", True)
        console.print(*args, **kwargs)  # type: ignore[arg-type]
    out(t("summary.title", scenario=summary.scenario_id, run_id=summary.run_id))
    outcomes = summary.final_outcomes()
    out(t("summary.read", count=len(outcomes), skipped=summary.skipped))
    if summary.duplicate_files:
        more = len(summary.duplicate_files) - 20
        out(t("summary.duplicates_more" if more > 0 else "summary.duplicates",
              files="、".join(summary.duplicate_files[:20]), more=more), markup=False)
    if summary.taken_elsewhere:
        out(t("summary.taken_elsewhere", count=len(summary.taken_elsewhere)))
    _left_files(out, summary.left_files)
    for note in summary.notes:
        out(f"  {note}", markup=False)
    done = [o for o in outcomes if o.state == State.DONE]
    read = [o for o in outcomes if o.state == State.READ]
    if done or not (read or summary.reading_only):
        out(t("summary.entered", count=len(done)))
    for outcome in done:
        out(f"  {outcome.source} → {t('summary.receipt', receipt=outcome.receipt_no)}")
    if read or summary.reading_only:
        out(t("summary.read_only", count=len(read)))
    failed = [o for o in outcomes if o.state not in ENDED_WELL and not o.left]
    out(t("summary.failed", count=len(failed)))
    for outcome in failed:
        reason = (outcome.reason or "").removeprefix(f"{outcome.source}: ")
        out(f"  [{t('state.' + outcome.state.value)}] {outcome.source}: {reason}", markup=False)
    left = [o for o in outcomes if o.left]
    if left:  # why the run stopped is said once, below
        out(t("summary.left", count=len(left)))
    if not outcomes and not summary.fatal:
        out(t("summary.nothing_to_do"))
    if summary.state_counts:
        counts = "、".join(f"{t('state.' + state)} {count}" for state, count in sorted(summary.state_counts.items()))
        out(t("summary.states", counts=counts))
    if summary.fatal:
        out(f"[red]{t('summary.fatal')}[/red] {summary.fatal}")
    if summary.review_sheet:
        out(t("summary.review_sheet", path=str(summary.review_sheet)))
    for path in summary.outputs:
        if path.suffix.lower() != ".docx":
            out(t("summary.output_csv" if path.suffix.lower() == ".csv" else "summary.output", path=str(path)), markup=False)
    notices = [path for path in summary.outputs if path.suffix.lower() == ".docx"]
    if notices:
        out(t("summary.notices", count=len(notices), path=str(notices[0].parent)), markup=False)
    for problem in summary.output_problems:
        out(f"{t('summary.output_problem')} {problem}", markup=False)
    if summary.log_path:
        out(t("summary.log", path=str(summary.log_path)))
    if summary.html_report:
        out(t("summary.html_report", path=str(summary.html_report)), markup=False)
    if summary.video_dir and summary.video_dir.is_dir():
        out(t("presenter.video", path=str(summary.video_dir)), markup=False)


LEFT_SHOWN = 30


def _left_files(out: Callable[..., None], left: list[tuple[str, str]]) -> None:
    """Each file left in the inbox with its reason (the first ``LEFT_SHOWN``)."""
    if not left:
        return
    out(t("summary.left_files", count=len(left)))
    for name, reason in left[:LEFT_SHOWN]:
        out(f"  {name}: {t('inbox.left.' + reason)}", markup=False)
    if len(left) > LEFT_SHOWN:
        out(t("summary.left_more", more=len(left) - LEFT_SHOWN))
