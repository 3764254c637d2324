"""demo --present, headless: the browser is recorded to a video, and before every step a
Japanese banner naming the step is put into the page and read back from the DOM."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest
from cli_runner import cli
from conftest import seeded_personal_data
from typer.testing import Result

from samples.legacy_app import fetch_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def presented(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    here = tmp_path_factory.mktemp("present")
    with pytest.MonkeyPatch.context() as env:  # no display: headless
        env.chdir(here)
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):
            env.delenv(name, raising=False)
        result = cli("demo", "--present", "--limit", "1", "--slow-ms", "20")  # no --dir: a folder of its own
    shown = result.stdout.split("発表用の新しいフォルダで実行します: ", 1)[1].split("（", 1)[0]
    return here / shown, result


def test_a_presentation_runs_in_a_fresh_folder_of_its_own(presented):
    folder, result = presented
    assert result.exit_code == 0, result.output
    assert folder.parent.name == ".demo-present" and (folder / ".robot-runner-demo").is_file()
    assert "登録済み: 1 件" in result.stdout and "処理済みのため対象外: 0 件" in result.stdout


def _run_dir(folder: Path, kind: str) -> Path:
    (path,) = (folder / "work" / kind).iterdir()
    return path


def test_demo_present_records_a_video_headless(presented):
    folder, result = presented
    assert result.exit_code == 0, result.output
    videos = list(_run_dir(folder, "videos").glob("*.webm"))
    assert len(videos) == 1 and videos[0].stat().st_size > 10_000
    capture = cv2.VideoCapture(str(videos[0]))
    frames = highlighted = 0
    while True:
        ok, image = capture.read()
        if not ok:
            break
        frames += 1
        blue, green, red = (image[:, :, i].astype(int) for i in range(3))
        highlighted += int(((red - green > 90) & (blue - green > 40)).sum() > 300)  # the pink outline (#e4007f)
    capture.release()
    assert frames >= 20  # a real, decodable video of the run
    assert highlighted >= 5  # elements were highlighted before the robot acted on them
    assert "録画:" in result.stdout


def test_banner_shown_in_the_dom_before_every_step(presented):
    folder, result = presented
    assert result.exit_code == 0, result.output
    banners = [json.loads(line) for line in (_run_dir(folder, "videos") / "banners.jsonl").read_text(encoding="utf-8").splitlines()]
    (data_file,) = (folder / "work" / "reports").glob("run-*.json")
    steps = [(t["item"], t["step"]) for t in json.loads(data_file.read_text(encoding="utf-8"))["timings"]]
    assert len(steps) > 30
    # one banner per step run (timings are noted when a step ends, so in_frame's come after its inner steps)
    assert sorted((b["item"], b["step"]) for b in banners) == sorted(steps)
    for banner in banners:
        assert banner["banner"] and banner["dom"] == banner["banner"], banner  # read back from the page
    texts = {b["banner"] for b in banners}
    assert "請求者氏名を入力しています" in texts
    assert "確認画面で「登録」を押します" in texts


def test_banners_hold_no_personal_data_and_the_record_is_entered(presented, truth):
    import re

    folder, _ = presented
    text = (_run_dir(folder, "videos") / "banners.jsonl").read_text(encoding="utf-8")
    [report] = (folder / "output").glob("実行レポート_*.html")
    html = re.sub(r'src="data:[^"]*"', "", report.read_text(encoding="utf-8"))  # crops are images, of public fields only
    assert "発表モード" in html  # the report says what presenter mode adds to the time
    for value in seeded_personal_data(truth):
        assert value not in text and value not in html
    records = fetch_records(folder / "legacy" / "legacy.sqlite3")
    assert len(records) == 1 and records[0]["receipt_no"].startswith("JT-")
