"""``scenario test --update-expected``: the difference between what each sample reads and its
expected record is shown field by field, written only once confirmed (``--yes`` for scripts),
and a new sample without an expected record gets one; the tests then run on what was written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_runner import cli
from conftest import CLAIMS, SCENARIO_DIR

from robots.sharing.expected import MISSING, expected_updates


def package(tmp_path: Path) -> Path:
    folder = tmp_path / "jidou-teate-nintei"
    shutil.copytree(SCENARIO_DIR, folder)
    return folder


def edit_expected(folder: Path, name: str, old: str, new: str) -> bytes:
    path = folder / "samples" / name
    original = path.read_bytes()
    assert old.encode() in original
    path.write_bytes(original.replace(old.encode(), new.encode(), 1))
    return original


def test_the_difference_is_shown_and_written_only_once_confirmed(tmp_path):
    folder = package(tmp_path)
    original = edit_expected(folder, "sample-1.expected.json", '"bank_name": "ひな形銀行"', '"bank_name": "見本銀行"')
    shutil.copyfile(CLAIMS / "claim-004.pdf", folder / "samples" / "new-claim.pdf")
    truth = json.loads((CLAIMS / "truth.json").read_text(encoding="utf-8"))["claim-004.pdf"]["fields"]

    declined = cli("scenario", "test", folder, "--update-expected", input="n\n")
    assert "samples/sample-1.pdf: samples/sample-1.expected.json と 1 項目が違います" in declined.output
    assert '  ~ bank_name: "見本銀行" → "ひな形銀行"' in declined.output
    assert "samples/new-claim.pdf: 期待結果がありません。読み取った 25 項目で samples/new-claim.expected.json を作ります" in declined.output
    assert "この内容で 2 件の期待結果を書き込みますか？" in declined.output
    assert "期待結果は書き換えませんでした。" in declined.output
    assert declined.exit_code == 1  # the tests ran on the expected records as they were
    assert not (folder / "samples" / "new-claim.expected.json").exists()
    assert b"\xe8\xa6\x8b\xe6\x9c\xac" in (folder / "samples" / "sample-1.expected.json").read_bytes()  # 見本 kept

    accepted = cli("scenario", "test", folder, "--update-expected", input="y\n")
    assert "期待結果を 2 件書き込みました。" in accepted.output
    assert accepted.exit_code == 0 and "合格 4 件 / 不合格 0 件" in accepted.output
    assert (folder / "samples" / "sample-1.expected.json").read_bytes() == original  # the same file as before the edit
    written = json.loads((folder / "samples" / "new-claim.expected.json").read_text(encoding="utf-8"))
    assert written["claimant_name"] == truth["claimant_name"] and written["my_number"] == truth["my_number"]
    assert len(written) == 25


def test_yes_writes_without_asking_and_nothing_is_asked_when_all_agree(tmp_path):
    folder = package(tmp_path)
    edit_expected(folder, "sample-2.expected.json", '"consent": true', '"consent": false')
    result = cli("scenario", "test", folder, "--update-expected", "--yes")
    assert result.exit_code == 0 and "  ~ consent: false → true" in result.output
    assert "書き込みますか" not in result.output
    before = {p: p.read_bytes() for p in (folder / "samples").iterdir()}
    again = cli("scenario", "test", folder, "--update-expected")
    assert "期待結果はすべて読み取った値と同じです。" in again.output and again.exit_code == 0
    assert {p: p.read_bytes() for p in (folder / "samples").iterdir()} == before


def test_a_field_read_now_but_not_expected_and_one_no_longer_read(tmp_path):
    folder = package(tmp_path)
    path = folder / "samples" / "sample-3.expected.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["phone"]
    record["fax"] = "03-0000-0000"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    [update] = [u for u in expected_updates(folder) if u.input == "samples/sample-3.pdf"]
    changes = {change.name: change for change in update.changes}
    assert set(changes) == {"phone", "fax"}
    assert changes["phone"].before is MISSING and changes["fax"].after is MISSING
    result = cli("scenario", "test", folder, "--update-expected", "--yes")
    assert "  + phone: （なし） → " in result.output and '  - fax: "03-0000-0000" → （なし）' in result.output
    assert list(json.loads(path.read_text(encoding="utf-8")))[-1] == "phone"  # the others keep their order
    assert result.exit_code == 0


def test_a_doubtful_value_is_pointed_at_and_an_unreadable_sample_is_left_alone(tmp_path):
    folder = package(tmp_path)
    shutil.copyfile(CLAIMS / "bad-mynumber.pdf", folder / "samples" / "bad-mynumber.pdf")
    shutil.copyfile(CLAIMS / "not-a-pdf.pdf", folder / "samples" / "broken.pdf")
    result = cli("scenario", "test", folder, "--update-expected", "--yes")
    assert "samples/broken.pdf: 読み取れないため、期待結果は変えません" in result.output
    assert not (folder / "samples" / "broken.expected.json").exists()
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  + my_number:"))
    assert "読み取りの検査に通っていない値です" in lines[at + 1]
    assert (folder / "samples" / "bad-mynumber.expected.json").is_file()


def test_in_english(tmp_path):
    folder = package(tmp_path)
    edit_expected(folder, "sample-1.expected.json", '"sex": "女"', '"sex": "男"')
    result = cli("--lang", "en", "scenario", "test", folder, "--update-expected", input="n\n")
    assert "1 field(s) differ from samples/sample-1.expected.json (expected -> read)" in result.output
    assert '  ~ sex: "男" -> "女"' in result.output and "Write these 1 expected record(s)?" in result.output
