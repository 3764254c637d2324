"""Shift_JIS (cp932) on the wire: encode pages, decode submitted forms.

Browsers submit characters that Shift_JIS cannot represent as HTML numeric
character references (``&#134071;`` for 𠮷).  :func:`decode_params` turns those
references back into the character so validation can name it, and
:func:`unencodable_chars` finds them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

ENCODING = "cp932"
CONTENT_TYPE = "text/html; charset=Shift_JIS"

_NCR = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def is_encodable(char: str) -> bool:
    """Whether ``char`` can be written in Shift_JIS (cp932)."""
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _replace_reference(match: re.Match[str]) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    if code > 0x10FFFF:
        return match.group(0)
    char = chr(code)
    # Only references a browser would have produced are decoded; a literal
    # "&#12354;" typed by a person stays as typed.
    return match.group(0) if is_encodable(char) else char


def decode_references(value: str) -> str:
    """Replace numeric character references of non-Shift_JIS characters by the characters."""
    return _NCR.sub(_replace_reference, value)


def decode_params(raw: bytes) -> dict[str, str]:
    """Decode an ``application/x-www-form-urlencoded`` body or query string sent in Shift_JIS.

    The first value of a repeated name wins.  Bytes that are not valid cp932
    become U+FFFD, which :func:`unencodable_chars` then reports.
    """
    text = raw.decode("ascii", errors="replace")
    params: dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True, encoding=ENCODING, errors="replace"):
        params.setdefault(name, decode_references(value))
    return params


def unencodable_chars(value: str) -> list[str]:
    """The distinct characters of ``value`` that Shift_JIS cannot represent, in order."""
    found: list[str] = []
    for char in value:
        if char not in found and not is_encodable(char):
            found.append(char)
    return found


def encode_page(html: str) -> bytes:
    """Encode a page for the wire; stray non-Shift_JIS characters become references."""
    return html.encode(ENCODING, errors="xmlcharrefreplace")
