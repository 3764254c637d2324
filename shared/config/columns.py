"""The columns of a ledger or CSV output: the robot's own (No, file, state, receipt, reason,
updated), then the record's fields the output lists. A column is keyed by what it holds —
a field's name, or ``_no`` … for the robot's — never by its header: two fields may share a
label (氏名 of the applicant and of the child), and each keeps its own column. When a
label is shown by more than one column, each such field's header says which field it is
(「氏名（applicant_name）」「氏名（child_name）」), and ``validate`` warns
(``check_columns``, through ``shared.config.advice.scenario_warnings``), naming both fields,
so the author can give them labels of their own."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from shared.config.scenario import OutputSpec, Scenario
from shared.config.yamlio import YamlDocument
from shared.errors import Problem
from shared.messages import t

__all__ = ["ROBOT_KEYS", "OutputColumn", "check_columns", "output_columns"]

ROBOT_KEYS = ("_no", "_file", "_state", "_receipt", "_reason", "_updated")
"""Keys of the columns the robot writes itself, in order. A field's name starts with a
letter (``Identifier``), so none of these is ever a field's."""
_ROBOT_TITLES = dict(zip(ROBOT_KEYS, ("ledger.col.no", "ledger.col.file", "ledger.col.state", "ledger.col.receipt",
                                      "ledger.col.reason", "ledger.col.updated"), strict=True))
_TABULAR = ("excel_ledger", "csv")


@dataclass(frozen=True)
class OutputColumn:
    """One column: ``key`` (what it holds) and ``title`` (its header, unique in the output)."""

    key: str
    title: str

    @property
    def field(self) -> str | None:
        """The record's field shown in this column (``None`` for the robot's own)."""
        return None if self.key in _ROBOT_TITLES else self.key


def _plain(scenario: Scenario, output: OutputSpec) -> list[tuple[str, str]]:
    """(key, the header it would have without telling repeated labels apart)."""
    return [*((key, t(title)) for key, title in _ROBOT_TITLES.items()),
            *((name, scenario.fields[name].label) for name in output.columns or [])]


def output_columns(scenario: Scenario, output: OutputSpec) -> list[OutputColumn]:
    """The columns of ``output`` (an ``excel_ledger`` or ``csv``), headers unique: a field
    whose label another column also shows is headed 「label（name）」; the robot's own
    columns keep their headers (older ledgers are matched on them)."""
    plain = _plain(scenario, output)
    counts = Counter(title for _, title in plain)
    columns: list[OutputColumn] = []
    taken: set[str] = set()
    for key, title in plain:
        if counts[title] > 1 and key not in _ROBOT_TITLES:
            title = t("ledger.col.repeated", label=title, name=key)
        unique, number = title, 2
        while unique in taken:  # a label written like another's told-apart header: number it
            unique, number = f"{title} {number}", number + 1
        taken.add(unique)
        columns.append(OutputColumn(key, unique))
    return columns


def check_columns(doc: YamlDocument, scenario: Scenario) -> list[Problem]:
    """Warnings (not errors): two columns of a ledger or CSV output that would show the same
    header — two fields of one label, or a field labelled like one of the robot's columns.
    Both columns are kept, told apart in their headers; the message names both."""
    warnings: list[Problem] = []
    for index, output in enumerate(scenario.outputs):
        if output.kind not in _TABULAR:
            continue
        plain = _plain(scenario, output)
        shown = {column.key: column.title for column in output_columns(scenario, output)}
        first: dict[str, str] = {}
        for key, title in plain:
            if title not in first:
                first[title] = key
                continue
            other = first[title]
            if other in _ROBOT_TITLES:
                message = t("config.output.label_is_robot_column", file=output.file, label=title, name=key,
                            header=shown[key])
            else:
                message = t("config.output.label_repeated", file=output.file, label=title, first=other, second=key,
                            first_header=shown[other], second_header=shown[key])
            position = (output.columns or []).index(key)
            warnings.append(doc.problem(("outputs", index, "columns", position), message))
    return warnings
