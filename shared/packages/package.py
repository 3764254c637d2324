"""Pack a scenario folder into a package, sign it, and verify it against the keys a site
trusts. A package is data: manifest.json lists every file with its sha256; signature.json
(optional) is an Ed25519 signature over manifest.json's exact bytes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from shared.config.loader import load_scenario
from shared.packages.archive import DATA_SUFFIXES, open_package, write_zip
from shared.packages.errors import PackageError
from shared.packages.lint import lint_folder
from shared.packages.manifest import (
    CURRENT_SCHEMA_VERSION,
    EXPECTED_SUFFIX,
    GENERATED,
    MANIFEST_FILE,
    SAMPLES_DIR,
    SIGNATURE_FILE,
    FileEntry,
    Manifest,
    SampleCase,
    Signature,
    library_version,
    version_in_range,
)
from shared.packages.replacing import ReplaceDecision
from shared.packages.signing import sign_bytes, trusted_signer

__all__ = [
    "VerifiedPackage", "build_manifest", "check_files", "default_library_range", "manifest_bytes", "pack", "package_files",
    "sample_cases", "sign_package", "verify_package",
]

MAX_MANIFEST_BYTES = 1_000_000


@dataclass
class VerifiedPackage:
    """A package whose hashes match its manifest; ``signer`` is the site's name for a
    trusted signer (None: unsigned or signed by a key the site does not trust)."""

    manifest: Manifest
    files: dict[str, bytes] = field(repr=False)
    signature: Signature | None = None
    signer: str | None = None
    replaced: ReplaceDecision | None = None  # set by install_package when it replaced a scenario

    @property
    def trusted(self) -> bool:
        return self.signer is not None


def default_library_range(version: str | None = None) -> str:
    """``>=MAJOR.MINOR,<NEXT``: the versions this library promises not to break."""
    major, minor, *_ = [int(p) for p in (version or library_version()).split(".")[:2]] + [0]
    return f">={major}.{minor},<{major + 1}" if major else f">=0.{minor},<1"


def package_files(folder: Path) -> dict[str, bytes]:
    """The shareable files of a scenario folder (data files only; hidden, generated and
    other files are left out — `scenario lint` names them)."""
    folder = Path(folder)
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") or part == "__pycache__" for part in relative.split("/")):
            continue
        if path.is_symlink() or not path.is_file() or relative in GENERATED:
            continue
        if path.suffix.lower() in DATA_SUFFIXES:
            files[relative] = path.read_bytes()
    return files


def sample_cases(names: Collection[str]) -> list[SampleCase]:
    """Sample inputs under samples/ paired with their ``NAME.expected.json``."""
    found = []
    for name in sorted(names):
        if name.startswith(SAMPLES_DIR + "/") and not name.endswith(".json"):
            expected = name.rsplit(".", 1)[0] + EXPECTED_SUFFIX
            if expected in names:
                found.append(SampleCase(input=name, expected=expected))
    return found


def build_manifest(folder: Path, files: dict[str, bytes], *, licence: str, library: str | None = None,
                   author: str | None = None) -> Manifest:
    loaded = load_scenario(folder)
    scenario = loaded.scenario
    return Manifest(
        id=scenario.id, title=scenario.title, version=scenario.version, author=author or scenario.author,
        licence=licence, library=library or default_library_range(),
        files={name: FileEntry(sha256=hashlib.sha256(data).hexdigest(), size=len(data)) for name, data in files.items()},
        samples=sample_cases(files),
    )


def manifest_bytes(manifest: Manifest) -> bytes:
    return (json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def pack(folder: Path, out: Path, *, licence: str, library: str | None = None, author: str | None = None) -> Path:
    """Write the package of ``folder`` to ``out`` (.zip). Refuses a folder that
    `scenario lint` finds problems in (they are on ``error.findings``)."""
    folder = Path(folder)
    findings = lint_folder(folder)
    if findings:
        error = PackageError("packages.lint_failed", entry=folder.name, count=len(findings))
        error.findings = findings
        raise error
    files = package_files(folder)
    manifest = build_manifest(folder, files, licence=licence, library=library, author=author)
    return write_zip(out, {**files, MANIFEST_FILE: manifest_bytes(manifest)})


def sign_package(path: Path, key_path: Path, signer: str) -> Signature:
    """Add (or replace) the package's signature.json, signed with the key at ``key_path``."""
    path = Path(path)
    with open_package(path) as reader:
        files = {name: reader.read(name) for name in reader.names if name != SIGNATURE_FILE}
    if MANIFEST_FILE not in files:
        raise PackageError("packages.no_manifest", entry=path.name)
    signature = sign_bytes(files[MANIFEST_FILE], key_path, signer)
    data = json.dumps(signature.model_dump(), ensure_ascii=False, indent=2).encode() + b"\n"
    write_zip(path, {**files, SIGNATURE_FILE: data})
    return signature


def _parse_manifest(data: bytes) -> Manifest:
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackageError("packages.bad_manifest", entry=MANIFEST_FILE, detail="size")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError("packages.bad_manifest", entry=MANIFEST_FILE, detail="JSON") from exc
    if isinstance(raw, dict) and raw.get("schema_version") != CURRENT_SCHEMA_VERSION:
        raise PackageError("packages.old_schema", entry=MANIFEST_FILE, found=raw.get("schema_version"),
                           current=CURRENT_SCHEMA_VERSION)
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "(root)"
        raise PackageError("packages.bad_manifest", entry=MANIFEST_FILE, detail=where) from None


def check_files(files: dict[str, bytes], trusted_keys: dict[str, str]) -> VerifiedPackage:
    """Check the manifest, every file's sha256 and size, and the signature."""
    if MANIFEST_FILE not in files:
        raise PackageError("packages.no_manifest", entry=MANIFEST_FILE)
    manifest = _parse_manifest(files[MANIFEST_FILE])
    for name in sorted(files):
        if name not in GENERATED and name not in manifest.files:
            raise PackageError("packages.not_in_manifest", entry=name)
    for name, entry in sorted(manifest.files.items()):
        data = files.get(name)
        if data is None:
            raise PackageError("packages.missing_file", entry=name)
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise PackageError("packages.hash_mismatch", entry=name)
    if not version_in_range(library_version(), manifest.library):
        raise PackageError("packages.library_mismatch", entry=MANIFEST_FILE, required=manifest.library,
                           installed=library_version())
    signature = signer = None
    if SIGNATURE_FILE in files:
        try:
            signature = Signature.model_validate_json(files[SIGNATURE_FILE])
        except ValidationError:
            raise PackageError("packages.bad_signature", entry=SIGNATURE_FILE) from None
        signer = trusted_signer(files[MANIFEST_FILE], signature, trusted_keys)
    return VerifiedPackage(manifest, files, signature, signer)


def verify_package(path: Path, trusted_keys: dict[str, str]) -> VerifiedPackage:
    """Open ``path`` safely and check it (see ``check_files``)."""
    with open_package(Path(path)) as reader:
        files = {name: reader.read(name) for name in reader.names}
    return check_files(files, trusted_keys)
