"""The browser launcher interface and the registry the site profile picks from."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.config.site import BrowserSettings

if TYPE_CHECKING:
    from connectors.browser.guard import ContextGuard

__all__ = ["BrowserLauncher", "launcher", "register"]


class BrowserLauncher(ABC):
    """Starts a browser and yields a page ready for steps; closes what it started."""

    @abstractmethod
    def open(self, settings: BrowserSettings, guard: ContextGuard | None = None) -> AbstractContextManager[Any]:
        """A context manager yielding a Playwright-compatible ``Page``, from a Playwright on
        which ``connectors.browser.engines.install`` was called before its first page (the
        steps find labels and clickable texts with those selector engines). With ``guard``
        (``connectors.browser.guard``), the page's context reaches only the guard's origins."""

    def with_options(self, *, slow_mo_ms: int = 0, video_dir: Path | None = None) -> BrowserLauncher:
        """A launcher like this one whose pages run every action ``slow_mo_ms`` slower and
        record a video into ``video_dir`` (presenter mode). Raises ``NotImplementedError``
        when this launcher cannot do that."""
        raise NotImplementedError(f"browser launcher {type(self).__name__} has no presenter options")


_LAUNCHERS: dict[str, type[BrowserLauncher]] = {}


def register(name: str, cls: type[BrowserLauncher]) -> None:
    _LAUNCHERS[name] = cls


def launcher(name: str = "playwright", **options: Any) -> BrowserLauncher:
    """The launcher registered as ``name`` (``options`` go to its constructor, e.g. the
    presenter's ``slow_mo_ms`` and ``video_dir``); an unknown name raises KeyError naming it."""
    if name not in _LAUNCHERS:
        raise KeyError(f"unknown browser launcher {name!r}; known: {', '.join(sorted(_LAUNCHERS))}")
    return _LAUNCHERS[name](**options)
