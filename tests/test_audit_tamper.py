"""Issue 17, point 2: an audit trail a robot account cannot rewrite unnoticed.

Each test plays one intruder who holds the ledger database file (and, where said, the
robot's signing key and the site's checkpoint folder), changes the trail the way the
probe did, and runs the real ``audit verify`` on the real SQLite ledger: it must exit 1 and
name the first bad record (or refuse to vouch without the configured public key). One test
shows, on purpose, what is not caught without a copy of a checkpoint kept elsewhere.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text
from typer.testing import CliRunner

from robots.cli import app
from robots.run.record import record_outcome
from shared.audit import open_audited_ledger
from shared.audit.chain import GENESIS, canonical, chain_hash
from shared.audit.verify import verify_trail
from shared.ledger import State
from tests.postgres import empty_postgres  # noqa: F401  (the fixture)

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def _activity(ledger, audit, first: int, count: int, run_id: str) -> None:
    """Items added and taken through their states, and the run's outcome (ledger + trail together)."""
    for i in range(first, first + count):
        item = ledger.add("s", f"{i}.pdf", f"{i:064x}", run_id)
        ledger.transition(item.id, State.RESERVED)
        if i % 2:
            ledger.transition(item.id, State.COMMITTING)
            ledger.transition(item.id, State.DONE)
    record_outcome(ledger.engine, audit, run_id, "s", "ok", 0, {"done": count // 2})


@pytest.fixture
def site(tmp_path) -> Path:
    """A site that signs checkpoints (public key from the auditor's file), one checkpoint
    exported to a USB folder after the first run, then a second run."""
    folder = tmp_path / "site"
    folder.mkdir()
    assert invoke("audit", "keygen", "--out", str(folder / "secrets.env")).exit_code == 0
    profile = {
        "schema_version": 1, "name": "test-city", "allowed_hosts": ["127.0.0.1"],
        "systems": {"kikan": {"base_url": "http://127.0.0.1:9/"}},
        "secrets": {"audit_key": "file:AUDIT_SIGNING_KEY"}, "secrets_file": "secrets.env",
        "operations": {"audit": {"signing_key": "audit_key", "public_key_file": "audit-public-key.txt"}},
    }
    path = folder / "site.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    with open_audited_ledger(folder / "work" / "ledger.sqlite3", "robot") as (ledger, audit):
        _activity(ledger, audit, 0, 6, "run-1")
    exported = invoke("audit", "checkpoint", "--site", str(path), "--export", str(tmp_path / "usb"))
    assert exported.exit_code == 0, exported.output
    with open_audited_ledger(folder / "work" / "ledger.sqlite3", "robot") as (ledger, audit):
        _activity(ledger, audit, 6, 4, "run-2")
    intact = invoke("audit", "verify", "--site", str(path), "--checkpoints", str(tmp_path / "usb"))
    assert intact.exit_code == 0 and "改ざんされていません" in intact.output, intact.output
    return path


def _db(site: Path) -> sqlite3.Connection:
    return sqlite3.connect(site.parent / "work" / "ledger.sqlite3")


def _records(db: sqlite3.Connection) -> list[dict]:
    return [json.loads(body) for (body,) in db.execute("SELECT body FROM audit_records ORDER BY seq")]


def _seq_of(db: sqlite3.Connection, event: str) -> int:
    return next(r["seq"] for r in _records(db) if r["event"] == event)


def _end(db: sqlite3.Connection) -> int:
    return db.execute("SELECT max(seq) FROM audit_records").fetchone()[0]


def rewrite_trail(db: sqlite3.Connection, records: list[dict]) -> None:
    """Replace the whole trail with ``records``, renumbered and re-chained from the start, and
    move the head to match: what someone holding the database file can always do."""
    db.execute("DELETE FROM audit_records")
    previous = GENESIS
    for seq, record in enumerate(records, 1):
        record = {**record, "seq": seq}
        body = canonical(record)
        previous = chain_hash(previous, body)
        db.execute("INSERT INTO audit_records VALUES (?, ?, ?, ?)", (seq, record["time"], body, previous))
    db.execute("UPDATE audit_head SET seq = ?, hash = ?", (len(records), previous))
    db.commit()


def _verify(site: Path, *extra: str):
    return invoke("audit", "verify", "--site", str(site), *extra)


def test_removing_the_newest_records_and_moving_the_head_back_is_found(site):
    with _db(site) as db:
        end = _end(db)
        rewrite_trail(db, _records(db)[:end - 3])  # the head row now matches the shortened chain
    result = _verify(site)
    assert result.exit_code == 1, result.output
    assert f"記録 {end - 2} 番がありません" in result.output and "台帳では「登録済」" in result.output


def test_removing_every_record_and_the_checkpoints_is_found(site):
    for path in (site.parent / "audit-checkpoints").glob("*.json"):
        path.unlink()
    with _db(site) as db:
        rewrite_trail(db, [])
    result = _verify(site)
    assert result.exit_code == 1 and "記録 1 番がありません" in result.output, result.output
    assert "監査記録が1件もありません" in result.output and "チェックポイントが1つもありません" in result.output


def test_a_rewritten_and_rechained_record_is_named_by_the_checkpoint(site):
    with _db(site) as db:
        records = _records(db)
        records[4]["attempt"] = 7  # record 5: not a state, so the ledger cannot tell
        rewrite_trail(db, records)
    result = _verify(site)
    assert result.exit_code == 1, result.output
    assert "記録 5 番が署名つきチェックポイント checkpoint-" in result.output and "この記録が書き換えられ" in result.output


def test_deleting_the_checkpoint_file_before_rewriting_is_found(site):
    for path in (site.parent / "audit-checkpoints").glob("*.json"):
        path.unlink()
    with _db(site) as db:
        records = _records(db)
        records[4]["attempt"] = 7
        rewrite_trail(db, records)
        recorded = _seq_of(db, "audit_checkpoint")
    result = _verify(site)
    assert result.exit_code == 1, result.output
    assert f"記録 {recorded} 番が示すチェックポイント" in result.output and "ファイルが見つかりません" in result.output


def test_deleting_the_checkpoints_and_their_records_is_found(site):
    for path in (site.parent / "audit-checkpoints").glob("*.json"):
        path.unlink()
    with _db(site) as db:
        rewrite_trail(db, [r for r in _records(db) if r["event"] != "audit_checkpoint"])
    result = _verify(site)
    assert result.exit_code == 1 and "チェックポイントが1つもありません" in result.output, result.output


def _resign_with(site: Path, records_edit) -> None:
    """The intruder's full rewrite: delete the site's checkpoints and their records, rewrite the
    trail, then sign a fresh checkpoint with whatever key the site's secrets now hold."""
    for path in (site.parent / "audit-checkpoints").glob("*.json"):
        path.unlink()
    with _db(site) as db:
        records = [r for r in _records(db) if r["event"] != "audit_checkpoint"]
        records_edit(records)
        rewrite_trail(db, records)
    assert invoke("audit", "checkpoint", "--site", str(site)).exit_code == 0


def _bump_attempt(records: list[dict]) -> None:
    records[4]["attempt"] = 7


def test_resigning_with_an_intruders_own_key_is_refused(site):
    (site.parent / "secrets.env").unlink()
    assert invoke("audit", "keygen", "--out", str(site.parent / "secrets.env"),
                  "--public-out", str(site.parent / "intruder.pub")).exit_code == 0
    _resign_with(site, _bump_attempt)
    result = _verify(site)
    assert result.exit_code == 1, result.output
    assert "署名が正しくありません" in result.output and "チェックポイントが1つもありません" in result.output


def test_the_public_key_is_never_derived_from_the_signing_key(site):
    profile = yaml.safe_load(site.read_text(encoding="utf-8"))
    del profile["operations"]["audit"]["public_key_file"]
    site.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = _verify(site)
    assert result.exit_code == 2 and "operations.audit.public_key_file" in result.output, result.output
    english = invoke("--lang", "en", "audit", "verify", "--site", str(site))
    assert english.exit_code == 2 and "never derived from the robot's own signing key" in english.output


def test_resigning_with_the_robots_own_key_is_found_only_with_the_exported_copy(site):
    """The limit, stated as a test: an account that holds the signing key and rewrites everything
    (trail, checkpoints, their records) leaves a trail that checks by itself; the copy exported
    to a USB key names the first rewritten record."""
    _resign_with(site, _bump_attempt)
    alone = _verify(site)
    assert alone.exit_code == 0, alone.output
    result = _verify(site, "--checkpoints", str(site.parent.parent / "usb"))
    assert result.exit_code == 1 and "記録 5 番が署名つきチェックポイント" in result.output, result.output


def test_truncating_and_rechaining_is_found_with_the_exported_copy(site):
    usb = site.parent.parent / "usb"

    def truncate(records: list[dict]) -> None:
        del records[6:]  # back to items 1 and 2 (records 1-6), and the ledger rewound to match

    with _db(site) as db:
        db.execute("DELETE FROM items WHERE id > 2")
        db.execute("DELETE FROM runs")
    _resign_with(site, truncate)  # record 7 is now the intruder's checkpoint record
    assert _verify(site).exit_code == 0  # by itself the rewound site checks
    result = _verify(site, "--checkpoints", str(usb))
    assert result.exit_code == 1 and "記録 7 番が署名つきチェックポイント" in result.output, result.output


def test_rewritten_site_checkpoints_do_not_hide_a_rewrite_from_the_exported_copy(site):
    def change_a_state(records: list[dict]) -> None:
        records[1]["state"] = "failed_business"  # record 2: item 1 reserved -> failed

    _resign_with(site, change_a_state)  # the site's files are now the intruder's, signed with the robot's key
    with _db(site) as db:
        db.execute("UPDATE items SET state = 'failed_business' WHERE id = 1 AND state = 'reserved'")
    result = _verify(site, "--checkpoints", str(site.parent.parent / "usb"))
    assert result.exit_code == 1 and "記録 2 番が署名つきチェックポイント" in result.output, result.output


def test_a_state_changed_in_the_ledger_without_a_record_is_found(site):
    with _db(site) as db:
        end = _end(db)
        db.execute("UPDATE items SET state = 'done' WHERE id = 3")
    result = _verify(site)
    assert result.exit_code == 1, result.output
    assert f"記録 {end + 1} 番がありません" in result.output and "申請 3 は台帳では「登録済」" in result.output


def test_an_item_deleted_from_the_ledger_is_found(site):
    with _db(site) as db:
        last = max(r["seq"] for r in _records(db) if r.get("item_id") == 3 and r["event"] == "item_state")
        db.execute("DELETE FROM items WHERE id = 3")
    result = _verify(site)
    assert result.exit_code == 1 and f"記録 {last} 番が示す申請 3 が台帳にありません" in result.output, result.output


@pytest.mark.parametrize("change", ["outcome", "added", "deleted"])
def test_a_run_changed_in_the_ledger_without_a_record_is_found(site, change):
    with _db(site) as db:
        end = _end(db)
        seq = next(r["seq"] for r in _records(db) if r["event"] == "run_outcome" and r["run_id"] == "run-2")
        if change == "outcome":
            db.execute("UPDATE runs SET outcome = 'stopped' WHERE run_id = 'run-2'")
        elif change == "added":
            db.execute("INSERT INTO runs (run_id, scenario_id, trigger, outcome, finished_at) "
                       "VALUES ('run-x', 's', 'manual', 'ok', '2026-01-01 00:00:00')")
        else:
            db.execute("DELETE FROM runs WHERE run_id = 'run-2'")
    result = _verify(site)
    assert result.exit_code == 1, result.output
    expected = {"outcome": f"記録 {end + 1} 番がありません", "added": "実行 run-x の結果「ok」の記録がありません",
                "deleted": f"記録 {seq} 番が示す実行 run-2 の結果が台帳にありません"}[change]
    assert expected in result.output


def test_signing_configured_and_no_checkpoint_is_refused_in_both_languages(site):
    for path in (site.parent / "audit-checkpoints").glob("*.json"):
        path.unlink()
    with _db(site) as db:
        rewrite_trail(db, [r for r in _records(db) if r["event"] != "audit_checkpoint"])
    english = invoke("--lang", "en", "audit", "verify", "--site", str(site))
    assert english.exit_code == 1 and "no checkpoint could be checked" in english.output, english.output


def test_the_report_names_no_personal_data(site):
    with open_audited_ledger(site.parent / "work" / "ledger.sqlite3", "robot") as (ledger, _audit):
        ledger.update(1, values={"name": "山田太郎", "my_number": "123456789018"})
    with _db(site) as db:
        db.execute("UPDATE items SET state = 'done' WHERE id = 1")
    result = _verify(site)
    assert result.exit_code == 1 and "申請 1 は台帳では「登録済」" in result.output
    assert "山田" not in result.output and "123456789018" not in result.output


def test_postgresql_truncation_is_found_by_the_ledger_cross_check(empty_postgres):
    url = empty_postgres
    with open_audited_ledger(url, "robot") as (ledger, audit):
        _activity(ledger, audit, 0, 4, "run-1")
        assert verify_trail(audit).ok
        with ledger.engine.begin() as conn:
            end = conn.execute(text("SELECT max(seq) FROM audit_records")).scalar()
            conn.execute(text("DELETE FROM audit_records WHERE seq > :s"), {"s": end - 2})
            last = conn.execute(text("SELECT hash FROM audit_records WHERE seq = :s"), {"s": end - 2}).scalar()
            conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": end - 2, "h": last})
        report = verify_trail(audit)
        assert audit.verify()[1] is None  # the chain alone cannot tell
        assert (report.finding.seq, report.finding.kind) == (end - 1, "item_differs")
        assert {f.kind for f in report.findings} == {"item_differs", "run_unrecorded"}


def test_a_real_run_verifies_and_its_removed_outcome_is_found(tmp_path):
    """No false alarm on what a real run writes (items created, read, recorded; its outcome), and
    the run's own last records removed with the head moved back are found."""
    from test_reading_only import CLAIMS, reading_only_scenario, site_profile, truth_of_valid_claims

    from robots.run.batch import run_scenario

    scenario = reading_only_scenario(tmp_path / "scenario")
    site = site_profile(tmp_path / "site")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in sorted(truth_of_valid_claims())[:3]:
        (inbox / name).write_bytes((CLAIMS / name).read_bytes())
    assert run_scenario(scenario, site).exit_code == 0
    result = _verify(site)
    assert result.exit_code == 0 and "改ざんされていません" in result.output, result.output
    with _db(site) as db:
        records = _records(db)
        outcome = next(r["seq"] for r in records if r["event"] == "run_outcome")
        rewrite_trail(db, records[:outcome - 1])
    result = _verify(site)
    assert result.exit_code == 1 and f"記録 {outcome} 番がありません" in result.output, result.output
