"""Read Word documents (.docx): content controls (``w:sdt``, by tag or title, also inside
tables), legacy form fields (FORMTEXT/FORMCHECKBOX/FORMDROPDOWN, by name or place), table
cells (table, row, column) and labels in the text. python-docx exposes neither content
controls nor form fields, so the document XML is read directly (safely: no entities)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from connectors.office.formfields import FormField, form_fields
from connectors.office.sniff import check_package
from connectors.office.wordxml import W14, parse_part, qn, text_of
from connectors.office.xlsx import squash
from shared.errors import InputFileError

__all__ = ["Control", "FormField", "WordDocument", "open_document"]


@dataclass(frozen=True)
class Control:
    """One content control: its tag, title, text, and checkbox state (None if not a checkbox)."""

    tag: str | None
    title: str | None
    text: str | None
    checked: bool | None = None


def _attr(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    found = element.find(qn(tag))
    return None if found is None else found.get(qn("w:val"))


def _control(sdt: etree._Element) -> Control:
    pr = sdt.find(qn("w:sdtPr"))
    content = sdt.find(qn("w:sdtContent"))
    showing_placeholder = pr is not None and pr.find(qn("w:showingPlcHdr")) is not None
    text = None if showing_placeholder or content is None else (text_of(content).strip() or None)
    checked = None
    box = pr.find(f"{{{W14}}}checkbox") if pr is not None else None
    if box is not None:
        state = box.find(f"{{{W14}}}checked")
        checked = state is not None and state.get(f"{{{W14}}}val") in ("1", "true")
    return Control(_attr(pr, "w:tag"), _attr(pr, "w:alias"), text, checked)


class WordDocument:
    """An open .docx: its body XML, content controls and tables."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        check_package(self.path, "word/document.xml", "docx")
        try:
            with zipfile.ZipFile(self.path) as archive:
                self.root = parse_part(archive, "word/document.xml")
        except (etree.XMLSyntaxError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise InputFileError("office.not_office", file=self.name, expected="docx") from exc
        self.body = self.root.find(qn("w:body"))
        if self.body is None:
            raise InputFileError("office.not_office", file=self.name, expected="docx")
        self.controls = [_control(sdt) for sdt in self.body.iter(qn("w:sdt"))]
        self.form_fields = form_fields(self.body)
        self.tables = list(self.body.iter(qn("w:tbl")))

    def __enter__(self) -> WordDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def text(self) -> str:
        return squash(text_of(self.body))

    def find_controls(self, tag: str | None = None, title: str | None = None) -> list[Control]:
        return [c for c in self.controls if (tag is not None and c.tag == tag) or (title is not None and c.title == title)]

    def find_form_fields(self, name: str | None = None, index: int | None = None) -> list[FormField]:
        """The legacy form fields named ``name`` (or the one at place ``index``, from 1)."""
        if index is not None:
            return self.form_fields[index - 1:index] if index >= 1 else []
        return [f for f in self.form_fields if name is not None and f.name == name]

    def _rows(self, table: etree._Element) -> list[list[etree._Element]]:
        """Each row's cells by grid column (a cell spanning two columns fills both)."""
        rows: list[list[etree._Element]] = []
        for tr in table.findall(qn("w:tr")):
            cells: list[etree._Element] = []
            for tc in tr.findall(qn("w:tc")):
                span = _attr(tc.find(qn("w:tcPr")), "w:gridSpan")
                cells += [tc] * max(1, int(span or 1))
            rows.append(cells)
        return rows

    def table_cell(self, table: int, row: int, column: int) -> str | None | Literal[False]:
        """Text of a table cell (1-based; a vertically merged cell gives the text of its
        first cell); ``False`` when there is no such cell."""
        if table > len(self.tables):
            return False
        rows = self._rows(self.tables[table - 1])
        if row > len(rows) or column > len(rows[row - 1]):
            return False
        r = row - 1
        while r > 0:
            pr = rows[r][column - 1].find(qn("w:tcPr"))
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            if merge is None or merge.get(qn("w:val")) == "restart" or column > len(rows[r - 1]):
                break
            r -= 1
        return text_of(rows[r][column - 1]).strip() or None

    def beside_label(self, label: str, direction: Literal["right", "below"]) -> list[str | None]:
        """Values next to each place ``label`` is found: in a table, the next cell right
        (or the cell below); in a paragraph, the rest of the paragraph after the label
        (``below``: the next paragraph)."""
        target = squash(label)
        found: list[str | None] = []
        for table in self.tables:
            rows = self._rows(table)
            for r, cells in enumerate(rows):
                seen: set[int] = set()
                for c, tc in enumerate(cells):
                    if id(tc) in seen:
                        continue
                    seen.add(id(tc))
                    if squash(text_of(tc)) != target:
                        continue
                    if direction == "right":
                        after = [x for x in cells[c:] if x is not tc]
                        found.append(text_of(after[0]).strip() or None if after else None)
                    else:
                        below = rows[r + 1][c] if r + 1 < len(rows) and c < len(rows[r + 1]) else None
                        found.append(None if below is None else text_of(below).strip() or None)
        paragraphs = [p for p in self.body.iter(qn("w:p")) if not any(a.tag == qn("w:tbl") for a in p.iterancestors())]
        for index, paragraph in enumerate(paragraphs):
            text = text_of(paragraph)
            compact = squash(text)
            if not compact.startswith(target) or (compact == target and direction == "right"):
                continue
            if direction == "below":
                following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
                found.append(None if following is None else text_of(following).strip() or None)
                continue
            rest = _after_label(text, label)
            found.append(rest or None)
        return found


def _after_label(text: str, label: str) -> str:
    """The part of ``text`` after ``label`` (spaces inside the label ignored) and a colon."""
    wanted = squash(label)
    taken = 0
    for index, ch in enumerate(text):
        if taken == len(wanted):
            return text[index:].lstrip().lstrip(":：").strip()
        if not ch.isspace():
            taken += 1
    return ""


def open_document(path: Path) -> WordDocument:
    """Open ``path``; raises ``InputFileError`` (a .doc renamed .docx, encrypted, not Word)."""
    return WordDocument(path)
