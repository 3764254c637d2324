"""Screens found the way a clerk reads them, in Chromium: labels not tied to their inputs
(table layouts), clicks on any clickable element, ambiguity refused; and, against the sample
legacy system's older screens, a label-only scenario that enters every record, an expiry
shown only by the address, and a scenario mistake that stops the run after K items."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CLAIMS, SCENARIO_DIR
from old_screens import old_screens_scenario

from robots.demo.runner import write_demo_site
from robots.run.batch import run_scenario
from robots.web.context import url_matches
from samples.legacy_app import count_records, fetch_records
from shared.ledger import State, open_ledger

LAYOUTS = """
<table>
<tr><th>氏名<span>※</span></th><td><input id="name"></td></tr>
<tr><td>フリガナ：</td><td>（全角カタカナ）<input id="kana"></td></tr>
<tr><th>元号</th><th>年</th></tr>
<tr><td><select id="era"><option>昭和</option></select></td><td><input id="year"></td></tr>
<tr><td>性別</td><td><input type="radio" name="g" id="male">男　<input type="radio" name="g" id="female">女</td></tr>
<tr><td>表示</td><td>山田</td><td>電話</td><td><input id="phone"></td></tr>
<tr><td>住所</td><td><input id="address1"></td></tr>
<tr><td>住所</td><td><input id="address2"></td></tr>
</table>
<div>連絡先：<input id="contact"> 　ＦＡＸ　：<input id="fax"></div>
<dl><dt>メール</dt><dd><input id="mail"></dd></dl>
<p><input type="checkbox" id="agree"> 記載内容を確認しました</p>
<p><label for="tied">ユーザーＩＤ：</label><input id="tied"></p>
<details><summary>口座</summary><table><tr><th>金融機関名</th><td><input id="bank"></td></tr></table></details>
<table><tr><td onclick="this.dataset.clicked = 1" id="cell">検索</td><td><a href="#top" id="next">次へ</a></td>
<td><span role="button" id="role">閉じる</span></td><td><input type="button" value="戻る" id="back"></td>
<td onclick="1"><button id="inner">送信</button></td></tr></table>
"""


@pytest.fixture(scope="module")
def layouts(run_resources):
    from robots.demo.runner import chromium_settings
    from shared.config.site import BrowserSettings

    with run_resources.launcher.open(BrowserSettings(**chromium_settings())) as page:
        page.set_content(LAYOUTS)
        yield page


@pytest.mark.parametrize("label, expected", [
    ("氏名", ["name"]),                        # th → td, the required mark left out
    ("氏名：", ["name"]),                      # a colon in the scenario too
    ("フリガナ", ["kana"]),                    # a trailing full-width colon; a note before the input
    ("元号", ["era"]), ("年", ["year"]),       # a header row: the cell below
    ("男", ["male"]), ("女", ["female"]),      # a radio button before its text
    ("表示", []),                              # its cell holds text, not an input: nothing
    ("電話", ["phone"]),                       # never the input of the next label
    ("住所", ["address1", "address2"]),        # ambiguous: both, so an action refuses
    ("連絡先", ["contact"]), ("FAX", ["fax"]),  # mixed content; full-width letters and spaces
    ("メール", ["mail"]),                      # dt → dd
    ("記載内容を確認しました", ["agree"]),     # a checkbox before its text
    ("ユーザーID", ["tied"]),                  # a <label> with a colon and full-width letters
    ("金融機関名", ["bank"]),                  # inside a collapsed section: found, hidden
    ("口座番号", []),
])
def test_label_finds_the_input_a_clerk_would(layouts, label, expected):
    from connectors.browser.engines import engine_text

    found = layouts.locator(f"rpa_label={engine_text(label)}")
    assert found.evaluate_all("els => els.map(e => e.id)") == expected


@pytest.mark.parametrize("text, expected", [
    ("検索", ["cell"]), ("次へ", ["next"]), ("閉じる", ["role"]), ("戻る", ["back"]),
    ("口座", [""]),          # summary (no id)
    ("送信", ["inner"]),     # the innermost of nested clickables
    ("氏名", []),            # text, not clickable
])
def test_click_finds_any_clickable_element_by_its_text(layouts, text, expected):
    from connectors.browser.engines import engine_text

    found = layouts.locator(f"rpa_click=any:{engine_text(text)}")
    assert found.evaluate_all("els => els.map(e => e.id)") == expected


TIMEOUT_MS = 600


def _context(page, tmp_path):
    from robots.web.context import StepContext

    page.set_content(LAYOUTS)  # a fresh screen: steps before may have opened or filled things
    # what the site's browser.timeout_seconds sets for a run; the screen is already there (set_content), so
    # a target that is not on it is refused after this long
    page.set_default_timeout(TIMEOUT_MS)
    return StepContext(page=page, base_url="http://127.0.0.1/", allowed_hosts=frozenset(), record={"name": "山田"},
                       site={}, secret={}, masked_fields=frozenset(), screenshot_dir=tmp_path, item_label="item-00001",
                       timeout_ms=TIMEOUT_MS)


def _steps(*steps: dict):
    from shared.config.steps import Step

    return [Step.model_validate(step) for step in steps]


@pytest.mark.parametrize("step, key", [
    ({"fill": {"label": "住所", "value": "x"}}, "web.ambiguous"),
    ({"fill": {"label": "金融機関名", "value": "x"}}, "web.not_visible"),  # in the collapsed section
    ({"fill": {"label": "口座番号", "value": "x"}}, "web.not_found"),
    ({"click": "登録"}, "web.not_found"),
    ({"check": "同意する"}, "web.not_found"),
    ({"read_text": {"selector": "#nowhere", "into": "x"}}, "web.not_found"),
])
def test_a_target_not_on_the_screen_is_a_scenario_error_naming_the_step_and_screen(layouts, tmp_path, step, key):
    from robots.web.steps import run_steps
    from shared.errors import ScenarioError

    ctx = _context(layouts, tmp_path)
    with pytest.raises(ScenarioError) as raised:
        run_steps(ctx, _steps(step), where="entry")
    assert raised.value.key == key
    assert raised.value.step and raised.value.step.startswith("entry[1]")
    assert "画面" in str(raised.value)


def test_steps_on_a_table_screen_fill_the_inputs_a_clerk_would(layouts, tmp_path):
    from robots.web.steps import run_steps

    ctx = _context(layouts, tmp_path)
    run_steps(ctx, _steps(
        {"fill": {"label": "氏名：", "value": "{{ record.name }}"}},
        {"check": "女"},
        {"click": "口座"},                               # opens the collapsed section
        {"fill": {"label": "金融機関名", "value": "見本銀行"}},
        {"fill": {"selector": "xpath=//td[.='電話']/following-sibling::td[1]//input", "value": "03"}},
        {"fill": {"selector": "tr:has(td:text-is('住所')) >> nth=1 >> input", "value": "二"}},
        {"click": "検索"},                               # an onclick cell
    ), where="entry")
    values = layouts.evaluate("""() => ['name', 'bank', 'phone', 'address2'].map(id => document.getElementById(id).value)
                                 .concat([document.getElementById('female').checked, document.getElementById('cell').dataset.clicked])""")
    assert values == ["山田", "見本銀行", "03", "二", True, "1"]


@pytest.mark.parametrize("pattern, url, expected", [
    ("/old/login?timeout=*", "http://127.0.0.1:5000/old/login?timeout=1", True),
    ("/old/login?timeout=*", "http://127.0.0.1:5000/old/login", False),
    ("/old/login*", "http://127.0.0.1:5000/old/login", True),
    ("*/expired", "http://h/app/expired", True),
    ("http://h/app/*", "http://h/app/x?y=1", True),
    ("/a.b", "http://h/axb", False),  # only * is a wildcard
])
def test_url_matches(pattern, url, expected):
    assert url_matches(pattern, url) is expected


LOGIN = [{"open": "/login"}, {"fill": {"label": "ユーザーID", "value": "{{ secret.user }}"}}, {"click": "ログイン"}]


@pytest.mark.parametrize("login, others, expected", [
    (LOGIN, [{"open": "/main"}], "http://127.0.0.1/login"),
    ([{"open": "/cgi-bin/app.cgi?cmd=login"}, *LOGIN[1:]], [{"open": "/cgi-bin/app.cgi?cmd=menu"}],
     "http://127.0.0.1/cgi-bin/app.cgi?cmd=login"),
    ([{"open": "https://idp.example.jp/auth"}, *LOGIN[1:]], [], "https://idp.example.jp/auth"),
    ([{"open": "/"}, *LOGIN[1:]], [], None),                 # the top may also be where a logged-in session lands
    ([{"open": "/login?user={{ secret.user }}"}, *LOGIN[1:]], [], None),  # not one fixed page
    ([{"open": "/form"}, {"expect_text": "入力"}], [], None),  # nothing filled in: no login form there
    (LOGIN, [{"open": "/login"}], None),                      # the entry steps go there themselves
    (LOGIN, [{"in_frame": {"frame": "menu", "steps": [{"open": "/login?x=1"}]}}], None),
    ([], [{"open": "/main"}], None),
])
def test_the_login_page_is_the_one_the_login_steps_fill_in(login, others, expected):
    from robots.web.context import login_page

    assert login_page("http://127.0.0.1/", _steps(*login), _steps(*others)) == expected


@pytest.mark.parametrize("login, url, expected", [
    ("http://h/login", "http://h/login", True),
    ("http://h/login", "http://h/login?reason=timeout", True),
    ("http://h/login", "http://h/login/", True),
    ("http://h/login", "http://h/main", False),
    ("http://h/login", "http://other/login", False),
    ("http://h/app.cgi?cmd=login", "http://h/app.cgi?cmd=login&timeout=1", True),
    ("http://h/app.cgi?cmd=login", "http://h/app.cgi?cmd=menu", False),
    ("http://h/app.cgi?cmd=login", "http://h/app.cgi", False),
])
def test_a_page_is_the_login_page_by_host_path_and_its_query(login, url, expected):
    from robots.web.context import same_page

    assert same_page(login, url) is expected


def test_an_expiry_notice_inside_a_frame_is_an_expired_session(layouts, tmp_path):
    """The system ended the session on the menu frame's request: the notice shows in that frame only."""
    from robots.web.steps import SessionExpired, run_steps

    ctx = _context(layouts, tmp_path)
    layouts.set_content('<iframe name="menu" srcdoc="<h1>ログイン</h1><p>セッションの有効期限が切れました</p>"></iframe>')
    layouts.frame_locator("iframe").get_by_text("セッション").wait_for(timeout=15_000)  # not the steps' short timeout
    ctx.session_expired_text = "セッションの有効期限が切れました"
    with pytest.raises(SessionExpired):
        run_steps(ctx, _steps({"in_frame": {"frame": "menu", "steps": [{"click": "認定請求 登録"}]}}), where="entry")


def test_the_login_page_in_a_frame_is_an_expired_session_outside_the_login_steps(layouts, tmp_path):
    from robots.web.steps import SessionExpired, run_steps

    ctx = _context(layouts, tmp_path)
    layouts.set_content('<iframe name="menu" srcdoc="<h1>ログイン</h1>"></iframe>')
    layouts.frame_locator("iframe").get_by_text("ログイン").wait_for(timeout=15_000)
    ctx.login_url = layouts.frames[1].url  # about:srcdoc; the page itself is about:blank
    with pytest.raises(SessionExpired):
        run_steps(ctx, _steps({"in_frame": {"frame": "menu", "steps": [{"click": "認定請求 登録"}]}}), where="entry")
    ctx.checks_session = False  # during the login steps it is what they expect
    with pytest.raises(Exception) as raised:
        run_steps(ctx, _steps({"in_frame": {"frame": "menu", "steps": [{"click": "認定請求 登録"}]}}), where="login")
    assert not isinstance(raised.value, SessionExpired)


def _site(tmp_path: Path, url: str, files: list[str], **options: object) -> Path:
    inbox = tmp_path / "site" / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in files:
        shutil.copy2(CLAIMS / name, inbox / name)
    return write_demo_site(tmp_path / "site", url, **options)  # type: ignore[arg-type]


CLAIM_FILES = ["claim-001.pdf", "claim-002.pdf", "claim-003.pdf"]


@pytest.mark.slow
def test_label_only_scenario_enters_every_record_on_the_table_layout_screens(tmp_path, legacy, truth, run_resources):
    scenario = old_screens_scenario(tmp_path / "scenario")
    site = _site(tmp_path, legacy.url, CLAIM_FILES)
    summary = run_scenario(scenario, site, resources=run_resources)
    assert [o.state for o in summary.outcomes] == [State.DONE] * 3, [o.reason for o in summary.outcomes]
    stored = {r["my_number"]: r for r in fetch_records(legacy.db_path)}
    for name in CLAIM_FILES:
        fields = truth[name]["fields"]
        record = stored[fields["my_number"]]
        assert record["applicant_name"] == fields["claimant_name"]
        assert record["bank_name"] == fields["bank_name"]  # in the collapsed section
        assert record["gender"] == fields["sex"]


@pytest.mark.slow
def test_expiry_shown_only_by_the_address_logs_in_again_and_enters_each_once(tmp_path, legacy, run_resources):
    legacy.faults(expire_every=8)
    scenario = old_screens_scenario(tmp_path / "scenario")
    site = _site(tmp_path, legacy.url, CLAIM_FILES)
    summary = run_scenario(scenario, site, resources=run_resources)
    assert [o.state for o in summary.outcomes] == [State.DONE] * 3, [o.reason for o in summary.outcomes]
    assert legacy.stats()["sessions_expired"] >= 1
    assert count_records(legacy.db_path) == 3


@pytest.mark.slow
def test_a_session_ended_with_no_notice_is_told_by_the_login_page(tmp_path, legacy, run_resources):
    """The system sends an ended session to its login page, with no notice text and no
    address of its own (a frame's request may be the one that ends it): the robot logs in
    again and enters each record once."""
    import yaml

    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "scenario.yaml"
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    del scenario["web"]["session_expired"]
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False), encoding="utf-8")
    legacy.faults(expire_every=12)
    site = _site(tmp_path, legacy.url, CLAIM_FILES, timeout_seconds=2)
    summary = run_scenario(folder, site, resources=run_resources)
    assert [o.state for o in summary.outcomes] == [State.DONE] * 3, [o.reason for o in summary.outcomes]
    assert legacy.stats()["sessions_expired"] >= 1
    assert count_records(legacy.db_path) == 3


@pytest.mark.slow
def test_a_wrong_label_stops_the_run_after_k_items_leaving_them_new(tmp_path, legacy, run_resources):
    scenario = old_screens_scenario(tmp_path / "scenario", replace={"請求者氏名": "請求者名"})
    files = [*CLAIM_FILES, "claim-005.pdf", "claim-006.pdf"]
    site = _site(tmp_path, legacy.url, files, timeout_seconds=2)
    summary = run_scenario(scenario, site, resources=run_resources)
    assert summary.fatal is not None
    assert "請求者名" in summary.fatal and "3件続けて" in summary.fatal
    assert "認定請求 登録（旧画面）" in summary.fatal  # the screen, by its title
    tried = {t.item for t in summary.step_timings if "請求者名" in t.step}
    assert len(tried) == 3  # K items, not every one, and each once (no back-off retries)
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        assert {item.state for item in ledger.items()} == {State.NEW}
    assert count_records(legacy.db_path) == 0
    assert summary.exit_code != 0


@pytest.mark.slow
def test_a_login_page_is_no_sign_of_an_expired_session_during_login(tmp_path, legacy, run_resources):
    """The login page shows the expiry notice; a wrong login label is reported as what it is."""
    import yaml

    folder = tmp_path / "scenario"
    shutil.copytree(SCENARIO_DIR, folder)
    path = folder / "scenario.yaml"
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenario["web"]["login"][0] = {"open": "/login?reason=timeout"}
    scenario["web"]["login"][1]["fill"]["label"] = "ユーザー名"
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = _site(tmp_path, legacy.url, ["claim-001.pdf"], timeout_seconds=2)
    summary = run_scenario(folder, site, resources=run_resources)
    assert summary.fatal is not None and "ログインできませんでした" in summary.fatal
    assert "見つかりません" in summary.fatal and "ユーザー名" in summary.fatal
    assert "セッション" not in summary.fatal
    assert [o.state for o in summary.outcomes] == [State.NEW]


@pytest.mark.slow
def test_scenario_errors_short_of_k_are_parked_once_each_without_back_off(tmp_path, legacy, run_resources):
    scenario = old_screens_scenario(tmp_path / "scenario", replace={"請求者氏名": "請求者名"})
    site = _site(tmp_path, legacy.url, CLAIM_FILES[:2], timeout_seconds=2, retry={"stop_after_scenario_errors": 5})
    summary = run_scenario(scenario, site, resources=run_resources)
    assert summary.fatal is None
    tried = [t.item for t in summary.step_timings if "請求者名" in t.step]
    assert sorted(tried) == sorted(set(tried)) and len(tried) == 2  # each once: no retries
    with open_ledger(tmp_path / "site" / "work" / "ledger.sqlite3") as ledger:
        items = ledger.items()
    assert [item.state for item in items] == [State.FAILED_APPLICATION] * 2
    assert all(item.next_attempt_at is None and item.attempt >= 5 for item in items)  # parked for queue retry
    assert all("請求者名" in o.reason and "旧画面" in o.reason for o in summary.outcomes)
