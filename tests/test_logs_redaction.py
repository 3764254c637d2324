"""Operational logs: JSON lines, one file per process, rotation and retention, no variable
values in tracebacks, and My Numbers and masked values scrubbed before anything is written."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from shared.logs import logger, setup_logging
from shared.redact import MASK, MY_NUMBER_MASK, Redactor, redactor

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("text", "expected"), [
    ("123456789018", MY_NUMBER_MASK),                      # valid check digit
    ("1234 5678 9018", MY_NUMBER_MASK),
    ("1234-5678-9018", MY_NUMBER_MASK),
    ("１２３４５６７８９０１８", MY_NUMBER_MASK),
    ("番号は123456789018です", f"番号は{MY_NUMBER_MASK}です"),
    ("123456789012", "123456789012"),                      # wrong check digit: not a My Number
    ("1123456789018", "1123456789018"),                    # 13 digits: a corporate number, not ours
    ("receipt JT-000123", "receipt JT-000123"),
    ("ab123456789018cd", "ab123456789018cd"),              # inside a hex hash
])
def test_my_numbers_are_scrubbed(text: str, expected: str) -> None:
    assert Redactor().scrub_text(text) == expected


@pytest.fixture(autouse=True)
def _forget_values():
    yield
    redactor.forget_values()  # values remembered here must not scrub other tests' outputs


def test_masked_fields_are_scrubbed_by_name_and_by_value() -> None:
    scrubber = Redactor()
    scrubber.remember(["claimant_name", "address"], {"claimant_name": "髙橋\u3000花子", "address": "東京都千代田区1-1"})
    assert scrubber.scrub({"claimant_name": "x", "note": "申請者 髙橋 花子 東京都千代田区1-1"}) == {
        "claimant_name": MASK, "note": f"申請者 {MASK} {MASK}"}


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_log_lines_are_json_and_scrubbed(tmp_path) -> None:
    path = setup_logging(tmp_path / "logs")
    redactor.remember(["claimant_name"], {"claimant_name": "山田太郎"})
    secret_local = "123456789018"  # noqa: F841 (a local variable a diagnose traceback would print)
    logger.info("個人番号 123456789018 の申請 山田太郎", claimant_name="山田太郎", item_id=7)
    try:
        raise ValueError("bad value 123456789018")
    except ValueError:
        logger.exception("failed")
    text = path.read_text(encoding="utf-8")
    assert "123456789018" not in text and "山田太郎" not in text
    first, second = _lines(path)[-2:]
    assert first["message"] == f"個人番号 {MY_NUMBER_MASK} の申請 {MASK}" and first["item_id"] == 7
    assert first["claimant_name"] == MASK and first["level"] == "INFO"
    assert second["exception"] == f"ValueError: bad value {MY_NUMBER_MASK}"
    assert "secret_local" not in text


def test_same_folder_same_file_and_rotation_with_retention(tmp_path) -> None:
    first = setup_logging(tmp_path / "a", rotation="2 KB", retention="3 files")
    assert setup_logging(tmp_path / "a") == first
    for i in range(200):
        logger.info("line {}", i, padding="x" * 50)
    files = sorted((tmp_path / "a").iterdir())
    assert len(files) == 4  # the current file and three rotated ones; older ones were deleted
    assert all(f.stat().st_size < 4096 for f in files)
    moved = setup_logging(tmp_path / "b")
    assert moved.parent == tmp_path / "b" and moved != first


def test_one_file_per_process(tmp_path) -> None:
    code = ("import sys; from pathlib import Path; from shared.logs import logger, setup_logging\n"
            "setup_logging(Path(sys.argv[1])); logger.info('hello')")
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=REPO, check=True, timeout=120)
    files = list(tmp_path.glob("robot-*.log"))
    assert len(files) == 2 and len({_lines(f)[0]["process"] for f in files}) == 2


def test_a_runs_values_are_forgotten_when_its_scope_ends_while_another_run_keeps_its_own() -> None:
    scrubber = Redactor()
    scrubber.remember(["claimant_name"], {"claimant_name": "外田一郎"})  # outside any run
    first_in, first_out = threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def first_run() -> None:
        with scrubber.scope():
            scrubber.remember(["claimant_name"], {"claimant_name": "山田太郎"})
            first_in.set()
            first_out.wait(timeout=30)

    def second_run() -> None:
        with scrubber.scope():
            scrubber.remember(["claimant_name"], {"claimant_name": "佐藤花子"})
            first_in.wait(timeout=30)
            seen["both"] = scrubber.scrub_text("山田太郎 佐藤花子 外田一郎")
            first_out.set()
            first.join(timeout=30)  # the first run has ended
            seen["after_first"] = scrubber.scrub_text("山田太郎 佐藤花子 外田一郎")

    first, second = threading.Thread(target=first_run), threading.Thread(target=second_run)
    first.start()
    second.start()
    second.join(timeout=60)
    first.join(timeout=60)
    assert seen["both"] == f"{MASK} {MASK} {MASK}"
    assert seen["after_first"] == f"山田太郎 {MASK} {MASK}"  # the first run's value went with it
    assert scrubber.scrub_text("山田太郎 佐藤花子 外田一郎") == "山田太郎 佐藤花子 外田一郎"  # no run left: all forgotten
    assert scrubber.scrub({"claimant_name": "x"}) == {"claimant_name": MASK}  # field names are kept
