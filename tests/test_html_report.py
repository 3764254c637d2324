"""The HTML run report, opened in Chromium: its counts equal the ledger's, it is one
self-contained file, and it holds no seeded personal data unless asked for locally."""

from __future__ import annotations

import secrets
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import CLAIMS, SCENARIO_DIR, seeded_personal_data
from playwright.sync_api import sync_playwright

from connectors.browser.playwright import QUIET_ARGS
from robots.demo.runner import chromium_settings, write_demo_site
from robots.reports import rebuild_report
from robots.run.batch import run_scenario
from shared.ledger import open_ledger

pytestmark = pytest.mark.slow

FILES = ["claim-001.pdf", "claim-002.pdf", "bad-mynumber.pdf", "empty.pdf", "kana-invalid.pdf"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, legacy_server):
    folder = tmp_path_factory.mktemp("report")
    inbox = folder / "inbox" / "jidou-teate"
    inbox.mkdir(parents=True)
    for name in FILES:
        shutil.copy2(CLAIMS / name, inbox / name)
    app = legacy_server.reset(password=secrets.token_urlsafe(12))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEGACY_USER", app.user)
        patch.setenv("LEGACY_PASSWORD", app.password)
        site = write_demo_site(folder, app.url)
        summary = run_scenario(SCENARIO_DIR, site)
        personal = rebuild_report(SCENARIO_DIR, site, summary.run_id, show_personal_data=True)
    return folder, summary, personal


def _open(path: Path, shot: Path) -> dict:
    settings = chromium_settings()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(headless=True, executable_path=settings.get("executable"),
                                             args=[*QUIET_ARGS, *settings.get("args", ["--disable-gpu"])])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(path.as_uri())
            page.screenshot(path=str(shot), full_page=True)
            counts = {cell.get_attribute("data-state"): int(cell.inner_text())
                      for cell in page.locator("#counts td[data-state]").all()}
            return {"counts": counts, "total": int(page.locator("#ledger-total").inner_text()),
                    "items": page.locator("details.item").count(), "requests": requests,
                    "crops": [img.get_attribute("data-field") for img in page.locator("img.crop").all()],
                    "chart": page.locator("#step-chart rect").count(),
                    "reasons": page.locator("p.reason").all_inner_texts()}
        finally:
            browser.close()


def test_report_counts_equal_the_ledger(run, tmp_path):
    folder, summary, _ = run
    assert summary.html_report is not None and summary.html_report.is_file()
    shown = _open(summary.html_report, tmp_path / "report.png")
    assert (tmp_path / "report.png").stat().st_size > 20_000
    with open_ledger(folder / "work" / "ledger.sqlite3") as ledger:
        items = ledger.items("jidou-teate-nintei")
    assert shown["counts"] == dict(Counter(item.state.value for item in items))
    assert shown["total"] == len(items) == len(FILES)
    assert shown["items"] == len(FILES)
    assert shown["chart"] > 10  # time per step
    assert len(shown["reasons"]) == 3  # every failure with its reason
    assert [r for r in shown["requests"] if not r.startswith(("file:", "data:"))] == []  # opens offline


def test_report_shows_crops_of_public_fields_only(run, sample_scenario, tmp_path):
    _, summary, _ = run
    crops = set(_open(summary.html_report, tmp_path / "r.png")["crops"])
    masked = {name for name, spec in sample_scenario.scenario.fields.items() if spec.mask}
    assert {"request_date", "sex", "pension", "bank_name"} <= crops
    assert not crops & masked


def test_report_holds_no_personal_data(run, truth):
    folder, summary, personal = run
    html = summary.html_report.read_text(encoding="utf-8")
    for value in seeded_personal_data(truth):
        assert value not in html
    assert "＊＊＊" in html
    local = personal.read_text(encoding="utf-8")  # asked for on this machine: shown, kept in work/
    assert personal.parent == folder / "work" / "reports"
    assert truth["claim-001.pdf"]["fields"]["claimant_name"] in local


_TIMES = """() => ({
    rows: [...document.querySelectorAll('#timeline tr.part td[data-seconds]')].map(td => td.textContent),
    steps: document.querySelector('#steps-total').textContent,
    between: document.querySelector('#between-total').textContent,
    total: document.querySelector('#elapsed-total').textContent,
    headline: document.querySelector('#elapsed').textContent,
    explained: document.querySelector('#between').textContent,
})"""

_CELLS = """(source) => {
    const item = [...document.querySelectorAll('details.item')].find(d => d.querySelector('summary').textContent.startsWith(source));
    const cells = {};
    for (const td of item.querySelectorAll('table.fields td[data-field]')) {
        const style = getComputedStyle(td);
        cells[td.dataset.field] = {text: td.textContent, kind: td.className, look: style.backgroundColor + ' ' + style.fontStyle};
    }
    return cells;
}"""


def _evaluate(path: Path, script: str, arg: object = None) -> object:
    settings = chromium_settings()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(headless=True, executable_path=settings.get("executable"),
                                             args=[*QUIET_ARGS, *settings.get("args", ["--disable-gpu"])])
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            return page.evaluate(script, arg)
        finally:
            browser.close()


def test_report_total_time_is_the_sum_of_its_parts(run):
    from decimal import Decimal

    _, summary, _ = run
    shown = _evaluate(summary.html_report, _TIMES)
    rows = [Decimal(row) for row in shown["rows"]]
    assert len(rows) == 3  # the login, then the two items entered
    assert sum(rows) == Decimal(shown["steps"])
    assert Decimal(shown["steps"]) + Decimal(shown["between"]) == Decimal(shown["total"])
    assert f"入力にかかった時間: {shown['total']} 秒" in shown["headline"]
    assert f"操作 {shown['steps']} 秒" in shown["headline"] and f"操作の合間 {shown['between']} 秒" in shown["headline"]
    assert "ブラウザの起動は含みません" in shown["headline"] and "ログイン" in shown["headline"]
    assert "発表モード" not in shown["explained"]  # not a presentation: no pacing to explain
    timings = summary.step_timings
    wall = max(t.started + t.seconds for t in timings) - min(t.started for t in timings)
    assert abs(float(shown["total"]) - wall) < 0.02  # the headline is the real time from first step to last


def test_blank_and_hidden_fields_look_different(run, truth, sample_scenario):
    _, summary, personal = run
    cells = _evaluate(summary.html_report, _CELLS, "claim-001.pdf")
    fields = truth["claim-001.pdf"]["fields"]
    masked = {name for name, spec in sample_scenario.scenario.fields.items() if spec.mask}
    hidden = {name for name in masked if fields.get(name)}
    blank = {name for name in masked if not fields.get(name)}
    assert "account_number" in hidden and "child2_name" in blank
    for name in hidden:
        assert cells[name]["text"] == "＊＊＊" and cells[name]["kind"] == "masked", name
    for name in blank:
        assert cells[name]["text"] == "（空欄）" and "blank" in cells[name]["kind"], name
    assert cells["account_number"]["look"] != cells["child2_name"]["look"]
    assert "「（空欄）」は用紙に記入がなかった項目です" in summary.html_report.read_text(encoding="utf-8")
    local = _evaluate(personal, _CELLS, "claim-001.pdf")  # with personal data: the values, and blanks as blanks
    assert local["account_number"]["text"] == fields["account_number"]
    assert local["child2_name"]["text"] == "（空欄）"


def test_run_summary_links_the_report(run):
    _, summary, _ = run
    from io import StringIO

    from rich.console import Console

    from robots.cli.summary import print_summary

    out = StringIO()
    print_summary(Console(file=out, width=300), summary)
    assert f"実行レポート（HTML）: {summary.html_report}" in out.getvalue()


def test_crops_of_a_scan_come_from_the_page_aligned_to_the_blank_form(sample_scenario):
    import base64
    import io

    from PIL import Image

    from robots.reports.images import form_crops

    template = sample_scenario.templates["template.yaml"]
    scan = CLAIMS.parents[1] / "scans" / "out" / "scan-001.tif"
    crops = form_crops(scan, template, sample_scenario.folder, ["request_date", "sex", "consent"], scan=True)
    assert set(crops) == {"request_date", "sex", "consent"}
    image = Image.open(io.BytesIO(base64.b64decode(crops["request_date"].split(",", 1)[1])))
    box = template.fields["request_date"].box
    width = (box[2] - box[0]) * 300 / 72  # cut at the reading resolution, then shrunk to at most 600 px
    assert abs(image.width - min(600, width)) <= 2
    assert abs(image.height - (box[3] - box[1]) * 300 / 72 * min(600, width) / width) <= 2


def test_a_composite_field_is_cropped_over_all_its_parts():
    from robots.reports import field_box
    from shared.config import FieldBinding

    binding = FieldBinding.model_validate({"page": 1, "parts": {
        "era": {"read": "circled", "options": {"昭": [100, 50, 110, 60], "平": [120, 50, 130, 60]}},
        "year": {"box": [140, 48, 160, 62]}, "month": {"box": [170, 48, 185, 62]}, "day": {"box": [195, 48, 210, 64]}}})
    assert field_box(binding) == (100, 48, 210, 64)


def test_report_html_run_names_a_recorded_run(run, monkeypatch):
    from cli_runner import cli

    folder, summary, _ = run
    site = folder / "site.yaml"
    for name in ("LEGACY_USER", "LEGACY_PASSWORD"):  # a report logs in nowhere: the demo's secrets are not needed
        monkeypatch.delenv(name, raising=False)
    written = cli("report", "html", SCENARIO_DIR, "--site", site, "--run", summary.run_id, "--show-personal-data")
    assert written.exit_code == 0, written.output
    assert f"実行レポート_{summary.run_id}_個人情報あり.html" in written.stdout
    for bad in ("../../etc/passwd", "latest"):
        refused = cli("report", "html", SCENARIO_DIR, "--site", site, "--run", bad)
        assert refused.exit_code == 2 and "実行IDの形ではありません" in refused.stdout and summary.run_id in refused.stdout
    unknown = cli("report", "html", SCENARIO_DIR, "--site", site, "--run", "20200101-000000-abcdef")
    assert unknown.exit_code == 2 and "の記録がありません" in unknown.stdout and summary.run_id in unknown.stdout
