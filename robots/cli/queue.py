"""``queue list / show / retry / resolve``: the exception queue — what a person sees of each
item and how they settle it (robots.run.queue_admin does the work, with the audit record)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.messages import t

__all__ = ["queue_app"]

queue_app = group("cli.queue.help")


@queue_app.command("list", help=t("cli.queue.list.help"))
def queue_list(site: Path = site_option(),
               state: str | None = typer.Option(None, "--state", help=t("cli.opt.state"))) -> None:
    from robots.run.queue_admin import open_queue, reason_text
    from shared.ledger import State

    with open_queue(site) as queue:
        items = queue.items(states=[State(state)] if state else None)
    if not items:
        echo(t("queue.empty"))
        return
    echo(t("queue.header"))
    for item in items:
        echo(f"{item.id}  {t('state.' + item.state.value)}  {item.source_name}  {item.receipt_no or '-'}  {reason_text(item)}")


@queue_app.command("show", help=t("cli.queue.show.help"))
def queue_show(item_id: int = typer.Argument(..., help=t("cli.arg.item_ids")), site: Path = site_option()) -> None:
    from robots.run.queue_admin import open_queue, reason_text

    with open_queue(site) as queue:
        item = queue.get(item_id)
    for label, value in (("ID", item.id), (t("ledger.col.file"), item.source_name),
                         (t("ledger.col.state"), t("state." + item.state.value)),
                         (t("ledger.col.receipt"), item.receipt_no or "-"), (t("ledger.col.reason"), reason_text(item)),
                         (t("ledger.col.updated"), item.updated_at), (t("queue.attempts"), item.attempt)):
        echo(f"{label}: {value}")


@queue_app.command("retry", help=t("cli.queue.retry.help"))
def queue_retry(item_ids: list[int] = typer.Argument(..., help=t("cli.arg.item_ids")), site: Path = site_option(),
                by: str | None = typer.Option(None, "--by", help=t("cli.opt.by"))) -> None:
    from robots.run.queue_admin import open_queue

    with open_queue(site) as queue:
        for item_id in item_ids:
            queue.retry(item_id, by)
            echo(t("queue.retried", item=item_id))


@queue_app.command("resolve", help=t("cli.queue.resolve.help"))
def queue_resolve(
    item_id: int = typer.Argument(..., help=t("cli.arg.item_ids")),
    site: Path = site_option(),
    done: str | None = typer.Option(None, "--done", help=t("cli.opt.done")),
    abandon: bool = typer.Option(False, "--abandon", help=t("cli.opt.abandon")),
    why: str = typer.Option(..., "--why", help=t("cli.opt.why")),
    by: str | None = typer.Option(None, "--by", help=t("cli.opt.by")),
) -> None:
    from robots.run.queue_admin import open_queue

    with open_queue(site) as queue:
        item = queue.resolve(item_id, receipt=done, abandon=abandon, why=why, by=by)
    echo(t("queue.resolved", item=item_id, state=t("state." + item.state.value)))
