"""A corpus of hostile scenario packages, built from the clean sample package: each one is
refused for one reason, with its own message naming the entry."""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from shared.packages import MANIFEST_FILE, SIGNATURE_FILE
from shared.packages.signing import sign_bytes

__all__ = ["Hostile", "build_corpus", "package_bytes"]

BILLION_LAUGHS = """schema_version: 1
a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@dataclass
class Hostile:
    """One hostile package: where it is, the message key it must get, and the entry named."""

    path: Path
    key: str
    entry: str


def _manifest(files: dict[str, bytes], base: dict) -> bytes:
    manifest = dict(base)
    manifest["files"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in files.items()}
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _write(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if isinstance(info, str):
                info = zipfile.ZipInfo(info)
                info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


def package_bytes(files: dict[str, bytes], base_manifest: dict, key: Path | None) -> dict[str, bytes]:
    """``files`` with a manifest that matches them, signed with ``key`` when given."""
    manifest = _manifest(files, base_manifest)
    out = {**files, MANIFEST_FILE: manifest}
    if key is not None:
        signature = sign_bytes(manifest, key, "a-city")
        out[SIGNATURE_FILE] = json.dumps(signature.model_dump()).encode()
    return out


def _claim_sizes(path: Path, compressed: int, uncompressed: int) -> None:
    """Rewrite the central directory so every entry claims these sizes (headers can lie)."""
    data = bytearray(path.read_bytes())
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        struct.pack_into("<II", data, offset + 20, compressed, uncompressed)
        offset = data.find(b"PK\x01\x02", offset + 4)
    path.write_bytes(bytes(data))


def _noise(size: int) -> bytes:
    """Text that does not compress much (so that only its size is the problem)."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(str(counter).encode()).hexdigest().encode()
        counter += 1
    return bytes(out[:size])


def build_corpus(folder: Path, files: dict[str, bytes], base_manifest: dict, key: Path, other_key: Path) -> dict[str, Hostile]:
    """Write the corpus into ``folder``; ``files`` are the clean package's files (without
    manifest), ``key`` is trusted by the receiving site, ``other_key`` is not."""
    folder.mkdir(parents=True, exist_ok=True)
    signed = package_bytes(files, base_manifest, key)
    corpus: dict[str, Hostile] = {}

    def add(name: str, entries: list, key_: str, entry: str) -> None:
        corpus[name] = Hostile(_write(folder / f"{name}.zip", entries), key_, entry)

    def signed_with(changes: dict[str, bytes]) -> list:
        return list(package_bytes({**files, **changes}, base_manifest, key).items())

    add("zip_slip", [*signed.items(), ("../evil.yaml", b"x: 1\n")], "packages.parent_path", "../evil.yaml")
    add("absolute_path", [*signed.items(), ("/tmp/evil.yaml", b"x: 1\n")], "packages.absolute_path", "/tmp/evil.yaml")
    link = zipfile.ZipInfo("forms/link.pdf")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    add("symlink", [*signed.items(), (link, b"/etc/passwd")], "packages.link", "forms/link.pdf")
    add("zip_bomb_ratio", [*signed.items(), ("forms/bomb.pdf", b"\0" * (20 * 1024 * 1024))], "packages.ratio",
        "forms/bomb.pdf")
    big = _write(folder / "zip_bomb_size.zip", [(f"samples/big-{i}.pdf", b"%PDF" * 256) for i in range(3)])
    _claim_sizes(big, 3 * 1024 * 1024, 90 * 1024 * 1024)  # ratio 30 each, 270 MB claimed in all
    corpus["zip_bomb_size"] = Hostile(big, "packages.too_large", "samples/big-2.pdf")
    add("too_many_files", [*signed.items(), *((f"samples/n-{i:04d}.txt", b"x") for i in range(1001))],
        "packages.too_many_files", "too_many_files.zip")
    add("code_file", [*signed.items(), ("hook.py", b"import os\n")], "packages.not_data", "hook.py")
    add("billion_laughs", signed_with({"scenario.yaml": BILLION_LAUGHS.encode()}), "packages.content_refused",
        "scenario.yaml:")
    add("yaml_too_large", signed_with({"scenario.yaml": b"# " + _noise(1_100_000) + b"\n"}),
        "packages.content_refused", "scenario.yaml:1")
    scenario = files["scenario.yaml"].decode()
    internals = scenario.replace('value: "{{ record.bank_name }}"', "value: \"{{ ''.__class__.__mro__ }}\"")
    add("template_internals", signed_with({"scenario.yaml": internals.encode()}), "packages.template_internals",
        "scenario.yaml:")
    elsewhere = scenario.replace("    - open: /main\n", "    - open: https://evil.example.com/steal\n")
    add("host_not_allowed", signed_with({"scenario.yaml": elsewhere.encode()}), "packages.host_not_allowed",
        "scenario.yaml:")
    tampered = dict(signed)
    tampered["template.yaml"] = files["template.yaml"].replace(b"[152, 122, 543, 148]", b"[152, 122, 543, 149]")
    add("tampered_after_signing", list(tampered.items()), "packages.hash_mismatch", "template.yaml")
    forged = dict(signed)
    forged[MANIFEST_FILE] = signed[MANIFEST_FILE].replace(b'"author": "', b'"author": "X')
    add("manifest_forged", list(forged.items()), "packages.bad_signature", SIGNATURE_FILE)
    add("added_after_signing", [*signed.items(), ("samples/extra.json", b"{}")], "packages.not_in_manifest",
        "samples/extra.json")
    add("untrusted_signer", list(package_bytes(files, base_manifest, other_key).items()), "packages.untrusted",
        "untrusted_signer.zip")
    add("unsigned", list(package_bytes(files, base_manifest, None).items()), "packages.unsigned", "unsigned.zip")
    return corpus
