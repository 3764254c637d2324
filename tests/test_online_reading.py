"""Online applications' exports (XML like e-Gov's 申請書XML, JSON like an API's application
detail, CSV in Shift_JIS, zips with a PDF attachment) read with the sample scenario's templates:
every record equal to the generator's truth, no OCR; the JSON Pointer resolver; template rules."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from robots.demo.runner import REPO
from robots.reading import read_file
from robots.reading.files import template_for
from robots.reading.online import MISSING, PointerError, read_export, resolve
from shared.config import load_scenario
from shared.config.template import FormTemplate
from shared.errors import InputFileError

FILES = REPO / "samples" / "online" / "files"
TRUTH = json.loads((FILES / "truth.json").read_text(encoding="utf-8"))
VALID = sorted(name for name, entry in TRUTH.items() if entry["status"] == "valid" and "refused" not in entry)


@pytest.fixture(scope="module")
def loaded():
    return load_scenario(REPO / "scenarios" / "jidou-teate-nintei")


@pytest.mark.parametrize("name", VALID)
def test_each_export_reads_as_its_truth(loaded, name):
    records = read_file(FILES / name, loaded)
    expected = list(TRUTH[name]["records"].values())
    assert [r.json_values() for r in records] == expected
    assert all(r.ok for r in records)


def test_zip_attachments_are_checked_against_the_hash_the_export_gives(loaded):
    path = FILES / "egov-003.zip"
    template = template_for(loaded, path)
    read = read_export(path, template, loaded.scenario.fields, name=path.name,
                       sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    [form] = read.forms
    [attachment] = form.attachments
    assert attachment.name in TRUTH["egov-003.zip"]["attachments"][form.receipt]
    assert attachment.data is not None and attachment.data.startswith(b"%PDF-")
    assert attachment.sha256 == hashlib.sha256(attachment.data).hexdigest()
    assert form.name == f"egov-003.zip（受付番号 {form.receipt}）"


@pytest.mark.parametrize(("document", "pointer", "expected"), [
    ({"a": {"b": 1}}, "/a/b", 1),
    ({"a": [10, 20]}, "/a/1", 20),
    ({"a/b": 1, "m~n": 2}, "/a~1b", 1),
    ({"a/b": 1, "m~n": 2}, "/m~0n", 2),
    ({"": 5}, "/", 5),
    ({"a": 1}, "", {"a": 1}),
    ({"a": [1]}, "/a/01", MISSING),  # leading zeros are not an index (RFC 6901)
    ({"a": [1]}, "/a/-", MISSING),
    ({"a": 1}, "/a/b", MISSING),
    ({"a": 1}, "/b", MISSING),
])
def test_json_pointer(document, pointer, expected):
    assert resolve(document, pointer) == expected


@pytest.mark.parametrize("pointer", ["a/b", "/a~2", "/a~"])
def test_json_pointer_refuses_what_is_not_one(pointer):
    with pytest.raises(PointerError):
        resolve({}, pointer)


def _template(**changes: object) -> dict:
    data: dict = {"format": "json", "id": "t", "title": "t", "fingerprint": {"form_id": {"path": "/id", "value": "X"}},
                  "export": {"receipt": "/no"}, "fields": {"name": {"path": "/name"}}}
    data.update(changes)
    return data


@pytest.mark.parametrize(("changes", "refused"), [
    ({}, None),
    ({"fingerprint": {"keywords": ["児童手当"]}}, "config.template.export_needs_form_id"),
    ({"export": None}, "config.template.export_needs_form_id"),
    ({"fields": {"name": {"box": [0, 0, 1, 1]}}}, "config.template.location_not_for_format"),
    ({"fields": {"name": {"path": "/a", "read": "circled", "options": {"a": [0, 0, 1, 1]}}}}, "config.template"),
    ({"format": "csv", "fingerprint": {"keywords": ["児童手当"]}}, "config.template.export_needs_form_id"),
    ({"format": "pdf", "fingerprint": {"keywords": ["児童手当"]}, "fields": {"name": {"box": [0, 0, 1, 1]}}},
     "config.template.keywords_needed"),
    ({"fingerprint": {"form_id": {"path": "/id", "value": "X"}, "version": {"path": "/v", "accepted": ["v1"]}}},
     "config.export.version_format"),
    ({"fingerprint": {}}, "config.template.fingerprint_empty"),
])
def test_export_template_rules(changes, refused):
    data = _template(**changes)
    if refused is None:
        assert FormTemplate.model_validate(data).is_structured
        return
    with pytest.raises(ValueError, match=refused):
        FormTemplate.model_validate(data)


def test_read_file_names_the_file_of_another_form(loaded, tmp_path):
    path = tmp_path / "other.xml"
    path.write_bytes((FILES / "egov-001.xml").read_bytes().replace(b"900A010200001000", b"900A010200009999"))
    with pytest.raises(InputFileError) as caught:
        read_file(path, loaded)
    assert caught.value.key == "online.wrong_form" and "other.xml" in caught.value.message()
    assert "900A010200009999" in caught.value.message()


def test_sample_generator_never_imports_the_library():
    source = (REPO / "samples" / "online" / "generate.py").read_text(encoding="utf-8")
    for package in ("robots", "connectors", "shared"):
        assert f"from {package}" not in source and f"import {package}" not in source
    assert isinstance(Path, type)
