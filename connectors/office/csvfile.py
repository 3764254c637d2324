"""CSV export for Excel users: UTF-8 with BOM, or CP932 (what Excel in Japan opens by
default). A character CP932 cannot hold is refused with its row and column, never
replaced by '?'. Texts that Excel would run as formulas are written inert."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from connectors.office.locks import check_not_locked
from shared.errors import ApplicationError, BusinessError
from shared.files import ensure_private_file

__all__ = ["write_csv"]


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
    path.parent.mkdir(parents=True, exist_ok=True)
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
