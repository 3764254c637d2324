"""Issue #17 point 6: every file the robot writes is its owner's only. A small real run (the
sample scenario against the sample legacy system, with a screenshot step, a form that goes to
a person and a file that goes to quarantine) leaves nothing under the site's output and work
folders (logs, screenshots, reports, ledgers, archive, quarantine) that is not 0600, no
folder that is not 0700, and the legacy system's password in none of them. The demo starts
the sample system without the password on its command line."""

from __future__ import annotations

import shutil
import stat
import sys
from pathlib import Path

import pytest
from conftest import CLAIMS, SCENARIO_DIR

from robots.demo.runner import LegacyApp, write_demo_site
from robots.run import run_scenario

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (on Windows the folder's ACL applies)")


def scenario_with_a_screenshot(folder: Path) -> Path:
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    last = '    - read_text:\n        selector: "#receipt-no"\n        into: receipt_no\n'
    assert last in text
    path.write_text(text.replace(last, last + "    - screenshot: entered\n"), encoding="utf-8")
    return folder


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root.parent)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def test_every_file_a_run_writes_is_owner_only(tmp_path, legacy, run_resources):
    scenario = scenario_with_a_screenshot(tmp_path / "scenario")
    site = write_demo_site(tmp_path / "site", legacy.url)
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in ("claim-001.pdf", "bad-mynumber.pdf"):
        shutil.copy2(CLAIMS / name, inbox)
        (inbox / name).chmod(0o644)  # as staff drop them
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    summary = run_scenario(scenario, site, resources=run_resources)
    states = {o.source: o.state.value for o in summary.final_outcomes()}
    assert states["claim-001.pdf"] == "done", states
    work, output = tmp_path / "site" / "work", tmp_path / "site" / "output"
    written = {**modes(work), **modes(output)}
    kinds = {Path(name).suffix for name in written}
    assert {".log", ".png", ".html", ".json", ".xlsx", ".csv", ".sqlite3", ".pdf"} <= kinds, kinds
    assert any("screenshots" in name for name in written) and any("quarantine" in name for name in written)
    assert any("received" in name for name in written)
    wrong = {name: oct(mode) for name, mode in written.items()
             if mode != (0o700 if (tmp_path / "site" / name).is_dir() else 0o600)}
    assert wrong == {}
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            assert legacy.password.encode() not in path.read_bytes(), path


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the child's command line from /proc")
def test_the_demo_passes_no_password_on_a_command_line(tmp_path):
    with LegacyApp(tmp_path / "legacy" / "legacy.sqlite3", "robot", "demo-Pass-7f3a") as app:
        assert app._process is not None
        command = Path(f"/proc/{app._process.pid}/cmdline").read_bytes()
        assert b"samples.legacy_app" in command and b"demo-Pass-7f3a" not in command
        assert app.secrets()["legacy_password"] == "demo-Pass-7f3a"
        log = tmp_path / "legacy" / "legacy-app.log"
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
