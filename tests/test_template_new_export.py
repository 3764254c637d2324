"""``template new`` from one sample export (XML, JSON, CSV): a draft that loads, finds the form
id, version, receipt number and attachments by their names, proposes 年号/年/月/日 as one
composite date, and reads the sample it came from without a problem."""

from __future__ import annotations

import pytest
from cli_runner import CliRunner

from robots.authoring import propose_export, write_export_proposal
from robots.cli.app import app
from robots.demo.runner import REPO
from robots.reading import read_file
from shared.config import load_scenario

FILES = REPO / "samples" / "online" / "files"


@pytest.mark.parametrize(("name", "receipt", "dated"), [
    ("egov-001.xml", "e:受付番号", "request_date"),
    ("api-001.json", "/受付番号", None),
    ("list-001.csv", "受付番号", "birth_date"),
    ("egov-003.zip", "e:受付番号", "request_date"),  # the export as the system hands it over, with its attachments
])
def test_a_draft_from_one_export_reads_it(tmp_path, name, receipt, dated):
    proposal, encoding = propose_export(FILES / name)
    assert proposal.receipt == receipt and proposal.form_id is not None
    if dated is not None:
        assert "parts" in next(f for f in proposal.fields if f.name == dated).binding
    folder = tmp_path / "draft"
    write_export_proposal(proposal, encoding, folder)
    loaded = load_scenario(folder)
    records = read_file(FILES / name, loaded)
    assert records and all(r.ok for r in records), [r.problems for r in records]
    names = {f.name for f in proposal.fields}
    assert any("my_number" in n for n in names) and loaded.scenario.key[0].endswith("my_number")


def test_template_new_command_takes_an_export(tmp_path):
    out = tmp_path / "api-draft"
    result = CliRunner().invoke(app, ["template", "new", str(FILES / "api-001.json"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "19 項目" in result.output and (out / "template.yaml").is_file()
    text = (out / "template.yaml").read_text(encoding="utf-8")
    assert "form_id:" in text and '"JT-NINTEI-0001"' in text and "attachments:" in text


def test_an_export_without_a_receipt_number_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"手続ID": "A", "氏名": "見本"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["template", "new", str(path), "--out", str(tmp_path / "d")])
    assert result.exit_code == 1 and "受付番号" in result.output and "x.json" in result.output


def test_a_zip_draft_reads_zips_and_a_zip_without_one_export_is_refused(tmp_path):
    import zipfile

    out = tmp_path / "zipped"
    result = CliRunner().invoke(app, ["template", "new", str(FILES / "egov-003.zip"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert '"zipped/*.zip"' in (out / "scenario.yaml").read_text(encoding="utf-8")
    empty = tmp_path / "only-a-pdf.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("認定請求書.pdf", b"%PDF-1.4")
    result = CliRunner().invoke(app, ["template", "new", str(empty), "--out", str(tmp_path / "d")])
    assert result.exit_code == 1 and "only-a-pdf.zip" in result.output, result.output
