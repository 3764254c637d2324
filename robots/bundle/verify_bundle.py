"""Verify an offline bundle before anything of it is installed: the Ed25519 signature of
manifest.json (signature.json) and the SHA-256 of every file it lists; a listed file that is
missing, a file that differs, or a wheel the manifest does not list is refused.

Python's standard library only (it runs before the bundle's wheels are installed), so the
Ed25519 check is the reference algorithm of RFC 8032 section 6, in plain integers.

    python verify_bundle.py BUNDLE_FOLDER [--public-key BASE64]

Exit codes: 0 verified, 1 refused. Messages in Japanese (English with --lang en).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path

MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
# Files that are not in the manifest: the manifest itself and its signature.
UNLISTED = {MANIFEST, SIGNATURE}

_MESSAGES = {
    "ok": ("バンドルを確認しました（{count} ファイル、署名者 {signer}、公開鍵 {key}）",
           "Bundle verified ({count} files, signer {signer}, public key {key})"),
    "no_manifest": ("{name} がありません。バンドルが壊れています。受け取ったzipを展開し直してください",
                    "{name} is missing: the bundle is damaged. Unpack the zip you received again"),
    "bad_signature": ("署名が正しくありません（manifest.json が書き換えられています）。このバンドルはインストールしないでください",
                      "The signature does not match (manifest.json was changed). Do not install this bundle"),
    "untrusted": ("署名した鍵 {key} は指定の公開鍵 {expected} と違います。このバンドルはインストールしないでください",
                  "The bundle was signed with key {key}, not the expected {expected}. Do not install this bundle"),
    "missing": ("ファイルがありません: {name}。受け取ったzipを展開し直してください",
                "File missing: {name}. Unpack the zip you received again"),
    "tampered": ("ファイルが書き換えられています: {name}。このバンドルはインストールしないでください",
                 "File changed: {name}. Do not install this bundle"),
    "unlisted": ("目録にないファイルがあります: {name}。このバンドルはインストールしないでください",
                 "A file not in the manifest: {name}. Do not install this bundle"),
    "refused": ("インストールを中止しました", "Installation stopped"),
}

# --- Ed25519 verification (RFC 8032, section 6) ---------------------------------------------
_P = 2**255 - 19
_L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _recover_x(y: int, sign: int) -> int | None:
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P:
        return None
    return _P - x if (x & 1) != sign else x


def _add(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    p1 = (a[1] - a[0]) * (b[1] - b[0]) % _P
    p2 = (a[1] + a[0]) * (b[1] + b[0]) % _P
    c = 2 * a[3] * b[3] * _D % _P
    d = 2 * a[2] * b[2] % _P
    e, f, g, h = p2 - p1, d - c, d + c, p2 + p1
    return e * f % _P, g * h % _P, f * g % _P, e * h % _P


def _multiply(scalar: int, point: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    result = (0, 1, 1, 0)
    while scalar:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _decode(data: bytes) -> tuple[int, int, int, int] | None:
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= _P or (x := _recover_x(y, sign)) is None:
        return None
    return x, y, 1, x * y % _P


_GY = 4 * pow(5, _P - 2, _P) % _P
_BASE = _decode(_GY.to_bytes(32, "little"))


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is ``public``'s Ed25519 signature of ``message``."""
    if len(public) != 32 or len(signature) != 64 or _BASE is None:
        return False
    a, r = _decode(public), _decode(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _L
    left, right = _multiply(s, _BASE), _add(r, _multiply(h, a))
    return (left[0] * right[2] - right[0] * left[2]) % _P == 0 and (left[1] * right[2] - right[1] * left[2]) % _P == 0


# --- the bundle ----------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, public_key: str | None = None) -> tuple[str, dict[str, str]]:
    """The message key and its parameters: ``ok`` when the bundle in ``folder`` verifies."""
    for name in (MANIFEST, SIGNATURE):
        if not (folder / name).is_file():
            return "no_manifest", {"name": name}
    data = (folder / MANIFEST).read_bytes()
    try:
        signed = json.loads((folder / SIGNATURE).read_text(encoding="utf-8"))
        key = base64.b64decode(signed["public_key"], validate=True)
        signature = base64.b64decode(signed["signature"], validate=True)
        files: dict[str, str] = json.loads(data)["files"]
    except (ValueError, KeyError, TypeError):
        return "bad_signature", {}
    if not ed25519_verify(key, data, signature):
        return "bad_signature", {}
    if public_key is not None and public_key != signed["public_key"]:
        return "untrusted", {"key": signed["public_key"], "expected": public_key}
    for name, digest in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            return "missing", {"name": name}
        if _sha256(path) != digest:
            return "tampered", {"name": name}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in files and name not in UNLISTED and "__pycache__" not in name:
            return "unlisted", {"name": name}
    return "ok", {"count": str(len(files)), "signer": str(signed.get("signer", "?")), "key": signed["public_key"]}


def main(argv: list[str]) -> int:
    lang = 1 if "--lang" in argv and argv[argv.index("--lang") + 1 :][:1] == ["en"] else 0
    key = argv[argv.index("--public-key") + 1] if "--public-key" in argv[:-1] else None
    positional = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] not in ("--lang", "--public-key"))]
    folder = Path(positional[0]) if positional else Path(__file__).resolve().parent
    outcome, params = verify(folder, key)
    print(_MESSAGES[outcome][lang].format(**params))
    if outcome != "ok":
        print(_MESSAGES["refused"][lang])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
