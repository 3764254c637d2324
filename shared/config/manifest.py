"""The package manifest (manifest.json): what a scenario package holds, who made it,
which library versions it needs, and the sha256 of every file. One pydantic model is the
source of truth; scenarios/manifest.schema.json is generated from it. The tools that
pack, sign, verify and install packages are in ``shared.packages``."""

from __future__ import annotations

import re
from importlib import metadata
from typing import Final, Literal

from pydantic import Field, field_validator

from shared.config.base import Identifier, StrictModel

__all__ = [
    "CURRENT_SCHEMA_VERSION", "EXPECTED_SUFFIX", "FileEntry", "GENERATED", "LIBRARY_NAME", "MANIFEST_FILE", "Manifest",
    "SAMPLES_DIR", "SIGNATURE_FILE", "SampleCase", "Signature", "library_version", "version_in_range",
]

MANIFEST_FILE = "manifest.json"
SIGNATURE_FILE = "signature.json"
GENERATED = frozenset({MANIFEST_FILE, SIGNATURE_FILE})
"""The files of a package its tools write (its author writes the others)."""
SAMPLES_DIR = "samples"
"""The folder of the sample inputs; each sits beside its ``NAME.expected.json``."""
EXPECTED_SUFFIX = ".expected.json"
CURRENT_SCHEMA_VERSION: Final = 2
LIBRARY_NAME = "jichitai-rpa"

_RANGE = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d+){0,2})\s*$")
_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9_\-./]{1,200}$")


class FileEntry(StrictModel):
    """One file of the package."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class SampleCase(StrictModel):
    """A sample input and the record it must produce."""

    input: str = Field(description="sample form, e.g. samples/sample-1.pdf")
    expected: str = Field(description="the expected record (JSON), e.g. samples/sample-1.expected.json")
    template: str = Field("template.yaml", description="the form template that reads it")


class Manifest(StrictModel):
    """A package manifest (manifest.json, schema version 2)."""

    schema_version: Literal[2] = Field(CURRENT_SCHEMA_VERSION, description="format version of this manifest")
    id: Identifier
    title: str = Field(min_length=1)
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    author: str = Field(min_length=1, description="who publishes the package, e.g. A市 情報政策課")
    licence: str = Field(min_length=1, description="licence of the package, e.g. CC-BY-4.0 or Apache-2.0")
    library: str = Field(
        description="library versions the package works with, e.g. '>=0.1,<1' (comma = and)"
    )
    files: dict[str, FileEntry] = Field(min_length=1, description="path inside the package -> sha256 and size")
    samples: list[SampleCase] = Field(default_factory=list)

    @field_validator("library")
    @classmethod
    def _range(cls, value: str) -> str:
        if not all(_RANGE.match(part) for part in value.split(",")):
            raise ValueError("packages.bad_library_range")
        return value

    @field_validator("files")
    @classmethod
    def _paths(cls, value: dict[str, FileEntry]) -> dict[str, FileEntry]:
        bad = [path for path in value if not _PATH.match(path)]
        if bad:
            raise ValueError(f"packages.bad_path:{bad[0]}")
        return value


class Signature(StrictModel):
    """signature.json: an Ed25519 signature over the exact bytes of manifest.json."""

    algorithm: Literal["ed25519"] = "ed25519"
    signer: str = Field(min_length=1, description="who signed (a name the receiving site trusts)")
    public_key: str = Field(description="the signer's public key (base64 of the 32 raw bytes)")
    signature: str = Field(description="base64 of the 64-byte signature")


def _tuple(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version)[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def version_in_range(version: str, spec: str) -> bool:
    """Whether ``version`` (1.2.3) satisfies every clause of ``spec`` (>=0.1,<1)."""
    have = _tuple(version)
    checks = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
              "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}
    for part in spec.split(","):
        match = _RANGE.match(part)
        if match is None or not checks[match.group(1)](have, _tuple(match.group(2))):
            return False
    return True


def library_version() -> str:
    """The installed library's version (0.0.0 when run from a plain checkout)."""
    try:
        return metadata.version(LIBRARY_NAME)
    except metadata.PackageNotFoundError:
        return "0.0.0"
