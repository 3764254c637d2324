"""A postal-code table (郵便番号 → 都道府県・市区町村・町域) and the check of an address
against it.

    >>> table = load_postal_table(Path("KEN_ALL.CSV"))      # Japan Post's file, or a JSON map
    >>> match_town("鹿児島県鹿児島市嶋池新町1-4-6", "鹿児島県鹿児島市鴨池新町")
    TownMatch(text='鹿児島県鹿児島市鴨池新町1-4-6', length=12, edits=1)

An address read by OCR begins with the town its postal code names; the table gives that
part exactly, so a misread character there is corrected and only the rest (番地, building)
is left in doubt; ``split_street`` checks the shape of that rest.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from shared.japanese.errors import DataError
from shared.japanese.text import edit_distances

__all__ = ["TownMatch", "load_postal_table", "match_town", "municipality_known", "split_street"]

KEN_ALL_CODE, KEN_ALL_PREFECTURE, KEN_ALL_CITY, KEN_ALL_TOWN = 2, 6, 7, 8
# KEN_ALL writes these for "no town name" and for towns listed in parts; the part before
# them is the reliable prefix.
_KEN_ALL_NO_TOWN = "以下に掲載がない場合"
MAX_EDIT_SHARE = 0.25  # more differences than this: the address is not of this town at all


@dataclass(frozen=True)
class TownMatch:
    """The address with its town part taken from the table; ``length`` is how many
    characters of ``text`` that part is, ``edits`` how many characters OCR had wrong."""

    text: str
    length: int
    edits: int


def _town_of(row: list[str]) -> str:
    town = row[KEN_ALL_TOWN]
    if town == _KEN_ALL_NO_TOWN:
        town = ""
    town = town.split("（", 1)[0]
    return row[KEN_ALL_PREFECTURE] + row[KEN_ALL_CITY] + town


def load_postal_table(path: Path) -> dict[str, str]:
    """Read Japan Post's KEN_ALL.CSV (Shift_JIS or UTF-8) or a JSON object of 7-digit code
    → address prefix. A code with several towns keeps the part they share. Raises
    ``DataError('postal.table_unreadable')`` for anything else."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError("postal.table_unreadable", file=path.name, detail=type(exc).__name__) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataError("postal.table_unreadable", file=path.name, detail=type(exc).__name__) from exc
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise DataError("postal.table_unreadable", file=path.name, detail="not an object of code -> address")
        return {str(code): unicodedata.normalize("NFKC", town) for code, town in data.items()}
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DataError("postal.table_unreadable", file=path.name, detail="neither UTF-8 nor Shift_JIS")
    table: dict[str, str] = {}
    for row in csv.reader(io.StringIO(text)):
        if len(row) <= KEN_ALL_TOWN or not row[KEN_ALL_CODE].isdigit():
            raise DataError("postal.table_unreadable", file=path.name, detail="not in KEN_ALL.CSV format")
        code, town = row[KEN_ALL_CODE], unicodedata.normalize("NFKC", _town_of(row))
        table[code] = _shared_prefix(table[code], town) if code in table else town
    return table


def _shared_prefix(a: str, b: str) -> str:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return a[:length]


def match_town(address: str, town: str) -> TownMatch | None:
    """``address`` with its beginning replaced by ``town`` when it begins with ``town``
    give or take a few misread characters; ``None`` when it does not."""
    if not town:
        return None
    compact = address.replace(" ", "").replace("\u3000", "")
    distances = edit_distances(town, compact)
    length = min(range(len(compact) + 1), key=lambda k: (distances[k], abs(k - len(town))))
    edits = distances[length]
    if edits > MAX_EDIT_SHARE * len(town):
        return None
    # ``length`` counts characters without spaces: find where that is in the original text
    seen, cut = 0, 0
    while seen < length:
        if address[cut] not in " \u3000":
            seen += 1
        cut += 1
    return TownMatch(town + address[cut:].lstrip(" \u3000"), len(town), edits)


_STREET = re.compile(r"(?P<number>[0-9]+(?:(?:丁目|番地|番|号|-|の)[0-9]+)*(?:丁目|番地|番|号)?)(?P<building>.*)")
_NOT_IN_BUILDING = re.compile(r"[\s.,、。]|^[-0-9ー]|[0-9]-[0-9]")


def split_street(rest: str) -> tuple[str, str] | None:
    """The part of an address after the town split into 番地 and building (``""`` when
    there is none), spaces dropped; ``None`` when it is not shaped like that (a stray
    mark, a number that does not parse)."""
    compact = re.sub(r"[ \u3000]", "", rest)
    match = _STREET.fullmatch(compact)
    if match is None or _NOT_IN_BUILDING.search(match["building"]):
        return None
    return match["number"], match["building"]


_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")
_COUNTY = re.compile(r"^[^郡]+郡")


def municipality_known(address: str, municipalities: frozenset[str]) -> bool | None:
    """Whether ``address`` begins with a prefecture and one of its cities, towns or villages
    (``municipalities``: 都道府県 + 市区町村 as Japan Post writes them, e.g. 愛知県名古屋市中区;
    the 郡 may be left out); None when it does not begin with a prefecture of the table (no
    judgement: 「中区栄1-2」)."""
    text = unicodedata.normalize("NFKC", address).replace(" ", "").replace("\u3000", "")
    found = _PREFECTURE.match(text)
    if found is None:
        return None
    prefecture = found.group(1)
    cities = [m[len(prefecture):] for m in municipalities if m.startswith(prefecture)]
    if not cities:
        return None
    rest = text[len(prefecture):]
    return any(rest.startswith(city) or rest.startswith(_COUNTY.sub("", city)) for city in cities)
