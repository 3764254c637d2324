"""A request to stop a run politely: the caller (the command line, on Ctrl-C, SIGTERM or,
on Windows, Ctrl-Break) sets it; the stages look at it between steps, files and items.

    stop = StopRequest()
    run_scenario(scenario, site, resources=RunResources(stop=stop))
    stop.request("SIGTERM")     # from a signal handler: the current step finishes first

A web item stops only before its final submit (it goes back to ``new``); once submitted,
it is finished (receipt read, ``done``) so that nothing is left between two states.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from shared.errors import ApplicationError

__all__ = ["RunStopped", "StopRequest"]


class RunStopped(ApplicationError):
    """The run was asked to stop; raised between two steps, before the final submit."""


class StopRequest:
    """Set once; safe to set from a signal handler or another thread."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.reason: str | None = None
        self._callbacks: list[Callable[[], None]] = []

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def request(self, reason: str = "stop") -> None:
        """Ask the run to stop (``reason``: the signal's name, shown in the summary)."""
        if self._event.is_set():
            return
        self.reason = reason
        self._event.set()
        for callback in list(self._callbacks):
            callback()

    def on_request(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when the stop is requested (e.g. to end a wait early)."""
        self._callbacks.append(callback)
        if self._event.is_set():
            callback()

    def raise_if_requested(self) -> None:
        if self._event.is_set():
            raise RunStopped("run.stopped_by_signal", signal=self.reason or "stop")
