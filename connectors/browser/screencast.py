"""A video of a page without Playwright's ffmpeg (which `playwright install ffmpeg` would
download — impossible on an offline LGWAN machine): Chromium's own screencast frames
(DevTools ``Page.startScreencast``), written as WebM/VP8 with OpenCV's bundled encoder.

    recorder = ScreencastRecorder(page, video_dir)
    ...                      # drive the page
    recorder.save()          # video_dir/page-YYYYmmdd-HHMMSS.webm
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from shared.files import make_private, private_folder

__all__ = ["ScreencastRecorder"]

FPS = 10
MAX_FRAMES = 20_000  # about half an hour at 10 frames per second; later frames are dropped


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence the C library's writes to stderr (file descriptor 2) for a moment."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class ScreencastRecorder:
    """Collects the frames Chromium sends while ``page`` changes; ``save`` writes the video
    at a steady frame rate (a frame is repeated until the next one arrived)."""

    def __init__(self, page: Any, video_dir: Path, size: dict[str, int] | None = None) -> None:
        self.video_dir = Path(video_dir)
        self.size = size or {"width": 1280, "height": 800}
        self.frames: list[tuple[float, bytes]] = []
        self._session = page.context.new_cdp_session(page)
        self._session.on("Page.screencastFrame", self._on_frame)
        self._session.send("Page.startScreencast", {"format": "jpeg", "quality": 70, "everyNthFrame": 1,
                                                   "maxWidth": self.size["width"], "maxHeight": self.size["height"]})

    def _on_frame(self, params: dict[str, Any]) -> None:
        try:
            self._session.send("Page.screencastFrameAck", {"sessionId": params["sessionId"]})
        except Exception:  # the page is closing: the frame is still kept
            pass
        if len(self.frames) < MAX_FRAMES:
            stamp = float(params.get("metadata", {}).get("timestamp") or dt.datetime.now().timestamp())
            self.frames.append((stamp, base64.b64decode(params["data"])))

    def stop(self) -> None:
        try:
            self._session.send("Page.stopScreencast")
            self._session.detach()
        except Exception:  # the browser is already gone
            pass

    def save(self) -> Path | None:
        """Write the frames as a WebM video; None when no frame ever came."""
        self.stop()
        if not self.frames:
            return None
        import cv2
        import numpy as np

        width, height = self.size["width"], self.size["height"]
        private_folder(self.video_dir)
        path = self.video_dir / f"page-{dt.datetime.now():%Y%m%d-%H%M%S}.webm"
        with _quiet_stderr():  # FFmpeg inside OpenCV warns about the WebM tag, though it writes VP8 fine
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"VP80"), FPS, (width, height))
        try:
            start = self.frames[0][0]
            written = 0
            for index, (stamp, jpeg) in enumerate(self.frames):
                image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
                if image is None:
                    continue
                canvas = np.full((height, width, 3), 255, np.uint8)
                h, w = min(height, image.shape[0]), min(width, image.shape[1])
                canvas[:h, :w] = image[:h, :w]
                until = self.frames[index + 1][0] if index + 1 < len(self.frames) else stamp + 1.0
                target = max(written + 1, round((until - start) * FPS))
                while written < target:
                    writer.write(canvas)
                    written += 1
        finally:
            writer.release()
        make_private(path)  # the screen shows what the robot typed: for the owner only
        return path
