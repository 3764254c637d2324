"""doctor: each check present and missing, pointed at real temp folders, files and env vars;
the command's checklist, its --lang en and its exit codes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from connectors.ocr.ppocr import find_models
from robots.doctor import Probe
from robots.doctor import checks as c
from tests.cli_runner import cli

JST = dt.timezone(dt.timedelta(hours=9))


def _fake_browser(tmp_path: Path) -> Path:
    exe = tmp_path / "bin" / "msedge.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    return exe


def _models(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    for name, path in find_models().items():
        shutil.copy(path, folder / name)
    return folder


def _secrets_file(tmp_path: Path, mode: int) -> Path:
    path = tmp_path / "secrets.env"
    path.write_text("ROBOT_PASSWORD=do-not-print-me\n", encoding="utf-8")
    path.chmod(mode)
    return path


# Each row: the check, a probe that has what it looks for, a probe that lacks it, the status then.
CASES = [
    ("python", c.check_python, lambda tmp: Probe(python=(3, 11, 4)), lambda tmp: Probe(python=(3, 10, 12)), "missing"),
    ("browser-channel", c.check_browser,
     lambda tmp: Probe(channel="msedge", browser_paths={"msedge": [str(_fake_browser(tmp))]}),
     lambda tmp: Probe(channel="msedge", browser_paths={"msedge": [str(tmp / "none" / "msedge.exe")]}), "missing"),
    ("browser-executable", c.check_browser, lambda tmp: Probe(executable=str(_fake_browser(tmp))),
     lambda tmp: Probe(executable=str(tmp / "chromium")), "missing"),
    ("browser-playwright", c.check_browser,
     lambda tmp: (tmp / "pw" / "chromium-1200").mkdir(parents=True) or Probe(browser_paths={}, playwright_dirs=[tmp / "pw"]),
     lambda tmp: (tmp / "pw").mkdir() or Probe(browser_paths={}, playwright_dirs=[tmp / "pw"]), "missing"),
    ("tesseract", c.check_tesseract, lambda tmp: Probe(tessdata_dirs=[Path(os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata"))]),
     lambda tmp: Probe(tessdata_dirs=[tmp]), "missing"),
    ("tesserocr", c.check_tesseract_library, lambda tmp: Probe(),
     lambda tmp: Probe(tesseract_library="tesserocr_not_installed_here"), "missing"),
    ("fonts", c.check_fonts, lambda tmp: Probe(fonts=c._font_files()),
     lambda tmp: Probe(fonts=[tmp / "ipaexg.ttf"]), "warning"),
    ("models", c.check_ocr_models, lambda tmp: Probe(model_folder=_models(tmp), ocr_engines=["tesseract", "ppocr"]),
     lambda tmp: Probe(model_folder=tmp, ocr_engines=["tesseract", "ppocr"]), "missing"),
    ("folders", c.check_folders, lambda tmp: Probe(folders={"inbox": tmp / "inbox", "work": tmp}),
     lambda tmp: (tmp / "file").write_text("") or Probe(folders={"work": tmp / "file" / "work"}), "missing"),
    ("secrets-file", c.check_secrets_file, lambda tmp: Probe(secrets_file=_secrets_file(tmp, 0o600)),
     lambda tmp: Probe(secrets_file=tmp / "secrets.env"), "missing"),
    ("secrets", c.check_secrets,
     lambda tmp: Probe(secrets={"user": "env:DOCTOR_TEST_USER", "pw": "file:ROBOT_PASSWORD"},
                       secrets_file=_secrets_file(tmp, 0o600)),
     lambda tmp: Probe(secrets={"user": "env:DOCTOR_TEST_ABSENT", "pw": "file:OTHER"}, secrets_file=_secrets_file(tmp, 0o600)),
     "missing"),
    ("ledger-sqlite", c.check_ledger, lambda tmp: Probe(ledger=str(tmp / "work" / "ledger.sqlite3")),
     lambda tmp: (tmp / "file").write_text("") or Probe(ledger=str(tmp / "file" / "ledger.sqlite3")), "missing"),
    ("ledger-url", c.check_ledger, lambda tmp: Probe(ledger=f"sqlite:///{(tmp / 'l.sqlite3').as_posix()}"),
     lambda tmp: Probe(ledger="postgresql+psycopg://robot:pw-not-shown@127.0.0.1:1/ledger"), "missing"),
    ("clock", c.check_clock, lambda tmp: Probe(now=lambda: dt.datetime(2026, 4, 1, 9, 0, tzinfo=JST)),
     lambda tmp: Probe(now=lambda: dt.datetime(2026, 4, 1, 0, 0, tzinfo=dt.UTC)), "warning"),
    ("disk", c.check_disk, lambda tmp: Probe(disk=tmp, min_free=1),
     lambda tmp: Probe(disk=tmp / "not" / "yet", min_free=1 << 60), "missing"),
]


@pytest.mark.parametrize(("name", "check", "present", "absent", "status"), CASES, ids=[row[0] for row in CASES])
def test_each_check_present_and_missing(name, check, present, absent, status, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DOCTOR_TEST_USER", "robot")
    monkeypatch.delenv("DOCTOR_TEST_ABSENT", raising=False)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    found = check(present(tmp_path / "a"))
    assert found.status == "ok", found.detail.render()
    lacking = check(absent(tmp_path / "b"))
    assert lacking.status == status, lacking.detail.render()
    assert lacking.fix is not None and lacking.fix.render("ja") and lacking.fix.render("en")
    for lang in ("ja", "en"):
        assert "do-not-print-me" not in lacking.detail.render(lang) + found.detail.render(lang)
        assert "pw-not-shown" not in lacking.detail.render(lang)


def test_missing_items_are_named(tmp_path: Path) -> None:
    assert "3.10.12" in c.check_python(Probe(python=(3, 10, 12))).detail.render("ja")
    assert "DOCTOR_X" not in (f := c.check_secrets(Probe(secrets={"robot_pw": "env:DOCTOR_X"}))).detail.render("en")
    assert "robot_pw" in f.detail.render("en")
    assert "ipaexm.ttf" in c.check_fonts(Probe(fonts=[])).detail.render("ja")
    assert "msedge" in c.check_browser(Probe(channel="msedge", browser_paths={})).detail.render("ja")
    assert "rec.onnx" in c.check_ocr_models(Probe(model_folder=tmp_path, ocr_engines=["ppocr"])).detail.render("ja")


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX's")
def test_secrets_file_readable_by_others_is_missing(tmp_path: Path) -> None:
    finding = c.check_secrets_file(Probe(secrets_file=_secrets_file(tmp_path, 0o644)))
    assert finding.status == "missing" and "chmod 600" in finding.fix.render("en")


def test_checks_not_applicable_without_site_are_skipped() -> None:
    probe = Probe()
    for check in (c.check_folders, c.check_secrets_file, c.check_secrets, c.check_ledger):
        assert check(probe).status == "skipped"
    assert c.check_tesseract(Probe(ocr_engines=["ppocr"])).status == "skipped"


def _site(tmp_path: Path, secrets: str) -> Path:
    site = tmp_path / "拠点 A" / "site.yaml"
    site.parent.mkdir()
    site.write_text(f"schema_version: 1\nname: doctor-city\nsecrets:\n{secrets}", encoding="utf-8")
    return site


def test_command_all_present_exits_0(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOCTOR_TEST_USER", "robot")
    result = cli("doctor", "--site", _site(tmp_path, "  user: env:DOCTOR_TEST_USER\n"))
    assert result.exit_code == 0, result.stdout
    assert "動作環境の確認" in result.stdout and "[不足]" not in result.stdout
    assert "Python" in result.stdout and "SQLite" in result.stdout


def test_command_missing_exits_1_and_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DOCTOR_TEST_ABSENT", raising=False)
    site = _site(tmp_path, "  user: env:DOCTOR_TEST_ABSENT\n")
    result = cli("--lang", "en", "doctor", "--site", site)
    assert result.exit_code == 1, result.stdout
    assert "[MISSING] Secret references: Secrets that cannot be resolved: user" in result.stdout
    assert "required items are missing" in result.stdout


def test_command_unreadable_site_exits_2(tmp_path: Path) -> None:
    assert cli("doctor", "--site", tmp_path / "none.yaml").exit_code == 2


def test_python_of_this_process_passes() -> None:
    assert c.check_python(Probe()).status == ("ok" if sys.version_info >= (3, 11) else "missing")
