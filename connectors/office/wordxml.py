"""WordprocessingML helpers shared by the reader and the notice writer: safe parsing (no
entities, no network) and the text of paragraphs, cells and content controls."""

from __future__ import annotations

import zipfile

from lxml import etree

from connectors.office.sniff import MAX_PART_BYTES

__all__ = ["W", "W14", "parse_part", "qn", "text_of"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def qn(tag: str) -> str:
    """``w:t`` -> ``{namespace}t``."""
    prefix, local = tag.split(":")
    return f"{{{W if prefix == 'w' else W14}}}{local}"


def parse_part(archive: zipfile.ZipFile, name: str) -> etree._Element:
    """Parse one XML part of a package, refusing parts larger than ``MAX_PART_BYTES``."""
    if archive.getinfo(name).file_size > MAX_PART_BYTES:
        raise ValueError(f"part too large: {name}")
    return etree.fromstring(archive.read(name), _PARSER)


def text_of(element: etree._Element) -> str:
    """The visible text under ``element``: w:t, tabs and breaks; deleted text is left out."""
    parts: list[str] = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p")):
        if node.tag == qn("w:t"):
            if not any(a.tag == qn("w:del") for a in node.iterancestors()):
                parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:br"):
            parts.append("\n")
        elif parts and node is not element:
            parts.append("\n")  # between paragraphs of a cell
    return "".join(parts).strip("\n")
