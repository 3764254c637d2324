"""The pure parts of issue 16: the validate warning about optional fields used without a
guard, the length a browser counts for maxlength, and the stop request and its signal
handlers (in this process: a signal to ourselves, handled in the main thread)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pytest
from cli_runner import cli

from connectors.browser.readback import utf16_length
from robots.core import RunStopped, StopRequest
from robots.run import stop_on_signals
from shared.config import load_scenario
from shared.config.advice import scenario_warnings

SCENARIO = Path(__file__).resolve().parent / "web_moving"


def scenario_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO, folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "scenario.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return folder


OPTIONAL_NOTE = "  note:    {label: 備考, type: text}\n"


@pytest.mark.parametrize("step, warned", [
    ('    - fill: {label: 備考, value: "{{ record.note }}"}\n', True),
    ('    - {when: record.note, fill: {label: 備考, value: "{{ record.note }}"}}\n', False),
    ('    - {when: record.reason, fill: {label: 備考, value: "{{ record.note }}"}}\n', False),   # a when of its own
    ('    - fill: {label: 備考, value: "{{ record.note | default(\'なし\') }}"}\n', False),
    ('    - fill: {label: 氏名, value: "{{ record.name }}"}\n', False),                          # required
])
def test_validate_warns_about_optional_fields_used_without_when_or_default(tmp_path, step, warned):
    folder = scenario_with(tmp_path, "  reason:", OPTIONAL_NOTE + "  reason:")
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_text(text.replace("    - check: 本人確認済み\n", step + "    - check: 本人確認済み\n"),
                                          encoding="utf-8")
    (folder / "template.yaml").write_text((folder / "template.yaml").read_text(encoding="utf-8")
                                          + "  note: {column: 備考}\n", encoding="utf-8")
    line = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines().index(step.rstrip("\n")) + 1
    warnings = scenario_warnings(load_scenario(folder))
    assert bool(warnings) == warned
    if warned:
        [warning] = warnings
        assert warning.line == line and "record.note" in warning.message and "when" in warning.message
        result = cli("validate", folder)
        assert result.exit_code == 0 and "問題はありません" in result.stdout
        assert "任意項目 record.note" in result.stdout and f"scenario.yaml:{line}:" in result.stdout


def test_the_sample_scenario_has_no_warnings():
    assert scenario_warnings(load_scenario(Path(__file__).resolve().parents[1] / "scenarios" / "jidou-teate-nintei")) == []


@pytest.mark.parametrize("text, length", [("", 0), ("abc", 3), ("山田　太郎", 5), ("𠮷野家", 4), ("ｱｲｳ", 3)])
def test_utf16_length_is_what_maxlength_counts(text, length):
    assert utf16_length(text) == length


def test_stop_request_once_with_callbacks():
    stop, woken = StopRequest(), []
    stop.on_request(lambda: woken.append(1))
    stop.raise_if_requested()  # not requested: nothing
    stop.request("SIGINT")
    stop.request("SIGTERM")  # the first reason stays
    assert stop.requested and stop.reason == "SIGINT" and woken == [1]
    with pytest.raises(RunStopped) as caught:
        stop.raise_if_requested()
    assert "中断の指示（SIGINT）" in str(caught.value)
    late = []
    stop.on_request(lambda: late.append(1))
    assert late == [1]


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill with SIGINT/SIGTERM ends the process on Windows")
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_first_signal_asks_to_stop_a_second_stops_at_once(name):
    number = getattr(signal, name)
    before = signal.getsignal(number)
    stop, said = StopRequest(), []
    with stop_on_signals(stop, say=said.append):
        os.kill(os.getpid(), number)
        assert stop.requested and stop.reason == name and name in said[0]
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), number)
    assert signal.getsignal(number) is before
