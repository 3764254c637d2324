"""``bundle``: the offline installer bundle (``robots.bundle``). Exit codes: 0 made, 2 refused
(a dependency without a binary wheel is named, pip failing, no Tesseract data)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo
from shared.messages import t

__all__ = ["bundle_app"]

# Added to the root app without a name: ``robot-runner bundle --out DIR``.
bundle_app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


@bundle_app.command("bundle", help=t("cli.bundle.help"))
def bundle_command(
    out: Path = typer.Option(..., "--out", help=t("cli.opt.bundle_out")),
    platform: list[str] = typer.Option([], "--platform", help=t("cli.opt.bundle_platform")),
    python: list[str] = typer.Option([], "--python", help=t("cli.opt.bundle_python")),
    key: Path | None = typer.Option(None, "--key", help=t("cli.opt.bundle_key")),
) -> None:
    from robots.bundle import DEFAULT_PLATFORMS, DEFAULT_PYTHONS, build_bundle

    archive, public_key = build_bundle(out, platforms=platform or DEFAULT_PLATFORMS, pythons=python or DEFAULT_PYTHONS,
                                       key=key)  # a BundleError exits 2 with its message
    echo(t("bundle.made", path=str(archive), size=f"{archive.stat().st_size / 1e6:.0f}"))
    echo(t("bundle.public_key", key=public_key))
