"""Operational logs (loguru): JSON lines per run, never with variable values in tracebacks."""

from __future__ import annotations

from pathlib import Path

from loguru import logger

__all__ = ["logger", "setup_logging"]


def setup_logging(path: Path) -> int:
    """Send operational logs to ``path`` (JSON lines); returns the handler id to remove.
    ``diagnose=False``: tracebacks must not print local variables (they hold personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    logger.remove()
    return logger.add(path, serialize=True, diagnose=False, backtrace=False, level="INFO", encoding="utf-8")
