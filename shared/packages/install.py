"""Install verified packages into a scenarios folder, and list what is installed.

Before a package is placed, its content is checked as data: the YAML loads within the
limits, files it names stay inside it, templates pass the checks ``validate`` and ``lint`` make
(no Python internals, no loops, nothing beyond the sandbox's limits, secrets only in secret
fields), and ``open`` steps stay on the origins (scheme, host and port) the site profile allows.
The package goes to a hidden staging folder inside the scenarios folder first and is renamed
into place only when every check passed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import shutil
from dataclasses import dataclass
from dataclasses import replace as with_changes
from pathlib import Path

from shared.config.loader import SCENARIO_FILE, LoadedScenario, load_scenario
from shared.config.origins import origin_allowed, shown_origin
from shared.config.site import SiteProfile
from shared.config.steps import walk_steps
from shared.errors import ConfigError
from shared.files import write_private_text
from shared.messages import t
from shared.packages.archive import unpack
from shared.packages.content import template_issues
from shared.packages.errors import PackageError
from shared.packages.manifest import MANIFEST_FILE
from shared.packages.package import VerifiedPackage, check_files, verify_package
from shared.packages.replacing import (
    ReplaceDecision,
    check_identity,
    check_replacement,
    installed_state,
    key_fingerprint,
)

__all__ = ["INSTALL_RECORD", "InstalledScenario", "check_content", "install_package", "list_installed"]

INSTALL_RECORD = ".install.json"
"""Written beside the installed files: what was installed, when, and what it replaced."""


@dataclass(frozen=True)
class InstalledScenario:
    """One folder of the scenarios folder, as `scenario list` shows it."""

    name: str
    version: str
    author: str
    status: str  # trusted | untrusted | unsigned | modified | local
    signer: str | None = None
    fingerprint: str = "-"  # of the signing key (SHA256:...), whatever the site thinks of it
    claimed: str | None = None  # the signer name signature.json gives (not a proof)


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
                    replace: bool = False, allow_downgrade: bool = False,
                    allow_new_signer: bool = False) -> VerifiedPackage:
    """Verify ``path`` against the site's trusted keys, check its content and place it in
    ``scenarios/<id>``. A replacement (``replace``) must not be older than the installed
    scenario (unless ``allow_downgrade``) nor signed by another key (unless the site trusts
    both and ``allow_new_signer``); see ``shared.packages.replacing``. Writes nothing but
    the scenario folder and its install record; a refused package leaves no trace. The
    returned package's ``replaced`` says what a replacement did."""
    verified = verify_package(path, site.sharing.trusted_keys)
    if not verified.trusted and not allow_unsigned:
        key = "packages.untrusted" if verified.signature else "packages.unsigned"
        raise PackageError(key, entry=Path(path).name)
    scenarios = Path(scenarios)
    target = scenarios / verified.manifest.id
    if target.exists() and not replace:
        raise PackageError("packages.already_installed", entry=verified.manifest.id)
    decision: ReplaceDecision | None = None
    if target.exists():
        decision = check_replacement(installed_state(target), verified.manifest, verified.signature,
                                     site.sharing.trusted_keys, allow_downgrade=allow_downgrade,
                                     allow_new_signer=allow_new_signer)
    scenarios.mkdir(parents=True, exist_ok=True)
    staging = scenarios / f".installing-{verified.manifest.id}-{secrets.token_hex(4)}"
    unpack(verified.files, staging)
    try:
        scenario = check_content(staging, site).scenario
        check_identity(verified.manifest, scenario.id, scenario.version)
        _write_record(staging / INSTALL_RECORD, verified, decision)
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
    return with_changes(verified, replaced=decision)


def _write_record(path: Path, verified: VerifiedPackage, decision: ReplaceDecision | None) -> None:
    manifest = verified.manifest
    record = {
        "id": manifest.id, "version": manifest.version,
        "manifest_sha256": hashlib.sha256(verified.files[MANIFEST_FILE]).hexdigest(),
        "signer": verified.signer, "key": key_fingerprint(verified.signature.public_key if verified.signature else None),
        "installed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "replaced_version": decision.previous_version if decision else None,
        "downgrade": bool(decision and decision.downgrade),
        "signer_changed": bool(decision and decision.signer_changed),
        "replaced_key": key_fingerprint(decision.previous_key) if decision and decision.previous_key else None,
    }
    write_private_text(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")


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
        signature = verified.signature
        rows.append(InstalledScenario(folder.name, manifest.version, manifest.author, status, verified.signer,
                                      key_fingerprint(signature.public_key if signature else None),
                                      signature.signer if signature else None))
    return rows

