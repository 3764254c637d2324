"""Warnings about a scenario that loads but may not do what its author meant: things
``validate`` points out without refusing the scenario.

    for problem in scenario_warnings(loaded):
        print(problem)      # scenario.yaml:52:7: web.entry[25].fill: ...
"""

from __future__ import annotations

from collections.abc import Iterator

from shared.config.columns import check_columns
from shared.config.loader import SCENARIO_FILE, LoadedScenario, template_text_keys
from shared.config.steps import Step
from shared.errors import Problem
from shared.messages import t
from shared.templating import TemplateRenderError, unguarded_names

__all__ = ["scenario_warnings"]


def _steps(steps: list[Step], loc: tuple, guarded: bool) -> Iterator[tuple[tuple, Step, bool]]:
    """(location, step, whether the step or an enclosing step has a ``when``)."""
    for index, step in enumerate(steps):
        within = guarded or bool(step.when)
        yield (*loc, index), step, within
        if step.in_frame is not None:
            yield from _steps(step.in_frame.steps, (*loc, index, "in_frame", "steps"), within)


def scenario_warnings(loaded: LoadedScenario) -> list[Problem]:
    """Two columns of a ledger or CSV output with the same header (``check_columns``: two
    fields of one label, kept apart); optional fields (not ``required``) that an entry or
    lookup step uses without a ``when`` testing them or a ``default``: an empty value is
    typed as empty text, which may clear a field, pick no option, or fail a filter such as
    ``ymd``."""
    doc = loaded.documents[SCENARIO_FILE]
    warnings: list[Problem] = check_columns(doc, loaded.scenario)
    web = loaded.scenario.web
    if web is None:
        return warnings
    fields = loaded.scenario.fields
    stored = {s.read_text.into for _, s, _ in _steps([*web.entry, *web.lookup], (), False) if s.read_text}
    for part, steps in (("entry", web.entry), ("lookup", web.lookup)):
        for loc, step, guarded in _steps(steps, ("web", part), False):
            for keys, text, is_expression in template_text_keys(step):
                if is_expression or guarded:
                    continue
                try:
                    names = unguarded_names(text)
                except TemplateRenderError:
                    continue
                optional = sorted(a for v, a in names if v == "record" and a in fields and not fields[a].required
                                  and a not in stored)
                warnings += [doc.problem((*loc, step.kind), t("config.warn.optional_unguarded", name=name), at=(*loc, *keys))
                             for name in optional]
    return warnings
