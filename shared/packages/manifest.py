"""The package manifest, as the package tools name it. The model lives with the other file
formats in ``shared.config.manifest`` (the JSON Schemas are generated from there)."""

from shared.config.manifest import (
    CURRENT_SCHEMA_VERSION,
    EXPECTED_SUFFIX,
    GENERATED,
    LIBRARY_NAME,
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

__all__ = [
    "CURRENT_SCHEMA_VERSION", "EXPECTED_SUFFIX", "FileEntry", "GENERATED", "LIBRARY_NAME", "MANIFEST_FILE", "Manifest",
    "SAMPLES_DIR", "SIGNATURE_FILE", "SampleCase", "Signature", "library_version", "version_in_range",
]
