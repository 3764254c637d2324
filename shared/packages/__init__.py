"""Shareable scenario packages: pack, sign, verify, install, list, lint and upgrade.

A package is data (a zip of scenario.yaml, templates, blank forms, sample inputs with
their expected records, a Japanese README and manifest.json); loading one never runs
code from it.
"""

from shared.packages.archive import MAX_FILES, MAX_RATIO, MAX_TOTAL_BYTES, open_package
from shared.packages.errors import PackageError
from shared.packages.install import InstalledScenario, check_content, install_package, list_installed
from shared.packages.lint import Finding, is_real_looking_my_number, lint_folder
from shared.packages.manifest import (
    CURRENT_SCHEMA_VERSION,
    MANIFEST_FILE,
    SIGNATURE_FILE,
    Manifest,
    SampleCase,
    Signature,
)
from shared.packages.migrate import MIGRATIONS, upgrade_package
from shared.packages.package import VerifiedPackage, pack, sign_package, verify_package
from shared.packages.signing import generate_key

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "Finding",
    "InstalledScenario",
    "MANIFEST_FILE",
    "MAX_FILES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "MIGRATIONS",
    "Manifest",
    "PackageError",
    "SIGNATURE_FILE",
    "SampleCase",
    "Signature",
    "VerifiedPackage",
    "check_content",
    "generate_key",
    "install_package",
    "is_real_looking_my_number",
    "lint_folder",
    "list_installed",
    "open_package",
    "pack",
    "sign_package",
    "upgrade_package",
    "verify_package",
]
