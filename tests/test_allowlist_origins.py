"""Issue #17, point 1: one allowlist rule — scheme, host and port — in the site profile,
``validate``, ``scenario lint`` and ``scenario install``: ``open: http://127.0.0.1:1/...``
is refused when only the system's own port of 127.0.0.1 is allowed."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import SCENARIO_DIR
from hostile_packages import package_bytes

from shared.config.origins import Origin, origin_of, origins_for, shown_origin
from shared.config.site import SiteProfile
from shared.errors import ConfigError
from shared.packages import MANIFEST_FILE, PackageError, generate_key, install_package, lint_folder, pack
from shared.packages.archive import open_package

APP = "http://127.0.0.1:8080/"
OTHER_PORT = "    - open: http://127.0.0.1:1/main\n"
SITE = ("schema_version: 1\nname: b-city\nallowed_hosts: [127.0.0.1]\nsystems:\n  kikan:\n"
        f"    base_url: {APP}\nsecrets:\n  legacy_user: env:U\n  legacy_password: env:P\n")


@pytest.mark.parametrize("entries, bases, expected", [
    (["127.0.0.1"], [APP], {"http://127.0.0.1:8080"}),  # no port: the system's own, not 80
    (["127.0.0.1:8443"], [APP], {"http://127.0.0.1:8443", "https://127.0.0.1:8443"}),
    (["kikan.example.lg.jp"], ["https://kikan.example.lg.jp/"], {"https://kikan.example.lg.jp:443"}),
    (["sso.example.lg.jp"], [APP], {"http://sso.example.lg.jp:80", "https://sso.example.lg.jp:443"}),
    (["https://sso.example.lg.jp"], [], {"https://sso.example.lg.jp:443"}),
    (["http://127.0.0.1:8080", "https://127.0.0.1"], [APP], {"http://127.0.0.1:8080", "https://127.0.0.1:443"}),
    (["[::1]"], ["http://[::1]:5000/"], {"http://[::1]:5000"}),
])
def test_an_entry_without_a_port_means_the_systems_port_else_the_schemes_default(entries, bases, expected):
    assert {str(o) for o in origins_for(entries, bases)} == expected


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:1/main",                    # another port of the allowed address
    "https://127.0.0.1:8080/main",                # another scheme
    "http://127.0.0.2:8080/main",                 # another address
    "http://localhost:8080/main",                 # another name for it
    "http://evil.example.com\\@127.0.0.1:8080/",  # a backslash: browsers go to evil.example.com
    "http://user@127.0.0.1:8080/",                # user info
    "http://127.0.0.1:8080\t.evil.example.com/",  # browsers drop tabs
    "file:///etc/passwd",
    "javascript:alert(1)",
])
def test_only_the_exact_origin_is_allowed(url):
    allowed = origins_for(["127.0.0.1"], [APP])
    assert origin_of(url) not in allowed
    assert origin_of("http://127.0.0.1:8080/main?q=1") in allowed
    assert origin_of("ws://127.0.0.1:8080/feed") == Origin("http", "127.0.0.1", 8080)  # a socket: its http origin


def test_a_message_shows_the_origin_never_the_path_or_query():
    assert shown_origin("http://127.0.0.1:1/search?name=山田") == "http://127.0.0.1:1"
    assert shown_origin("file:///home/x") == "file:"


@pytest.mark.parametrize("entry", ["http://127.0.0.1/login", "ftp://files.example.lg.jp", "user@kikan.lg.jp",
                                   "127.0.0.1:99999", "kikan lg jp", ""])
def test_an_allowed_hosts_entry_that_is_not_a_place_is_refused_naming_it(tmp_path, entry):
    site = tmp_path / "site.yaml"
    site.write_text(f"name: b-city\nallowed_hosts: [{json.dumps(entry)}]\n", encoding="utf-8")
    from shared.config import load_site

    with pytest.raises(ConfigError) as caught:
        load_site(site)
    text = str(caught.value)
    assert "site.yaml:2:" in text and "allowed_hosts" in text and "接続先として読めません" in text


def _scenario_with(tmp_path: Path, line: str) -> Path:
    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    - open: /main\n" in text
    path.write_text(text.replace("    - open: /main\n", line, 1), encoding="utf-8")
    return folder


def _line(folder: Path, marker: str) -> int:
    lines = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if marker in text)


def test_validate_refuses_another_port_of_the_allowed_host(tmp_path):
    folder = _scenario_with(tmp_path, OTHER_PORT)
    site = tmp_path / "site.yaml"
    site.write_text(SITE, encoding="utf-8")
    result = cli("validate", folder, "--site", site)
    assert result.exit_code == 1, result.stdout
    line = _line(folder, "127.0.0.1:1/")
    assert f"scenario.yaml:{line}:" in result.stdout
    assert "http://127.0.0.1:1" in result.stdout and "スキーム・ホスト・ポート" in result.stdout
    english = cli("--lang", "en", "validate", folder, "--site", site)
    assert "http://127.0.0.1:1" in english.stdout and "scheme, host and port" in english.stdout


def test_validate_accepts_the_systems_own_origin(tmp_path, monkeypatch):
    monkeypatch.setenv("U", "robot")  # validate --site resolves the secrets the scenario uses
    monkeypatch.setenv("P", "pw")
    folder = _scenario_with(tmp_path, "    - open: http://127.0.0.1:8080/main\n")
    site = tmp_path / "site.yaml"
    site.write_text(SITE, encoding="utf-8")
    result = cli("validate", folder, "--site", site)
    assert result.exit_code == 0, result.stdout


def test_lint_refuses_the_url_naming_its_line(tmp_path):
    folder = _scenario_with(tmp_path, OTHER_PORT)
    line = _line(folder, "127.0.0.1:1/")
    found = {(f.file, f.line, f.code) for f in lint_folder(folder)}
    assert ("scenario.yaml", line, "url") in found
    result = cli("scenario", "lint", folder)
    assert result.exit_code == 1 and f"scenario.yaml:{line}:" in result.stdout and "URL" in result.stdout


@pytest.fixture(scope="module")
def clean_package(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict, Path, str]:
    folder = tmp_path_factory.mktemp("origins")
    clean = pack(SCENARIO_DIR, folder / "clean.zip", licence="CC-BY-4.0")
    with open_package(clean) as reader:
        files = {name: reader.read(name) for name in reader.names}
    manifest = json.loads(files.pop(MANIFEST_FILE))
    public = generate_key(folder / "a-city.pem")
    return files, manifest, folder / "a-city.pem", public


def _package(path: Path, clean: tuple[dict[str, bytes], dict, Path, str], line: str) -> Path:
    files, manifest, key, _ = clean
    scenario = files["scenario.yaml"].decode().replace("    - open: /main\n", line, 1)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_bytes({**files, "scenario.yaml": scenario.encode()}, manifest, key).items():
            archive.writestr(name, data)
    return path


def _site(clean: tuple[dict[str, bytes], dict, Path, str]) -> SiteProfile:
    return SiteProfile.model_validate({
        "name": "b-city", "allowed_hosts": ["127.0.0.1"], "systems": {"kikan": {"base_url": APP}},
        "sharing": {"trusted_keys": {"a-city": clean[3]}},
    })


def test_install_refuses_another_port_of_the_allowed_host(tmp_path, clean_package):
    package = _package(tmp_path / "other-port.zip", clean_package, OTHER_PORT)
    scenarios = tmp_path / "scenarios"
    with pytest.raises(PackageError) as caught:
        install_package(package, scenarios, _site(clean_package))
    error = caught.value
    assert error.key == "packages.host_not_allowed"
    assert "scenario.yaml:" in str(error) and "http://127.0.0.1:1" in str(error) and "スキーム・ホスト・ポート" in str(error)
    assert not scenarios.exists() or list(scenarios.iterdir()) == []  # nothing placed, nothing left


def test_scenario_install_command_refuses_it_too(tmp_path, clean_package):
    package = _package(tmp_path / "other-port.zip", clean_package, OTHER_PORT)
    site = tmp_path / "site.yaml"
    site.write_text(SITE + f"sharing:\n  trusted_keys:\n    a-city: {clean_package[3]}\n", encoding="utf-8")
    result = cli("scenario", "install", package, "--site", site, "--scenarios", tmp_path / "scenarios")
    assert result.exit_code == 2, result.stdout
    assert "http://127.0.0.1:1" in result.stdout and "allowed_hosts" in result.stdout


def test_install_accepts_the_systems_own_origin(tmp_path, clean_package):
    package = _package(tmp_path / "own-port.zip", clean_package, "    - open: http://127.0.0.1:8080/main\n")
    installed = install_package(package, tmp_path / "scenarios", _site(clean_package))
    assert (tmp_path / "scenarios" / installed.manifest.id / "scenario.yaml").is_file()
