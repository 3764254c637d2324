"""JSON Pointer (RFC 6901): ``/申請者/氏名``, ``/添付ファイル/0/ファイル名``; ``~1`` is ``/``, ``~0`` is ``~``.

    >>> resolve({"a": [{"b/c": 1}]}, "/a/0/b~1c")
    1
    >>> resolve({"a": 1}, "/x") is MISSING
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MISSING", "PointerError", "resolve", "tokens"]

_INDEX = re.compile(r"0|[1-9][0-9]*")


class PointerError(ValueError):
    """Not a JSON Pointer (it must be empty or start with ``/``; ``~`` only as ``~0`` or ``~1``)."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
"""What ``resolve`` returns when the document has nothing at the pointer."""


@lru_cache(maxsize=4096)
def tokens(pointer: str) -> tuple[str, ...]:
    """The reference tokens of ``pointer``, unescaped."""
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise PointerError(pointer)
    parts = pointer[1:].split("/")
    if any(re.search(r"~(?![01])", part) for part in parts):
        raise PointerError(pointer)
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in parts)


def resolve(document: object, pointer: str) -> object:
    """The value at ``pointer`` in ``document``, or ``MISSING``."""
    current = document
    for token in tokens(pointer):
        if isinstance(current, dict):
            if token not in current:
                return MISSING
            current = current[token]
        elif isinstance(current, list):
            if not token.isdigit() or not _INDEX.fullmatch(token) or int(token) >= len(current):
                return MISSING
            current = current[int(token)]
        else:
            return MISSING
    return current
