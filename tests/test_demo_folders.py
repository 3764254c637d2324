"""The demo's folders on a training day: ``demo --reset`` clears only a folder the demo made
(its marker file) and never follows a link out of it; any other folder is refused with a
Japanese message and left as it was; ``--present`` gets a fresh folder of its own; the bad
cases ``--with-errors`` adds are the ones the sample and the trainer guide document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import CLAIMS

from robots.demo import ERROR_CASES, fresh_present_folder, is_demo_folder, reset_demo_folder
from robots.demo.folders import MADE, MARKER, mark_demo_folder
from robots.demo.runner import REPO
from shared.errors import BusinessError


def _demo_layout(folder: Path) -> None:
    """What a demo run leaves: its ledger, inbox, outputs and the sample system's database."""
    for name in ("work/ledger.sqlite3", "work/reports/run-1.json", "inbox/jidou-teate/claim-001.pdf",
                 "output/台帳.xlsx", "legacy/legacy.sqlite3"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    (folder / "site.yaml").write_text("schema_version: 1\n", encoding="utf-8")


def test_reset_refuses_a_folder_the_demo_did_not_make(tmp_path: Path):
    folder = tmp_path / "仕事のフォルダ"
    _demo_layout(folder)
    (folder / "大事な書類.docx").write_bytes(b"keep")
    assert not mark_demo_folder(folder)  # other things in it: never marked as the demo's
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    result = cli("demo", "--reset", "--dir", folder)
    assert result.exit_code == 2
    assert "デモが作ったフォルダではないため、消しませんでした" in result.stdout and MARKER in result.stdout
    assert str(folder) in result.stdout
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before  # nothing removed, nothing started
    assert not (folder / "legacy" / "legacy-app.log").exists()


def test_reset_refuses_a_marker_that_is_a_link(tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    mark_demo_folder(elsewhere)
    folder = tmp_path / "home"
    _demo_layout(folder)
    (folder / MARKER).symlink_to(elsewhere / MARKER)
    assert not is_demo_folder(folder)
    with pytest.raises(BusinessError) as refused:
        reset_demo_folder(folder)
    assert refused.value.key == "demo.reset_refused"
    assert (folder / "work" / "ledger.sqlite3").is_file()


def test_reset_clears_what_the_demo_wrote_and_nothing_else(tmp_path: Path):
    folder = tmp_path / ".demo-live"
    assert mark_demo_folder(folder) and is_demo_folder(folder)
    _demo_layout(folder)
    (folder / "講師のメモ.txt").write_text("残す", encoding="utf-8")
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "file.txt").write_text("keep", encoding="utf-8")
    (folder / "work" / "linked").symlink_to(outside / "keep", target_is_directory=True)  # a link inside: removed, not followed
    removed = reset_demo_folder(folder)
    assert sorted(p.name for p in removed) == sorted(MADE)
    assert sorted(p.name for p in folder.iterdir()) == sorted([MARKER, "講師のメモ.txt"])
    assert (outside / "keep" / "file.txt").read_text(encoding="utf-8") == "keep"
    assert reset_demo_folder(folder) == []  # nothing left to clear
    assert reset_demo_folder(tmp_path / "never-made") == []


def test_an_earlier_demo_folder_is_recognised(tmp_path: Path):
    folder = tmp_path / ".demo"
    _demo_layout(folder)  # written by a demo before the marker existed: only the demo's own names
    assert mark_demo_folder(folder)
    reset_demo_folder(folder)
    assert [p.name for p in folder.iterdir()] == [MARKER]


def test_each_presentation_gets_a_folder_of_its_own(tmp_path: Path):
    import datetime as dt

    now = dt.datetime(2026, 12, 2, 9, 30, 0)
    first = fresh_present_folder(tmp_path / ".demo-present", now)
    assert first.name == "20261202-093000"
    first.mkdir(parents=True)
    second = fresh_present_folder(tmp_path / ".demo-present", now)
    assert second != first and second.parent == first.parent and not second.exists()


def test_the_error_cases_are_the_documented_bad_samples(truth):
    broken = {name for name, entry in truth.items() if entry["status"] == "broken"}
    assert set(ERROR_CASES) == broken and len(ERROR_CASES) == len(broken)
    assert all((CLAIMS / name).is_file() for name in ERROR_CASES)
    readme = (REPO / "samples" / "forms" / "README.md").read_text(encoding="utf-8")
    documented = set()
    for group in re.findall(r"`samples/forms/claims/\{([^}]+)\}\.pdf`", readme):
        documented |= {f"{name}.pdf" for name in group.split(",")}
    assert documented == broken
    guide = (REPO / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z0-9-]+\.pdf)` \|", guide, flags=re.MULTILINE)
    assert sorted(listed) == sorted(ERROR_CASES)  # the guide's table names each file, once

