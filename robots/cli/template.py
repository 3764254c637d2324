"""``template inspect`` (the template's boxes drawn over a form) and ``template new`` (a
template proposed from a sample PDF, filled or blank)."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, group
from shared.errors import RpaError
from shared.messages import t

__all__ = ["template_app"]

template_app = group("cli.template.help")


@template_app.command("inspect", help=t("cli.template.inspect.help"))
def template_inspect(
    form: Path = typer.Argument(..., help=t("cli.arg.form")),
    scenario: Path = typer.Option(Path("scenarios/jidou-teate-nintei"), "--scenario", help=t("cli.arg.scenario")),
    out: Path = typer.Option(Path("."), "--out", help=t("cli.opt.out")),
) -> None:
    from robots.authoring import inspect_form
    from shared.config import load_scenario

    loaded = load_scenario(scenario)
    name = loaded.scenario.inputs[0].template
    for path in inspect_form(form, loaded.templates[name], loaded.folder, out):
        echo(t("template.inspect_written", path=str(path)))


@template_app.command("new", help=t("cli.template.new.help"))
def template_new(
    form: Path = typer.Argument(..., help=t("cli.arg.filled_form")),
    out: Path | None = typer.Option(None, "--out", help=t("cli.opt.template_out")),
    sample: bool = typer.Option(False, "--sample", help=t("cli.opt.template_sample")),
    force: bool = typer.Option(False, "--force", help=t("cli.opt.template_force")),
) -> None:
    from robots.authoring import propose, write_proposal

    folder = out or Path(form.stem)
    if form.suffix.lower() in (".xml", ".json", ".csv", ".zip"):  # an online application's export (a zip: with its attachments)
        _template_new_export(form, folder, force)
        return
    try:
        proposal = propose(form)
        written = write_proposal(proposal, folder, with_sample=sample, force=force)
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


def _template_new_export(form: Path, folder: Path, force: bool) -> None:
    from robots.authoring import propose_export, write_export_proposal

    try:
        proposal, encoding = propose_export(form)
        written = write_export_proposal(proposal, encoding, folder, force=force)
    except RpaError as exc:
        echo(str(exc))
        raise typer.Exit(1) from None
    echo(t("template_new.proposed", count=len(proposal.fields), file=form.name))
    for field in proposal.fields:
        echo(f"  {field.name}: {field.label}（{field.type}）")
    for path in written:
        echo(t("template.inspect_written", path=str(path)))
    echo(t("template_new.next", folder=str(folder)))
