"""Register a scanned page to the template's blank form, in two passes, and warp the page
into the blank form's coordinates so template boxes fall on the right pixels.

1. **Coarse**: ORB features matched to the blank form's and a RANSAC homography, at reduced
   resolution (``WORK_LONG_SIDE``) for speed. ORB is rotation-invariant, so this finds the
   page however it lies — a quarter or half turn, plus the skew of the scanner's feed.
2. **Fine**: the page, warped by the coarse map, is cut into tiles where the blank form prints
   something; the shift of each tile against the blank form is measured by phase correlation,
   and a homography fitted to the tiles that agree corrects the coarse map.

Why the second pass: the coarse map is not accurate on a turned page. ORB's keypoints are
placed on each pyramid level's pixel grid, and on a page turned a half or a quarter turn those
placements do not cancel against the upright blank form's; measured on the sample claim and
the tuning procedures' forms (skewed up to 3.5°, turned 0/90/180/270°), the coarse map put
field boxes up to 3.5 pt off on turned pages (0.1–0.5 pt upright). After the fine pass every
field box of the 98 pages measured lay within 0.55 pt (median 0.2 pt). The tiles also say how
sure the registration is: how many agree, and how closely (``Alignment.quality``).

The map also says how large the form was printed (``Alignment.scale`` against the page's
picture, ``Alignment.printed`` against its stated resolution): a form printed "fit to page" or
reduced (85 %, 71 % from A3) is registered all the same, within ``PRINT_SCALES``, so the reader
can tell the person to print it at 100 % instead of doubting every field."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

__all__ = ["Aligner", "Alignment", "NotAligned"]

WORK_LONG_SIDE = 1100  # pixels of the long side while matching features
MIN_INLIERS = 40
ROTATIONS = (0, 180, 90, 270)
TILE = 96  # pixels at the working resolution (about 70 pt on A4)
TILE_INK = 0.01  # share of a tile the blank form must print for its shift to be measured
TILE_RESPONSE = 0.2  # phase-correlation peak below which a tile's shift is noise
TILE_AGREE = 1.0  # pixels at the working resolution (about 0.8 pt): a tile agrees with the fitted map
MIN_TILES = 12  # agreeing tiles needed to trust the fine pass (measured 20-63 on the sample A4 forms)
SURE_SHARE = 0.8  # share of the measured tiles agreeing on a well-registered page
MAX_CORRECTION = 12.0  # pixels at the working resolution the fine pass may move any corner
PRINT_SCALES = (0.5, 1.5)  # sizes a form printed reduced or enlarged may have and still be registered
UNIFORM = 1.05  # a printer scales both sides alike: the longer side's scale over the shorter's, at most


class NotAligned(ValueError):
    """The page does not match the blank form well enough to be read."""


@dataclass(frozen=True)
class Alignment:
    rotation: int  # quarter turns (degrees, counter-clockwise) that stand the page up
    skew: float  # the further turn (degrees, counter-clockwise positive) that stands it up
    inliers: int  # features of the coarse pass that agree with its homography
    inlier_ratio: float
    scale: float  # how much larger the page is than the form (1.0 = same size)
    tiles: int = 0  # tiles of the fine pass whose shift was measured
    agreeing: int = 0  # of them, those within ``TILE_AGREE`` of the refined map (0: fine pass not used)
    error_pt: float | None = None  # RMS distance of the agreeing tiles from the refined map, in points
    printed: float | None = None  # the form's size on paper over its true size, from the page's dpi (1.0 = 100 %)
    matrix: tuple[tuple[float, ...], ...] = field(default=((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
                                                  compare=False)  # 3×3: page pixels → the blank form's pixels

    @property
    def refined(self) -> bool:
        return self.agreeing >= MIN_TILES

    @property
    def quality(self) -> float:
        """0..1: how sure the registration is (feeds field confidence). Refined: the share of
        measured tiles that agree, full from ``SURE_SHARE`` (measured 0.93-1.0 on the sample
        forms); each agreeing tile is then within 0.8 pt. Not refined (too little printed on
        the form, or the tiles disagree): the coarse match's inliers and their share, and never
        above 0.9 — the coarse map alone was measured up to 3.5 pt off on turned pages."""
        if self.refined:
            return min(1.0, self.agreeing / max(self.tiles, 1) / SURE_SHARE)
        return min(0.9, min(1.0, self.inliers / 300) * min(1.0, self.inlier_ratio / 0.5))


def _small(image: np.ndarray) -> tuple[np.ndarray, float]:
    factor = WORK_LONG_SIDE / max(image.shape[:2])
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA), factor


def _scaling(factor: float) -> np.ndarray:
    """3×3 map of pixel coordinates when an image is resized by ``factor`` (``cv2.resize``
    maps pixel centres: x' = (x + 0.5)·f − 0.5)."""
    offset = 0.5 * factor - 0.5
    return np.array([[factor, 0, offset], [0, factor, offset], [0, 0, 1]], dtype=float)


def _rotate(image: np.ndarray, degrees: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    return image if degrees == 0 else cv2.rotate(image, codes[degrees])


def _rotation_matrix(degrees: int, width: int, height: int) -> np.ndarray:
    """3×3 matrix of ``_rotate`` on an image of ``width``×``height`` (pixel coordinates)."""
    if degrees == 0:
        return np.eye(3)
    if degrees == 180:
        return np.array([[-1, 0, width - 1], [0, -1, height - 1], [0, 0, 1]], dtype=float)
    if degrees == 90:  # counter-clockwise: (x, y) -> (y, W-1-x)
        return np.array([[0, 1, 0], [-1, 0, width - 1], [0, 0, 1]], dtype=float)
    return np.array([[0, -1, height - 1], [1, 0, 0], [0, 0, 1]], dtype=float)  # 270


class Aligner:
    """Aligns pages to one reference page (the blank form rendered at ``dpi``)."""

    def __init__(self, reference: np.ndarray, dpi: float = 300) -> None:
        self.reference = reference
        self.dpi = dpi
        self._orb = cv2.ORB.create(nfeatures=4000, scaleFactor=1.2, nlevels=8, fastThreshold=10)
        self._matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
        small, self._ref_factor = _small(reference)
        self._ref_small = small
        self._ref_kp, self._ref_desc = self._orb.detectAndCompute(small, None)
        self._window = cv2.createHanningWindow((TILE, TILE), cv2.CV_32F)
        self._tiles = [(x, y, (255 - small[y:y + TILE, x:x + TILE]).astype(np.float32))
                       for y in range(0, small.shape[0] - TILE + 1, TILE)
                       for x in range(0, small.shape[1] - TILE + 1, TILE)
                       if (small[y:y + TILE, x:x + TILE] < 128).mean() >= TILE_INK]

    def _match(self, small: np.ndarray) -> tuple[np.ndarray | None, int, float]:
        keypoints, descriptors = self._orb.detectAndCompute(small, None)
        if descriptors is None or len(keypoints) < MIN_INLIERS:
            return None, 0, 0.0
        pairs = self._matcher.knnMatch(descriptors, self._ref_desc, k=2)
        good = [m for m, n in (p for p in pairs if len(p) == 2) if m.distance < 0.78 * n.distance]
        if len(good) < MIN_INLIERS:
            return None, len(good), 0.0
        source = np.array([keypoints[m.queryIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
        target = np.array([self._ref_kp[m.trainIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
        homography, mask = cv2.findHomography(source, target, cv2.RANSAC, 4.0)
        if homography is None:
            return None, 0, 0.0
        inliers = int(mask.sum())
        return homography, inliers, inliers / len(good)

    def _coarse(self, small: np.ndarray) -> tuple[np.ndarray, int, float]:
        """The homography from ``small`` (the page at working resolution) to the blank form
        at working resolution, with its inliers and their share."""
        landscape = small.shape[1] > small.shape[0]
        order = (90, 270, 0, 180) if landscape else ROTATIONS
        best: tuple[int, np.ndarray, int, float] | None = None
        for degrees in order:
            homography, inliers, ratio = self._match(_rotate(small, degrees))
            if homography is not None and (best is None or inliers > best[2]):
                best = (degrees, homography, inliers, ratio)
            if best is not None and best[2] >= 150 and best[3] >= 0.4:
                break  # clearly this orientation: no need to try the others
        if best is None or best[2] < MIN_INLIERS:
            raise NotAligned("no orientation matched")
        degrees, homography, inliers, ratio = best
        if not _plausible(homography):
            raise NotAligned("implausible homography")
        height, width = small.shape[:2]
        return homography @ _rotation_matrix(degrees, width, height), inliers, ratio

    def _refine(self, small: np.ndarray, coarse: np.ndarray) -> tuple[np.ndarray | None, int, int, float]:
        """The correction of ``coarse`` (working resolution, blank form's grid) from the tiles'
        shifts, the tiles measured and agreeing, and their RMS residual in pixels; None when
        too few tiles agree or the correction is not small."""
        height, width = self._ref_small.shape[:2]
        warped = cv2.warpPerspective(small, coarse, (width, height), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255)
        source, target = [], []
        for x, y, printed in self._tiles:
            scanned = (255 - warped[y:y + TILE, x:x + TILE]).astype(np.float32)
            # phaseCorrelate applies the window to its inputs in place: the blank's tile is copied
            (dx, dy), response = cv2.phaseCorrelate(printed.copy(), scanned, self._window)
            if response < TILE_RESPONSE or max(abs(dx), abs(dy)) > TILE / 4:
                continue
            centre = (x + (TILE - 1) / 2, y + (TILE - 1) / 2)
            source.append((centre[0] + dx, centre[1] + dy))
            target.append(centre)
        if len(source) < MIN_TILES:
            return None, len(source), 0, 0.0
        src, dst = np.array(source, dtype=np.float32), np.array(target, dtype=np.float32)
        correction, mask = cv2.findHomography(src, dst, cv2.RANSAC, TILE_AGREE)
        if correction is None:
            return None, len(source), 0, 0.0
        agreeing = mask.ravel().astype(bool)
        # Within the printed area the tiles cover (where the fields are), the correction is small.
        x0, y0 = dst[agreeing].min(axis=0) - TILE / 2
        x1, y1 = dst[agreeing].max(axis=0) + TILE / 2
        corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32).reshape(-1, 1, 2)
        moved = np.abs(cv2.perspectiveTransform(corners, correction) - corners).max()
        if int(agreeing.sum()) < MIN_TILES or moved > MAX_CORRECTION:
            return None, len(source), int(agreeing.sum()), 0.0
        fitted = cv2.perspectiveTransform(src[agreeing].reshape(-1, 1, 2), correction).reshape(-1, 2)
        residual = float(np.sqrt(np.mean(np.sum((fitted - dst[agreeing]) ** 2, axis=1))))
        return correction, len(source), int(agreeing.sum()), residual

    def align(self, page: np.ndarray, dpi: float | None = None) -> tuple[np.ndarray, Alignment]:
        """``page`` warped onto the reference's pixel grid, and how it was aligned; with the
        page's resolution ``dpi``, also the size the form was printed at (``printed``).
        Raises ``NotAligned`` when no orientation matches well enough."""
        small, factor = _small(page)
        coarse, inliers, ratio = self._coarse(small)
        correction, tiles, agreeing, residual = self._refine(small, coarse)
        on_small = coarse if correction is None else correction @ coarse
        full = np.linalg.inv(_scaling(self._ref_factor)) @ on_small @ _scaling(factor)
        ref_h, ref_w = self.reference.shape[:2]
        warped = cv2.warpPerspective(page, full, (ref_w, ref_h), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255)
        turn = -math.degrees(math.atan2(full[1, 0], full[0, 0]))  # counter-clockwise turn that stands it up
        quarter = int(round(turn / 90)) % 4 * 90
        skew = (turn - quarter + 180) % 360 - 180
        points = self._ref_factor * self.dpi / 72  # working pixels per point
        error = residual / points if correction is not None else None
        small_h, small_w = self._ref_small.shape[:2]
        scale = _size(np.linalg.inv(on_small), small_w, small_h)  # of the page's picture against the blank's
        # page pixels per reference pixel, over the pixels a 100 % print scanned at ``dpi`` has
        printed = _size(np.linalg.inv(full), ref_w, ref_h) * self.dpi / dpi if dpi else None
        return warped, Alignment(quarter, round(skew, 2), inliers, ratio, scale, tiles,
                                 agreeing if correction is not None else 0, error, printed,
                                 tuple(tuple(float(v) for v in row) for row in full))


def _size(homography: np.ndarray, width: int, height: int) -> float:
    """How much ``homography`` enlarges the rectangle ``width``×``height`` at the origin: the
    square root of the area it maps it to over its own (averaged over the page, so a slight
    perspective of the fitted map does not count)."""
    corners = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float64).reshape(-1, 1, 2)
    x, y = cv2.perspectiveTransform(corners, homography).reshape(-1, 2).T
    area = 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))
    return float(np.sqrt(area / (width * height)))


def _plausible(homography: np.ndarray) -> bool:
    """Scanners skew, shift and scale a little; a strong perspective means a photo at an angle.
    A form printed reduced or enlarged is scaled alike along both sides (``UNIFORM``), within
    ``PRINT_SCALES``."""
    h = homography / homography[2, 2]
    det = np.linalg.det(h[:2, :2])
    if abs(h[2, 0]) >= 2e-4 or abs(h[2, 1]) >= 2e-4 or det <= 0:
        return False
    if 0.6 < det < 1.7:
        return True
    longer, shorter = np.linalg.svd(h[:2, :2], compute_uv=False)
    low, high = PRINT_SCALES
    return bool(longer / shorter <= UNIFORM and 1 / high**2 < det < 1 / low**2)
