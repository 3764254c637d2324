"""The YAML that template new writes for a person to edit: block style like the sample
scenarios (``type: wareki_date`` on its own line, never ``"type": "wareki_date"``), values
quoted only where YAML needs it, and what is written reads back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from robots.authoring import propose, write_proposal
from robots.authoring.yaml_text import block, scalar

REPO = Path(__file__).resolve().parents[1]
TRICKY = ["abc", "nintei/*.pdf", "*x", "a: b", "x #y", "#x", "{{ record.kana }}", "yes", "no", "on", "null", "",
          "0.1.0", "1", "01", "上記のとおり請求します。記載内容に相違ありません。", "ul.errors, p.error", "[x]", "-", "- a",
          "'q'", '"q"', "a,b", True, False, None, 0, 152.0, -3]


@pytest.mark.parametrize("value", TRICKY)
def test_a_value_reads_back_the_same(value):
    assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}
    assert yaml.safe_load(f"key: {scalar([value, value])}") == {"key": [value, value]}


def test_plain_words_are_not_quoted():
    assert scalar("wareki_date") == "wareki_date" and scalar("生年月日") == "生年月日" and scalar(True) == "true"
    assert scalar(["男", "女"]) == "[男, 女]" and scalar([152.0, 122.0]) == "[152.0, 122.0]"


def test_a_mapping_is_written_one_key_a_line():
    value = {"page": 1, "read": "circled", "options": {"男": [446.5, 225.0, 461.5, 240.0], "女": [483.5, 225.0, 498.5, 240.0]}}
    lines = block("sex", value, 1, "見本に記入あり")
    assert lines == ["  sex:  # 見本に記入あり", "    page: 1", "    read: circled", "    options:",
                     "      男: [446.5, 225.0, 461.5, 240.0]", "      女: [483.5, 225.0, 498.5, 240.0]"]
    assert yaml.safe_load("\n".join(lines)) == {"sex": value}


def test_template_new_writes_block_style(tmp_path):
    proposal = propose(REPO / "samples" / "forms" / "claims" / "claim-001.pdf")
    write_proposal(proposal, tmp_path / "nintei")
    for name in ("scenario.yaml", "template.yaml"):
        text = (tmp_path / "nintei" / name).read_text(encoding="utf-8")
        assert '"' not in text.split("fields:", 1)[1], name  # nothing needs quoting in these fields
        assert not [line for line in text.splitlines() if ": {" in line], name
    scenario = (tmp_path / "nintei" / "scenario.yaml").read_text(encoding="utf-8")
    assert "  birth_date:  # 見本に記入あり\n    label: 生年月日\n    type: wareki_date\n" in scenario
