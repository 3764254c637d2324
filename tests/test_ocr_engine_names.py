"""A site profile naming an OCR engine this installation does not have (a typo such as
``tesseact``) is refused by ``validate`` and before a run takes any file, with a Japanese
message at the name's line naming it and the known engines — before, the run took the scans in
and quarantined each one as an unexpected fault of the reader (issue #15)."""

from __future__ import annotations

import shutil

import pytest
from cli_runner import cli
from conftest import SCENARIO_DIR
from test_reading_only import reading_only_scenario, site_profile

from connectors.ocr import engines
from robots.demo.runner import REPO
from robots.run.batch import run_scenario
from shared.config import validate_all
from shared.errors import ConfigError

SITE = ("schema_version: 1\nname: test-city\nallowed_hosts: [127.0.0.1]\nsystems:\n  kikan:\n"
        "    base_url: http://127.0.0.1:9/\nsecrets:\n  legacy_user: env:LEGACY_USER\n"
        "  legacy_password: env:LEGACY_PASSWORD\nocr:\n")


@pytest.mark.parametrize(("ocr", "name", "line"), [("  engines: [tesseract, ppcor]\n", "ppcor", 11),
                                                   ("  engines:\n    - tesseact\n", "tesseact", 12),
                                                   ("  engine: Tesseract\n", "Tesseract", 11)])
def test_validate_names_an_unknown_engine_and_the_known_ones(tmp_path, ocr, name, line):
    site = tmp_path / "site.yaml"
    site.write_text(SITE + ocr, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        validate_all(SCENARIO_DIR, site, ocr_engines=engines())
    [problem] = [p for p in caught.value.problems if p.key.startswith("ocr.engine")]
    assert problem.line == line
    assert f"文字認識エンジン「{name}」はありません" in problem.message
    assert "使えるエンジン: ppocr、tesseract" in problem.message
    assert problem.message.endswith(f"「{name.lower().replace('ppcor', 'ppocr').replace('tesseact', 'tesseract')}」のことですか？")

    result = cli("validate", SCENARIO_DIR, "--site", site)
    assert result.exit_code == 1
    assert f"site.yaml:{line}:" in result.output and f"「{name}」" in result.output and "tesseract" in result.output


def test_known_engines_pass(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGACY_USER", "robot")  # the site's secrets must resolve
    monkeypatch.setenv("LEGACY_PASSWORD", "pw")
    site = tmp_path / "site.yaml"
    site.write_text(SITE + "  engines: [tesseract, ppocr]\n", encoding="utf-8")
    _, profile = validate_all(SCENARIO_DIR, site, ocr_engines=engines())
    assert profile is not None and profile.ocr.chosen() == ["tesseract", "ppocr"]


def test_a_run_with_an_unknown_engine_takes_no_file(tmp_path):
    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site", "ocr:\n  engine: tesseract-jpn\n")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    scan = inbox / "scan-005.tif"
    shutil.copy2(REPO / "samples" / "scans" / "out" / "scan-005.tif", scan)
    with pytest.raises(ConfigError) as caught:
        run_scenario(scenario, site)
    assert "「tesseract-jpn」" in str(caught.value)
    assert scan.is_file()  # left in the inbox, not quarantined
    assert not (tmp_path / "site" / "work" / "quarantine").exists()
