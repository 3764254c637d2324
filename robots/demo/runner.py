"""The demo: start the sample legacy system, lay out a site with the sample forms in its
inbox, and run the sample scenario against it."""

from __future__ import annotations

import os
import queue
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from robots.demo.folders import ERROR_CASES, mark_demo_folder
from robots.run import Progress, RunResources, RunSummary, run_scenario
from shared.errors import ApplicationError
from shared.files import ensure_private_file, private_folder
from shared.messages import t

__all__ = ["LegacyApp", "REPO", "chromium_settings", "demo_inbox", "ensure_sample_forms", "has_display", "run_demo",
           "write_demo_site"]

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "jidou-teate-nintei"
SAMPLE_FORMS = REPO / "samples" / "forms" / "claims"


class LegacyApp:
    """The sample legacy system in its own process (it never imports this library).

        with LegacyApp(db_path) as app:
            app.url   # http://127.0.0.1:PORT
    """

    def __init__(self, db_path: Path, user: str = "robot", password: str | None = None, *extra: str) -> None:
        self.db_path = Path(db_path)
        self.user = user
        self.password = password or secrets.token_urlsafe(12)
        self.extra = extra
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> LegacyApp:
        private_folder(self.db_path.parent)
        command = [sys.executable, "-m", "samples.legacy_app", "--host", "127.0.0.1", "--port", "0",
                   "--db", str(self.db_path), *self.extra]
        # The credentials go in the child's environment, never on its command line: any user of the
        # machine can read a command line (ps), only the owner a process's environment.
        env = {**os.environ, "LEGACY_USER": self.user, "LEGACY_PASSWORD": self.password}
        self._log = ensure_private_file(self.db_path.parent / "legacy-app.log").open("ab")
        self._process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=self._log,
                                         text=True, encoding="utf-8", env=env)
        assert self._process.stdout is not None
        line = _first_line(self._process.stdout, timeout=30)
        if not line or not line.startswith("LISTENING "):
            self.__exit__()
            raise ApplicationError("demo.legacy_start_failed")
        self.url = line.split(" ", 1)[1].strip()
        return self

    def secrets(self) -> dict[str, str]:
        """The robot's credentials under the secret names of the demo site profile
        (``write_demo_site``), to give a run as ``RunResources(secrets=...)``."""
        return {"legacy_user": self.user, "legacy_password": self.password}

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()
        if getattr(self, "_log", None) is not None:
            self._log.close()


def _first_line(stream: IO[str], timeout: float) -> str | None:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return None


def chromium_settings() -> dict[str, object]:
    """Browser settings for this machine: Debian's Chromium when present (as root it needs
    --no-sandbox), else Playwright's own Chromium."""
    settings: dict[str, object] = {"headless": True}
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            settings["executable"] = candidate
            break
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        settings["args"] = ["--no-sandbox", "--disable-gpu"]
    return settings


def write_demo_site(folder: Path, base_url: str, *, encoding: str | None = "cp932",
                    timeout_seconds: float | None = None, retry: dict[str, float] | None = None,
                    presenter: dict[str, object] | None = None) -> Path:
    """A site profile for the sample legacy system at ``base_url``. Its secrets
    ``legacy_user`` and ``legacy_password`` refer to the environment variables LEGACY_USER /
    LEGACY_PASSWORD; the demo gives their values to the run instead (``LegacyApp.secrets``)."""
    import yaml

    host = base_url.split("//", 1)[1].split(":", 1)[0].split("/", 1)[0]
    browser = chromium_settings()
    if timeout_seconds:
        browser["timeout_seconds"] = timeout_seconds
    system: dict[str, object] = {"base_url": base_url, "browser": browser}
    if encoding:
        system["encoding"] = encoding
    profile = {
        "schema_version": 1,
        "name": "demo-city",
        "inbox": "inbox",
        "inbox_settle_seconds": 0,  # the demo drops its own forms; nothing else writes into this inbox
        "output": "output",
        "work": "work",
        "allowed_hosts": [host],
        "systems": {"kikan": system},
        "secrets": {"legacy_user": "env:LEGACY_USER", "legacy_password": "env:LEGACY_PASSWORD"},
        "ocr": {"postal_table": str(REPO / "samples" / "data" / "postal.json")},
    }
    if retry:
        profile["retry"] = retry
    if presenter:
        profile["presenter"] = presenter
        browser["headless"] = not has_display()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def ensure_sample_forms() -> Path:
    if not (SAMPLE_FORMS / "truth.json").is_file():
        subprocess.run([sys.executable, "-m", "samples.forms.generate", "--out", str(SAMPLE_FORMS)], cwd=REPO, check=True)
    return SAMPLE_FORMS


def has_display() -> bool:
    """Whether a visible browser window can be shown (Windows and macOS always; elsewhere
    when X11 or Wayland is there)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_demo(folder: Path, say: Callable[[str], object] = print, progress: Progress | None = None, *,
             limit: int | None = None, presenter: dict[str, object] | None = None,
             scenario: Path | None = None, with_errors: bool = False) -> RunSummary:
    """Run the sample scenario over the sample forms against the sample legacy system.
    ``limit`` puts only the first N sample forms in the inbox; ``with_errors`` adds the
    sample's documented bad cases (``ERROR_CASES``) beyond the limit; ``presenter`` turns on
    presenter mode with these settings (shared/config/presenter.py); ``scenario`` runs another
    scenario (e.g. one written in the tutorial) instead of the sample one; ``say`` prints
    what the demo tells the person watching (the command line passes its console's). A new
    folder is marked as the demo's (``demo --reset`` clears only such a folder)."""
    folder = Path(folder).resolve()
    mark_demo_folder(folder)
    forms = ensure_sample_forms()
    scenario = Path(scenario) if scenario is not None else SCENARIO
    inbox = demo_inbox(folder, scenario)
    inbox.mkdir(parents=True, exist_ok=True)
    chosen = sorted(forms.glob("*.pdf"), key=lambda p: (not p.name.startswith("claim-"), p.name))[:limit]
    if with_errors:
        chosen += [forms / name for name in ERROR_CASES if forms / name not in chosen]
    for pdf in chosen:
        if not (inbox / pdf.name).exists():
            shutil.copy2(pdf, inbox / pdf.name)
    with LegacyApp(folder / "legacy" / "legacy.sqlite3") as app:
        say(t("demo.legacy_started", url=app.url))
        site = write_demo_site(folder, app.url, presenter=presenter)
        return run_scenario(scenario, site, progress=progress, resources=RunResources(secrets=app.secrets()))


def demo_inbox(folder: Path, scenario: Path | None = None) -> Path:
    """The inbox folder the demo puts the sample forms into (the scenario's first input)."""
    return Path(folder) / "inbox" / _inbox_folder(Path(scenario) if scenario is not None else SCENARIO)


def _inbox_folder(scenario: Path) -> str:
    """The inbox subfolder the scenario's first input reads (``jidou-teate`` of ``jidou-teate/*.pdf``)."""
    from shared.config import load_scenario

    return Path(load_scenario(scenario).scenario.inputs[0].glob).parent.as_posix()
