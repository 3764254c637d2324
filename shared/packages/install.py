"""Install verified packages into a scenarios folder, and list what is installed.

Before a package is placed, its content is checked as data: the YAML loads within the
limits, files it names stay inside it, templates pass the checks ``validate`` and ``lint`` make
(no Python internals, no loops, nothing beyond the sandbox's limits, secrets only in secret
fields), and ``open`` steps stay on the origins (scheme, host and port) the site profile allows.
The package goes to a hidden staging folder inside the scenarios folder first and is renamed
into place only when every check passed."""

from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from shared.config.loader import SCENARIO_FILE, LoadedScenario, load_scenario
from shared.config.origins import origin_allowed, shown_origin
from shared.config.site import SiteProfile
from shared.config.steps import walk_steps
from shared.errors import ConfigError
from shared.messages import t
from shared.packages.archive import unpack
from shared.packages.content import template_issues
from shared.packages.errors import PackageError
from shared.packages.manifest import MANIFEST_FILE
from shared.packages.package import VerifiedPackage, check_files, verify_package

__all__ = ["InstalledScenario", "check_content", "install_package", "list_installed"]


@dataclass(frozen=True)
class InstalledScenario:
    """One folder of the scenarios folder, as `scenario list` shows it."""

    name: str
    version: str
    author: str
    status: str  # trusted | untrusted | unsigned | modified | local
    signer: str | None = None


def _all_steps(loaded: LoadedScenario):
    web = loaded.scenario.web
    if web is None:
        return []
    return [*walk_steps(web.login, ("web", "login")), *walk_steps(web.entry, ("web", "entry")),
            *walk_steps(web.lookup, ("web", "lookup"))]


def check_content(folder: Path, site: SiteProfile | None) -> LoadedScenario:
    """Load the unpacked scenario and refuse anything that is not plain, confined data."""
    try:
        loaded = load_scenario(folder)
    except ConfigError as exc:
        first = exc.problems[0]
        entry = Path(first.file).resolve().relative_to(Path(folder).resolve()).as_posix() \
            if Path(first.file).resolve().is_relative_to(Path(folder).resolve()) else first.file
        raise PackageError("packages.content_refused", entry=f"{entry}:{first.line}", detail=first.message) from None
    for name, document in loaded.documents.items():
        for issue in template_issues(document.data):
            entry = f"{name}:{document.locate(issue.loc)[0]}"
            if issue.code == "internals":
                raise PackageError("packages.template_internals", entry=entry)
            raise PackageError("packages.content_refused", entry=entry, detail=t(issue.key, **issue.params))
    doc = loaded.documents[SCENARIO_FILE]
    allowed = site.allowed_origins() if site is not None else frozenset()
    for loc, step in _all_steps(loaded):
        line = doc.locate(loc)[0]
        if step.open is not None and not step.open.startswith("/"):
            # scheme, host and port: another port of an allowed host is refused too (a template is never resolved here)
            if "{" in step.open or not origin_allowed(step.open, allowed):
                raise PackageError("packages.host_not_allowed", entry=f"{SCENARIO_FILE}:{line}",
                                   host=shown_origin(step.open) if "{" not in step.open else step.open[:60])
    return loaded


def install_package(path: Path, scenarios: Path, site: SiteProfile, *, allow_unsigned: bool = False,
                    replace: bool = False) -> VerifiedPackage:
    """Verify ``path`` against the site's trusted keys, check its content and place it in
    ``scenarios/<id>``. Writes nothing else; a refused package leaves no trace."""
    verified = verify_package(path, site.sharing.trusted_keys)
    if not verified.trusted and not allow_unsigned:
        key = "packages.untrusted" if verified.signature else "packages.unsigned"
        raise PackageError(key, entry=Path(path).name)
    scenarios = Path(scenarios)
    target = scenarios / verified.manifest.id
    if target.exists() and not replace:
        raise PackageError("packages.already_installed", entry=verified.manifest.id)
    scenarios.mkdir(parents=True, exist_ok=True)
    staging = scenarios / f".installing-{verified.manifest.id}-{secrets.token_hex(4)}"
    unpack(verified.files, staging)
    try:
        check_content(staging, site)
        if target.exists():
            old = scenarios / f".replaced-{verified.manifest.id}-{secrets.token_hex(4)}"
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return verified


def _read_installed(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            raise PackageError("packages.link", entry=relative)
        if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
            files[relative] = path.read_bytes()
    return files


def list_installed(scenarios: Path, trusted_keys: dict[str, str]) -> list[InstalledScenario]:
    """Every scenario folder with its version, author and whether its files still match a
    signature by a trusted key."""
    rows = []
    for folder in sorted(p for p in Path(scenarios).iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not (folder / SCENARIO_FILE).is_file():
            continue
        if not (folder / MANIFEST_FILE).is_file():
            try:
                scenario = load_scenario(folder).scenario
                rows.append(InstalledScenario(folder.name, scenario.version, scenario.author, "local"))
            except ConfigError:
                rows.append(InstalledScenario(folder.name, "-", "-", "invalid"))
            continue
        try:
            verified = check_files(_read_installed(folder), trusted_keys)
        except PackageError:
            rows.append(InstalledScenario(folder.name, "-", "-", "modified"))
            continue
        status = "trusted" if verified.trusted else "untrusted" if verified.signature else "unsigned"
        manifest = verified.manifest
        rows.append(InstalledScenario(folder.name, manifest.version, manifest.author, status, verified.signer))
    return rows

