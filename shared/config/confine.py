"""Files a shared scenario names stay inside its own folder: no link on the way, nothing that
resolves outside (``blank_form: ../../../../etc/passwd``, a ``template.yaml`` that is a link to
a file elsewhere). Checked by ``validate``, ``scenario lint`` and ``scenario install``."""

from __future__ import annotations

from pathlib import Path

__all__ = ["confinement_problem", "is_link"]


def is_link(path: Path) -> bool:
    """A symbolic link, or on Windows a directory junction (which ``is_symlink`` does not see)."""
    return path.is_symlink() or bool(getattr(path, "is_junction", lambda: False)())


def confinement_problem(root: Path, base: Path, relative: str) -> str | None:
    """Why ``base / relative`` may not be read as part of the scenario in ``root``: the message
    key (``config.path_link``, ``config.path_outside``), or None when it is inside and link-free."""
    root = Path(root)
    current = Path(base)
    for part in Path(relative.replace("\\", "/")).parts:
        current = current / part
        if is_link(current):
            return "config.path_link"
    if not (Path(base) / relative).resolve().is_relative_to(root.resolve()):
        return "config.path_outside"
    return None
