"""Issue #17 point 5, packages with versions and signers: a replacement must not be older
than the installed scenario, must be signed by the same key, and a package installs only
under its own scenario's id. One test per probe, through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SCENARIO_DIR
from typer.testing import CliRunner

from robots.cli import app
from shared.audit import audit_records
from shared.messages import set_language
from shared.packages import MANIFEST_FILE, SIGNATURE_FILE, generate_key, pack, sign_package
from shared.packages.archive import open_package, write_zip
from shared.packages.replacing import key_fingerprint

SCENARIO_ID = "jidou-teate-nintei"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("keys")
    return {name: (folder / f"{name}.pem", generate_key(folder / f"{name}.pem")) for name in ("a", "b")}


def packaged(tmp_path: Path, version: str, key: Path | None, name: str) -> Path:
    """The sample scenario at ``version``, packed (and signed with ``key``)."""
    folder = tmp_path / f"src-{name}"
    shutil.copytree(SCENARIO_DIR, folder)
    scenario = folder / "scenario.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("version: 1.0.0", f"version: {version}"),
                        encoding="utf-8")
    path = pack(folder, tmp_path / f"{name}.zip", licence="CC-BY-4.0")
    if key is not None:
        sign_package(path, key, "a-city")
    return path


def write_site(tmp_path: Path, trusted: dict[str, str]) -> Path:
    keys = ", ".join(f"{name}: '{key}'" for name, key in trusted.items())
    path = tmp_path / "site" / "site.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name: b-city\nallowed_hosts: [127.0.0.1]\nsystems: {kikan: {base_url: 'http://127.0.0.1:1/'}}\n"
                    f"sharing: {{trusted_keys: {{{keys}}}}}\n", encoding="utf-8")
    return path


def install(package: Path, site: Path, scenarios: Path, *flags: str, lang: str | None = None):
    args = ["--lang", lang] if lang else []
    try:
        return CliRunner().invoke(app, [*args, "scenario", "install", str(package), "--site", str(site),
                                        "--scenarios", str(scenarios), *flags])
    finally:
        set_language(None)


def installs(site: Path) -> list[dict]:
    ledger = site.parent / "work" / "ledger.sqlite3"
    return [dict(r) for r in audit_records(ledger) if r["event"] == "scenario_installed"]


def test_an_older_version_does_not_replace_a_newer_one_without_allow_downgrade(tmp_path, keys):
    key, public = keys["a"]
    site = write_site(tmp_path, {"a-city": public})
    scenarios = tmp_path / "scenarios"
    newer, older = packaged(tmp_path, "1.1.0", key, "newer"), packaged(tmp_path, "1.0.0", key, "older")
    assert install(newer, site, scenarios).exit_code == 0
    out = install(older, site, scenarios, "--replace")
    assert out.exit_code == 2
    assert f"シナリオ「{SCENARIO_ID}」" in out.output and "1.1.0" in out.output and "1.0.0" in out.output
    assert "規則: 版の巻き戻し禁止" in out.output and "--allow-downgrade" in out.output
    manifest = json.loads((scenarios / SCENARIO_ID / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["version"] == "1.1.0"  # left as it was
    out = install(older, site, scenarios, "--replace", lang="en")
    assert out.exit_code == 2 and "rule: no downgrade" in out.output
    out = install(older, site, scenarios, "--replace", "--allow-downgrade")
    assert out.exit_code == 0, out.output
    assert "置き換え前の版: 1.1.0（古い版への巻き戻し）" in out.output
    last = installs(site)[-1]
    assert last["version"] == "1.0.0" and last["replaced_version"] == "1.1.0" and last["downgrade"] is True
    record = json.loads((scenarios / SCENARIO_ID / ".install.json").read_text(encoding="utf-8"))
    assert record["downgrade"] is True and record["replaced_version"] == "1.1.0"


def test_a_manifest_id_other_than_the_scenarios_id_is_refused(tmp_path, keys):
    key, public = keys["a"]
    site = write_site(tmp_path, {"a-city": public})
    honest = packaged(tmp_path, "1.0.0", None, "honest")
    with open_package(honest) as reader:
        files = {name: reader.read(name) for name in reader.names}
    manifest = json.loads(files[MANIFEST_FILE])
    manifest["id"] = "juuminhyou-other"  # would land in (and replace) another scenario's folder
    files[MANIFEST_FILE] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    forged = write_zip(tmp_path / "forged.zip", files)
    sign_package(forged, key, "a-city")  # even signed by a trusted key
    scenarios = tmp_path / "scenarios"
    (scenarios / "juuminhyou-other").mkdir(parents=True)
    (scenarios / "juuminhyou-other" / "keep.txt").write_text("mine", encoding="utf-8")
    out = install(forged, site, scenarios, "--replace")
    assert out.exit_code == 2
    assert "manifest.json の id「juuminhyou-other」" in out.output and f"scenario.yaml の id「{SCENARIO_ID}」" in out.output
    assert "規則: パッケージは自分のシナリオの名前でだけインストールできます" in out.output
    assert (scenarios / "juuminhyou-other" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in scenarios.iterdir()) == ["juuminhyou-other"]  # no staging left behind
    assert installs(site) == []


def test_a_replacement_signed_by_another_key_is_refused(tmp_path, keys):
    (key_a, public_a), (key_b, public_b) = keys["a"], keys["b"]
    scenarios = tmp_path / "scenarios"
    both = write_site(tmp_path / "both", {"a-city": public_a, "a-city-new": public_b})
    assert install(packaged(tmp_path, "1.0.0", key_a, "by-a"), both, scenarios).exit_code == 0
    by_b = packaged(tmp_path, "1.1.0", key_b, "by-b")
    out = install(by_b, both, scenarios, "--replace")
    assert out.exit_code == 2
    assert key_fingerprint(public_a) in out.output and key_fingerprint(public_b) in out.output
    assert "規則: 置き換えは同じ署名者だけ" in out.output and "--allow-new-signer" in out.output
    only_b = write_site(tmp_path / "only-b", {"a-city-new": public_b})
    out = install(by_b, only_b, scenarios, "--replace", "--allow-new-signer")
    assert out.exit_code == 2 and "規則: 署名者の変更は両方の鍵を信頼している場合だけ" in out.output
    unsigned = packaged(tmp_path, "1.2.0", None, "unsigned")
    out = install(unsigned, both, scenarios, "--replace", "--allow-unsigned")
    assert out.exit_code == 2 and "規則: 置き換えは同じ署名者だけ" in out.output
    assert json.loads((scenarios / SCENARIO_ID / MANIFEST_FILE).read_text(encoding="utf-8"))["version"] == "1.0.0"
    out = install(by_b, both, scenarios, "--replace", "--allow-new-signer")
    assert out.exit_code == 0, out.output
    assert "（署名者の変更）" in out.output
    last = installs(both)[-1]
    assert last["signer_changed"] is True and last["key"] == key_fingerprint(public_b)
    assert last["replaced_key"] == key_fingerprint(public_a)


def test_list_shows_the_signing_keys_fingerprint_and_claimed_name(tmp_path, keys):
    key, public = keys["a"]
    site = write_site(tmp_path, {"a-city": public})
    scenarios = tmp_path / "scenarios"
    assert install(packaged(tmp_path, "1.0.0", key, "p"), site, scenarios).exit_code == 0
    out = CliRunner().invoke(app, ["scenario", "list", "--scenarios", str(scenarios), "--site", str(site)])
    assert out.exit_code == 0
    assert f"信頼する鍵で署名済み（a-city）  {key_fingerprint(public)}（名乗り: a-city）" in out.output
    out = CliRunner().invoke(app, ["scenario", "list", "--scenarios", str(scenarios)])  # no site: nobody trusted
    assert "署名あり・信頼していない鍵" in out.output and key_fingerprint(public) in out.output
    assert SIGNATURE_FILE not in out.output
