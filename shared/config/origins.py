"""Where web steps may go: origins (scheme, host and port), from the site profile's
``allowed_hosts`` and its systems' base URLs.

An ``allowed_hosts`` entry is ``host``, ``host:port``, ``scheme://host`` or
``scheme://host:port`` (``[::1]`` for an IPv6 address). What an entry leaves out is taken
from the base URLs of the site's systems on that host, else from the scheme's default:

    kikan.example.lg.jp        the origins of the systems whose base_url is on that host
                               (http://kikan.example.lg.jp:8080/ -> only port 8080);
                               no system there: http on 80 and https on 443
    kikan.example.lg.jp:8443   that port (with the scheme of a system there, else both)
    https://sso.example.lg.jp  https on 443 (or the port of a system there)

A WebSocket (``ws``/``wss``) is allowed where its ``http``/``https`` origin is. Nothing
else is allowed: another port of an allowed host is another origin.

    >>> site_bases = [Origin("http", "127.0.0.1", 5000)]
    >>> sorted(str(o) for o in entry_origins("127.0.0.1", site_bases))
    ['http://127.0.0.1:5000']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["DEFAULT_PORTS", "Origin", "entry_origins", "origin_allowed", "origin_of", "origins_for", "parse_entry",
           "shown_origin"]

DEFAULT_PORTS = {"http": 80, "https": 443}
SOCKET_SCHEMES = {"ws": "http", "wss": "https"}
# What browsers read differently from Python's urlsplit (a backslash ends the host, tabs and
# line breaks are dropped): a URL holding one is never taken as allowed.
_AMBIGUOUS = re.compile(r"[\\\s\x00-\x1f\x7f]")
_HOST = re.compile(r"^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)*)$")


@dataclass(frozen=True, order=True)
class Origin:
    """A scheme (http or https), a host name or IP address (lower case) and a port."""

    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def url_prefixes(self) -> list[str]:
        """How a browser writes the start of a URL on this origin, up to the path: with the
        port, and without it when it is the scheme's default (as browsers show it)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        prefixes = [f"{self.scheme}://{host}:{self.port}"]
        if DEFAULT_PORTS.get(self.scheme) == self.port:
            prefixes.append(f"{self.scheme}://{host}")
        return prefixes

    def bypass_rules(self) -> list[str]:
        """Chromium proxy-bypass rules that match exactly this origin (and its WebSockets)."""
        socket = "ws" if self.scheme == "http" else "wss"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return [f"{self.scheme}://{host}:{self.port}", f"{socket}://{host}:{self.port}"]


def _split(url: str) -> tuple[str, str, int | None] | None:
    """Scheme, host and port of ``url`` when it is plain and unambiguous, else None."""
    if _AMBIGUOUS.search(url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if "@" in parts.netloc or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if not _HOST.match(host if ":" not in host else f"[{host}]"):
        return None
    return parts.scheme.lower(), host, port


def origin_of(url: str) -> Origin | None:
    """The origin ``url`` goes to (a WebSocket's is its http/https one); None for any other
    scheme (file:, data:, javascript:), for user info (``user@host``) and for a URL browsers
    may read otherwise than Python does (backslashes, spaces, control characters)."""
    split = _split(url)
    if split is None:
        return None
    scheme, host, port = split
    scheme = SOCKET_SCHEMES.get(scheme, scheme)
    if scheme not in DEFAULT_PORTS:
        return None
    return Origin(scheme, host, port if port is not None else DEFAULT_PORTS[scheme])


def parse_entry(entry: str) -> tuple[str | None, str, int | None]:
    """An ``allowed_hosts`` entry as (scheme or None, host, port or None); raises
    ``ValueError`` for anything else (a path, user info, another scheme, a bad port)."""
    text = entry.strip()
    explicit = "://" in text
    split = _split(text if explicit else f"http://{text}")
    if split is None or not text:
        raise ValueError(entry)
    scheme, host, port = split
    rest = text.split("://", 1)[1] if explicit else text
    if "/" in rest.rstrip("/") or "?" in rest or "#" in rest or (explicit and scheme not in DEFAULT_PORTS):
        raise ValueError(entry)
    return (scheme if explicit else None), host, port


def entry_origins(entry: str, bases: Iterable[Origin]) -> frozenset[Origin]:
    """The origins one ``allowed_hosts`` entry allows, given the origins of the site's
    systems (see the module's docstring)."""
    scheme, host, port = parse_entry(entry)
    same = {b for b in bases if b.host == host and scheme in (None, b.scheme) and port in (None, b.port)}
    if same:
        return frozenset(same)
    schemes = [scheme] if scheme else list(DEFAULT_PORTS)
    return frozenset(Origin(s, host, port if port is not None else DEFAULT_PORTS[s]) for s in schemes)


def origins_for(allowed_hosts: Iterable[str], base_urls: Iterable[str]) -> frozenset[Origin]:
    """Every origin a site allows: each entry's, given its systems' base URLs."""
    bases = [o for o in (origin_of(str(url)) for url in base_urls) if o is not None]
    found: set[Origin] = set()
    for entry in allowed_hosts:
        found |= entry_origins(entry, bases)
    return frozenset(found)


def origin_allowed(url: str, allowed: Iterable[Origin | str]) -> bool:
    """Whether ``url`` goes to one of the ``allowed`` origins (``Origin``s or their text)."""
    origin = origin_of(url)
    return origin is not None and str(origin) in {str(a) for a in allowed}


def shown_origin(url: str) -> str:
    """What a message says about where ``url`` goes: its origin, never its path or query
    (which may hold values); the scheme alone for a URL that has none."""
    origin = origin_of(url)
    if origin is not None:
        return str(origin)
    split = _split(url)
    if split is not None:
        scheme, host, port = split
        return f"{scheme}://{host}" + (f":{port}" if port is not None else "")
    scheme = url.split(":", 1)[0] if ":" in url else ""
    return f"{scheme[:20]}:" if scheme.isalnum() else "?"
