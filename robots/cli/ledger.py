"""``ledger rotate-key``: the personal values the ledger keeps, sealed again with a new key
(robots.run.rekey does the work, with the audit record)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.messages import t

__all__ = ["ledger_app"]

ledger_app = group("cli.ledger.help")


@ledger_app.command("rotate-key", help=t("cli.ledger.rotate.help"))
def ledger_rotate_key(site: Path = site_option(),
                      by: str | None = typer.Option(None, "--by", help=t("cli.opt.by"))) -> None:
    from robots.run.rekey import rotate_ledger_key

    done = rotate_ledger_key(site, by)
    echo(t("ledger.rotated", items=done.items, kid=done.key_id))
    if done.retired:
        echo(t("ledger.retired_removed" if done.removed else "ledger.retired_left", kids=", ".join(done.retired)))
