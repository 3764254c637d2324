"""pack / sign / verify / install / list / upgrade of scenario packages, through the
library and the command line."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import SCENARIO_DIR
from typer.testing import CliRunner

from robots.cli import app
from shared.audit import audit_records
from shared.config.site import SiteProfile
from shared.messages import set_language
from shared.packages import (
    CURRENT_SCHEMA_VERSION,
    MANIFEST_FILE,
    SIGNATURE_FILE,
    PackageError,
    generate_key,
    install_package,
    list_installed,
    pack,
    sign_package,
    upgrade_package,
    verify_package,
)
from shared.packages.archive import write_zip
from shared.packages.manifest import library_version, version_in_range


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("keys")
    return folder / "a.pem", generate_key(folder / "a.pem")


def site(trusted: dict[str, str] | None = None) -> SiteProfile:
    return SiteProfile.model_validate({
        "name": "b-city", "allowed_hosts": ["127.0.0.1"], "systems": {"kikan": {"base_url": "http://127.0.0.1:1/"}},
        "sharing": {"trusted_keys": trusted or {}},
    })


def test_manifest_lists_every_file_with_its_sha256(tmp_path):
    path = pack(SCENARIO_DIR, tmp_path / "p.zip", licence="CC-BY-4.0", author="A市 情報政策課")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST_FILE))
        for name, entry in manifest["files"].items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == entry["sha256"]
    assert names == {*manifest["files"], MANIFEST_FILE}
    assert {"scenario.yaml", "template.yaml", "forms/blank.pdf", "README.md"} <= set(manifest["files"])
    assert manifest["schema_version"] == CURRENT_SCHEMA_VERSION
    assert manifest["author"] == "A市 情報政策課" and manifest["licence"] == "CC-BY-4.0"
    assert version_in_range(library_version(), manifest["library"])
    assert [s["input"] for s in manifest["samples"]] == [f"samples/sample-{i}.pdf" for i in (1, 2, 3)]
    assert all(s["expected"] in manifest["files"] for s in manifest["samples"])
    again = pack(SCENARIO_DIR, tmp_path / "again.zip", licence="CC-BY-4.0", author="A市 情報政策課")
    assert again.read_bytes() == path.read_bytes()  # same content, same bytes


def test_signature_is_checked_against_the_sites_keys(tmp_path, keys):
    key, public = keys
    path = pack(SCENARIO_DIR, tmp_path / "p.zip", licence="CC-BY-4.0")
    assert verify_package(path, {}).signature is None
    sign_package(path, key, "a-city")
    assert verify_package(path, {"a-city": public}).signer == "a-city"
    untrusted = verify_package(path, {"other": "A" * 43 + "="})
    assert untrusted.signature is not None and not untrusted.trusted


def test_library_version_range_is_enforced(tmp_path):
    path = pack(SCENARIO_DIR, tmp_path / "p.zip", licence="CC-BY-4.0", library=">=99.0,<100")
    with pytest.raises(PackageError) as caught:
        verify_package(path, {})
    assert caught.value.key == "packages.library_mismatch" and ">=99.0,<100" in str(caught.value)


@pytest.mark.parametrize("version, spec, ok", [
    ("0.1.0", ">=0.1,<1", True), ("1.0.0", ">=0.1,<1", False), ("0.0.9", ">=0.1,<1", False),
    ("2.3.4", "==2.3.4", True), ("2.3.4", "!=2.3.4", False), ("0.5", ">0.4", True),
])
def test_version_in_range(version, spec, ok):
    assert version_in_range(version, spec) is ok


def test_list_shows_versions_authors_signatures_and_local_edits(tmp_path, keys):
    key, public = keys
    path = pack(SCENARIO_DIR, tmp_path / "p.zip", licence="CC-BY-4.0")
    sign_package(path, key, "a-city")
    scenarios = tmp_path / "scenarios"
    install_package(path, scenarios, site({"a-city": public}))
    shutil.copytree(SCENARIO_DIR, scenarios / "local-one")  # a folder of this site's own: no manifest
    rows = {r.name: r for r in list_installed(scenarios, {"a-city": public})}
    assert rows["jidou-teate-nintei"].status == "trusted" and rows["jidou-teate-nintei"].version == "1.0.0"
    assert rows["jidou-teate-nintei"].author == "サンプル市 情報政策課"
    assert rows["local-one"].status == "local"
    assert list_installed(scenarios, {})[0].status == "untrusted"
    template = scenarios / "jidou-teate-nintei" / "template.yaml"
    template.write_bytes(template.read_bytes() + b"# edited\n")
    assert {r.name: r for r in list_installed(scenarios, {"a-city": public})}["jidou-teate-nintei"].status == "modified"
    with pytest.raises(PackageError) as caught:
        install_package(path, scenarios, site({"a-city": public}))
    assert caught.value.key == "packages.already_installed"
    install_package(path, scenarios, site({"a-city": public}), replace=True)
    assert {r.name: r for r in list_installed(scenarios, {"a-city": public})}["jidou-teate-nintei"].status == "trusted"


def v1_package(tmp_path: Path) -> Path:
    """A package in the 2025 format (schema_version 1)."""
    files = {p.relative_to(SCENARIO_DIR).as_posix(): p.read_bytes() for p in SCENARIO_DIR.rglob("*") if p.is_file()}
    manifest = {"schema_version": 1, "id": "jidou-teate-nintei", "version": "1.0.0", "author": "サンプル市",
                "license": "CC-BY-4.0", "requires": "jichitai-rpa>=0.1",
                "files": [{"path": n, "sha256": hashlib.sha256(d).hexdigest()} for n, d in sorted(files.items())]}
    return write_zip(tmp_path / "old.zip", {**files, MANIFEST_FILE: json.dumps(manifest).encode(),
                                            SIGNATURE_FILE: b"{}"})


def test_old_package_is_refused_until_upgraded(tmp_path):
    old = v1_package(tmp_path)
    with pytest.raises(PackageError) as caught:
        verify_package(old, {})
    assert caught.value.key == "packages.old_schema" and "scenario upgrade" in str(caught.value)
    path, was, changes = upgrade_package(old, tmp_path / "new.zip")
    assert was == 1
    texts = [c.render("ja") for c in changes]
    assert "license を licence に名前変更しました" in texts
    assert any("requires（jichitai-rpa>=0.1）を library（>=0.1）" in t for t in texts)
    assert any("3 件" in t for t in texts) and any("署名を外しました" in t for t in texts)
    verified = verify_package(path, {})
    assert verified.manifest.licence == "CC-BY-4.0" and len(verified.manifest.samples) == 3
    with pytest.raises(PackageError) as caught:
        upgrade_package(path)
    assert caught.value.key == "packages.nothing_to_upgrade"


def test_command_line_round_trip_in_japanese(tmp_path):
    runner = CliRunner()
    key = tmp_path / "a.pem"
    out = runner.invoke(app, ["scenario", "keygen", str(key)])
    assert out.exit_code == 0 and "公開鍵" in out.output
    public = out.output.strip().split()[-1]
    package = tmp_path / "p.zip"
    out = runner.invoke(app, ["scenario", "pack", str(SCENARIO_DIR), "--out", str(package)])
    assert out.exit_code == 0 and "パッケージを作成しました" in out.output and "サンプル 3 件" in out.output
    site_yaml = tmp_path / "site.yaml"
    site_yaml.write_text(
        "name: b-city\nallowed_hosts: [127.0.0.1]\nsystems: {kikan: {base_url: 'http://127.0.0.1:1/'}}\n"
        f"sharing: {{trusted_keys: {{a-city: '{public}'}}}}\n", encoding="utf-8")
    out = runner.invoke(app, ["scenario", "verify", str(package), "--site", str(site_yaml)])
    assert out.exit_code == 1 and "署名なし" in out.output
    out = runner.invoke(app, ["scenario", "install", str(package), "--site", str(site_yaml), "--scenarios",
                              str(tmp_path / "scenarios")])
    assert out.exit_code == 2 and "署名がありません" in out.output
    out = runner.invoke(app, ["scenario", "sign", str(package), "--key", str(key), "--signer", "a-city"])
    assert out.exit_code == 0 and "署名しました" in out.output
    out = runner.invoke(app, ["scenario", "verify", str(package), "--site", str(site_yaml)])
    assert out.exit_code == 0 and "信頼する鍵で署名済み（a-city）" in out.output
    out = runner.invoke(app, ["scenario", "install", str(package), "--site", str(site_yaml), "--scenarios",
                              str(tmp_path / "scenarios")])
    assert out.exit_code == 0, out.output
    installed = [r for r in audit_records(tmp_path / "work" / "ledger.sqlite3") if r["event"] == "scenario_installed"]
    assert len(installed) == 1 and installed[0]["signer"] == "a-city" and installed[0]["version"] == "1.0.0"
    out = runner.invoke(app, ["scenario", "test", "jidou-teate-nintei", "--scenarios", str(tmp_path / "scenarios")])
    assert out.exit_code == 0 and "合格 3 件 / 不合格 0 件" in out.output
    expected = tmp_path / "scenarios" / "jidou-teate-nintei" / "samples" / "sample-2.expected.json"
    record = json.loads(expected.read_text(encoding="utf-8"))
    record["bank_name"] = "別の銀行"
    expected.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = runner.invoke(app, ["scenario", "test", "jidou-teate-nintei", "--scenarios", str(tmp_path / "scenarios")])
    assert out.exit_code == 1 and "不合格" in out.output and "bank_name" in out.output
    out = runner.invoke(app, ["scenario", "list", "--scenarios", str(tmp_path / "scenarios"), "--site", str(site_yaml)])
    assert "改変あり" in out.output
    try:
        out = runner.invoke(app, ["--lang", "en", "scenario", "test", "nowhere", "--scenarios", str(tmp_path)])
    finally:
        set_language(None)  # the CLI's --lang sets the language of this process
    assert out.exit_code == 2 and "was not found" in out.output


def test_public_api_of_packages():
    import shared.packages as packages

    assert packages.__all__
    for name in packages.__all__:
        assert hasattr(packages, name), name


def test_upgrade_command_says_what_changed(tmp_path):
    old = v1_package(tmp_path)
    out = CliRunner().invoke(app, ["scenario", "upgrade", str(old), "--out", str(tmp_path / "new.zip")])
    assert out.exit_code == 0, out.output
    assert "schema_version 1 → 2" in out.output and "  - license を licence に名前変更しました" in out.output
    again = CliRunner().invoke(app, ["scenario", "upgrade", str(tmp_path / "new.zip")])
    assert again.exit_code == 0 and "既に最新の形式です" in again.output


def test_a_malformed_trusted_key_is_named_with_its_line(tmp_path):
    from shared.config import load_site
    from shared.errors import ConfigError

    path = tmp_path / "site.yaml"
    path.write_text("name: b-city\nallowed_hosts: [127.0.0.1]\nsystems: {kikan: {base_url: 'http://127.0.0.1:1/'}}\n"
                    "sharing:\n  trusted_keys:\n    a-city: not-a-key\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    problem = caught.value.problems[0]
    assert problem.line == 6 and "a-city" in problem.key and "scenario keygen" in problem.message
