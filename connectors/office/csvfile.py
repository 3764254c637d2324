"""CSV export for Excel users: UTF-8 with BOM, or CP932 (what Excel in Japan opens by
default). ``write_csv`` refuses a character the encoding cannot hold, naming its row and
column, and never replaces it by '?'; ``fit_rows`` prepares rows for it first: in texts
the robot wrote (reasons, file names) such a character is written as its documented
substitute 〓U+XXXX (``substitute``), and a row holding one in an exact column (a
record's value) is left out and named, so one character never drops the whole file.
Texts that Excel would run as formulas are written inert."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from connectors.office.locks import check_not_locked
from shared.errors import ApplicationError, BusinessError
from shared.files import ensure_private_file, private_folder

__all__ = ["SUBSTITUTE_MARK", "LeftOut", "fit_rows", "substitute", "write_csv"]

SUBSTITUTE_MARK = "〓"
"""Written, with the code point, for a character the CSV's encoding cannot hold (〓U+525D)."""


def substitute(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot hold written as 〓 and its code
    point: ``substitute("剝離", "cp932") == "〓U+525D離"``."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
        except UnicodeEncodeError:
            out.append(f"{SUBSTITUTE_MARK}U+{ord(char):04X}")
    return "".join(out)


@dataclass(frozen=True)
class LeftOut:
    """A row ``fit_rows`` left out: its index in the rows given, the column (header text)
    and the code point (``U+525D``) of the first character the encoding cannot hold."""

    index: int
    column: str
    code: str


def _first_unencodable(text: str, encoding: str) -> str | None:
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        return f"U+{ord(text[exc.start]):04X}"
    return None


def fit_rows(header: Sequence[str], rows: Sequence[Sequence[object]], encoding: str, *,
             exact: Collection[int] = ()) -> tuple[list[str], list[list[object]], list[LeftOut]]:
    """The header and rows ready for ``write_csv`` in ``encoding``, and the rows left out.

    Columns whose index is in ``exact`` hold values that must be written exactly as they
    are (a record's fields): a row with a character the encoding cannot hold there is left
    out. In every other column (and the header) such a character becomes its substitute."""
    fitted_header = [substitute(str(name), encoding) for name in header]
    fitted: list[list[object]] = []
    left_out: list[LeftOut] = []
    for index, row in enumerate(rows):
        cells: list[object] = []
        for column, value in enumerate(row):
            if not isinstance(value, str):
                cells.append(value)
            elif column in exact and (code := _first_unencodable(value, encoding)):
                left_out.append(LeftOut(index, str(header[column]) if column < len(header) else str(column + 1), code))
                break
            else:
                cells.append(substitute(value, encoding))
        else:
            fitted.append(cells)
    return fitted_header, fitted, left_out


def _inert(value: object) -> object:
    """A text that Excel would take as a formula (=, +, -, @ first) gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], encoding: str = "utf-8-sig") -> Path:
    """Write ``header`` and ``rows`` to ``path`` (CRLF line ends, all or nothing)."""
    check_not_locked(path)
    for number, row in enumerate([header, *rows], start=1):
        for column, value in zip(header, row, strict=False):
            text = "" if value is None else str(value)
            try:
                text.encode(encoding)
            except UnicodeEncodeError as exc:
                bad = text[exc.start]
                raise BusinessError("csv.unencodable", file=path.name, row=number, column=column,
                                    code=f"U+{ord(bad):04X}", encoding=encoding) from None
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(header))
    writer.writerows([[_inert(v) for v in row] for row in rows])
    private_folder(path.parent)
    temporary = path.with_name(path.name + ".partial")
    ensure_private_file(temporary)
    with temporary.open("wb") as handle:
        handle.write(buffer.getvalue().encode(encoding))
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.replace(temporary, path)
    except PermissionError as exc:
        temporary.unlink(missing_ok=True)
        raise ApplicationError("output.locked", file=path.name) from exc
    return path
