"""Screenshots paint over personal data and secrets (checked pixel by pixel in Chromium)."""

from __future__ import annotations

import base64

import pytest

from connectors.browser import open_browser
from robots.demo.runner import chromium_settings
from robots.web.context import StepContext
from robots.web.steps import fill, take_screenshot
from shared.config.site import BrowserSettings
from shared.config.steps import FillArgs

PAGE = """
<label for="name">氏名</label><input id="name" style="width:240px;height:32px;font-size:20px">
<label for="bank">銀行</label><input id="bank" style="width:240px;height:32px;font-size:20px">
<p id="shown" style="font-size:24px">確認: 東京都千代田区千代田1-2-3</p>
"""

PIXEL = """async ([data, x, y]) => {
  const image = new Image(); image.src = 'data:image/png;base64,' + data; await image.decode();
  const canvas = document.createElement('canvas'); canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d'); context.drawImage(image, 0, 0);
  return Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
}"""


@pytest.fixture
def page():
    with open_browser(BrowserSettings(**chromium_settings())) as page:
        yield page


def center(page, selector):
    box = page.locator(selector).bounding_box()
    return int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2)


def test_personal_fields_and_shown_values_are_painted_over(page, tmp_path):
    page.set_content(PAGE)
    ctx = StepContext(page=page, base_url="http://127.0.0.1/", allowed_hosts=frozenset(),
                      record={"name": "山田　太郎", "address": "東京都千代田区千代田1-2-3", "bank": "見本銀行"},
                      site={}, secret={}, masked_fields=frozenset({"name", "address"}), screenshot_dir=tmp_path)
    fill(ctx, FillArgs(label="氏名", value="{{ record.name }}"))
    fill(ctx, FillArgs(label="銀行", value="{{ record.bank }}"))
    path = take_screenshot(ctx, "check")
    data = base64.b64encode(path.read_bytes()).decode()
    masked = [32, 32, 32]
    assert page.evaluate(PIXEL, [data, *center(page, "#name")]) == masked
    assert page.evaluate(PIXEL, [data, *center(page, "#shown")]) == masked
    assert page.evaluate(PIXEL, [data, *center(page, "#bank")]) != masked  # not personal data
    assert path.name.endswith("-check.png")
