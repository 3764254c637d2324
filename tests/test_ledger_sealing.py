"""Personal data at rest (issue 16, point 9): the values a ledger keeps for pending items are
sealed with the site's ledger key. A copy of the ledger file (or of the PostgreSQL tables)
without the key holds no 個人番号 and no name; the queue, a retry and the next run still read
them; ``ledger rotate-key`` seals everything again with a new key, the old key goes, and an
old ledger written before sealing is read and then sealed; a wrong key is a Japanese message."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import stat
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from cli_runner import cli
from conftest import CLAIMS, SCENARIO_DIR
from sqlalchemy import create_engine, text
from stdnum.jp import in_

from robots.demo.runner import write_demo_site
from robots.reading.review_sheet import CORRECT_COLUMN, ReviewRow, write_review_sheet
from robots.run.batch import run_scenario
from robots.run.queue_admin import open_queue
from samples.forms.generate import write_form
from samples.forms.records import Overrides, load_postal, make_claim
from samples.legacy_app import fetch_records
from shared.audit import audit_records
from shared.ledger import KeyRing, LedgerKeyError, State, key_source, open_ledger
from shared.ledger.sealing import new_key_text
from tests.postgres import empty_postgres  # noqa: F401  (the fixture)

NAME, KANA = ("鷲見", "スミ"), ("瑠璃子", "ルリコ")
FULL_NAME = f"{NAME[0]}\u3000{KANA[0]}"
SEALED_COLUMNS = ("values_json", "public_json", "reason_params")


def seeded_my_number(seed: int) -> str:
    rng = random.Random(seed)
    first = "".join(rng.choice("0123456789") for _ in range(11))
    return first + in_.calc_check_digit(first)


def seeded_claim(path: Path, my_number: str) -> None:
    """A claim form with our own 個人番号 and a name found on no sample form."""
    claim = make_claim(random.Random(916), load_postal(), Overrides(surname=NAME, given=KANA))
    claim.set("my_number", my_number, my_number)
    write_form(path, claim)


def needles(my_number: str) -> list[str]:
    """What must not be found in a copy: the number, the name and its parts, as they are and
    as JSON would escape them."""
    texts = [my_number, FULL_NAME, NAME[0] + KANA[0], NAME[0], KANA[0]]
    return texts + [json.dumps(t).strip('"') for t in texts[1:]]


def assert_absent(my_number: str, copy: bytes | str) -> None:
    for needle in needles(my_number):
        found = needle in copy if isinstance(copy, str) else needle.encode("utf-8") in copy
        assert not found, needle


def raw_bytes(work: Path) -> bytes:
    """The ledger as a copy of its files would hold it (the database and its write-ahead log)."""
    return b"".join(p.read_bytes() for p in sorted(work.glob("ledger.sqlite3*")) if p.is_file())


def site_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, my_number: str, **settings: object) -> Path:
    """A site whose inbox holds the seeded claim and claim-001, its target system down."""
    monkeypatch.setenv("LEGACY_USER", "robot")
    monkeypatch.setenv("LEGACY_PASSWORD", "x")
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    seeded_claim(inbox / "seeded.pdf", my_number)
    shutil.copy2(CLAIMS / "claim-001.pdf", inbox / "claim-001.pdf")
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    if settings:
        profile = yaml.safe_load(site.read_text(encoding="utf-8"))
        profile.update(settings)
        site.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return site


@pytest.fixture
def pending_site(tmp_path, monkeypatch, run_resources) -> tuple[Path, str]:
    """A run read both forms and stopped at the target it could not reach: both items wait
    with their values (for the next run)."""
    my_number = seeded_my_number(16)
    site = site_down(tmp_path, monkeypatch, my_number)
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.fatal
    return site, my_number


def seeded_item(site: Path):
    with open_queue(site) as queue:
        return next(i for i in queue.items() if i.source_name == "seeded.pdf")


def test_a_copied_ledger_file_holds_no_my_number_or_name(pending_site):
    site, my_number = pending_site
    item = seeded_item(site)
    assert item.state in (State.NEW, State.FAILED_APPLICATION)  # read and checked; not entered yet
    assert item.values["my_number"] == my_number and item.values["claimant_name"] == FULL_NAME  # opened with the key
    work = site.parent / "work"
    copy = raw_bytes(work)
    assert b"enc1:" in copy
    assert_absent(my_number, copy)
    engine = create_engine(f"sqlite:///{(work / 'ledger.sqlite3').as_posix()}")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT values_json, public_json, reason_params FROM items")).all()
    engine.dispose()
    assert all(str(row[0]).startswith("enc1:") for row in rows)
    assert all(json.loads(row[1]).startswith("enc1:") for row in rows)  # what is public is sealed too
    key_file = work / "keys" / "ledger.keys"  # the demo site names no place: the work folder's key file
    assert key_file.read_text(encoding="utf-8").startswith("ledger_key=")
    if sys.platform != "win32":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_retry_and_the_next_run_enter_the_values_the_ledger_sealed(pending_site, legacy, run_resources):
    site, my_number = pending_site
    with open_queue(site) as queue:  # both items failed on the system with no attempts left
        for _ in range(2):
            taken = queue.ledger.reserve_next("jidou-teate-nintei", "w", dt.timedelta(minutes=1), 5)
            assert taken is not None
            queue.ledger.transition(taken.id, State.FAILED_APPLICATION, attempt=5)
    item = seeded_item(site)
    assert item.state == State.FAILED_APPLICATION and item.values["my_number"] == my_number
    assert_absent(my_number, raw_bytes(site.parent / "work"))
    result = cli("queue", "retry", str(item.id), "--site", site)
    assert result.exit_code == 0, result.stdout
    assert seeded_item(site).values["my_number"] == my_number
    write_demo_site(site.parent, legacy.url)  # the target system is back
    summary = run_scenario(SCENARIO_DIR, site, resources=run_resources)
    assert summary.fatal is None
    entered = {r["my_number"]: r for r in fetch_records(legacy.db_path)}
    assert my_number in entered
    assert seeded_item(site).state == State.DONE and seeded_item(site).values is None  # not kept once entered


def test_rotate_key_seals_again_and_the_old_key_can_go(pending_site):
    site, my_number = pending_site
    work = site.parent / "work"
    key_file = work / "keys" / "ledger.keys"
    old = KeyRing.parse(key_file.read_text(encoding="utf-8").split("=", 1)[1])
    result = cli("ledger", "rotate-key", "--site", site, "--by", "情報政策課 山田")
    assert result.exit_code == 0, result.stdout
    assert "暗号化し直しました（申請 2 件）" in result.stdout and old.current_id in result.stdout
    ring = KeyRing.parse(key_file.read_text(encoding="utf-8").split("=", 1)[1])
    assert len(ring.keys) == 1 and ring.current_id != old.current_id  # the old key is gone
    item = seeded_item(site)
    assert item.values["my_number"] == my_number and item.public["sex"] in ("男", "女")
    copy = raw_bytes(work)
    assert f"enc1:{ring.current_id}:".encode() in copy and f"enc1:{old.current_id}:".encode() not in copy
    assert_absent(my_number, copy)
    [record] = [r for r in audit_records(work / "ledger.sqlite3") if r["event"] == "ledger_key_rotated"]
    assert record["key_id"] == ring.current_id and record["retired"] == [old.current_id] and record["items"] == 2
    assert record["actor"]["person"] == "情報政策課 山田"


def test_a_wrong_key_is_a_japanese_message_not_a_traceback(pending_site):
    site, _ = pending_site
    key_file = site.parent / "work" / "keys" / "ledger.keys"
    kid = KeyRing.parse(key_file.read_text(encoding="utf-8").split("=", 1)[1]).current_id
    wrong = f"ledger_key={new_key_text()}\n"
    key_file.write_text(wrong, encoding="utf-8")
    for args in (("queue", "list"), ("queue", "show", "1"), ("ledger", "rotate-key"), ("run", SCENARIO_DIR)):
        result = cli(*args, "--site", site)
        assert result.exit_code == 2, result.stdout
        assert f"鍵ID {kid} の鍵で暗号化されています" in result.stdout and "ledger_key" in result.stdout
        assert "Traceback" not in result.stdout
    assert key_file.read_text(encoding="utf-8") == wrong  # rotate-key changed nothing
    with pytest.raises(LedgerKeyError):  # a ledger opened by its path alone does not show them either
        open_ledger(site.parent / "work" / "ledger.sqlite3").items()


# -- an old ledger, other stores, PostgreSQL: no browser needed -------------------------------------


def old_ledger(site_folder: Path, target: str | Path, my_number: str) -> list[int]:
    """Items as a version without sealing wrote them (a ledger opened without keys)."""
    values = {"my_number": my_number, "claimant_name": FULL_NAME, "sex": "女"}
    ids = []
    with open_ledger(target) as ledger:
        for n, state in enumerate((State.NEEDS_REVIEW, State.FAILED_APPLICATION)):
            item = ledger.add("jidou-teate-nintei", f"old-{n}.pdf", f"{n:064d}", "run-old")
            ledger.update(item.id, values=values, public={"sex": "女"})
            if state == State.FAILED_APPLICATION:
                ledger.transition(item.id, State.RESERVED)
            ledger.transition(item.id, state, reason_key="item.needs_review",
                              reason_params={"message": f"「個人番号」読み取った文字:「{my_number}」"})
            ids.append(item.id)
    return ids


def test_an_old_unsealed_ledger_is_read_and_then_sealed_by_rotate(tmp_path):
    my_number = seeded_my_number(17)
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    work = tmp_path / "site" / "work"
    ids = old_ledger(tmp_path / "site", work / "ledger.sqlite3", my_number)
    assert my_number.encode() in raw_bytes(work)  # the old ledger as it was
    with open_queue(site) as queue:  # opened by a version that seals: read as it is (the key is made)
        assert [queue.get(i).values["my_number"] for i in ids] == [my_number] * 2
    result = cli("ledger", "rotate-key", "--site", site)
    assert result.exit_code == 0, result.stdout
    copy = raw_bytes(work)
    assert_absent(my_number, copy)
    with open_queue(site) as queue:
        items = [queue.get(i) for i in ids]
    assert [i.values["claimant_name"] for i in items] == [FULL_NAME] * 2
    assert all(my_number in i.reason_params["message"] for i in items)


def test_review_import_reads_and_writes_sealed_values(tmp_path):
    my_number = seeded_my_number(21)
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    work = tmp_path / "site" / "work"
    ids = old_ledger(tmp_path / "site", work / "ledger.sqlite3", my_number)
    assert cli("ledger", "rotate-key", "--site", site).exit_code == 0
    corrected = seeded_my_number(22)
    sheet = write_review_sheet(tmp_path / "確認シート.xlsx", [ReviewRow(ids[0], "my_number", "old-0.pdf", "個人番号",
                                                                       my_number, "理由", None)])
    book = openpyxl.load_workbook(sheet)
    book.active.cell(2, CORRECT_COLUMN).value = corrected
    book.save(sheet)
    result = cli("review", "import", sheet, "--scenario", SCENARIO_DIR, "--site", site, "--by", "確認担当")
    assert result.exit_code == 0, result.stdout
    item = seeded_item_by_id(site, ids[0])
    assert item.state == State.NEW and item.values["my_number"] == corrected
    copy = raw_bytes(work)
    assert_absent(my_number, copy)
    assert corrected.encode() not in copy


def seeded_item_by_id(site: Path, item_id: int):
    with open_queue(site) as queue:
        return queue.get(item_id)


def test_a_value_moved_to_another_item_does_not_open(tmp_path):
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    work = tmp_path / "site" / "work"
    ids = old_ledger(tmp_path / "site", work / "ledger.sqlite3", seeded_my_number(18))
    assert cli("ledger", "rotate-key", "--site", site).exit_code == 0
    engine = create_engine(f"sqlite:///{(work / 'ledger.sqlite3').as_posix()}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE items SET values_json = (SELECT values_json FROM items WHERE id = :a) WHERE id = :b"),
                     {"a": ids[0], "b": ids[1]})
    engine.dispose()
    result = cli("queue", "retry", str(ids[1]), "--site", site)
    assert result.exit_code == 2 and f"申請 {ids[1]} の値を鍵で開けません" in result.stdout


def test_a_secrets_file_gets_the_key_beside_its_other_lines(tmp_path):
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    secrets = tmp_path / "site" / "rpa-secrets.env"
    secrets.write_text("AUDIT_SIGNING_KEY=abc\n", encoding="utf-8")
    secrets.chmod(0o600)
    profile = yaml.safe_load(site.read_text(encoding="utf-8"))
    profile["secrets_file"] = "rpa-secrets.env"
    site.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    with open_queue(site) as queue:
        assert queue.items() == []
    lines = secrets.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "AUDIT_SIGNING_KEY=abc" and lines[1].startswith("ledger_key=")
    assert not (tmp_path / "site" / "work" / "keys" / "ledger.keys").exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert cli("ledger", "rotate-key", "--site", site).exit_code == 0
    after = secrets.read_text(encoding="utf-8").splitlines()
    assert after[0] == "AUDIT_SIGNING_KEY=abc" and len(after) == 2 and after[1] != lines[1]


def test_an_environment_key_is_used_and_never_made(tmp_path, monkeypatch):
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    profile = yaml.safe_load(site.read_text(encoding="utf-8"))
    profile["secrets"]["ledger_key"] = "env:RPA_LEDGER_KEY"
    site.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    monkeypatch.delenv("RPA_LEDGER_KEY", raising=False)
    result = cli("queue", "list", "--site", site)
    assert result.exit_code == 2 and "環境変数 RPA_LEDGER_KEY が設定されていません" in result.stdout
    monkeypatch.setenv("RPA_LEDGER_KEY", "not a key")
    result = cli("queue", "list", "--site", site)
    assert result.exit_code == 2 and "台帳の鍵" in result.stdout and "not a key" not in result.stdout
    first = KeyRing.parse(new_key_text())
    monkeypatch.setenv("RPA_LEDGER_KEY", first.text())
    ids = old_ledger(tmp_path / "site", tmp_path / "site" / "work" / "ledger.sqlite3", seeded_my_number(19))
    assert cli("ledger", "rotate-key", "--site", site).exit_code == 0  # sealed with the environment's key
    second = first.with_new_key()  # a person puts a new key first
    monkeypatch.setenv("RPA_LEDGER_KEY", second.text())
    result = cli("ledger", "rotate-key", "--site", site)
    assert result.exit_code == 0 and f"鍵ID {first.current_id} の鍵はもう使っていません" in result.stdout
    monkeypatch.setenv("RPA_LEDGER_KEY", second.only_current().text())  # ... and takes the old one out
    with open_queue(site) as queue:
        assert queue.get(ids[0]).values["claimant_name"] == FULL_NAME
    assert key_source(yaml_site(site), site).writable is False


def yaml_site(site: Path):
    from shared.config import load_site

    return load_site(site)




def test_postgresql_columns_hold_no_my_number_or_name_before_or_after_rotation(tmp_path, empty_postgres):
    my_number = seeded_my_number(20)
    site = write_demo_site(tmp_path / "site", "http://127.0.0.1:9/")
    profile = yaml.safe_load(site.read_text(encoding="utf-8"))
    profile["ledger_url"] = empty_postgres
    site.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    ids = old_ledger(tmp_path / "site", empty_postgres, my_number)

    def dump() -> str:  # every column of the items as text, as a dump of the table shows it
        engine = create_engine(empty_postgres)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT items::text FROM items")).scalars().all()
        engine.dispose()
        return "\n".join(rows)

    assert my_number in dump()  # the old ledger, written before sealing
    assert cli("ledger", "rotate-key", "--site", site).exit_code == 0
    with open_queue(site) as queue:  # and what a version that seals writes from now on
        queue.ledger.update(ids[0], values={"my_number": my_number, "claimant_name": FULL_NAME}, public={"sex": "女"})
        assert queue.get(ids[0]).values["my_number"] == my_number
        assert queue.get(ids[1]).reason_params["message"].endswith(f"「{my_number}」")
    table = dump()
    assert table.count("enc1:") == 2 * 3  # values, public and reason of both items
    assert_absent(my_number, table)
