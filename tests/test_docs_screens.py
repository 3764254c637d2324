"""docs/screens.md: every step it shows is a valid step, every site setting a valid setting,
and every form of session_expired it shows a valid web setting."""

from __future__ import annotations

import re

import pytest
import yaml

from robots.demo.runner import REPO
from shared.config.scenario import WebSpec
from shared.config.site import RetrySettings
from shared.config.steps import Step

TEXT = (REPO / "docs" / "screens.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)


def test_the_page_has_examples():
    assert len(BLOCKS) >= 8
    assert "th" in TEXT and "selector" in TEXT and "summary" in TEXT


@pytest.mark.parametrize("block", BLOCKS)
def test_every_yaml_example_is_valid(block):
    data = yaml.safe_load(block)
    if isinstance(data, list):
        for step in data:
            Step.model_validate(step)
    elif "retry" in data:
        RetrySettings.model_validate(data["retry"])
    else:
        forms = [data["web"]["session_expired"]]
        forms += [yaml.safe_load(line.split("session_expired:", 1)[1]) for line in block.splitlines()
                  if line.strip().startswith("# session_expired:")]
        assert len(forms) == 3
        for form in forms:
            WebSpec.model_validate({"system": "kikan", "entry": [{"open": "/"}], "session_expired": form})


# Each HTML example of a table-layout screen, and the steps written under it: in Chromium, every
# step's label finds exactly one control of that HTML, and no two steps find the same one.
PAIRS = re.findall(r"```html\n(.*?)```\s*```yaml\n(.*?)```", TEXT, flags=re.S)
RECORD = {"claimant_name": "山田　太郎", "claimant_kana": "ヤマダ　タロウ", "phone": "03-1234-5678", "fax": "03-1234-5679"}


def test_the_page_shows_table_layout_screens_with_their_steps():
    assert len(PAIRS) >= 4
    assert all("<t" in html or "<p" in html for html, _ in PAIRS)


@pytest.mark.parametrize("html, steps", PAIRS, ids=[f"example-{n + 1}" for n in range(len(PAIRS))])
def test_every_table_layout_example_finds_one_control_for_each_step(run_resources, tmp_path, html, steps):
    from robots.demo.runner import chromium_settings
    from robots.web.context import StepContext
    from shared.config.site import BrowserSettings

    shown = f"<table>{html}</table>" if html.lstrip().startswith("<tr") else html
    labels = []
    for step in (Step.model_validate(raw) for raw in yaml.safe_load(steps)):
        args = step.args
        label = args if isinstance(args, str) else args.label
        labels += ["男", "女"] if label == "{{ record.sex }}" else [label]  # the record's either value
    with run_resources.launcher.open(BrowserSettings(**chromium_settings())) as page:
        page.set_content(shown.replace("…", "<option>昭和</option>"))
        ctx = StepContext(page=page, base_url="http://127.0.0.1/", allowed_hosts=frozenset(), record=RECORD, site={},
                          secret={}, masked_fields=frozenset(), screenshot_dir=tmp_path)
        found = [ctx.locate(label, None).evaluate_all("els => els.map(e => e.outerHTML)") for label in labels]
    assert all(len(each) == 1 for each in found), dict(zip(labels, found, strict=True))
    assert len({each[0] for each in found}) == len(labels)  # each step its own control


def test_the_onclick_cell_of_the_click_section_is_what_click_finds(run_resources):
    from connectors.browser.engines import CLICK_ENGINE, engine_text
    from robots.demo.runner import chromium_settings
    from shared.config.site import BrowserSettings

    cell = re.search(r"`(<td onclick=\"…\">(.*?)</td>)`", TEXT)
    assert cell is not None
    with run_resources.launcher.open(BrowserSettings(**chromium_settings())) as page:
        page.set_content(f"<table><tr>{cell.group(1).replace('…', 'void 0')}<td>検索</td></tr></table>")
        assert page.locator(f"{CLICK_ENGINE}=any:{engine_text(cell.group(2))}").count() == 1
