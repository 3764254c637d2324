"""`scenario test`: run a scenario package's sample inputs through extraction and compare
them with the expected records; with ``web`` also enter them into a target system (the
sample legacy system when no site profile is given)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from robots.core.context import RunResources, masked_fields
from robots.reading.pdf_form import FormRecord, read_form
from robots.reading.problems import field_problem, printed_words
from shared.config import LoadedScenario, SiteProfile, load_scenario, validate_all
from shared.errors import RpaError
from shared.messages import Msg
from shared.packages.manifest import MANIFEST_FILE, Manifest, SampleCase
from shared.packages.package import sample_cases

__all__ = ["SampleResult", "cases_of", "find_scenario", "run_samples"]


@dataclass
class SampleResult:
    """One sample's outcome: passed or not, and why (a message without personal data)."""

    name: str
    passed: bool
    detail: Msg
    web: Msg | None = None
    why: list[Msg] = field(default_factory=list)  # each wrong field that failed: what was read, the likely cause


def find_scenario(name: str, scenarios: Path) -> Path | None:
    """The folder of an installed scenario ``name``, or ``name`` itself when it is a folder."""
    for candidate in (Path(scenarios) / name, Path(name)):
        if (candidate / "scenario.yaml").is_file():
            return candidate
    return None


def cases_of(folder: Path) -> list[SampleCase]:
    """The samples of the scenario in ``folder`` that have an expected record (the manifest's
    list in an installed package)."""
    manifest = folder / MANIFEST_FILE
    if manifest.is_file():
        return Manifest.model_validate_json(manifest.read_bytes()).samples
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return sample_cases(names)


def _extract(loaded: LoadedScenario, case: SampleCase) -> tuple[SampleResult, dict[str, object] | None]:
    folder = loaded.folder
    expected = json.loads((folder / case.expected).read_text(encoding="utf-8"))
    try:
        record = read_form(folder / case.input, loaded.templates[case.template], loaded.scenario.fields)
    except RpaError as exc:
        return SampleResult(case.input, False, Msg("scenario.test.unreadable", detail=str(exc))), None
    got = record.json_values()
    wrong = sorted(name for name in set(expected) | set(got) if got.get(name) != expected.get(name))
    if wrong:
        return SampleResult(case.input, False, Msg("scenario.test.fields_wrong", fields=", ".join(wrong)),
                            why=_why(loaded, case, record, wrong)), None
    return SampleResult(case.input, True, Msg("scenario.test.fields_ok", count=len(expected))), record.values()


def _why(loaded: LoadedScenario, case: SampleCase, record: FormRecord, wrong: list[str]) -> list[Msg]:
    """Why the wrong fields that failed did: the same words as a run's reason (what was read
    unless the field is personal, the likely cause: the writing or the template)."""
    fields = loaded.scenario.fields
    printed = printed_words([*(spec.label for spec in fields.values()),
                             *loaded.templates[case.template].fingerprint.keywords])
    return [field_problem(fields[name], record.fields[name], printed)
            for name in wrong if name in record.fields and name in fields and not record.fields[name].ok]


def _enter(loaded: LoadedScenario, site: SiteProfile, site_path: Path,
           todo: list[tuple[SampleResult, dict[str, object]]], work: Path, resources: RunResources) -> None:
    from robots.web import WebEntryRobot
    from shared.secrets import SecretMapping

    secrets_file = site_path.resolve().parent / site.secrets_file if site.secrets_file else None
    secrets = SecretMapping(site.secrets, secrets_file, given=resources.secrets)
    assert loaded.scenario.web is not None
    try:
        robot = WebEntryRobot(loaded.scenario.web, site, secrets, masked_fields(loaded.scenario), work / "screenshots",
                              launcher=resources.launcher)
        with robot:
            for index, (result, values) in enumerate(todo, start=1):
                try:
                    entered = robot.enter(values, item_label=f"sample-{index}")
                    ok = bool(entered.get("receipt_no"))
                    result.web = Msg("scenario.test.web_ok") if ok else Msg("scenario.test.web_failed", detail="-")
                except RpaError as exc:
                    ok, result.web = False, Msg("scenario.test.web_failed", detail=str(exc))
                result.passed = result.passed and ok
    except RpaError as exc:  # the browser or the login failed: every sample fails with the reason
        for result, _ in todo:
            if result.web is None:
                result.passed, result.web = False, Msg("scenario.test.web_failed", detail=str(exc))


def run_samples(folder: Path, *, web: bool = False, site_path: Path | None = None,
                resources: RunResources | None = None) -> list[SampleResult]:
    """Read every sample of the scenario in ``folder``; compare with its expected record;
    with ``web``, enter the samples that were read correctly (into the site's system, or
    into a sample legacy system started for it). ``resources`` lends the entry secrets'
    values and a browser launcher (see ``robots.run.RunResources``)."""
    resources = resources or RunResources()
    folder = Path(folder)
    if site_path is not None:
        loaded, site = validate_all(folder, site_path, given_secrets=list(resources.secrets or {}))
    else:
        loaded, site = load_scenario(folder), None
    results = []
    todo: list[tuple[SampleResult, dict[str, object]]] = []
    for case in cases_of(folder):
        result, values = _extract(loaded, case)
        results.append(result)
        if values is not None:
            todo.append((result, values))
    if not web or loaded.scenario.web is None or not todo:
        return results
    with tempfile.TemporaryDirectory(prefix="scenario-test-") as tmp:
        work = Path(tmp)
        if site is not None and site_path is not None:
            _enter(loaded, site, site_path, todo, work, resources)
            return results
        from robots.demo.runner import LegacyApp, write_demo_site
        from shared.config import load_site

        with LegacyApp(work / "legacy" / "legacy.sqlite3") as app:
            demo_site = write_demo_site(work / "site", app.url)
            given = {**(resources.secrets or {}), **app.secrets()}
            _enter(loaded, load_site(demo_site), demo_site, todo, work, replace(resources, secrets=given))
    return results
