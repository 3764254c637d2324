"""``scenario lint / pack / keygen / sign / verify / install / list / test / upgrade``:
shareable scenario packages. Only parses, calls shared.packages / robots.sharing.samples,
and prints. Exit codes: 0 ok, 1 something needs a person (lint findings, failed samples,
unsigned package), 2 refused or stopped."""

from __future__ import annotations

from pathlib import Path

import typer

from robots.cli.console import echo, group, site_option, table
from shared.errors import ConfigError, RpaError
from shared.messages import t

__all__ = ["scenario_app"]

scenario_app = group("cli.scenario.help")
ScenariosOption = typer.Option(Path("scenarios"), "--scenarios", help=t("cli.opt.scenarios"))


def _stop(exc: RpaError) -> typer.Exit:
    echo(str(exc))
    for finding in getattr(exc, "findings", []):
        echo(str(finding))
    return typer.Exit(2)


def _site(path: Path):
    from shared.config import load_site

    return load_site(path)


def _status(status: str, signer: str | None) -> str:
    return t(f"scenario.status.{status}", signer=signer or "-")


@scenario_app.command("lint", help=t("cli.scenario.lint.help"))
def lint_command(folder: Path = typer.Argument(..., help=t("cli.arg.folder"))) -> None:
    from shared.packages import lint_folder

    findings = lint_folder(folder)
    for finding in findings:
        echo(f"{folder / finding.file}:{finding.line}:{finding.column}: {finding.message()}")
    echo(t("scenario.lint.found", count=len(findings)) if findings else t("scenario.lint.clean", path=str(folder)))
    raise typer.Exit(1 if findings else 0)


@scenario_app.command("pack", help=t("cli.scenario.pack.help"))
def pack_command(
    folder: Path = typer.Argument(..., help=t("cli.arg.folder")),
    out: Path | None = typer.Option(None, "--out", help=t("cli.opt.out")),
    licence: str = typer.Option("CC-BY-4.0", "--licence", help=t("cli.opt.licence")),
    library: str | None = typer.Option(None, "--library", help=t("cli.opt.library")),
    author: str | None = typer.Option(None, "--author", help=t("cli.opt.author")),
) -> None:
    from shared.config import load_scenario
    from shared.packages import PackageError, lint_folder, pack, verify_package

    try:
        findings = lint_folder(folder)
        if findings:  # checked first: the findings say more than a load error would
            error = PackageError("packages.lint_failed", entry=folder.name, count=len(findings))
            error.findings = [f"{folder / f.file}:{f.line}:{f.column}: {f.message()}" for f in findings]
            raise error
        scenario = load_scenario(folder).scenario
        target = out or Path(f"{scenario.id}-{scenario.version}.zip")
        path = pack(folder, target, licence=licence, library=library, author=author)
        manifest = verify_package(path, {}).manifest
    except (ConfigError, RpaError) as exc:
        raise _stop(exc) from None
    echo(t("scenario.packed", path=str(path), count=len(manifest.files), samples=len(manifest.samples)))


@scenario_app.command("keygen", help=t("cli.scenario.keygen.help"))
def keygen_command(key: Path = typer.Argument(..., help=t("cli.opt.key"))) -> None:
    from shared.packages import generate_key

    try:
        public = generate_key(key)
    except RpaError as exc:
        raise _stop(exc) from None
    echo(t("scenario.key_created", path=str(key), public=public))


@scenario_app.command("sign", help=t("cli.scenario.sign.help"))
def sign_command(
    package: Path = typer.Argument(..., help=t("cli.arg.package")),
    key: Path = typer.Option(..., "--key", help=t("cli.opt.key")),
    signer: str = typer.Option(..., "--signer", help=t("cli.opt.signer")),
) -> None:
    from shared.packages import sign_package, verify_package

    try:
        verify_package(package, {})  # never sign something whose hashes do not match
        sign_package(package, key, signer)
    except RpaError as exc:
        raise _stop(exc) from None
    echo(t("scenario.signed", path=str(package), signer=signer))


@scenario_app.command("verify", help=t("cli.scenario.verify.help"))
def verify_command(
    package: Path = typer.Argument(..., help=t("cli.arg.package")),
    site: Path = site_option(),
) -> None:
    from shared.packages import verify_package

    try:
        verified = verify_package(package, _site(site).sharing.trusted_keys)
    except (ConfigError, RpaError) as exc:
        raise _stop(exc) from None
    status = "trusted" if verified.trusted else "untrusted" if verified.signature else "unsigned"
    manifest = verified.manifest
    echo(t("scenario.verified", id=manifest.id, version=manifest.version, author=manifest.author,
           count=len(manifest.files), status=_status(status, verified.signer)))
    raise typer.Exit(0 if verified.trusted else 1)


@scenario_app.command("install", help=t("cli.scenario.install.help"))
def install_command(
    package: Path = typer.Argument(..., help=t("cli.arg.package")),
    site: Path = site_option(),
    scenarios: Path = ScenariosOption,
    allow_unsigned: bool = typer.Option(False, "--allow-unsigned", help=t("cli.opt.allow_unsigned")),
    replace: bool = typer.Option(False, "--replace", help=t("cli.opt.replace")),
    allow_downgrade: bool = typer.Option(False, "--allow-downgrade", help=t("cli.opt.allow_downgrade")),
    allow_new_signer: bool = typer.Option(False, "--allow-new-signer", help=t("cli.opt.allow_new_signer")),
) -> None:
    from shared.packages import install_package

    try:
        verified = install_package(package, scenarios, _site(site), allow_unsigned=allow_unsigned, replace=replace,
                                   allow_downgrade=allow_downgrade, allow_new_signer=allow_new_signer)
    except (ConfigError, RpaError) as exc:
        raise _stop(exc) from None
    status = "trusted" if verified.trusted else "untrusted" if verified.signature else "unsigned"
    manifest = verified.manifest
    _audit_install(site, verified, status)
    echo(t("scenario.installed", id=manifest.id, version=manifest.version, path=str(scenarios / manifest.id),
           status=_status(status, verified.signer)))
    if verified.replaced is not None:
        notes = [t("scenario.replaced.downgrade")] if verified.replaced.downgrade else []
        notes += [t("scenario.replaced.signer")] if verified.replaced.signer_changed else []
        echo(t("scenario.replaced", old=verified.replaced.previous_version, notes="".join(notes)))


def _audit_install(site_path: Path, verified, status: str) -> None:
    """Record the installation in the site's audit trail: which package, which hash, who signed."""
    import hashlib

    from robots.run import RunPaths
    from robots.run.queue_admin import current_user
    from shared.audit import open_audited_ledger
    from shared.packages import MANIFEST_FILE

    site = _site(site_path)
    paths = RunPaths.of(site, site_path)
    from shared.files import private_folder

    private_folder(paths.work)
    from shared.packages.replacing import key_fingerprint

    replaced = verified.replaced
    signature = verified.signature
    with open_audited_ledger(site.ledger_url or paths.ledger, "scenario") as (_ledger, audit):
        audit.append("scenario_installed", scenario_id=verified.manifest.id, version=verified.manifest.version,
                     manifest_sha256=hashlib.sha256(verified.files[MANIFEST_FILE]).hexdigest(),
                     signature=status, signer=verified.signer, by=current_user(),
                     key=key_fingerprint(signature.public_key if signature else None),
                     replaced_version=replaced.previous_version if replaced else None,
                     downgrade=bool(replaced and replaced.downgrade),
                     signer_changed=bool(replaced and replaced.signer_changed),
                     replaced_key=key_fingerprint(replaced.previous_key) if replaced and replaced.previous_key else None)


@scenario_app.command("list", help=t("cli.scenario.list.help"))
def list_command(
    scenarios: Path = ScenariosOption,
    site: Path | None = site_option(required=False),
) -> None:
    from shared.packages import list_installed

    try:
        trusted = _site(site).sharing.trusted_keys if site else {}
        rows = list_installed(scenarios, trusted) if scenarios.is_dir() else []
    except (ConfigError, RpaError) as exc:
        raise _stop(exc) from None
    if not rows:
        echo(t("scenario.list.empty"))
        return
    echo(t("scenario.list.header"))
    for row in rows:
        key = t("scenario.list.key", fingerprint=row.fingerprint, claimed=row.claimed) if row.claimed else "-"
        echo(f"{row.name}  {row.version}  {row.author}  {_status(row.status, row.signer)}  {key}")


@scenario_app.command("test", help=t("cli.scenario.test.help"))
def test_command(
    name: str = typer.Argument(..., help=t("cli.arg.name")),
    scenarios: Path = ScenariosOption,
    web: bool = typer.Option(False, "--web", help=t("cli.opt.web")),
    site: Path | None = site_option(required=False),
) -> None:
    from robots.sharing import find_scenario, run_samples
    from shared.packages import PackageError

    folder = find_scenario(name, scenarios)
    try:
        if folder is None:
            raise PackageError("packages.not_found", entry=name)
        results = run_samples(folder, web=web, site_path=site)
    except (ConfigError, RpaError) as exc:
        raise _stop(exc) from None
    if not results:
        echo(t("scenario.test.no_samples"))
        raise typer.Exit(1)
    rows = [(result.name, t("scenario.test.pass" if result.passed else "scenario.test.fail"),
             result.detail.render() + (f" / {result.web.render()}" if result.web else "")) for result in results]
    table(t("scenario.test.header").split("  "), rows)
    for result in results:  # why a field differs, unwrapped below the table
        for why in result.why:
            echo(t("scenario.test.why", sample=result.name, why=why.render()))
    failed = sum(not r.passed for r in results)
    echo(t("scenario.test.summary", passed=len(results) - failed, failed=failed))
    raise typer.Exit(1 if failed else 0)


@scenario_app.command("upgrade", help=t("cli.scenario.upgrade.help"))
def upgrade_command(
    package: Path = typer.Argument(..., help=t("cli.arg.package")),
    out: Path | None = typer.Option(None, "--out", help=t("cli.opt.out")),
) -> None:
    from shared.packages import CURRENT_SCHEMA_VERSION, upgrade_package

    try:
        path, old, changes = upgrade_package(package, out)
    except RpaError as exc:
        if exc.key == "packages.nothing_to_upgrade":
            echo(str(exc))
            return
        raise _stop(exc) from None
    echo(t("scenario.upgraded", path=str(path), old=old, new=CURRENT_SCHEMA_VERSION))
    for change in changes:
        echo(f"  - {change.render()}")
