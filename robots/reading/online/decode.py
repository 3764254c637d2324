"""The text of an export from its bytes and the encoding it declares (an XML declaration) or the
template declares (CSV): bytes that are not that encoding are refused, naming the line, and so is
UTF-8 declared as Shift_JIS (it would decode as mojibake without an error)."""

from __future__ import annotations

import re

from shared.errors import InputFileError

__all__ = ["SJIS_NAMES", "check_encoding", "declared_xml_encoding"]

SJIS_NAMES = frozenset({"shift_jis", "shift-jis", "sjis", "cp932", "ms932", "windows-31j", "x-sjis"})
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._\-]+)[\"']")
_PYTHON_NAMES = {"utf-8-sig": "utf-8-sig", "utf8": "utf-8"}


def declared_xml_encoding(data: bytes) -> str:
    """The encoding an XML file's declaration names (UTF-8 when it names none)."""
    match = _XML_DECL.match(data[:400].removeprefix(b"\xef\xbb\xbf"))
    return match.group(1).decode("ascii").lower() if match else "utf-8"


def _python_name(name: str) -> str:
    return "cp932" if name in SJIS_NAMES else _PYTHON_NAMES.get(name, name)


def check_encoding(data: bytes, declared: str, *, file: str) -> str:
    """``data`` decoded as ``declared``; ``InputFileError`` naming the line where it is not that
    encoding, or when Shift_JIS is declared but the bytes are UTF-8 Japanese."""
    name = declared.lower()
    python = _python_name(name)
    try:
        text = data.decode(python)
    except LookupError:
        raise InputFileError("online.encoding_unknown", file=file, encoding=declared) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        other = "utf-8" if python == "cp932" else "cp932"
        try:
            data.decode(other)
        except UnicodeDecodeError:
            raise InputFileError("online.encoding_wrong", file=file, encoding=declared, line=line) from None
        key = "online.encoding_utf8_as_sjis" if other == "utf-8" else "online.encoding_sjis_as_utf8"
        raise InputFileError(key, file=file, encoding=declared, line=line) from None
    if python == "cp932" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return text
        line = next((n for n, row in enumerate(data.split(b"\n"), 1) if not row.isascii()), 1)
        raise InputFileError("online.encoding_utf8_as_sjis", file=file, encoding=declared, line=line)
    return text
