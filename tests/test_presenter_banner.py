"""Where the presenter's banner goes: a bar above the page that pushes the page down, so that
it hides none of the page's own title, title bar or menu — checked in Chromium on every screen
of the sample legacy system the robot passes (login, main menu, entry), while it is paused."""

from __future__ import annotations

from pathlib import Path

from robots.demo.runner import write_demo_site
from robots.web import WebEntryRobot
from robots.web.presenter import BANNER_ID
from shared.config import load_site
from shared.secrets import SecretMapping

# For each of the page's own landmarks (its heading, the system's title bar, the menu frame):
# whether the banner's box overlaps it, and what the browser shows at its centre.
_COVERED = """(id) => {
    const banner = document.getElementById(id);
    if (!banner) return null;
    const b = banner.getBoundingClientRect();
    const found = [];
    for (const el of document.querySelectorAll('h1, div.bar, iframe')) {
        const r = el.getBoundingClientRect();
        const overlaps = r.top < b.bottom && r.bottom > b.top && r.left < b.right && r.right > b.left;
        const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
        found.push({what: el.tagName + (el.className ? '.' + el.className : ''), overlaps,
                    shown: top === el || el.contains(top), banner_height: b.height, top: r.top});
    }
    return found;
}"""


def test_banner_hides_no_title_or_menu(legacy, sample_scenario, tmp_path: Path):
    site = load_site(write_demo_site(tmp_path, legacy.url, presenter={
        "enabled": True, "slow_motion_ms": 0, "highlight_ms": 0, "pause_each_step": True, "pause_login": True,
        "video": "never"}))
    web = sample_scenario.scenario.web
    web = web.model_copy(update={"entry": web.entry[:4]})  # to the entry screen, and a first field typed there
    robot = WebEntryRobot(web, site, SecretMapping(site.secrets, None), frozenset(), tmp_path / "shots")
    seen: dict[str, list[dict]] = {}

    def look(prompt: str) -> str:  # paused before a step: the banner is on the page now
        landmarks = robot.page.evaluate(_COVERED, BANNER_ID)
        if landmarks:
            seen[robot.page.url.split("?")[0].rsplit("/", 1)[-1] + " " + prompt] = landmarks
        return ""

    robot.presenter.ask = look
    with robot:
        robot.enter({"claimant_name": "見本　花子"}, "item-00001")
    screens = {key.split(" ", 1)[0] for key in seen}
    assert {"login", "main", "entry"} <= screens, screens
    for key, landmarks in seen.items():
        for landmark in landmarks:
            assert landmark["banner_height"] > 20, key  # the banner is there, with its text
            assert not landmark["overlaps"] and landmark["shown"], (key, landmark)
    entry = [landmarks for key, landmarks in seen.items() if key.startswith("entry")][0]
    assert {"H1", "DIV.bar"} <= {landmark["what"] for landmark in entry}
