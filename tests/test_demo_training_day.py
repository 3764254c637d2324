"""A training day, as docs/trainer-guide.md has the trainer do it: every ``robot-runner``
command of the guide's ``sh`` blocks, copied from the file and run in its order (the rehearsal
the day before, then the day's demo in its own folder, the exception queue, the report with
``--run``), each once. Both demo runs register the sample claims; ``--with-errors`` fills the queue with exactly the documented bad
cases; no seeded personal value is in anything the demo writes (the HTML report and the
presenter's banners.jsonl included). Through the real parts: the sample legacy system as its
own process, Chromium, the ledger.

The only thing the test adds to the guide's commands is ``--slow-ms 0`` on ``demo`` (the
presenter's pacing; everything else — banners, step-through, video — runs as on the day)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import found_personal, seeded_personal_data
from typer.testing import Result

from robots.demo import ERROR_CASES
from robots.demo.folders import MARKER
from robots.demo.runner import REPO
from samples.legacy_app import fetch_records

pytestmark = pytest.mark.slow

GUIDE = REPO / "docs" / "trainer-guide.md"
RUN_ID = re.compile(r"実行ID (\d{8}-\d{6}-[0-9a-f]+)")


def guide_commands() -> list[list[str]]:
    """The ``robot-runner`` commands of the guide's ``sh`` blocks, in order, without the program name."""
    text = GUIDE.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^[ \t]*```sh\n(.*?)^[ \t]*```", text, flags=re.MULTILINE | re.DOTALL):
        for line in block.splitlines():
            if line.strip().startswith("robot-runner "):
                commands.append(shlex.split(line.strip())[1:])
    return commands


def _run(command: list[str], last_run_id: str | None) -> Result:
    args = [last_run_id if arg == "実行ID" and last_run_id else arg for arg in command]
    if args[0] == "demo":
        args += ["--slow-ms", "0"]
    return cli(*args, input="\n" * 500)  # --step: Enter before each step, as the trainer presses it


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The guide's commands, in a folder laid out like the repository (its scenarios)."""
    here = tmp_path_factory.mktemp("training-day")
    (here / "scenarios").symlink_to(REPO / "scenarios", target_is_directory=True)
    commands = guide_commands()
    results: list[tuple[list[str], Result]] = []
    with pytest.MonkeyPatch.context() as env:
        env.chdir(here)
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):  # no display: headless, recorded
            env.delenv(name, raising=False)
        last = None
        for command in commands:
            result = _run(command, last)
            results.append((command, result))
            last = (RUN_ID.findall(result.stdout) or [last])[0]
    return {"here": here, "commands": commands, "results": results}


def _of(day: dict, first: str, folder: str | None = None) -> list[Result]:
    return [r for c, r in day["results"] if c[0] == first and (folder is None or folder in c)]


def test_the_guide_has_the_sequence(day):
    kinds = [c[0] for c in day["commands"]]
    assert kinds == ["validate", "demo", "demo", "queue", "report"], day["commands"]
    rehearsal, live = [c for c in day["commands"] if c[0] == "demo"]
    folder = rehearsal[rehearsal.index("--dir") + 1]
    assert live[live.index("--dir") + 1] != folder  # the day's demo is not in the rehearsal's folder
    assert "--reset" in live and "--with-errors" in live and "--step" in live
    report = next(c for c in day["commands"] if c[0] == "report")
    assert "--run" in report and "--show-personal-data" in report
    for command, result in day["results"]:
        assert result.exit_code in (0, 1), (command, result.output)  # 1: the demo's bad cases need a person


def test_every_run_registers_the_claims(day):
    rehearsal, live = _of(day, "demo")
    for result in (rehearsal, live):
        assert "登録済み: 3 件" in result.stdout, result.stdout
        assert "処理済みのため対象外: 0 件" in result.stdout
        assert "失敗・要確認: 10 件" in result.stdout
    assert "前回のデモの結果を消しました" not in live.stdout  # the day's folder is new: nothing to clear
    records = fetch_records(day["here"] / ".demo-live" / "legacy" / "legacy.sqlite3")
    assert sorted(r["receipt_no"] for r in records) == ["JT-000001", "JT-000002", "JT-000003"]  # a system of its own
    assert (day["here"] / ".demo-live" / MARKER).is_file()
    assert len(fetch_records(day["here"] / ".demo-rehearsal" / "legacy" / "legacy.sqlite3")) == 3  # left as it was


def test_with_errors_fills_the_queue_with_the_documented_cases(day, truth):
    [listed] = _of(day, "queue")
    waiting = [line.split() for line in listed.stdout.splitlines() if "要確認" in line]
    assert sorted(parts[2] for parts in waiting) == sorted(ERROR_CASES)
    assert {name for name, entry in truth.items() if entry["status"] == "broken"} == set(ERROR_CASES)
    [live] = _of(day, "demo", ".demo-live")
    hint = next(line for line in live.stdout.splitlines() if "誤りのある申請書を" in line)
    assert ".demo-live/inbox/jidou-teate" in hint and all(name in hint for name in ERROR_CASES)
    assert "queue list --site .demo-live/site.yaml" in live.stdout


def test_step_through_pauses_on_the_entry_steps_only(day):
    [live] = _of(day, "demo", ".demo-live")
    run_id = RUN_ID.findall(live.stdout)[0]
    data = json.loads((day["here"] / ".demo-live" / "work" / "reports" / f"run-{run_id}.json").read_text(encoding="utf-8"))
    entry_steps = [t for t in data["timings"] if t["item"] != "login"]
    assert len(entry_steps) > 90  # three claims
    assert live.stdout.count("次の操作:") == len(entry_steps)
    assert "次の操作: ユーザーIDを入力しています" not in live.stdout  # the login is not stepped through


def test_report_with_run_and_personal_data(day, truth):
    [report] = _of(day, "report")
    path = Path(report.stdout.split("実行レポートを書き出しました: ", 1)[1].strip())
    assert path.parent == day["here"] / ".demo-live" / "work" / "reports"
    [live] = _of(day, "demo", ".demo-live")
    assert RUN_ID.findall(live.stdout)[0] in path.name and "個人情報あり" in path.name
    assert truth["claim-001.pdf"]["fields"]["claimant_name"] in path.read_text(encoding="utf-8")  # asked for: shown


def test_no_seeded_personal_data_in_what_the_demo_writes(day, truth):
    seeded = seeded_personal_data(truth)
    assert any(re.fullmatch(r"\d{7}", value) for value in seeded)  # the bank account numbers are seeded too
    folder = day["here"] / ".demo-live"
    kept = {folder / "legacy", folder / "inbox"}  # the target system's own database; the input forms
    checked: list[str] = []
    leaks = []
    for path in folder.rglob("*"):
        if (not path.is_file() or any(p in path.parents for p in kept) or path.name.startswith("ledger.sqlite3")
                or path.suffix == ".webm" or "個人情報あり" in path.name):
            continue  # the video shows the screen as typed, by design; the local report was asked for
        text = path.read_bytes().decode("utf-8", errors="ignore")
        if path.suffix == ".html":
            text = re.sub(r'src="data:[^"]*"', "", text)  # the crops: images (masked fields have none)
        checked.append(path.name)
        leaks += [(path.name, value) for value in found_personal(text, seeded)]
    for _, result in day["results"]:  # what each command printed
        leaks += [("output", value) for value in seeded if value in result.stdout]
    assert "banners.jsonl" in checked and any(name.startswith("実行レポート_") for name in checked)
    assert leaks == []
