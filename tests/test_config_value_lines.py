"""A problem with one key's value in a block-style scenario or template is reported on the line
of that value, not on the first line of the item (step, field) it is in; a problem with no one
key (a missing key) stays on the item's line. Japanese by default, English with --lang en."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import cli

SCENARIO = """\
schema_version: 1
id: lines
title: 行の確かめ
version: 0.1.0
author: 見本市
inputs:
  - kind: pdf
    glob: "*.pdf"
    template: template.yaml
fields:
  name:
    label: 氏名
    type: name
    mask: true
  request_date:
    label: 申請日
    type: wareki_date
key: [name, request_date]
web:
  system: juki
  login:
    - open: /login
  entry:
    - open: /new
    - fill:
        label: 氏名
        value: "{{ record.name }}"
    - click: 登録
"""

TEMPLATE = """\
schema_version: 1
id: lines-form
title: 行の確かめ
pages: 1
fingerprint:
  keywords: [行の確かめ]
fields:
  name:
    page: 1
    box: [10, 10, 100, 20]
  request_date:
    page: 1
    box: [10, 30, 100, 40]
"""

# (what, file, text, its replacement; the line of the replacement that the problem is on is marked "# <-")
CASES = [
    ("field type", "scenario.yaml", "    type: wareki_date\n", "    type: wareki_dat  # <-\n"),
    ("record field in a fill's value", "scenario.yaml", '        value: "{{ record.name }}"\n',
     '        value: "{{ record.nam }}"  # <-\n'),
    ("variable in a fill's label", "scenario.yaml", "        label: 氏名\n        value:",
     "        label: \"{{ recrd.name }}\"  # <-\n        value:"),
    ("when of a step", "scenario.yaml", "    - click: 登録\n", "    - click: 登録\n      when: recod.name  # <-\n"),
    ("unknown key of a step", "scenario.yaml", "        label: 氏名\n", "        label: 氏名\n        lable: 氏名  # <-\n"),
    ("template read", "template.yaml", "    box: [10, 30, 100, 40]\n", "    box: [10, 30, 100, 40]\n    read: chekbox  # <-\n"),
    ("template page", "template.yaml", "    page: 1\n    box: [10, 30", "    page: x  # <-\n    box: [10, 30"),
    ("a missing key: the item's line", "scenario.yaml", '    - fill:\n        label: 氏名\n        value: "{{ record.name }}"\n',
     "    - fill:  # <-\n        label: 氏名\n"),
]


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, str]:
    """The scenario folder with ``old`` replaced by ``new`` in ``file``, and the marked place (file:line:)."""
    folder = tmp_path / "lines"
    folder.mkdir()
    texts = {"scenario.yaml": SCENARIO, "template.yaml": TEMPLATE}
    assert texts[file].count(old) == 1, old
    texts[file] = texts[file].replace(old, new)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    line = next(n for n, text in enumerate(texts[file].splitlines(), 1) if text.endswith("# <-"))
    return folder, f"{folder / file}:{line}:"


def problem_lines(output: str, folder: Path) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(str(folder))]


def test_the_scenario_as_written_is_valid(tmp_path):
    folder = tmp_path / "lines"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    (folder / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = cli("validate", folder)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_the_problem_is_on_the_line_of_the_value(tmp_path, case, lang):
    _, file, old, new = case
    folder, place = broken(tmp_path, file, old, new)
    result = cli(*(["--lang", "en"] if lang == "en" else []), "validate", folder)
    assert result.exit_code == 1, result.output
    found = problem_lines(result.output, folder)
    assert len(found) == 1, result.output
    assert found[0].startswith(place), (found, place)
    message = found[0].split(": ", 2)[2]
    assert any(ord(c) > 0x3000 for c in message) == (lang == "ja"), found[0]  # kana and kanji only in Japanese
