"""Characters a target system cannot store, and the site's substitution table for them.

Names keep their original code points; a legacy system working in Shift_JIS (CP932)
cannot store every kanji, and private-use characters (外字, U+E000–U+F8FF) mean nothing
outside the machine that made them.

    >>> unencodable_chars("髙橋 﨑子")
    []
    >>> unencodable_chars("𠮷田 剝")
    ['𠮷', '剝']
    >>> apply_substitutions("𠮷田", {"𠮷": "吉"})
    ('吉田', [('𠮷', '吉')])
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from shared.japanese.errors import DataError

__all__ = ["apply_substitutions", "check_encodable", "is_private_use", "unencodable_chars"]


def is_private_use(char: str) -> bool:
    """True for a character of the private-use area U+E000–U+F8FF (外字)."""
    return "\ue000" <= char <= "\uf8ff"


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def unencodable_chars(text: str, encoding: str = "cp932") -> list[str]:
    """The characters of ``text`` that ``encoding`` cannot represent, plus private-use
    characters (外字) even where the encoding maps them; in order of appearance, each once.

    CP932 holds 髙 (U+9AD9) and 﨑 (U+FA11) but not 𠮷 (U+20BB7) or 剝 (U+525D).
    """
    found = (c for c in text if is_private_use(c) or not _encodable(c, encoding))
    return list(dict.fromkeys(found))


def check_encodable(text: str, encoding: str = "cp932") -> None:
    """Raise ``DataError('field.text.unencodable', encoding=..., count=...)`` when
    ``text`` holds characters ``unencodable_chars`` reports. The characters themselves are
    not in the message (they are part of a name)."""
    if bad := unencodable_chars(text, encoding):
        raise DataError("field.text.unencodable", encoding=encoding, count=len(bad))


def apply_substitutions(text: str, table: Mapping[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """Replace every occurrence of each key of ``table`` with its value; return the new
    text and the substitutions made as ``(old, new)`` pairs, in order of first use, each once.

    Keys may be longer than one character (a kanji with its variation selector); the
    longest key wins where keys overlap.
    """
    keys = sorted(filter(None, table), key=len, reverse=True)
    if not keys:
        return text, []
    pattern = re.compile("|".join(map(re.escape, keys)))
    used: dict[str, str] = {}

    def substitute(match: re.Match[str]) -> str:
        used.setdefault(match[0], table[match[0]])
        return table[match[0]]

    return pattern.sub(substitute, text), list(used.items())
