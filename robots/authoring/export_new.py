"""``template new`` for an online application's export: one sample export (XML, JSON or CSV)
becomes a draft template and scenario — a path per leaf element (XPath with the document's
namespace, JSON Pointer, column title), types guessed from the names and values, a date split
into 年号/年/月/日 proposed as one composite field, and the form id (様式ID・手続ID), version,
receipt number (受付番号) and attachments found by their names. A person checks the draft."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from robots.authoring.guess import NAME_WORDS, guess_name, guess_type, unique_name
from robots.authoring.writer import PERSONAL_TYPES, TYPE_WORDS, scenario_id
from robots.reading.online.archive import unpack_export
from shared.config import LoadedScenario, load_scenario
from shared.config.export import ExportSpec
from shared.errors import InputFileError, RpaError

__all__ = ["ExportProposal", "propose_export", "write_export_proposal"]

FORM_ID_NAMES = ("様式ID", "手続ID", "様式コード", "手続コード")
VERSION_NAMES = ("様式バージョン", "手続バージョン", "バージョン", "版")
RECEIPT_NAMES = ("受付番号", "申請番号", "到達番号")
ATTACHMENT_NAMES = ("添付ファイル", "添付書類")
FILE_NAME_KEYS = ("ファイル名", "name", "fileName")
HASH_KEYS = ("SHA256", "sha256", "ハッシュ値")
DATE_PARTS = {"年号": "era", "元号": "era", "年": "year", "月": "month", "日": "day"}
_MAX_EXPORT: int = ExportSpec.model_fields["max_bytes"].default  # as the robot reads it
_SUFFIX_PART = re.compile(r"^(.+?)[_・]?(年号|元号|年|月|日)$")


@dataclass
class _Field:
    name: str
    label: str
    type: str
    binding: dict[str, Any]
    filled: bool


@dataclass
class ExportProposal:
    source: Path
    format: str
    zipped: bool = False  # the sample was a zip of the export and its attachments
    fields: list[_Field] = field(default_factory=list)
    namespaces: dict[str, str] = field(default_factory=dict)
    form_id: tuple[str, str] | None = None
    version: tuple[str, str] | None = None
    receipt: str | None = None
    attachments: dict[str, str] | None = None


class _Collector:
    def __init__(self, proposal: ExportProposal) -> None:
        self.proposal = proposal
        self.taken: set[str] = set()

    def leaf(self, names: list[str], path: str, value: object) -> None:
        last = names[-1]
        text = "" if value is None else str(value)
        if last in FORM_ID_NAMES and self.proposal.form_id is None:
            self.proposal.form_id = (path, text)
        elif last in VERSION_NAMES and self.proposal.version is None:
            self.proposal.version = (path, text)
        elif last in RECEIPT_NAMES and self.proposal.receipt is None:
            self.proposal.receipt = path
        elif last in ATTACHMENT_NAMES and not text:
            pass  # an empty list of attachments: nothing to read
        else:
            label = "".join(names[-2:]) if len(names) > 1 else last
            # the element's own name says what it holds (請求者/性別 is no name); the parent's names the person
            field_type = "checkbox" if isinstance(value, bool) or text in ("true", "false") else guess_type(last, text or None)
            self.add(names, label, field_type, {"path": path}, bool(text))

    def date(self, names: list[str], parts: dict[str, str], filled: bool) -> None:
        label = "".join(names[-2:]) if len(names) > 1 else names[-1]
        field_type = "wareki_date" if "era" in parts else "date"
        self.add(names, label, field_type, {"parts": {p: {"path": path} for p, path in parts.items()}}, filled)

    def add(self, names: list[str], label: str, field_type: str, binding: dict[str, Any], filled: bool) -> None:
        """The field's name from its own element's name, prefixed by its parent's (請求者 -> claimant_,
        児童 2 -> child2_) when the parent names a person or a thing."""
        base = guess_name(names[-1], field_type)
        if len(names) > 1:
            parent = names[-2]
            number = re.search(r"(\d+)$", parent)
            prefix = next((english for word, english in NAME_WORDS if word in parent), "")
            if prefix and not base.startswith(prefix):
                base = f"{prefix}{number.group(1) if number else ''}_{base}"
        name = unique_name(base, self.taken)
        self.proposal.fields.append(_Field(name, label, field_type, binding, filled))


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _xml(data: bytes, proposal: ExportProposal) -> None:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputFileError("online.xml_dtd", file=proposal.source.name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputFileError("online.xml_broken", file=proposal.source.name, line=exc.lineno or 1) from None
    namespace = etree.QName(root).namespace
    prefix = "e:" if namespace else ""
    if namespace:
        proposal.namespaces = {"e": namespace}
    collector = _Collector(proposal)

    def walk(element: Any, steps: list[str], names: list[str]) -> None:
        children = [c for c in element if isinstance(c.tag, str)]
        counts: dict[str, int] = {}
        for child in children:
            counts[_local(child.tag)] = counts.get(_local(child.tag), 0) + 1
        seen: dict[str, int] = {}
        for child in children:
            local = _local(child.tag)
            seen[local] = seen.get(local, 0) + 1
            step = f"{prefix}{local}" + (f"[{seen[local]}]" if counts[local] > 1 else "")
            path = [*steps, step]
            child_names = [*names, f"{local}{seen[local]}" if counts[local] > 1 else local]
            grandchildren = [_local(g.tag) for g in child if isinstance(g.tag, str)]
            if local in ATTACHMENT_NAMES and proposal.attachments is None and _attachment_entry(grandchildren):
                proposal.attachments = {"path": "/".join(path), "name": f"{prefix}{_attachment_entry(grandchildren)}"}
                continue
            if grandchildren and {"年", "月", "日"} <= set(grandchildren) <= set(DATE_PARTS):
                parts = {DATE_PARTS[g]: "/".join([*path, f"{prefix}{g}"]) for g in grandchildren}
                collector.date(child_names, parts, any((g.text or "").strip() for g in child))
            elif grandchildren:
                walk(child, path, child_names)
            else:
                collector.leaf(child_names, "/".join(path), (child.text or "").strip())

    walk(root, [], [])


def _attachment_entry(names: list[str]) -> str | None:
    return next((n for n in names if n in FILE_NAME_KEYS), None)


def _pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _json(data: bytes, proposal: ExportProposal) -> None:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise InputFileError("online.json_broken", file=proposal.source.name, line=1) from None
    collector = _Collector(proposal)

    def walk(node: object, pointer: str, names: list[str]) -> None:
        if isinstance(node, dict):
            keys = set(node)
            if {"年", "月", "日"} <= keys <= set(DATE_PARTS) and names:
                collector.date(names, {DATE_PARTS[k]: f"{pointer}/{_pointer(k)}" for k in node}, True)
                return
            for key, value in node.items():
                walk(value, f"{pointer}/{_pointer(key)}", [*names, key])
        elif isinstance(node, list):
            if names and names[-1] in ATTACHMENT_NAMES and proposal.attachments is None:
                entry = next((e for e in node if isinstance(e, dict)), {})
                name = next((k for k in FILE_NAME_KEYS if k in entry), None)
                proposal.attachments = {"path": pointer, "name": f"/{name or FILE_NAME_KEYS[0]}"}
                digest = next((k for k in HASH_KEYS if k in entry), None)
                if digest:
                    proposal.attachments["sha256"] = f"/{digest}"
                return
            for index, value in enumerate(node):
                walk(value, f"{pointer}/{index}", [*names[:-1], f"{names[-1] if names else ''}{index + 1}"])
        else:
            collector.leaf(names or ["value"], pointer, node)

    walk(document, "", [])


def _csv(data: bytes, proposal: ExportProposal) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputFileError("online.encoding_wrong", file=proposal.source.name, encoding="utf-8/cp932", line=1)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise InputFileError("online.csv_no_header", file=proposal.source.name)
    header, first = rows[0], rows[1] if len(rows) > 1 else []
    values = dict(zip(header, first, strict=False))
    collector = _Collector(proposal)
    groups: dict[str, dict[str, str]] = {}
    for title in header:
        match = _SUFFIX_PART.match(title)
        if match and match.group(1) != title:
            groups.setdefault(match.group(1), {})[DATE_PARTS[match.group(2)]] = title
    dated = {base for base, parts in groups.items() if {"year", "month", "day"} <= set(parts)}
    for title in header:
        match = _SUFFIX_PART.match(title)
        base = match.group(1) if match else None
        if base in dated:
            if groups[base].get("year") == title:
                collector.date([base], groups[base], bool(values.get(title)))
            continue
        collector.leaf([title], title, values.get(title, ""))
    return "cp932" if encoding == "cp932" else "utf-8-sig" if text.startswith("\ufeff") else "utf-8"


def propose_export(path: Path) -> tuple[ExportProposal, str]:
    """The draft of ``path`` (a sample export) and the CSV encoding it was read in."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind == "zip":
        kind, data = _zipped_export(path)
    else:
        data = path.read_bytes()
    proposal = ExportProposal(path, kind, zipped=path.suffix.lower() == ".zip")
    encoding = "utf-8"
    if kind == "xml":
        _xml(data, proposal)
    elif kind == "json":
        _json(data, proposal)
    elif kind == "csv":
        encoding = _csv(data, proposal)
    else:
        raise InputFileError("office.template_format", file=path.name, template="-", expected="xml/json/csv")
    if proposal.form_id is None or proposal.receipt is None or not proposal.fields:
        raise RpaError("template_new.export_ids", file=path.name, form_id="・".join(FORM_ID_NAMES),
                       receipt="・".join(RECEIPT_NAMES))
    return proposal, encoding


def _zipped_export(path: Path) -> tuple[str, bytes]:
    """The kind and bytes of the one export (XML, JSON or CSV) in the zip at ``path``, opened
    with the same care as the robot opens it (zip slip, bombs and damage refused)."""
    found = []
    for kind in ("xml", "json", "csv"):
        try:
            found.append((kind, unpack_export(path, f".{kind}", file=path.name, max_export=_MAX_EXPORT).export))
        except InputFileError as exc:
            if exc.key != "online.zip_exports":
                raise
    if len(found) != 1:
        raise InputFileError("online.zip_exports", file=path.name, suffix=".xml/.json/.csv", count=len(found))
    return found[0]


def _flow(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def template_text(proposal: ExportProposal, ident: str, encoding: str) -> str:
    assert proposal.form_id is not None and proposal.receipt is not None
    lines = [
        f"# {proposal.source.name} から template new が作ったテンプレート（案）。必ず確かめて直してください（docs/online.md）:",
        "#   - 項目名（英字）は scenario.yaml の fields と同じにします",
        "#   - path は XPath（xml）・JSON Pointer（json）・列名（csv）。年号/年/月/日 は parts で1つの日付にします",
        "schema_version: 1",
        f"format: {proposal.format}",
        f"id: {_flow(ident + '-' + proposal.format)}",
        f"title: {_flow(proposal.source.stem)}",
        "fingerprint:",
        f"  form_id: {_flow({'path': proposal.form_id[0], 'value': proposal.form_id[1]})}  # この値の申請だけを読みます",
    ]
    if proposal.version is not None:
        lines.append(f"  version: {_flow({'path': proposal.version[0], 'accepted': [proposal.version[1]]})}"
                     "  # これより新しい版は読みません")
    lines.append("export:")
    if proposal.namespaces:
        lines.append(f"  namespaces: {_flow(proposal.namespaces)}")
    lines.append(f"  receipt: {_flow(proposal.receipt)}  # 受付番号: 1件の単位。同じ番号は2度受け付けません")
    if proposal.attachments is not None:
        lines.append(f"  attachments: {_flow(proposal.attachments)}")
    if proposal.format == "csv":
        lines.append(f"  encoding: {encoding}")
    lines.append("fields:")
    for f in proposal.fields:
        lines.append(f"  # {f.label}（推定した型: {TYPE_WORDS[f.type]}）")
        lines.append(f"  {f.name}: {_flow(f.binding)}")
    return "\n".join(lines) + "\n"


def scenario_text(proposal: ExportProposal, ident: str) -> str:
    fields = proposal.fields
    numbers = [f.name for f in fields if f.type == "my_number"]
    suffix = "zip" if proposal.zipped else proposal.format
    key = numbers[:1] or [next((f.name for f in fields if f.filled), fields[0].name)]
    lines = [
        f"# {proposal.source.name} から template new が作ったシナリオの下書き。label・type・required を確かめ、",
        "# 入力先システムの操作（web:）と出力（outputs:）を書き足してください。",
        "schema_version: 1",
        f"id: {ident}",
        f"title: {_flow(proposal.source.stem)}",
        "version: 0.1.0",
        "author: （作成者を書いてください）",
        "inputs:",
        f"  - {{kind: {proposal.format}, glob: {_flow(f'{ident}/*.{suffix}')}, template: template.yaml}}",
        "fields:",
    ]
    for f in fields:
        spec: dict[str, Any] = {"label": f.label, "type": f.type}
        if f.filled and f.type != "checkbox":
            spec["required"] = True
        if f.type in PERSONAL_TYPES or "birth" in f.name:
            spec["mask"] = True
        lines.append(f"  {f.name}: {_flow(spec)}")
    lines.append(f"key: {_flow(key)}  # 同じ申請を二重に登録しないための識別項目")
    return "\n".join(lines) + "\n"


def write_export_proposal(proposal: ExportProposal, encoding: str, out: Path, *, force: bool = False) -> list[Path]:
    """Write template.yaml and scenario.yaml into ``out``; the draft must load (``validate``)."""
    ident = scenario_id(out)
    drafts = {out / "template.yaml": template_text(proposal, ident, encoding), out / "scenario.yaml": scenario_text(proposal, ident)}
    edited = [p for p, text in drafts.items() if p.exists() and p.read_text(encoding="utf-8") != text]
    if edited and not force:
        raise RpaError("template_new.would_overwrite", file=str(out), files="、".join(p.name for p in edited))
    out.mkdir(parents=True, exist_ok=True)
    for path, text in drafts.items():
        path.write_text(text, encoding="utf-8")
    _loaded: LoadedScenario = load_scenario(out)
    return list(drafts)
