"""The ``template new`` command: propose a template from a sample PDF (filled or blank)."""

from __future__ import annotations

from pathlib import Path

import typer

from shared.errors import RpaError
from shared.messages import t

__all__ = ["template_new"]


def template_new(
    form: Path = typer.Argument(..., help=t("cli.arg.filled_form")),
    out: Path | None = typer.Option(None, "--out", help=t("cli.opt.template_out")),
    sample: bool = typer.Option(False, "--sample", help=t("cli.opt.template_sample")),
) -> None:
    from robot_runner import echo
    from robots.authoring.template_new import propose
    from robots.authoring.writer import write_proposal

    folder = out or Path(form.stem)
    try:
        proposal = propose(form)
        written = write_proposal(proposal, folder, with_sample=sample)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(1) from None
    key = "template_new.proposed_blank" if proposal.blank else "template_new.proposed"
    echo(t(key, count=len(proposal.fields), file=form.name))
    for field in proposal.fields:
        echo(f"  {field.name}: {field.label}（{field.type}）")
    for path in written:
        echo(t("template.inspect_written", path=str(path)))
    echo(t("template_new.next", folder=str(folder)))
