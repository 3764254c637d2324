"""``audit verify / export / checkpoint / keygen / archive``: verify the trail, export it for auditors, sign checkpoints."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option
from shared.messages import t

__all__ = ["audit_app"]

audit_app = group("cli.audit.help")


@contextmanager
def _open(site_path: Path) -> Iterator[tuple]:
    from robots.run import RunPaths
    from shared.audit import open_audited_ledger
    from shared.config import load_site

    site = load_site(site_path)
    paths = RunPaths.of(site, Path(site_path))
    with open_audited_ledger(site.ledger_url or paths.ledger, "audit") as (_ledger, audit):
        yield site, paths, audit


def _public_key(site, site_path: Path, given: Path | None) -> str | None:
    """The key that checks checkpoints: the auditor's copy (``--public-key``, else the site's
    ``public_key_file`` or ``public_key``). Never derived from the robot's own signing key: whoever
    holds that key could re-sign a rewritten trail."""
    from shared.audit.checkpoint import read_public_key

    settings = site.operations.audit
    if given is not None:
        return read_public_key(given)
    if settings.public_key_file:
        return read_public_key(Path(site_path).resolve().parent / settings.public_key_file)
    if settings.public_key:
        return settings.public_key.strip().lower()
    if settings.signing_key:
        from shared.errors import ConfigError, Problem

        raise ConfigError([Problem(str(site_path), 1, 1, "operations.audit.public_key_file", t("audit.no_public_key"))])
    return None


def _signing_key(site, site_path: Path):
    from shared.audit.checkpoint import private_key_from
    from shared.secrets import SecretMapping

    name = site.operations.audit.signing_key
    if not name or name not in site.secrets:
        from shared.errors import ConfigError, Problem

        raise ConfigError([Problem(str(site_path), 1, 1, "operations.audit.signing_key", t("audit.no_key"))])
    secrets_file = (Path(site_path).resolve().parent / site.secrets_file) if site.secrets_file else None
    return private_key_from(SecretMapping(site.secrets, secrets_file)[name], name)


def _checkpoint_folder(site, site_path: Path) -> Path:
    return Path(site_path).resolve().parent / site.operations.audit.checkpoints


@audit_app.command("verify", help=t("cli.audit.verify.help"))
def verify_command(site: Path = site_option(),
                   checkpoint: list[Path] = typer.Option([], "--checkpoint", help=t("cli.opt.checkpoint")),
                   checkpoints: list[Path] = typer.Option([], "--checkpoints", help=t("cli.opt.checkpoints")),
                   public_key: Path | None = typer.Option(None, "--public-key", help=t("cli.opt.public_key"))) -> None:
    from shared.audit.verify import verify_trail

    with _open(site) as (profile, paths, audit):
        key = _public_key(profile, site, public_key)
        files = [*sorted(_checkpoint_folder(profile, site).glob("checkpoint-*.json")), *checkpoint]
        for folder in checkpoints:
            if not folder.is_dir():
                raise typer.BadParameter(t("audit.no_folder", path=str(folder)), param_hint="--checkpoints")
            files += sorted(folder.glob("checkpoint-*.json"))
        report = verify_trail(audit, paths.work / "audit" / "archive", files, key, require_checkpoints=key is not None)
    if report.finding is not None:
        echo(_finding_text(report.finding))
        if len(report.findings) > 1:
            echo(t("audit.more_findings", count=len(report.findings) - 1))
    for name in report.bad_signatures:
        echo(t("audit.bad_signature", file=name))
    if report.no_checkpoint:
        echo(t("audit.no_checkpoint"))
    if not report.ok:
        raise typer.Exit(1)
    echo(t("audit.intact", records=report.records, checkpoints=report.checkpoints))


def _finding_text(finding) -> str:
    """The first bad record in words; item states as the ledger's own names for them."""
    from shared.messages import CATALOG

    params = {name: (t(f"state.{value}") if name in ("state", "recorded") and f"state.{value}" in CATALOG else value)
              for name, value in finding.params.items()}
    return t("audit.broken", seq=finding.seq, kind=t("audit.kind." + finding.kind, seq=finding.seq, **params))


def _bound(day: str | None, option: str, end: bool) -> str | None:
    from shared.calendar import JST

    if day is None:
        return None
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        raise typer.BadParameter(t("audit.bad_date", value=day), param_hint=option) from None
    start = dt.datetime.combine(date + dt.timedelta(days=1 if end else 0), dt.time(0), JST)
    return start.astimezone(dt.UTC).isoformat(timespec="microseconds")


@audit_app.command("export", help=t("cli.audit.export.help"))
def export_command(site: Path = site_option(),
                   start: str | None = typer.Option(None, "--from", help=t("cli.opt.from")),
                   end: str | None = typer.Option(None, "--to", help=t("cli.opt.to")),
                   out: Path = typer.Option(Path("audit.csv"), "--out", help=t("cli.opt.out"))) -> None:
    from shared.audit.export import COLUMNS, export_rows

    low, high = _bound(start, "--from", False), _bound(end, "--to", True)
    count = 0
    from shared.files import open_private

    with _open(site) as (_profile, _paths, audit), open_private(out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([t("audit.col." + name) for name in COLUMNS])
        for row in export_rows(audit.records(low, high)):
            writer.writerow(row)
            count += 1
    echo(t("audit.exported", count=count, path=str(out)))


@audit_app.command("checkpoint", help=t("cli.audit.checkpoint.help"))
def checkpoint_command(site: Path = site_option(),
                       out: Path | None = typer.Option(None, "--out", help=t("cli.opt.checkpoint_out")),
                       export: Path | None = typer.Option(None, "--export", help=t("cli.opt.checkpoint_export"))) -> None:
    from shared.audit.checkpoint import last_checkpoint_size, make_checkpoint, write_checkpoint

    with _open(site) as (profile, _paths, audit):
        # an exported copy holds every record's digest, so it can name a rewritten record on its own
        since = None if export is not None else last_checkpoint_size(audit)
        checkpoint = make_checkpoint(audit, _signing_key(profile, site), profile.name, since)
        audit.append("audit_checkpoint", tree_size=checkpoint["tree_size"], head_hash=checkpoint["head_hash"],
                     exported=export is not None)
    path = write_checkpoint(checkpoint, out or _checkpoint_folder(profile, site))
    echo(t("audit.checkpoint_written", path=str(path), size=checkpoint["tree_size"]))
    if export is not None:
        echo(t("audit.checkpoint_exported", path=str(write_checkpoint(checkpoint, export))))


@audit_app.command("keygen", help=t("cli.audit.keygen.help"))
def keygen_command(out: Path = typer.Option(..., "--out", help=t("cli.opt.key_out")),
                   name: str = typer.Option("AUDIT_SIGNING_KEY", "--name", help=t("cli.opt.key_name")),
                   public_out: Path | None = typer.Option(None, "--public-out", help=t("cli.opt.public_out"))) -> None:
    from shared.audit.checkpoint import new_signing_key
    from shared.files import ensure_private_file

    public_path = public_out or out.parent / "audit-public-key.txt"
    for path in (out, public_path):
        if path.exists() and path.stat().st_size:
            echo(t("audit.key_exists", path=str(path)))
            raise typer.Exit(1)
    private, public = new_signing_key()
    ensure_private_file(out).write_text(f"{name}={private}\n", encoding="utf-8")
    public_path.write_text(public + "\n", encoding="utf-8")
    echo(t("audit.public_written", path=str(public_path)))
    echo(t("audit.key_written", path=str(out), name=name, public=public))


@audit_app.command("archive", help=t("cli.audit.archive.help"))
def archive_command(site: Path = site_option()) -> None:
    from shared.audit.archive import archive_before

    with _open(site) as (profile, paths, audit):
        days = profile.operations.audit.retention_days
        if days is None:
            echo(t("audit.no_retention"))
            return
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="microseconds")
        path = archive_before(audit, cutoff, paths.work / "audit" / "archive")
    echo(t("audit.archived", path=str(path)) if path else t("audit.nothing_to_archive"))
