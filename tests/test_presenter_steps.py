"""Presenter mode pieces: banner texts from labels (never from values), and --step's pause
before each step, against the sample legacy system in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors.browser import SharedBrowser
from robots.demo.runner import write_demo_site
from robots.web import WebEntryRobot
from robots.web.presenter import Presenter, banner_text
from shared.config import Step, load_site
from shared.secrets import SecretMapping


@pytest.mark.parametrize("step, screen, expected", [
    ({"fill": {"label": "請求者氏名", "value": "{{ record.claimant_name }}"}}, None, "請求者氏名を入力しています"),
    ({"click": "登録"}, "確認画面", "確認画面で「登録」を押します"),
    ({"click": "確認"}, "児童手当 認定請求 登録", "「児童手当 認定請求 登録」画面で「確認」を押します"),
    ({"click": "ログイン"}, None, "「ログイン」を押します"),
    ({"check": "{{ record.sex }}"}, None, "該当する項目に印を付けています"),  # a value: never shown
    ({"select": {"label": "生年月日（元号）", "value": "{{ record.birth_date | era }}"}}, None, "生年月日（元号）を選んでいます"),
    ({"expect_text": "確認画面"}, None, "「確認画面」が表示されたことを確かめています"),
    ({"expect_text": "{{ record.claimant_name }} さん"}, None, "画面の表示を確かめています"),
    ({"open": "/main"}, None, "画面を開いています"),
    ({"accept_dialog": {"expect": "登録します"}}, None, "確認ダイアログで「OK」を押す準備をしています"),
    ({"read_text": {"selector": "#receipt-no", "into": "receipt_no"}}, None, "画面の内容を読み取っています"),
    ({"name": "受付番号を控えます", "read_text": {"selector": "#receipt-no", "into": "receipt_no"}}, None, "受付番号を控えます"),
    ({"name": "{{ record.claimant_name }}", "open": "/main"}, None, "画面を開いています"),
    ({"wait_for": {"text": "検索結果"}}, None, "「検索結果」の表示を待っています"),
    ({"wait_for": {"text": "{{ record.claimant_name }}"}}, None, "画面の表示を待っています"),
    ({"wait_for": {"label": "住所", "state": "filled"}}, None, "「住所」の表示を待っています"),
    ({"in_frame": {"frame": "検索", "steps": [{"click": "検索"}]}}, None, "「検索」の中を操作します"),
    ({"check": {"label": "同意する"}}, None, "「同意する」に印を付けています"),
    ({"click": {"selector": "#go"}}, None, "ボタンを押します"),
])
def test_banner_text(step, screen, expected):
    assert banner_text(Step.model_validate(step), screen) == expected


@pytest.fixture(scope="module")
def browser() -> Iterator[SharedBrowser]:
    """One Chromium for the file (the presenter's pacing and banners run in its pages as in a browser of their own)."""
    with SharedBrowser() as shared:
        yield shared


def _robot(tmp_path: Path, url: str, sample_scenario, browser: SharedBrowser, entry_steps: int = 0,
           **presenter: object) -> WebEntryRobot:
    """A presenting robot whose entry is the sample scenario's first ``entry_steps`` steps."""
    settings = {"enabled": True, "slow_motion_ms": 0, "highlight_ms": 50, "pause_each_step": True, "video": "never",
                **presenter}
    site = load_site(write_demo_site(tmp_path, url, presenter=settings))
    web = sample_scenario.scenario.web
    web = web.model_copy(update={"entry": web.entry[:entry_steps]})
    return WebEntryRobot(web, site, SecretMapping(site.secrets, None), frozenset(), tmp_path / "shots", launcher=browser)


def test_step_mode_pauses_on_entry_steps_not_on_login(legacy, sample_scenario, tmp_path: Path, browser):
    robot = _robot(tmp_path, legacy.url, sample_scenario, browser, entry_steps=4)
    asked: list[str] = []
    robot.presenter.ask = lambda prompt: asked.append(prompt) or ""
    with robot:  # logs in: banners, no pause
        assert asked == [] and len(robot.presenter.shown) == len(sample_scenario.scenario.web.login)
        robot.enter({"claimant_name": "見本　花子"}, "item-00001")
    entry = [t.step for t in robot.timings if t.item == "item-00001"]
    assert len(asked) == len(entry) == 5  # entry[1..4] and the click inside the menu frame
    assert asked[0] == "次の操作: 画面を開いています（Enterキーで進みます）"
    assert asked[-1] == "次の操作: 請求者氏名を入力しています（Enterキーで進みます）"
    assert sorted(t.step for t in robot.timings) == sorted(s["step"] for s in robot.presenter.shown)  # in_frame ends last
    assert all(t.paced is not None and t.paced >= 0 for t in robot.timings)  # the report tells pacing apart
    assert robot.video_dir is None


def test_step_login_pauses_on_the_login_steps_too(legacy, sample_scenario, tmp_path: Path, browser):
    robot = _robot(tmp_path, legacy.url, sample_scenario, browser, pause_login=True)
    asked: list[str] = []
    robot.presenter.ask = lambda prompt: asked.append(prompt) or ""
    with robot:
        pass
    assert len(asked) == len(sample_scenario.scenario.web.login) == len(robot.presenter.shown)
    assert asked[3] == "次の操作: 「ログイン」を押します（Enterキーで進みます）"


def test_end_of_input_stops_pausing(legacy, sample_scenario, tmp_path: Path, browser):
    calls = []

    def closed(prompt: str) -> str:
        calls.append(prompt)
        raise EOFError

    robot = _robot(tmp_path, legacy.url, sample_scenario, browser, entry_steps=3, pause_login=True, highlight_ms=0)
    robot.presenter.ask = closed
    with robot:
        robot.enter({}, "item-00001")
    assert len(calls) == 1  # no keyboard: the run goes on instead of hanging


def test_presenter_off_by_default(legacy, sample_scenario, tmp_path: Path):
    site = load_site(write_demo_site(tmp_path, legacy.url))
    robot = WebEntryRobot(sample_scenario.scenario.web, site, SecretMapping(site.secrets, None), frozenset(), tmp_path)
    assert robot.presenter is None and robot.video_dir is None
    assert isinstance(Presenter, type)


def test_slow_motion_is_presenter_time_not_the_steps_own(legacy, sample_scenario, tmp_path: Path, browser):
    """--slow-ms 300: the presenter waits before each step, timed apart; the steps keep the
    robot's own time, so the fast ones stay fast and the report tells the two apart."""
    from robots.reports.html import _timeline

    robot = _robot(tmp_path, legacy.url, sample_scenario, browser, entry_steps=5, slow_motion_ms=300, highlight_ms=0,
                   pause_each_step=False)
    with robot:
        robot.enter({"claimant_name": "見本　花子", "claimant_kana": "ミホン　ハナコ"}, "item-00001")
    timings = robot.timings
    assert len(timings) >= 8
    assert all(t.paced is not None and t.paced >= 0.3 for t in timings)  # each step was paced, as presenter time
    fast = [t for t in timings if t.seconds < 0.3]
    assert fast and any(t.kind == "fill" for t in fast)  # Playwright's slow_mo would make every step >= 0.3 s
    html = "".join(_timeline([t.as_dict() for t in timings]))
    paced = float(html.split('data-paced="', 1)[1].split('"', 1)[0])
    between = float(html.split('data-between="', 1)[1].split('"', 1)[0])
    assert paced >= round(0.3 * len(timings), 2) - 0.01 and paced <= between  # the waits, shown apart
    assert "発表モードの時間" in html
