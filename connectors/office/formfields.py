"""Legacy Word form fields (旧形式のフォームフィールド): FORMTEXT, FORMCHECKBOX and
FORMDROPDOWN, written as complex fields in document.xml —

    <w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/>…</w:ffData></w:fldChar>
    <w:instrText> FORMTEXT </w:instrText>
    <w:fldChar w:fldCharType="separate"/>  <w:t>the text typed</w:t>  <w:fldChar w:fldCharType="end"/>

A text field's value is its result runs (Word's empty field, five en spaces, is empty); a
check box's is ``w:checked`` (else its ``w:default``); a drop-down's is the entry at
``w:result`` (else ``w:default``, else the first)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml import etree

from connectors.office.wordxml import checkbox_state, dropdown_choice, qn

__all__ = ["FormField", "form_fields"]

FieldKind = Literal["text", "checkbox", "dropdown"]
_SPACING = {qn("w:tab"): "\t", qn("w:br"): "\n"}
_KINDS: dict[str, FieldKind] = {"FORMTEXT": "text", "FORMCHECKBOX": "checkbox", "FORMDROPDOWN": "dropdown"}


@dataclass(frozen=True)
class FormField:
    """One legacy form field: its place among the document's form fields (from 1), kind,
    name (its bookmark name), text (text and drop-down fields) and state (check boxes)."""

    index: int
    kind: FieldKind
    name: str | None
    text: str | None
    checked: bool | None = None


@dataclass
class _Open:
    order: int  # fields begun before this one (form fields are numbered in the order they begin)
    ff_data: etree._Element | None
    bookmark: str | None
    instruction: str = ""
    in_result: bool = False
    result: str = ""


def _value(field: _Open, kind: FieldKind, index: int) -> FormField:
    ff = field.ff_data
    found = ff.find(qn("w:name")) if ff is not None else None
    name = (found.get(qn("w:val")) if found is not None else None) or field.bookmark
    if kind == "checkbox":
        return FormField(index, kind, name, None, bool(ff is not None and checkbox_state(ff)))
    if kind == "dropdown":
        chosen = dropdown_choice(ff)[1] if ff is not None else None
        return FormField(index, kind, name, chosen or None)
    return FormField(index, kind, name, field.result.strip() or None)


def form_fields(body: etree._Element) -> list[FormField]:
    """The legacy form fields under ``body``, in document order."""
    done: list[tuple[_Open, FieldKind]] = []
    stack: list[_Open] = []
    begun = 0
    bookmark: str | None = None  # a bookmark just before a field names it when its ffData has no name
    tags = (qn("w:fldChar"), qn("w:instrText"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:bookmarkStart"))
    for node in body.iter(*tags):
        if node.tag == qn("w:bookmarkStart"):
            bookmark = node.get(qn("w:name"))
        elif node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                stack.append(_Open(begun, node.find(qn("w:ffData")), bookmark))
                begun, bookmark = begun + 1, None
            elif kind == "separate" and stack:
                stack[-1].in_result = True
            elif kind == "end" and stack:
                closed = stack.pop()
                words = closed.instruction.split()
                field_kind = _KINDS.get(words[0].upper()) if words else None
                if field_kind is not None:
                    done.append((closed, field_kind))
                if stack and stack[-1].in_result:
                    stack[-1].result += closed.result
        elif not stack:
            bookmark = None if node.tag == qn("w:t") and (node.text or "").strip() else bookmark
        elif node.tag == qn("w:instrText"):
            if not stack[-1].in_result:
                stack[-1].instruction += node.text or ""
        elif stack[-1].in_result and not any(a.tag == qn("w:del") for a in node.iterancestors()):
            stack[-1].result += _SPACING.get(node.tag, node.text or "")
    done.sort(key=lambda pair: pair[0].order)
    return [_value(field, kind, index) for index, (field, kind) in enumerate(done, start=1)]
