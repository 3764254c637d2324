"""The three kinds of export, behind one small interface: the records of a file, and the value at
a path of a record (an XPath, a JSON Pointer, a column title). XML is parsed with no DTD, no
entities and no network: a document type declaration is refused before lxml sees the file."""

from __future__ import annotations

import csv
import io
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from functools import lru_cache

from lxml import etree

from robots.reading.online.decode import check_encoding, declared_xml_encoding
from robots.reading.online.pointer import MISSING, PointerError, resolve
from shared.config.template import FormTemplate
from shared.errors import InputFileError
from shared.messages import Msg

__all__ = ["AmbiguousPath", "CsvExport", "ExportSource", "JsonExport", "XmlExport", "open_source", "within_depth"]

MAX_JSON_DEPTH = 64


class AmbiguousPath(Exception):
    """A path that finds several values where one is wanted."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class ExportSource(ABC):
    """One export file, parsed. ``records`` are (where, node) pairs; ``value`` is the scalar at
    a path of a node (``MISSING`` when nothing is there; JSON may give a list or an object)."""

    def __init__(self, file: str, template: FormTemplate) -> None:
        self.file = file
        self.template = template

    @abstractmethod
    def records(self) -> list[tuple[Msg, object]]: ...

    @abstractmethod
    def value(self, node: object, path: str) -> object: ...

    @abstractmethod
    def entries(self, node: object, path: str) -> list[object]:
        """The nodes at ``path`` (attachments)."""

    @abstractmethod
    def where(self, record: Msg, path: str) -> Msg: ...


@lru_cache(maxsize=4096)
def _compiled(path: str, namespaces: tuple[tuple[str, str], ...]) -> etree.XPath:
    """An XPath compiled once per process (a template's paths are the same for every file)."""
    return etree.XPath(path, namespaces=dict(namespaces))


class XmlExport(ExportSource):
    """An XML export such as e-Gov's 申請書XML (``DataRoot``)."""

    def __init__(self, data: bytes, file: str, template: FormTemplate) -> None:
        super().__init__(file, template)
        text = check_encoding(data, declared_xml_encoding(data), file=file)
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            raise InputFileError("online.xml_dtd", file=file)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                                 huge_tree=False, remove_pis=True, remove_comments=True)
        try:
            self.root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise InputFileError("online.xml_broken", file=file, line=exc.lineno or 1) from None
        if self.root.getroottree().docinfo.doctype:
            raise InputFileError("online.xml_dtd", file=file)
        assert template.export is not None
        self.namespaces = tuple(sorted(template.export.namespaces.items()))

    def _run(self, node: object, path: str) -> object:
        try:
            return _compiled(path, self.namespaces)(node)  # a bad path fails to compile or to run: XPathError
        except etree.XPathError:
            raise InputFileError("online.bad_path", file=self.file, path=path, template=self.template.title) from None

    def records(self) -> list[tuple[Msg, object]]:
        records_path = self.template.export.records if self.template.export else None
        if not records_path:
            return [(Msg("online.where.document"), self.root)]
        nodes = self.entries(self.root, records_path)
        return [(Msg("online.where.xml_record", path=records_path, index=i), node) for i, node in enumerate(nodes, 1)]

    def value(self, node: object, path: str) -> object:
        found = self._run(node, path)
        if isinstance(found, list):
            if not found:
                return MISSING
            if len(found) > 1:
                raise AmbiguousPath(len(found))
            item = found[0]
            if isinstance(item, etree._Element):
                return (item.text or "") if len(item) == 0 else "".join(item.itertext())
            return str(item)
        if isinstance(found, bool):
            return found
        return str(found)

    def entries(self, node: object, path: str) -> list[object]:
        found = self._run(node, path)
        return list(found) if isinstance(found, list) else []

    def where(self, record: Msg, path: str) -> Msg:
        return Msg("online.where.path", record=record, path=path)


def within_depth(value: object, limit: int) -> bool:
    """True when no value lies deeper than ``limit`` (the document itself is at depth 1)."""
    level: list[dict[str, object] | list[object]] = [value] if isinstance(value, (dict, list)) else []
    depth = 1
    while level:
        below: list[dict[str, object] | list[object]] = []
        deeper = False
        for container in level:
            children = container.values() if isinstance(container, dict) else container
            deeper = deeper or bool(children)
            below += [child for child in children if isinstance(child, (dict, list))]
        depth += deeper
        if depth > limit:
            return False
        level = below
    return True


def _no_constant(name: str) -> object:
    raise ValueError(name)  # NaN, Infinity: not JSON


class JsonExport(ExportSource):
    """A JSON export such as an API's application-detail response (UTF-8, RFC 8259)."""

    def __init__(self, data: bytes, file: str, template: FormTemplate) -> None:
        super().__init__(file, template)
        text = check_encoding(data, "utf-8-sig", file=file)
        try:
            self.document = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise InputFileError("online.json_broken", file=file, line=exc.lineno) from None
        except (ValueError, RecursionError):
            raise InputFileError("online.json_broken", file=file, line=1) from None
        if not within_depth(self.document, MAX_JSON_DEPTH):
            raise InputFileError("online.json_broken", file=file, line=1)

    def _resolve(self, node: object, path: str) -> object:
        try:
            return resolve(node, path)
        except PointerError:
            raise InputFileError("online.bad_path", file=self.file, path=path, template=self.template.title) from None

    def records(self) -> list[tuple[Msg, object]]:
        records_path = self.template.export.records if self.template.export else None
        if not records_path:
            return [(Msg("online.where.document"), self.document)]
        found = self._resolve(self.document, records_path)
        if not isinstance(found, list):
            raise InputFileError("online.records_not_list", file=self.file, path=records_path)
        return [(Msg("online.where.json_record", path=records_path, index=i), node) for i, node in enumerate(found)]

    def value(self, node: object, path: str) -> object:
        return self._resolve(node, path)

    def entries(self, node: object, path: str) -> list[object]:
        found = self._resolve(node, path)
        return found if isinstance(found, list) else [] if found is MISSING or found is None else [found]

    def where(self, record: Msg, path: str) -> Msg:
        return Msg("online.where.path", record=record, path=path)


class CsvExport(ExportSource):
    """A CSV export: a header row of column titles, one application per row."""

    def __init__(self, data: bytes, file: str, template: FormTemplate) -> None:
        super().__init__(file, template)
        assert template.export is not None
        text = check_encoding(data, template.export.encoding, file=file).removeprefix("\ufeff")
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        except csv.Error as exc:
            raise InputFileError("online.csv_broken", file=file, line=getattr(exc, "line_num", 1)) from None
        if not rows:
            raise InputFileError("online.csv_no_header", file=file)
        self.header = [title.strip() for title in rows[0]]
        wanted = _columns(template)
        absent = [title for title in wanted if title not in self.header]
        if absent:
            raise InputFileError("online.csv_columns_missing", file=file, columns="・".join(absent))
        twice = sorted({title for title in wanted if self.header.count(title) > 1})
        if twice:
            raise InputFileError("online.csv_columns_twice", file=file, columns="・".join(twice))
        self.rows = [(n, row) for n, row in enumerate(rows[1:], 2) if any(cell.strip() for cell in row)]

    def records(self) -> list[tuple[Msg, object]]:
        return [(Msg("online.where.csv_row", line=n), dict(zip(self.header, row, strict=False))) for n, row in self.rows]

    def value(self, node: object, path: str) -> object:
        assert isinstance(node, Mapping)
        return node.get(path, MISSING)

    def entries(self, node: object, path: str) -> list[object]:
        value = self.value(node, path)
        return [part.strip() for part in str(value).split(";") if part.strip()] if isinstance(value, str) else []

    def where(self, record: Msg, path: str) -> Msg:
        return Msg("online.where.column", record=record, path=path)


def _columns(template: FormTemplate) -> list[str]:
    """Every column title a CSV template reads."""
    export = template.export
    assert export is not None
    titles = [export.receipt]
    titles += [check.path for check in (template.fingerprint.form_id, template.fingerprint.version) if check is not None]
    for binding in template.fields.values():
        titles += [p for p in (binding.column, binding.path) if p]
        titles += [part.path for part in (binding.parts or {}).values() if part.path]
    if export.attachments is not None:
        titles.append(export.attachments.path)
    return list(dict.fromkeys(titles))


def open_source(data: bytes, file: str, template: FormTemplate) -> ExportSource:
    """The export ``data`` (received as ``file``) parsed as ``template``'s format."""
    if template.format == "xml":
        return XmlExport(data, file, template)
    if template.format == "json":
        return JsonExport(data, file, template)
    return CsvExport(data, file, template)
