"""Hostile packages are refused, each with its own Japanese message naming the entry, and
nothing is written outside the target folder (nor left inside it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SCENARIO_DIR
from hostile_packages import build_corpus

from shared.config.site import SiteProfile
from shared.packages import MANIFEST_FILE, PackageError, generate_key, install_package, pack
from shared.packages.archive import open_package


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("hostile")
    clean = pack(SCENARIO_DIR, folder / "clean.zip", licence="CC-BY-4.0")
    with open_package(clean) as reader:
        files = {name: reader.read(name) for name in reader.names}
    manifest = json.loads(files.pop(MANIFEST_FILE))
    trusted = generate_key(folder / "a-city.pem")
    generate_key(folder / "stranger.pem")
    packages = build_corpus(folder / "corpus", files, manifest, folder / "a-city.pem", folder / "stranger.pem")
    site = SiteProfile.model_validate({
        "name": "b-city", "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": "http://127.0.0.1:8080/"}},
        "sharing": {"trusted_keys": {"a-city": trusted}},
    })
    return packages, site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


CASES = ["zip_slip", "absolute_path", "symlink", "zip_bomb_ratio", "zip_bomb_size", "too_many_files", "code_file",
         "billion_laughs", "yaml_too_large", "template_internals", "host_not_allowed", "tampered_after_signing",
         "manifest_forged", "added_after_signing", "untrusted_signer", "unsigned"]


@pytest.mark.parametrize("name", CASES)
def test_hostile_package_is_refused_naming_the_entry(corpus, tmp_path, name):
    packages, site = corpus
    hostile = packages[name]
    town = tmp_path / "b-city"
    scenarios = town / "scenarios"
    scenarios.mkdir(parents=True)
    (town / "site.yaml").write_text("name: b-city\n", encoding="utf-8")
    before = tree(tmp_path)
    with pytest.raises(PackageError) as caught:
        install_package(hostile.path, scenarios, site)
    error = caught.value
    assert error.key == hostile.key
    message = str(error)
    assert hostile.entry in message, message
    assert any("\u3040" <= c <= "\u30ff" for c in message), message  # Japanese
    assert tree(tmp_path) == before  # nothing written, nothing left behind
    assert not (tmp_path / "evil.yaml").exists() and not Path("/tmp/evil.yaml").exists()
    assert list(scenarios.iterdir()) == []


def test_every_refusal_has_its_own_message(corpus):
    packages, _ = corpus
    file_level = [packages[n].key for n in CASES if packages[n].key != "packages.content_refused"]
    assert len(set(file_level)) == len(file_level)
    # the two YAML refusals share a key but not a sentence: one names the alias bomb, one the size
    texts = {}
    for name in ("billion_laughs", "yaml_too_large"):
        with pytest.raises(PackageError) as caught:
            install_package(packages[name].path, Path(packages[name].path.parent / f"t-{name}"), corpus[1])
        texts[name] = str(caught.value)
    assert "エイリアス" in texts["billion_laughs"]
    assert "大きすぎます" in texts["yaml_too_large"]


def test_the_clean_package_installs(corpus, tmp_path):
    packages, site = corpus
    clean = packages["unsigned"].path  # same content, unsigned: allowed only when asked for
    installed = install_package(clean, tmp_path / "scenarios", site, allow_unsigned=True)
    assert (tmp_path / "scenarios" / installed.manifest.id / "scenario.yaml").is_file()


@pytest.mark.parametrize("name, key", [
    ("samples/ok.pdf", None),
    ("../evil.yaml", "packages.parent_path"),
    ("a/../../evil.yaml", "packages.parent_path"),
    ("/etc/evil.yaml", "packages.absolute_path"),
    ("C:/Windows/evil.yaml", "packages.absolute_path"),
    ("forms\\evil.pdf", "packages.absolute_path"),
    ("forms/a:stream.pdf", "packages.bad_name"),
    ("forms/NUL.pdf", "packages.bad_name"),
    (".hidden.yaml", "packages.bad_name"),
    ("hook.py", "packages.not_data"),
    ("run.bat", "packages.not_data"),
])
def test_entry_names(name, key):
    from shared.packages.archive import check_entry_name

    if key is None:
        assert check_entry_name(name) == name
    else:
        with pytest.raises(PackageError) as caught:
            check_entry_name(name)
        assert caught.value.key == key and name in str(caught.value)
