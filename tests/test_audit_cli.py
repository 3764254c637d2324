"""``audit keygen / checkpoint / verify / export / archive`` on a site's real ledger database."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from robots.cli import app
from shared.audit import open_audited_ledger
from shared.ledger import State

runner = CliRunner()


@pytest.fixture
def site(tmp_path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    keygen = runner.invoke(app, ["audit", "keygen", "--out", str(folder / "secrets.env")])
    assert keygen.exit_code == 0, keygen.output
    public = keygen.output.rsplit("公開鍵: ", 1)[1].strip()
    assert (folder / "audit-public-key.txt").read_text(encoding="utf-8").strip() == public
    profile = {
        "schema_version": 1, "name": "test-city", "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": "http://127.0.0.1:9/"}},
        "secrets": {"audit_key": "file:AUDIT_SIGNING_KEY"}, "secrets_file": "secrets.env",
        "operations": {"audit": {"signing_key": "audit_key", "public_key_file": "audit-public-key.txt", "retention_days": 30}},
    }
    path = folder / "site.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    with open_audited_ledger(folder / "work" / "ledger.sqlite3", "robot") as (ledger, audit):
        for i in range(20):
            item = ledger.add("s", f"{i}.pdf", f"{i:064x}", "r1")
            ledger.transition(item.id, State.RESERVED)
        audit.append("item_resolved", item_id=3, key_hash="ab" * 32, why="窓口で手入力", actor={"os_user": "u", "person": "佐藤"})
    return path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_verify_an_intact_trail_with_a_signed_checkpoint(site):
    written = invoke("audit", "checkpoint", "--site", str(site))
    assert written.exit_code == 0, written.output
    [checkpoint] = (site.parent / "audit-checkpoints").glob("checkpoint-*.json")
    assert json.loads(checkpoint.read_text(encoding="utf-8"))["tree_size"] == 41  # 20 items added and reserved, one resolved
    result = invoke("audit", "verify", "--site", str(site))
    assert result.exit_code == 0 and "改ざんされていません" in result.output and "チェックポイント 1 件" in result.output


def test_verify_names_the_first_changed_record(site):
    with sqlite3.connect(site.parent / "work" / "ledger.sqlite3") as db:
        db.execute("UPDATE audit_records SET body = replace(body, 'reserved', 'done') WHERE seq = 8")
    result = invoke("audit", "verify", "--site", str(site))
    assert result.exit_code == 1 and "記録 8 番が書き換えられています" in result.output


def test_verify_catches_a_forged_checkpoint(site):
    assert invoke("audit", "checkpoint", "--site", str(site)).exit_code == 0
    [checkpoint] = (site.parent / "audit-checkpoints").glob("checkpoint-*.json")
    data = json.loads(checkpoint.read_text(encoding="utf-8"))
    data["tree_size"] = 5
    checkpoint.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("audit", "verify", "--site", str(site))
    assert result.exit_code == 1 and checkpoint.name in result.output and "署名が正しくありません" in result.output


def test_export_csv_for_a_period(site):
    out = site.parent / "audit.csv"
    today = dt.date.today()
    result = invoke("audit", "export", "--site", str(site), "--from", (today - dt.timedelta(days=1)).isoformat(),
                    "--to", (today + dt.timedelta(days=1)).isoformat(), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["番号", "日時(UTC)", "出来事"] and len(rows) == 42  # header + 41 records
    resolved = rows[-1]
    assert resolved[2] == "item_resolved" and resolved[10] == "佐藤" and "窓口で手入力" in resolved[11]
    empty = invoke("audit", "export", "--site", str(site), "--from", "2020-01-01", "--to", "2020-01-31", "--out", str(out))
    assert "0 件" in empty.output and len(list(csv.reader(out.open(encoding="utf-8-sig")))) == 1
    bad = invoke("audit", "export", "--site", str(site), "--from", "令和8年", "--out", str(out))
    assert bad.exit_code == 2 and "2026-04-01" in bad.output


def test_archive_keeps_the_trail_verifiable(site):
    with sqlite3.connect(site.parent / "work" / "ledger.sqlite3") as db:  # the first ten records are old
        for seq, time, body in db.execute("SELECT seq, time, body FROM audit_records WHERE seq <= 10").fetchall():
            old = "2020-01-01T00:00:00.000000+00:00"
            db.execute("UPDATE audit_records SET time = ?, body = ? WHERE seq = ?", (old, body.replace(time, old), seq))
    from shared.audit.chain import GENESIS, chain_hash  # re-chain as if written then

    with sqlite3.connect(site.parent / "work" / "ledger.sqlite3") as db:
        previous = GENESIS
        for seq, body in db.execute("SELECT seq, body FROM audit_records ORDER BY seq").fetchall():
            previous = chain_hash(previous, body)
            db.execute("UPDATE audit_records SET hash = ? WHERE seq = ?", (previous, seq))
        db.execute("UPDATE audit_head SET hash = ?", (previous,))
    result = invoke("audit", "archive", "--site", str(site))
    assert result.exit_code == 0 and "audit-0000000001-0000000010.jsonl" in result.output
    assert invoke("audit", "checkpoint", "--site", str(site)).exit_code == 0  # signing is configured: checkpoints are required
    verified = invoke("audit", "verify", "--site", str(site))
    assert verified.exit_code == 0 and "記録 43 件" in verified.output, verified.output
