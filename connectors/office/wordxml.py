"""WordprocessingML helpers shared by the reader and the notice writer: safe parsing (no
entities, no network) and the text of paragraphs, cells and content controls, with legacy
form fields shown as Word shows them (a check box as ☑/☐, a drop-down as its chosen entry)."""

from __future__ import annotations

import zipfile

from lxml import etree

from connectors.office.sniff import MAX_PART_BYTES

__all__ = ["CHECKED_GLYPH", "UNCHECKED_GLYPH", "W", "W14", "checkbox_state", "dropdown_choice", "parse_part", "qn",
           "text_of"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

CHECKED_GLYPH, UNCHECKED_GLYPH = "☑", "☐"
_ON = ("1", "true", "on")

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


def _on(element: etree._Element | None) -> bool | None:
    """An ST_OnOff element: None when absent; present without w:val means on."""
    if element is None:
        return None
    value = element.get(qn("w:val"))
    return value is None or value.lower() in _ON


def checkbox_state(ff_data: etree._Element) -> bool | None:
    """A FORMCHECKBOX's state (w:checked, else its w:default); None when not a check box."""
    box = ff_data.find(qn("w:checkBox"))
    if box is None:
        return None
    checked = _on(box.find(qn("w:checked")))
    if checked is not None:
        return checked
    default = box.find(qn("w:default"))
    return default is not None and (default.get(qn("w:val")) or "").lower() in _ON


def dropdown_choice(ff_data: etree._Element) -> tuple[bool, str | None]:
    """(is a drop-down, the entry chosen: w:result, else w:default, else the first; None when
    the list is empty or the index is past its end)."""
    dd = ff_data.find(qn("w:ddList"))
    if dd is None:
        return False, None
    entries = [e.get(qn("w:val")) or "" for e in dd.findall(qn("w:listEntry"))]
    index = 0
    for tag in ("w:result", "w:default"):
        found = dd.find(qn(tag))
        if found is not None and (found.get(qn("w:val")) or "").isdigit():
            index = int(found.get(qn("w:val")) or 0)
            break
    return True, entries[index] if index < len(entries) else None


def shown_value(ff_data: etree._Element | None) -> str | None:
    """What Word shows for a check box or drop-down form field; None for other fields
    (a FORMTEXT shows its result runs)."""
    if ff_data is None:
        return None
    checked = checkbox_state(ff_data)
    if checked is not None:
        return CHECKED_GLYPH if checked else UNCHECKED_GLYPH
    is_dropdown, chosen = dropdown_choice(ff_data)
    return (chosen or "") if is_dropdown else None


def text_of(element: etree._Element) -> str:
    """The visible text under ``element``: w:t, tabs and breaks; deleted text is left out;
    a legacy check box or drop-down shows its state, not its stored result runs."""
    parts: list[str] = []
    depth = 0  # fields open (fields nest)
    hidden_from: int | None = None  # the depth of the check box or drop-down whose result runs are skipped
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p"), qn("w:fldChar")):
        if node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                depth += 1
                shown = shown_value(node.find(qn("w:ffData")))
                if shown is not None and hidden_from is None:
                    parts.append(shown)
                    hidden_from = depth
            elif kind == "end":
                if hidden_from == depth:
                    hidden_from = None
                depth = max(0, depth - 1)
        elif hidden_from is not None:
            continue
        elif node.tag == qn("w:t"):
            if not any(a.tag == qn("w:del") for a in node.iterancestors()):
                parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:br"):
            parts.append("\n")
        elif parts and node is not element:
            parts.append("\n")  # between paragraphs of a cell
    return "".join(parts).strip("\n")
