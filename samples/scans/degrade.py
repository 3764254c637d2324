"""What a scanner does to a page: placement on the bed, rotation, blur, noise, colour mode.

``scan_page`` takes an upright page rendered at the scan's dpi and returns the image a
scanner would store, with the 2×3 matrix that maps page points (top-left origin, as in
``samples/forms/layout.py``) to pixels of that image. ``photograph`` does the same for a
phone photo taken at a steep angle (a 3×3 homography).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from .marks import Fold, Stamp, draw_fold, draw_stamp

MODES = ("rgb", "gray", "bw")
ROTATIONS = (0, 90, 180, 270)


@dataclass(frozen=True)
class PageScan:
    """How one page is scanned. Ranges are the generator's; the checks name the bad setting.

    ``rotation``: clockwise degrees the page is turned in the image (``img.rotate(rotation,
    expand=True)`` stands it up). ``skew_deg``: a further small turn, counter-clockwise
    positive like ``Image.rotate``, applied before ``rotation``. ``shift``: offset of the page
    on the bed as a fraction of the page's width and height (+ = right, down). ``blur``:
    Gaussian sigma in pixels. ``noise``: Gaussian noise sigma in 8-bit levels.
    ``white_point``: the MFP's background removal — levels at or above it become pure white
    (applied after the noise, so noise survives only in ink and shadows).
    """

    dpi: int
    mode: str = "gray"
    rotation: int = 0
    skew_deg: float = 0.0
    shift: tuple[float, float] = (0.0, 0.0)
    scale: float = 1.0
    blur: float = 0.0
    noise: float = 0.0
    jpeg_quality: int | None = None
    bw_threshold: int | None = None
    white_point: int | None = None
    stamp: Stamp | None = None
    fold: Fold | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        checks = {
            "dpi": 50 <= self.dpi <= 1200,
            "mode": self.mode in MODES,
            "rotation": self.rotation in ROTATIONS,
            "skew_deg": abs(self.skew_deg) <= 10,
            "shift": all(abs(v) <= 0.1 for v in self.shift),
            "scale": 0.5 <= self.scale <= 1.5,  # 0.95-1.05 on the bed; beyond: a form printed reduced or enlarged
            "blur": 0 <= self.blur <= 5,
            "noise": 0 <= self.noise <= 30,
            "jpeg_quality": self.jpeg_quality is None or 1 <= self.jpeg_quality <= 100,
            "bw_threshold": (self.bw_threshold is not None) == (self.mode == "bw"),
            "white_point": self.white_point is None or (self.mode != "bw" and 200 <= self.white_point <= 255),
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"PageScan: bad {', '.join(bad)}: {self!r}")

    def as_truth(self) -> dict:
        return {
            "dpi": self.dpi,
            "rotation": self.rotation,
            "skew_deg": round(self.skew_deg, 3),
            "shift": [round(v, 4) for v in self.shift],
            "scale": round(self.scale, 4),
            "blur": round(self.blur, 3),
            "noise": round(self.noise, 2),
            "jpeg_quality": self.jpeg_quality,
            "mode": self.mode,
            "bw": self.mode == "bw",
            "bw_threshold": self.bw_threshold,
            "white_point": self.white_point,
            "stamp": self.stamp.as_truth() if self.stamp else None,
            "fold": self.fold.as_truth() if self.fold else None,
            **self.extra,
        }


def _rot90_matrix(rotation: int, w: int, h: int) -> np.ndarray:
    """3×3 map of pixel coordinates when an image of ``w``×``h`` is turned clockwise."""
    return {
        0: np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float64),
        90: np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], dtype=np.float64),
        180: np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], dtype=np.float64),
        270: np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], dtype=np.float64),
    }[rotation]


def _noisy(a: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Add luminance noise (the same on every channel, as a scanner's sensor gives)."""
    if sigma <= 0:
        return a
    n = rng.standard_normal(a.shape[:2], dtype=np.float32) * sigma
    if a.ndim == 3:
        n = n[:, :, None]
    return np.clip(a.astype(np.float32) + n + 0.5, 0, 255).astype(np.uint8)


def _finish(
    a: np.ndarray, spec_mode: str, blur: float, noise: float, threshold: int | None, rng, white_point: int | None = None
) -> Image.Image:
    if blur > 0:
        a = cv2.GaussianBlur(a, (0, 0), blur)
    a = _noisy(a, noise, rng)
    if white_point is not None:
        a = cv2.convertScaleAbs(a, alpha=255.0 / white_point)  # saturates at 255
    if spec_mode == "bw":
        return Image.fromarray(a > threshold)  # mode "1"
    return Image.fromarray(a, "RGB" if a.ndim == 3 else "L")


def scan_page(rgb: np.ndarray, spec: PageScan, rng: np.random.Generator) -> tuple[Image.Image, list[list[float]]]:
    """Scan an upright page rendered at ``spec.dpi``; return the image and page→image matrix."""
    rgb = rgb.copy()
    if spec.stamp is not None:
        draw_stamp(rgb, spec.stamp, spec.dpi, rng)
    if spec.fold is not None:
        draw_fold(rgb, spec.fold, spec.dpi)
    a = rgb if spec.mode == "rgb" else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), spec.skew_deg, spec.scale)
    m[0, 2] += spec.shift[0] * w
    m[1, 2] += spec.shift[1] * h
    white = (255, 255, 255) if a.ndim == 3 else 255
    a = cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=white)
    a = np.ascontiguousarray(np.rot90(a, -spec.rotation // 90))
    image = _finish(a, spec.mode, spec.blur, spec.noise, spec.bw_threshold, rng, spec.white_point)
    k = spec.dpi / 72
    points_to_pixels = np.diag([k, k, 1.0])
    full = _rot90_matrix(spec.rotation, w, h) @ np.vstack([m, [0, 0, 1]]) @ points_to_pixels
    return image, [[round(float(v), 4) for v in row] for row in full[:2]]


def photograph(
    rgb: np.ndarray, dpi: int, corners: list[tuple[float, float]], size: tuple[int, int], rng: np.random.Generator
) -> tuple[Image.Image, list[list[float]]]:
    """A phone photo of the page lying on a desk: the page's corners (top-left, top-right,
    bottom-right, bottom-left) land on ``corners``; returns the image and the 3×3
    homography from page points to photo pixels."""
    h, w = rgb.shape[:2]
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    dst = np.float32(corners)
    hom = cv2.getPerspectiveTransform(src, dst)
    out_w, out_h = size
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    desk = np.empty((out_h, out_w, 3), dtype=np.float32)
    wood = 0.85 + 0.15 * np.sin(yy / 9.0 + 3 * np.sin(xx / 140.0))
    for i, base in enumerate((128, 96, 64)):
        desk[:, :, i] = base * wood
    paper = cv2.warpPerspective(rgb, hom, size, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    cover = cv2.warpPerspective(np.full((h, w), 255, np.uint8), hom, size, flags=cv2.INTER_LINEAR)
    alpha = (cover.astype(np.float32) / 255.0)[:, :, None]
    photo = paper.astype(np.float32) * alpha + desk * (1 - alpha)
    light = 0.7 + 0.35 * (1 - yy / out_h) * (0.6 + 0.4 * xx / out_w)  # window light from the top right
    photo *= np.clip(light, 0, 1.05)[:, :, None]
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    image = _finish(photo, "rgb", 1.2, 4.0, None, rng)
    full = hom.astype(np.float64) @ np.diag([dpi / 72, dpi / 72, 1.0])
    full /= full[2, 2]
    return image, [[round(float(v), 6) for v in row] for row in full]


def blank_scan(dpi: int, size: tuple[int, int], noise: float, rng: np.random.Generator) -> Image.Image:
    """A scan of an empty sheet: near-white paper, sensor noise, a faint shadow at one edge."""
    w, h = size
    a = np.full((h, w), 246, dtype=np.float32)
    a[:, : max(1, dpi // 25)] -= np.linspace(30, 0, max(1, dpi // 25), dtype=np.float32)[None, :]
    return _finish(np.clip(a, 0, 255).astype(np.uint8), "gray", 0.0, noise, None, rng)
