"""The demo's folders, so that a training day can be repeated: the demo marks a folder it lays
out with a marker file, and ``demo --reset`` clears only a folder so marked; ``--present``
gets a fresh folder of its own by default; ``--with-errors`` adds the sample's documented bad
cases to the inbox (for the exception-queue slot of a seminar)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from shared.errors import BusinessError

__all__ = ["ERROR_CASES", "MADE", "MARKER", "PRESENT_ROOT", "fresh_present_folder", "is_demo_folder",
           "mark_demo_folder", "reset_demo_folder"]

MARKER = ".robot-runner-demo"
"""The file the demo writes into a folder it lays out (nothing else writes it)."""

MADE = ("inbox", "output", "work", "legacy", "site.yaml")
"""What the demo writes into its folder: what ``--reset`` removes (ledger, audit, inbox,
outputs, reports, videos, the sample system's database). Anything else there stays."""

PRESENT_ROOT = Path(".demo-present")
"""Where ``demo --present`` makes a fresh folder per presentation when no ``--dir`` is given."""

ERROR_CASES = (
    # one bad field each: read, checked, and put in the exception queue with the field named
    "blank-required.pdf",   # 請求者氏名 left blank (required)
    "bad-mynumber.pdf",     # 個人番号 with a wrong check digit
    "heisei31-may.pdf",     # 生年月日 平成31年5月1日 (平成 had ended)
    "impossible-date.pdf",  # 児童1 生年月日 that does not exist
    "kana-invalid.pdf",     # フリガナ with characters that are not katakana
    # the file itself is the problem: quarantined, in the queue with the reason
    "empty.pdf",            # an empty file
    "not-a-pdf.pdf",        # not a PDF
    "encrypted.pdf",        # password-protected
    "other-form.pdf",       # another form
    "page-missing.pdf",     # the second page is missing
)
"""The sample's documented bad cases (samples/forms/README.md, docs/trainer-guide.md), in
samples/forms/claims/: ``demo --with-errors`` copies them into the demo's inbox."""

_MARKER_TEXT = "robot-runner demo: demo --reset may clear inbox/, output/, work/, legacy/ and site.yaml here.\n"


def is_demo_folder(folder: Path) -> bool:
    """Whether the demo laid out ``folder`` (its marker is there, a regular file, not a link)."""
    marker = Path(folder) / MARKER
    return marker.is_file() and not marker.is_symlink()


def mark_demo_folder(folder: Path) -> bool:
    """Mark ``folder`` as the demo's when it is new, empty, or holds only what the demo writes
    (an earlier demo's folder); a folder with other things in it stays unmarked (``--reset``
    then refuses it). Returns whether the folder is the demo's."""
    folder = Path(folder)
    if is_demo_folder(folder):
        return True
    if folder.is_symlink() or (folder.exists() and any(entry.name not in MADE for entry in folder.iterdir())):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    return True


def reset_demo_folder(folder: Path) -> list[Path]:
    """Remove what an earlier demo wrote into ``folder`` (``MADE``); returns what was removed.
    A folder that does not exist has nothing to clear; a folder without the demo's marker is
    refused (``demo.reset_refused``) and left untouched. Links are removed, never followed."""
    folder = Path(folder)
    if not folder.exists() and not folder.is_symlink():
        return []
    if folder.is_symlink() or not folder.is_dir() or not is_demo_folder(folder):
        raise BusinessError("demo.reset_refused", file=str(folder), marker=MARKER)
    removed = []
    for name in MADE:
        path = folder / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            _remove_tree(path)
        else:
            continue
        removed.append(path)
    return removed


def _remove_tree(path: Path) -> None:
    def writable_then_retry(function: Callable[[str], object], name: str, _exc: object) -> None:
        os.chmod(name, stat.S_IWRITE | stat.S_IREAD)  # Windows refuses to delete a read-only file
        function(name)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=writable_then_retry)
    else:
        shutil.rmtree(path, onerror=writable_then_retry)


def fresh_present_folder(root: Path = PRESENT_ROOT, now: dt.datetime | None = None) -> Path:
    """A new folder for one presentation, named by the time (``.demo-present/20261202-093000``)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = Path(root) / stamp
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = Path(root) / f"{stamp}-{suffix}"
    return folder
