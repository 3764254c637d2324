"""Issue #17 point 6, the site as it will run: `validate --site` (and `run`, before it starts)
refuses folders outside the site folder or shared between inbox/output/work, a secrets file
others can read and a secret that does not resolve, naming the file, the variable and the
rule, never a secret's value. One test per probe, through the command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import SCENARIO_DIR

from shared.messages import set_language

SITE = """\
schema_version: 1
name: test-city
allowed_hosts: [127.0.0.1]
systems:
  kikan:
    base_url: http://127.0.0.1:9/
secrets:
  legacy_user: env:SITECHECK_USER
  legacy_password: {password}
"""
PASSWORD = "s3cret-Value-never-shown"


@pytest.fixture
def site_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SITECHECK_USER", "robot")
    monkeypatch.setenv("SITECHECK_PASSWORD", PASSWORD)
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


def write_site(folder: Path, extra: str = "", password: str = "env:SITECHECK_PASSWORD") -> Path:
    path = folder / "site.yaml"
    path.write_text(SITE.format(password=password) + extra, encoding="utf-8")
    return path


def validate(site: Path, lang: str | None = None):
    try:
        return cli(*(["--lang", lang] if lang else []), "validate", SCENARIO_DIR, "--site", site)
    finally:
        set_language(None)


def test_a_good_site_validates(site_dir):
    result = validate(write_site(site_dir))
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output


def test_an_output_folder_outside_the_site_folder_is_refused_unless_declared(site_dir, tmp_path):
    site = write_site(site_dir, "output: /etc\n")
    result = validate(site)
    assert result.exit_code == 1
    assert f"{site}:10:1: output:" in result.output
    assert "output（/etc）がサイトプロファイルのフォルダ" in result.output and str(site_dir) in result.output
    assert "規則: inbox・output・work はサイトのフォルダの中" in result.output
    assert "outside_folders: [output]" in result.output
    english = validate(site, "en")
    assert english.exit_code == 1 and "rule: inbox, output and work stay inside the site folder" in english.output
    elsewhere = tmp_path / "file-server" / "output"
    declared = write_site(site_dir, f"output: {elsewhere}\noutside_folders: [output]\n")
    assert validate(declared).exit_code == 0
    escaping = write_site(site_dir, "work: ../work\n")  # a relative path out of the folder is outside too
    assert "work（" in validate(escaping).output and validate(escaping).exit_code == 1


def test_inbox_output_and_work_at_one_folder_are_refused(site_dir):
    site = write_site(site_dir, "inbox: data\noutput: data\nwork: data\n")
    result = validate(site)
    assert result.exit_code == 1
    for pair in ("inbox と output", "inbox と work", "output と work"):
        assert f"{pair} が同じフォルダ（{site_dir / 'data'}）です" in result.output
    assert "規則: inbox・output・work は別々のフォルダ" in result.output
    nested = validate(write_site(site_dir, "output: work/out\n"))
    assert nested.exit_code == 1 and "規則: inbox・output・work は入れ子にしない" in nested.output
    itself = validate(write_site(site_dir, "work: .\n"))
    assert itself.exit_code == 1 and "work がサイトプロファイルのフォルダそのもの" in itself.output


def test_a_folder_the_robot_cannot_write_to_is_refused(site_dir):
    (site_dir / "output").write_text("not a folder", encoding="utf-8")
    result = validate(write_site(site_dir))
    assert result.exit_code == 1
    assert f"output（{site_dir / 'output'}）はフォルダではなくファイルです" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_secrets_file_others_can_read_is_refused_naming_file_and_mode(site_dir):
    secrets_file = site_dir / "secrets.env"
    secrets_file.write_text(f"LEGACY_PASSWORD={PASSWORD}\n", encoding="utf-8")
    os.chmod(secrets_file, 0o644)
    site = write_site(site_dir, "secrets_file: secrets.env\n", password="file:LEGACY_PASSWORD")
    result = validate(site)
    assert result.exit_code == 1
    assert f"秘密情報ファイル {secrets_file} を所有者以外も読めます（モード 0644、必要なモード 0600）" in result.output
    assert "規則: 秘密情報ファイルは所有者だけ" in result.output and f"{site}:" in result.output
    assert PASSWORD not in result.output
    english = validate(site, "en")
    assert "(mode 0644; needed: 0600)" in english.output and PASSWORD not in english.output
    os.chmod(secrets_file, 0o600)
    assert validate(site).exit_code == 0
    missing_key = write_site(site_dir, "secrets_file: secrets.env\n", password="file:OTHER_NAME")
    result = validate(missing_key)
    assert result.exit_code == 1 and f"秘密情報ファイル {secrets_file} に OTHER_NAME の行" in result.output
    assert PASSWORD not in result.output


def test_an_unset_environment_variable_is_named_before_the_run(site_dir, monkeypatch):
    monkeypatch.delenv("SITECHECK_PASSWORD")
    site = write_site(site_dir)
    result = validate(site)
    assert result.exit_code == 1
    assert f"{site}:9:3: secrets.legacy_password: 環境変数 SITECHECK_PASSWORD が設定されていません" in result.output
    assert "規則: 秘密情報は実行前に解決できること" in result.output
    assert "SITECHECK_USER" not in result.output  # the one that is set is not a problem
    run = cli("run", SCENARIO_DIR, "--site", site)  # the run refuses before it starts, not at login
    assert run.exit_code == 2 and "環境変数 SITECHECK_PASSWORD が設定されていません" in run.output
    assert not (site_dir / "work").exists()  # refused before anything was made
