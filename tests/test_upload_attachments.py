"""The attachments of an item: archived under plain names with a manifest of hashes, read back
hash-checked; the upload step names files, never paths, and only the item's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from robots.core import archive_attachments, archived_attachments, attachment_folder
from robots.web.context import StepContext
from robots.web.steps import STEPS
from shared.config.steps import UploadArgs
from shared.errors import BusinessError

KEY = "ab" * 32


def _ctx(folder: Path | None) -> StepContext:
    return StepContext(page=None, base_url="http://127.0.0.1", allowed_hosts=frozenset(), record={}, site={},
                       secret={}, masked_fields=frozenset(), screenshot_dir=Path("."), item_label="x.zip（受付番号 R1）",
                       attachments=folder)


def test_hostile_names_are_stored_under_plain_names(tmp_path):
    folder = attachment_folder(tmp_path, KEY)
    assert folder is not None and folder.is_relative_to(tmp_path / "attachments")
    archive_attachments(folder, [("../../etc/passwd", b"a"), ("本人確認書類.pdf", b"%PDF"), ("CON", b"c")])
    assert sorted(p.name for p in folder.iterdir()) == ["001", "002.pdf", "003", "manifest.json"]
    assert not (tmp_path / "etc").exists()
    files = archived_attachments(folder, item="i")
    assert [(f.name, f.data) for f in files] == [("../../etc/passwd", b"a"), ("本人確認書類.pdf", b"%PDF"), ("CON", b"c")]


def test_a_key_that_is_no_hash_has_no_folder(tmp_path):
    assert attachment_folder(tmp_path, "../x") is None
    assert attachment_folder(tmp_path, "k1") is None


def test_a_changed_file_is_not_uploaded(tmp_path):
    folder = attachment_folder(tmp_path, KEY)
    assert folder is not None
    archive_attachments(folder, [("a.pdf", b"one")])
    (folder / "001.pdf").write_bytes(b"two")
    with pytest.raises(BusinessError) as caught:
        archived_attachments(folder, item="i")
    assert caught.value.key == "web.upload_changed" and "a.pdf" in caught.value.message()


def test_a_manifest_that_points_elsewhere_is_refused(tmp_path):
    folder = attachment_folder(tmp_path, KEY)
    assert folder is not None
    archive_attachments(folder, [("a.pdf", b"one")])
    (tmp_path / "secret.txt").write_bytes(b"one")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][0]["stored"] = "../../../secret.txt"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BusinessError, match="a.pdf"):
        archived_attachments(folder, item="i")


@pytest.mark.parametrize(("file", "optional", "key"), [
    ("other.pdf", False, "web.upload_none"),  # a name the application does not list
    ("../001.pdf", False, "web.upload_none"),  # a path: never a file outside the item's own
    ("*", False, "web.upload_none"),  # an item without attachments
])
def test_upload_takes_only_the_items_own_attachments(tmp_path, file, optional, key):
    folder = attachment_folder(tmp_path, KEY)
    assert folder is not None
    if file != "*":
        archive_attachments(folder, [("a.pdf", b"one")])
    with pytest.raises(BusinessError) as caught:
        STEPS["upload"](_ctx(folder), UploadArgs(label="添付ファイル", file=file, optional=optional))
    assert caught.value.key == key
    assert "受付番号 R1" in caught.value.message()


def test_an_optional_upload_without_attachments_does_nothing(tmp_path):
    STEPS["upload"](_ctx(attachment_folder(tmp_path, KEY)), UploadArgs(label="添付ファイル", optional=True))
    STEPS["upload"](_ctx(None), UploadArgs(label="添付ファイル", optional=True))
