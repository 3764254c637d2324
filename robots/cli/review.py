"""``review import``: a person's corrections on a review sheet go back into the ledger."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.messages import t

__all__ = ["review_app"]

review_app = group("cli.review.help")


@review_app.command("import", help=t("cli.review.import.help"))
def review_import(
    sheet: Path = typer.Argument(..., help=t("cli.arg.sheet")),
    scenario: Path = typer.Option(..., "--scenario", help=t("cli.arg.scenario")),
    site: Path = site_option(),
    by: str | None = typer.Option(None, "--by", help=t("cli.opt.by")),
) -> None:
    from robots.reading import import_review_sheet
    from robots.run.queue_admin import current_user, open_queue
    from shared.config import load_scenario

    loaded = load_scenario(scenario)
    with open_queue(site) as queue:
        counts = import_review_sheet(sheet, loaded.scenario, queue.ledger, queue.audit, by or current_user(),
                                     item_key=queue.item_key())
    echo(t("review.imported", released=counts["released"], still=counts["still"], corrected=counts["corrected"]))
