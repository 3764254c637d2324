"""The sample legacy system's variant for municipality B labels two fields differently;
the standard screen is unchanged."""

from __future__ import annotations

import pytest

from samples.legacy_app import create_app
from samples.legacy_app.__main__ import parse_args
from samples.legacy_app.fields import LABELS, labels_for


def entry_page(tmp_path, variant: str) -> str:
    app = create_app(tmp_path / f"{variant}.sqlite3", "robot", "pw", label_variant=variant)
    client = app.test_client()
    client.post("/login", data={"user_id": "robot", "password": "pw"})
    page = client.get("/entry")
    assert page.status_code == 200
    return page.data.decode("cp932")


@pytest.mark.parametrize("variant, name_label, phone_label", [
    ("standard", "請求者氏名", "電話番号"),
    ("b", "申請者氏名", "連絡先電話番号"),
])
def test_entry_screen_labels(tmp_path, variant, name_label, phone_label):
    html = entry_page(tmp_path, variant)
    assert f'<label for="applicant_name">{name_label}</label>' in html
    assert f'<label for="phone">{phone_label}</label>' in html
    assert '<label for="my_number">個人番号</label>' in html  # everything else is the same


def test_variant_differs_in_exactly_two_labels():
    b = labels_for("b")
    assert {k for k in LABELS if LABELS[k] != b[k]} == {"applicant_name", "phone"}
    assert labels_for("standard") == LABELS


def test_variant_is_chosen_on_the_command_line_or_environment(monkeypatch):
    base = ["--db", "x.sqlite3", "--user", "u", "--password", "p"]
    assert parse_args(base).labels == "standard"
    assert parse_args([*base, "--labels", "b"]).labels == "b"
    monkeypatch.setenv("LEGACY_LABELS", "b")
    assert parse_args(base).labels == "b"
