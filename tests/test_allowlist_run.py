"""Issue #17, point 1, through a whole run: a system on the allowed origin that redirects
the robot to another port of the same address. The other server gets no request, the item
is not registered (no receipt, not done), it ends failed with a Japanese message naming the
origin and the rule, and the robot does not loop (each step once, no retry)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from test_allowlist_below_page import Recorder

from robots.demo.runner import write_demo_site
from robots.run import run_scenario
from shared.ledger import State, open_ledger

SCENARIO = Path(__file__).resolve().parent / "web_moving"
ROW = ("山田　太郎", "東京都千代田区千代田1-1", "0012345678", "転居")


def write_list(inbox: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "異動届一覧"
    sheet["A1"] = "住所異動届一覧"
    sheet.append([])
    sheet.append(["氏名", "新住所", "被保険者番号", "異動事由"])
    sheet.append(list(ROW))
    inbox.mkdir(parents=True, exist_ok=True)
    book.save(inbox / "異動届.xlsx")


def scenario(folder: Path) -> Path:
    shutil.copytree(SCENARIO, folder)
    path = folder / "scenario.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["web"]["login"] = [{"open": "/form"}, {"expect_text": "入力"}]
    data["web"]["entry"] = [
        {"open": "/form"},
        {"click": "次へ"},                       # the allowed system answers with a redirect elsewhere
        {"expect_text": "確認"},
        {"final": True, "click": "登録"},
        {"expect_text": "受付完了"},
        {"read_text": {"selector": "#receipt-no", "into": "receipt_no"}},
    ]
    data["web"]["lookup"] = [{"open": "/form"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def servers():
    elsewhere = Recorder("127.0.0.1", {"/confirm": (
        200, "<h1>確認</h1><form method=post action=/register><button>登録</button></form>"),
        "/register": (200, "<h1>受付完了</h1><p id=receipt-no>EVIL-1</p>")})
    app = Recorder("127.0.0.1", {
        "/form": (200, "<h1>入力</h1><form method=post action=/next><button>次へ</button></form>"),
        "/next": (302, f"{elsewhere.origin}/confirm"),
    })
    yield app, elsewhere
    app.stop()
    elsewhere.stop()


def test_a_redirect_elsewhere_fails_the_item_unregistered_and_reaches_nothing(tmp_path, servers, monkeypatch):
    app, elsewhere = servers
    monkeypatch.setenv("LEGACY_USER", "robot")
    monkeypatch.setenv("LEGACY_PASSWORD", "unused")
    write_list(tmp_path / "site" / "inbox" / "kokuho")
    site = write_demo_site(tmp_path / "site", app.origin + "/", timeout_seconds=3)
    summary = run_scenario(scenario(tmp_path / "scenario"), site)
    assert elsewhere.seen == []  # not the confirmation page, not the registration
    assert app.seen.count("/next") == 1  # the step ran once: no retry, no loop
    [outcome] = summary.final_outcomes()
    assert outcome.state == State.FAILED_APPLICATION and outcome.state != State.DONE
    assert elsewhere.origin in outcome.reason and "allowed_hosts" in outcome.reason
    assert "スキーム・ホスト・ポート" in outcome.reason and "entry[" in outcome.reason
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        [item] = ledger.items()
    assert item.state == State.FAILED_APPLICATION and not item.receipt_no
    assert item.next_attempt_at is None  # parked for a person (queue retry), not retried by itself
