"""Done means: municipality A packs and signs the sample scenario; municipality B, whose
legacy system labels two fields differently, installs it in a fresh folder, writes ONLY
its site profile (with two overrides) and runs it end to end through Chromium into the
real sample legacy system."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SCENARIO_DIR, found_personal
from typer.testing import CliRunner

from robots.cli import app
from robots.demo.runner import chromium_settings
from robots.run.batch import run_scenario
from samples.legacy_app import fetch_records

pytestmark = pytest.mark.slow

OVERRIDES = {"labels": {"請求者氏名": "申請者氏名"}, "selectors": {"電話番号": "#phone"}}


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Municipality A: a signing key, and the signed package of the sample scenario."""
    a_city = tmp_path_factory.mktemp("a-city")
    output = invoke("scenario", "keygen", str(a_city / "a-city.pem"))
    public = re.search(r"([A-Za-z0-9+/]{43}=)", output).group(1)
    package = a_city / "jidou-teate-nintei-1.0.0.zip"
    invoke("scenario", "pack", str(SCENARIO_DIR), "--out", str(package), "--author", "A市 情報政策課",
           "--licence", "CC-BY-4.0")
    invoke("scenario", "sign", str(package), "--key", str(a_city / "a-city.pem"), "--signer", "a-city")
    return package, public


def write_site(folder: Path, url: str, public: str, overrides: dict | None, timeout: float = 10) -> Path:
    """Municipality B's site profile: the only file B writes."""
    browser = {**chromium_settings(), "timeout_seconds": timeout}
    profile = {
        "schema_version": 1,
        "name": "b-city",
        "inbox_settle_seconds": 0,  # the test drops the forms itself, right before the run
        "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": url, "encoding": "cp932", "browser": browser}},
        "secrets": {"legacy_user": "env:LEGACY_USER", "legacy_password": "env:LEGACY_PASSWORD"},
        "sharing": {"trusted_keys": {"a-city": public}, "screens": {"kikan": overrides} if overrides else {}},
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def b_legacy(legacy):
    """B's legacy system: the sample system (the session's, fresh) with two fields labelled differently."""
    return legacy.reset(password=legacy.password, labels="b")


def install_for_b(tmp_path: Path, published, url: str, overrides: dict | None, timeout: float = 10) -> tuple[Path, Path]:
    package, public = published
    town = tmp_path / "b-city"
    site = write_site(town, url, public, overrides, timeout)
    output = invoke("scenario", "install", str(package), "--site", str(site), "--scenarios", str(town / "scenarios"))
    assert "インストールしました: jidou-teate-nintei 1.0.0" in output and "信頼する鍵で署名済み（a-city）" in output
    return town, site


def test_b_runs_the_shared_scenario_by_writing_only_its_site_profile(tmp_path, published, b_legacy, truth):
    town, site = install_for_b(tmp_path, published, b_legacy.url, OVERRIDES)
    installed = town / "scenarios" / "jidou-teate-nintei"
    before = {p.relative_to(installed).as_posix(): p.read_bytes() for p in installed.rglob("*") if p.is_file()}
    inbox = town / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    expected = {}
    for pdf in sorted((installed / "samples").glob("*.pdf")):
        shutil.copy(pdf, inbox / pdf.name)
        expected[pdf.name] = json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))

    summary = run_scenario(installed, site)

    assert summary.fatal is None and summary.exit_code == 0
    records = {r["my_number"]: r for r in fetch_records(b_legacy.db_path)}
    assert len(records) == len(expected) == 3
    for name, fields in expected.items():
        record = records[fields["my_number"]]
        assert record["applicant_name"] == fields["claimant_name"], name  # entered under B's label 申請者氏名
        assert record["phone"] == fields["phone"], name  # entered through B's selector for 連絡先電話番号
        assert record["applicant_kana"] == fields["claimant_kana"], name
        assert record["address_town"] + record["address_street"] == fields["address"], name
        assert str(record["receipt_no"]).startswith("JT-"), name
    after = {p.relative_to(installed).as_posix(): p.read_bytes() for p in installed.rglob("*") if p.is_file()}
    assert after == before  # the package was never edited
    listing = invoke("scenario", "list", "--scenarios", str(town / "scenarios"), "--site", str(site))
    assert "jidou-teate-nintei  1.0.0  A市 情報政策課  信頼する鍵で署名済み（a-city）" in listing
    personal = {v for e in expected.values() for k, v in e.items() if isinstance(v, str) and len(v) >= 4
                and k in ("claimant_name", "my_number", "address", "phone", "claimant_kana")}
    for path in (town / "work").rglob("*"):
        if path.is_file() and path.suffix in (".log", ".jsonl", ".txt", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not found_personal(text, personal), path


def test_scenario_test_web_passes_for_b_and_fails_without_its_overrides(tmp_path, published, b_legacy):
    town, site = install_for_b(tmp_path / "with", published, b_legacy.url, OVERRIDES)
    result = CliRunner().invoke(app, ["scenario", "test", "jidou-teate-nintei", "--scenarios", str(town / "scenarios"),
                                      "--web", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert result.output.count("合格") >= 3 and "画面入力: 受付番号を取得" in result.output
    assert "合格 3 件 / 不合格 0 件" in result.output

    # The same package against the same system, without B's overrides: the labels do not match.
    town, site = install_for_b(tmp_path / "without", published, b_legacy.url, None, timeout=2)
    result = CliRunner().invoke(app, ["scenario", "test", "jidou-teate-nintei", "--scenarios", str(town / "scenarios"),
                                      "--web", "--site", str(site)])
    assert result.exit_code == 1, result.output
    assert "不合格" in result.output and "請求者氏名" in result.output  # the step that failed names the label
