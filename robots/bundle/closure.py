"""Which requirements a folder of wheels leaves unmet on a target platform.

``pip download --platform win_amd64`` picks wheels for Windows but evaluates environment markers
for the machine it runs on: a dependency only Windows needs (``colorama; sys_platform ==
"win32"`` of loguru, ``tzdata; platform_system == "Windows"`` of tzlocal) is left out when the
bundle is made on Linux. This walks the wheels' own metadata (Requires-Dist) with the target's
markers, from the project and its extras down, and names what no wheel in the folder provides."""

from __future__ import annotations

import re
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

__all__ = ["marker_environment", "unmet_requirements", "wheel_matches"]


def marker_environment(platform: str, python: str) -> dict[str, str]:
    """Environment markers of a CPython ``python`` (3.11) on ``platform`` (win_amd64, manylinux...)."""
    env: dict[str, str] = {key: str(value) for key, value in default_environment().items()}
    env.update(python_version=python, python_full_version=f"{python}.0", implementation_name="cpython",
               platform_python_implementation="CPython")
    if platform.startswith("win"):
        env.update(sys_platform="win32", platform_system="Windows", os_name="nt", platform_machine="AMD64")
    else:
        env.update(sys_platform="linux", platform_system="Linux", os_name="posix",
                   platform_machine=platform.rsplit("_", 2)[-2] + "_64" if platform.endswith("_64") else "x86_64")
    return env


def wheel_matches(wheel: Path, platforms: list[str], python: str) -> bool:
    """Whether ``wheel``'s tags (read from its file name) install on one of ``platforms`` for ``python``."""
    minor = int(python.split(".")[1])
    _, _, _, tags = parse_wheel_filename(wheel.name)
    for tag in tags:
        interpreter_ok = tag.interpreter in {"py3", f"py3{minor}"} or (
            (found := re.fullmatch(r"cp3(\d+)", tag.interpreter)) is not None
            and (int(found.group(1)) == minor or (tag.abi == "abi3" and int(found.group(1)) <= minor)))
        if interpreter_ok and (tag.platform == "any" or tag.platform in platforms):
            return True
    return False


def _requires(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def unmet_requirements(wheels: Path, root: str, platforms: list[str], python: str) -> list[Requirement]:
    """Requirements reachable from ``root`` (e.g. ``jichitai-rpa[ocr2]``) on the target that no
    wheel in ``wheels`` of a matching tag provides."""
    env = marker_environment(platforms[-1], python)
    available = {canonicalize_name(parse_wheel_filename(w.name)[0]): w
                 for w in sorted(wheels.glob("*.whl")) if wheel_matches(w, platforms, python)}
    unmet: list[Requirement] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [Requirement(root)]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if (name, frozenset(requirement.extras)) in seen:
            continue
        seen.add((name, frozenset(requirement.extras)))
        wheel = available.get(name)
        if wheel is None:
            unmet.append(requirement)
            continue
        for dependency in _requires(wheel):
            wanted = dependency.marker is None or any(
                dependency.marker.evaluate({**env, "extra": extra}) for extra in ["", *requirement.extras])
            if wanted:
                pending.append(dependency)
    return unmet
