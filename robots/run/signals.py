"""Ctrl-C, SIGTERM and (on Windows) Ctrl-Break as a polite stop: the first one asks the run
to stop after the current step (``robots.core.StopRequest``), so that every item is left
in a state the next run resolves and the summary is printed; a second one stops at once
(``KeyboardInterrupt``, as without these handlers).

    stop = StopRequest()
    with stop_on_signals(stop, say=echo):
        summary = run_scenario(scenario, site, resources=RunResources(stop=stop))

Only signals that exist on the platform are handled: SIGINT (Ctrl-C on both), SIGTERM
(``kill``, a service manager; on Windows only raised inside the process), SIGBREAK
(Windows' Ctrl-Break and console close).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from robots.core.stop import StopRequest
from shared.messages import t

__all__ = ["STOP_SIGNALS", "stop_on_signals"]

STOP_SIGNALS: tuple[str, ...] = ("SIGINT", "SIGTERM", "SIGBREAK")


@contextmanager
def stop_on_signals(stop: StopRequest, say: Callable[[str], None] | None = None) -> Iterator[StopRequest]:
    """Turn the stop signals into ``stop.request(name)`` while the block runs, and put the
    previous handlers back afterwards. Outside the main thread (where Python cannot handle
    signals) nothing is installed."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if stop.requested:
            raise KeyboardInterrupt  # asked twice: stop now
        stop.request(name)
        if say is not None:
            say(t("run.stop_requested", signal=name))

    previous: dict[signal.Signals, Any] = {}
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, handle)
        except (OSError, ValueError):  # not settable here (an embedded interpreter)
            continue
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
