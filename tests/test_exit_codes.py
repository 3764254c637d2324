"""The exit code of a run from its summary (a table): 0 all ended well or nothing to do, 1 a
person is needed, 2 stopped. A re-run with nothing to do exits 0 even when an output problem
left by an earlier run (a CSV row that cannot be written) is printed again."""

from __future__ import annotations

import pytest

from robots.core.summary import Outcome, RunSummary
from shared.ledger import State

DONE = Outcome(1, "a.pdf", State.DONE, "JT-1")
READ = Outcome(2, "b.pdf", State.READ)
FAILED = Outcome(3, "c.pdf", State.FAILED_BUSINESS, reason="bad")
RETRIED_THEN_DONE = [Outcome(4, "d.pdf", State.FAILED_APPLICATION, reason="500"), Outcome(4, "d.pdf", State.DONE, "JT-2")]
LEFT = Outcome(5, "e.pdf", State.NEW, reason="stopped", left=True)

CASES = [
    # outcomes, output problems, fatal, exit code
    ([], [], None, 0),
    ([], ["CSV row of item 7 left out"], None, 0),  # nothing to do: an old output problem repeated
    ([DONE], [], None, 0),
    ([DONE, READ], [], None, 0),
    (RETRIED_THEN_DONE, [], None, 0),
    ([DONE], ["the Excel ledger is open"], None, 1),
    ([DONE, FAILED], [], None, 1),
    ([FAILED], [], None, 1),
    ([], [], "login failed", 2),
    ([LEFT], [], "login failed", 2),
    ([DONE, LEFT], ["x"], "unreachable", 2),
]


@pytest.mark.parametrize(("outcomes", "problems", "fatal", "code"), CASES)
def test_exit_code(outcomes, problems, fatal, code) -> None:
    summary = RunSummary("run", "s", outcomes=list(outcomes), output_problems=list(problems), fatal=fatal)
    assert summary.exit_code == code
