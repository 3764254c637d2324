"""Word notices from a .docx template the municipality owns: ``{{ name }}`` placeholders in
the body, tables, headers and footers are replaced in place, keeping every run's fonts and
the layout. A placeholder may be split over several runs (Word does that); the replacement
takes the formatting of the run where the placeholder starts."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from connectors.office.sniff import check_package
from connectors.office.wordxml import parse_part, qn
from shared.config.notice_check import PLACEHOLDER, notice_placeholders
from shared.errors import InputFileError
from shared.files import ensure_private_file, private_folder

__all__ = ["PLACEHOLDER", "placeholders", "render_notice"]

_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _parts(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if _PART.match(n)]


def _paragraph_runs(paragraph: etree._Element) -> list[etree._Element]:
    return [t for t in paragraph.iter(qn("w:t"))]


def placeholders(template: Path) -> set[str]:
    """Every placeholder name in the template's body, tables, headers and footers."""
    check_package(template, "word/document.xml", "docx")
    return notice_placeholders(template)


def _fill_paragraph(paragraph: etree._Element, values: Mapping[str, str]) -> None:
    nodes = _paragraph_runs(paragraph)
    texts = [n.text or "" for n in nodes]
    joined = "".join(texts)
    matches = [m for m in PLACEHOLDER.finditer(joined) if m.group(1) in values]
    if not matches:
        return
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text)
    for match in reversed(matches):  # from the end, so earlier offsets stay valid
        begin, end = match.span()
        first = next(i for i in range(len(nodes)) if starts[i] <= begin < starts[i] + len(texts[i]))
        for i in range(len(nodes)):
            s, e = starts[i], starts[i] + len(texts[i])
            if e <= begin or s >= end:
                continue
            left = texts[i][: max(0, begin - s)]
            right = texts[i][max(0, end - s):] if e > end else ""
            texts[i] = left + (_XML_UNSAFE.sub("", values[match.group(1)]) if i == first else "") + right
        # offsets after this match moved; recompute for the next (earlier) match
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text)
    for node, text in zip(nodes, texts, strict=False):
        if node.text != text:
            node.text = text
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def render_notice(template: Path, values: Mapping[str, str], target: Path) -> Path:
    """Write ``target`` from ``template`` with each placeholder replaced by ``values[name]``
    (placeholders without a value stay as they are). The file is created owner-only and
    appears complete or not at all."""
    try:
        check_package(template, "word/document.xml", "docx")
    except InputFileError as exc:
        raise InputFileError("notice.template_unreadable", file=Path(template).name) from exc
    private_folder(target.parent)
    temporary = target.with_name(target.name + ".partial")
    temporary.unlink(missing_ok=True)
    ensure_private_file(temporary)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as out:
        parts = set(_parts(source))
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in parts:
                root = parse_part(source, info.filename)
                for paragraph in root.iter(qn("w:p")):
                    _fill_paragraph(paragraph, values)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(info, data)
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target
