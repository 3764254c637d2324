"""Checks of a scenario's outputs that need the files beside it: a notice template must
exist, hold every placeholder the scenario names, and use no unknown name; a notice's
file name may use only fields without personal data. Run by ``validate``, not at run time."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from shared.config.scenario import NOTICE_NAMES, Scenario
from shared.config.yamlio import YamlDocument
from shared.errors import Problem
from shared.messages import t

__all__ = ["PLACEHOLDER", "check_outputs", "notice_placeholders"]

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_MAX_PART = 64 << 20


def notice_placeholders(template: Path) -> set[str]:
    """Every ``{{ name }}`` in the body, tables, headers and footers of a .docx (a
    placeholder split over runs counts). Raises ``ValueError`` if it is not a .docx."""
    try:
        with zipfile.ZipFile(template) as archive:
            names: set[str] = set()
            for info in archive.infolist():
                if not _PARTS.match(info.filename):
                    continue
                if info.file_size > _MAX_PART:
                    raise ValueError(info.filename)
                root = etree.fromstring(archive.read(info.filename), _PARSER)
                for paragraph in root.iter(f"{_W}p"):
                    text = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
                    names.update(m.group(1) for m in PLACEHOLDER.finditer(text))
            return names
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError) as exc:
        raise ValueError(str(template)) from exc


def check_outputs(doc: YamlDocument, scenario: Scenario, folder: Path) -> list[Problem]:
    problems: list[Problem] = []
    masked = {name for name, spec in scenario.fields.items() if spec.mask}
    known = set(scenario.fields) | set(NOTICE_NAMES)
    for index, output in enumerate(scenario.outputs):
        if output.kind != "word_notice" or output.template is None:
            continue
        loc = ("outputs", index)
        for name in PLACEHOLDER.findall(output.file):
            if name in masked or name not in known:
                problems.append(doc.problem((*loc, "file"), t("config.notice.file_name_personal", placeholder=name)))
        if not {"receipt_no", "item_id"} & set(PLACEHOLDER.findall(output.file)):
            problems.append(doc.problem((*loc, "file"), t("config.notice.file_name_not_unique")))
        path = folder / output.template
        if not path.is_file():
            problems.append(doc.problem((*loc, "template"), t("config.notice.template_missing", name=output.template)))
            continue
        try:
            found = notice_placeholders(path)
        except ValueError:
            problems.append(doc.problem((*loc, "template"), t("notice.template_unreadable", file=output.template)))
            continue
        for name in output.placeholders:
            if name not in found:
                problems.append(doc.problem((*loc, "placeholders"),
                                            t("config.notice.placeholder_missing", name=output.template, placeholder=name)))
        for name in sorted(found - known):
            problems.append(doc.problem((*loc, "template"),
                                        t("config.notice.placeholder_unknown", name=output.template, placeholder=name)))
    return problems
