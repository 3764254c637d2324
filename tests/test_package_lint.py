"""`scenario lint` finds every planted problem with file:line, and nothing in the clean
sample package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CLAIMS, SCENARIO_DIR
from typer.testing import CliRunner

from shared.packages import is_real_looking_my_number, lint_folder


def line_of(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if marker in line)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, set[tuple[str, int, str]]]:
    """The sample package with problems planted; returns (folder, {(file, line, code)})."""
    folder = tmp_path / "planted"
    shutil.copytree(SCENARIO_DIR, folder)
    scenario, readme, template = folder / "scenario.yaml", folder / "README.md", folder / "template.yaml"
    replace(scenario, "title: 児童手当 認定請求\n", "title: 児童手当 認定請求\ncolour: red\n")
    replace(scenario, "    - open: /login\n", "    - open: https://kikan.city-a.lg.jp/login\n")
    replace(scenario, 'value: "{{ secret.legacy_user }}"', "value: tanaka01")
    replace(scenario, 'value: "{{ secret.legacy_password }}"', 'value: "Passw0rd!"')
    replace(scenario, "    - click: ログイン\n", "    - click: ログイン\n    - run_script: cleanup.bat\n")
    replace(scenario, '"{{ record.bank_name }}"', '"{{ record.__class__ }}"')
    with readme.open("a", encoding="utf-8") as out:
        out.write("\n## 作成時のメモ\n\n")
        out.write("接続先サーバー: kikan01.city-a.local\n")
        out.write("予備サーバー 192.168.10.20\n")
        out.write("様式の保存先 C:\\Users\\tanaka\\Documents\\様式\n")
        out.write("問い合わせ: taro.yamada@city-a.lg.jp\n")
        out.write("APIトークン ghp_abcdefghijklmnopqrstuvwxyz0123456789\n")
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("fingerprint:\n  keywords: [児童手当, 認定請求書]  # on page 1\n", ""), encoding="utf-8")
    (folder / "samples" / "sample-2.expected.json").unlink()
    expected = folder / "samples" / "sample-3.expected.json"
    record = json.loads(expected.read_text(encoding="utf-8"))
    record["my_number"] = "729532807603"  # valid check digit, not from the test range
    record["bank_nmae"] = record.pop("bank_name")  # a typo in a field name
    expected.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.copy(CLAIMS / "claim-001.pdf", folder / "samples" / "sample-4.pdf")  # a real-looking number printed
    (folder / "samples" / "sample-4.expected.json").write_text("{}", encoding="utf-8")
    (folder / "tools").mkdir()
    (folder / "tools" / "cleanup.bat").write_text("del /q *\n", encoding="utf-8")

    s = lambda marker: line_of(scenario, marker)  # noqa: E731
    r = lambda marker: line_of(readme, marker)  # noqa: E731
    wanted = {
        ("scenario.yaml", s("colour: red"), "unknown_key"),
        ("scenario.yaml", s("https://kikan.city-a.lg.jp"), "url"),
        ("scenario.yaml", s("tanaka01"), "user_name"),
        ("scenario.yaml", s("Passw0rd!"), "password"),
        ("scenario.yaml", s("run_script"), "step_vocabulary"),
        ("scenario.yaml", s("__class__"), "template_internals"),
        ("README.md", r("kikan01.city-a.local"), "host"),
        ("README.md", r("192.168.10.20"), "host"),
        ("README.md", r("C:\\Users"), "absolute_path"),
        ("README.md", r("taro.yamada@"), "email"),
        ("README.md", r("ghp_"), "token"),
        ("template.yaml", 1, "no_fingerprint"),
        ("samples/sample-2.pdf", 1, "no_expected"),
        ("samples/sample-3.expected.json", line_of(expected, "my_number"), "my_number"),
        ("samples/sample-4.pdf", 1, "my_number"),
        ("samples/sample-3.expected.json", line_of(expected, "bank_nmae"), "expected_unknown_field"),
        ("tools/cleanup.bat", 1, "not_data"),
    }
    return folder, wanted


def test_clean_sample_package_has_no_findings():
    assert lint_folder(SCENARIO_DIR) == []


def test_every_planted_problem_is_found_with_file_and_line(planted):
    folder, wanted = planted
    found = {(f.file, f.line, f.code) for f in lint_folder(folder)}
    assert len({code for _, _, code in wanted}) >= 12
    assert wanted - found == set()  # every planted problem
    assert found - wanted == set()  # and nothing else


def test_lint_command_prints_file_line_and_japanese(planted):
    from robots.cli import app

    folder, wanted = planted
    result = CliRunner().invoke(app, ["scenario", "lint", str(folder)])
    assert result.exit_code == 1, result.output
    for file, line, _ in wanted:
        assert f"{folder / file}:{line}:" in result.output, (file, line)
    assert f"共有できない内容が {len(wanted)} 件あります。" in result.output
    assert "Passw0rd!" not in result.output and "729532807603" not in result.output  # never echoes values
    clean = CliRunner().invoke(app, ["scenario", "lint", str(SCENARIO_DIR)])
    assert clean.exit_code == 0 and "問題は見つかりませんでした" in clean.output


def test_pack_refuses_a_folder_with_findings(planted, tmp_path):
    from robots.cli import app

    folder, _ = planted
    result = CliRunner().invoke(app, ["scenario", "pack", str(folder), "--out", str(tmp_path / "p.zip")])
    assert result.exit_code == 2
    assert "scenario lint" in result.output and not (tmp_path / "p.zip").exists()


@pytest.mark.parametrize("number, real", [
    ("729532807603", True),    # valid check digit, ordinary number
    ("123456789018", False),   # the well-known example number
    ("000062856475", False),   # test range 0000...
    ("729532807604", False),   # wrong check digit: not real-looking
    ("72953280760", False),    # 11 digits
    ("72953280760a", False),
])
def test_real_looking_my_number(number, real):
    assert is_real_looking_my_number(number) is real


def test_package_samples_are_reproducible_and_from_the_test_range(tmp_path):
    from samples.forms.package_samples import write_package_samples

    written = write_package_samples(tmp_path)
    committed = SCENARIO_DIR / "samples"
    assert sorted(p.name for p in written) == sorted(p.name for p in committed.iterdir())
    for path in written:
        assert (committed / path.name).read_bytes() == path.read_bytes(), path.name
        if path.suffix == ".json":
            number = json.loads(path.read_text(encoding="utf-8"))["my_number"]
            assert number.startswith("0000") and not is_real_looking_my_number(number)
