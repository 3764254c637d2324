"""Where a site keeps its ledger key ring, and the key made on first use.

The ring is the site's secret ``ledger_key`` (see ``shared.ledger.sealing`` for its text):

- ``secrets: {ledger_key: env:NAME}`` or ``keyring:SERVICE/NAME``: read from there; a person
  puts it there (it is never made, and ``ledger rotate-key`` cannot write it);
- ``secrets: {ledger_key: file:NAME}``, or no ``ledger_key`` and a ``secrets_file``: the entry
  ``NAME`` (default ``ledger_key``) of the site's secrets file, made there on first use;
- neither: the owner-only file ``keys/ledger.keys`` in the work folder, made on first use
  (beside the ledger file: it protects a copied ledger file or a database dump, not a copy of
  the whole work folder).

A file entry is made, and replaced by ``rotate-key``, under a lock in the work folder (two runs
starting together make one key), by writing a new owner-only file beside the old one and
moving it over it (the other lines of the file are kept as they were).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from shared.calendar.lock import FileLock
from shared.config.site import SiteProfile
from shared.errors import ConfigError, Problem
from shared.files import ensure_private_file
from shared.ledger.sealing import KeyRing, new_key_text
from shared.messages import t
from shared.secrets import resolve

__all__ = ["DEFAULT_KEY_FILE", "LEDGER_KEY", "KeySource", "key_source", "keys_beside", "site_keys"]

LEDGER_KEY = "ledger_key"
"""The name of the ledger key ring among the site's secrets."""

DEFAULT_KEY_FILE = Path("keys") / "ledger.keys"
"""Where the ring is, in the work folder, for a site that names no other place."""


@dataclass(frozen=True)
class KeySource:
    """Where the ring of one site is: a reference, and for a file store its file and entry."""

    reference: str
    file: Path | None
    entry: str
    lock: Path

    @property
    def writable(self) -> bool:
        return self.file is not None

    def read(self) -> KeyRing | None:
        """The ring; None when a file store has no entry yet (a store of another kind that has
        none raises its own ``ConfigError``)."""
        if self.file is None:
            return KeyRing.parse(resolve(self.reference), LEDGER_KEY)
        text = _entry(self.file, self.entry)
        return None if text is None else KeyRing.parse(text, LEDGER_KEY)

    def read_or_make(self) -> KeyRing:
        """The ring, made (one fresh key) and written on first use of a file store."""
        ring = self.read()
        if ring is not None:
            return ring
        with self.locked():
            ring = self.read()  # another process may have made it while this one waited
            if ring is None:
                ring = KeyRing.parse(new_key_text())
                self.write(ring)
        return ring

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the site's key lock (waiting for another process that holds it)."""
        lock = FileLock(self.lock).acquire(wait=True)
        try:
            yield
        finally:
            lock.release()

    def write(self, ring: KeyRing) -> None:
        """Write ``ring`` as the file store's entry (the caller holds the lock)."""
        assert self.file is not None
        lines = self.file.read_text(encoding="utf-8").splitlines() if self.file.is_file() else []
        line = f"{self.entry}={ring.text()}"
        kept = [line if _key_of(old) == self.entry else old for old in lines]
        if line not in kept:
            kept.append(line)
        fresh = self.file.with_name(self.file.name + ".new")
        try:
            fresh.unlink(missing_ok=True)
            ensure_private_file(fresh)  # owner-only from the start (POSIX mode; on Windows the folder's ACL)
            with fresh.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write("\n".join(kept) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(fresh, self.file)
        except OSError as exc:
            raise ConfigError([Problem(str(self.file), 1, 1, self.entry,
                                       t("ledger.key_unwritable", kind=type(exc).__name__))]) from exc


def _key_of(line: str) -> str | None:
    key, sep, _ = line.partition("=")
    return key.strip() if sep else None


def _entry(path: Path, name: str) -> str | None:
    if not path.is_file():
        return None
    if sys.platform != "win32" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise ConfigError([Problem(str(path), 1, 1, "secrets_file", t("secret.file_permissions"))])
    for line in path.read_text(encoding="utf-8").splitlines():
        if _key_of(line) == name:
            return line.partition("=")[2].strip()
    return None


def key_source(site: SiteProfile, site_path: Path) -> KeySource:
    """Where the ring of the site at ``site_path`` is (see the module's text)."""
    base = Path(site_path).resolve().parent
    work = base / site.work
    secrets_file = base / site.secrets_file if site.secrets_file else None
    lock = work / "keys" / "ledger-key.lock"
    reference = site.secrets.get(LEDGER_KEY)
    if reference is None:
        file = secrets_file or work / DEFAULT_KEY_FILE
        return KeySource(f"file:{LEDGER_KEY}", file, LEDGER_KEY, lock)
    scheme, _, name = reference.partition(":")
    if scheme != "file":
        return KeySource(reference, None, name, lock)
    if secrets_file is None:
        raise ConfigError([Problem(str(site_path), 1, 1, "secrets_file", t("secret.file_missing"))])
    return KeySource(reference, secrets_file, name, lock)


def keys_beside(ledger_file: Path) -> KeyRing | None:
    """The ring of the work folder a SQLite ledger file lies in (``work/ledger.sqlite3`` and
    ``work/keys/ledger.keys``, a site's default), if it has one: a tool that opens the file
    by its path reads what its runs sealed. Never made here."""
    text = _entry(Path(ledger_file).parent / DEFAULT_KEY_FILE, LEDGER_KEY)
    return None if text is None else KeyRing.parse(text, LEDGER_KEY)


def site_keys(site: SiteProfile, site_path: Path) -> KeyRing:
    """The ledger key ring of the site at ``site_path``, made on first use in a file store."""
    return key_source(site, site_path).read_or_make()
