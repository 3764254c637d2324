"""Register a scanned page to the template's blank form: find its orientation, then the
homography (ORB features + RANSAC, at reduced resolution for speed), and warp the page into
the blank form's coordinates so template boxes fall on the right pixels."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

__all__ = ["Aligner", "Alignment", "NotAligned"]

WORK_LONG_SIDE = 1100  # pixels of the long side while matching features
MIN_INLIERS = 40
ROTATIONS = (0, 180, 90, 270)


class NotAligned(ValueError):
    """The page does not match the blank form well enough to be read."""


@dataclass(frozen=True)
class Alignment:
    rotation: int  # degrees the page was turned (counter-clockwise) before matching
    inliers: int
    inlier_ratio: float
    scale: float  # how much larger the page is than the form (1.0 = same size)

    @property
    def quality(self) -> float:
        """0..1: how sure the registration is (feeds field confidence)."""
        return min(1.0, self.inliers / 300) * min(1.0, self.inlier_ratio / 0.5)


def _small(image: np.ndarray) -> tuple[np.ndarray, float]:
    factor = WORK_LONG_SIDE / max(image.shape[:2])
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA), factor


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
    """Aligns pages to one reference page (the blank form rendered at ``reference`` size)."""

    def __init__(self, reference: np.ndarray) -> None:
        self.reference = reference
        self._orb = cv2.ORB.create(nfeatures=4000, scaleFactor=1.2, nlevels=8, fastThreshold=10)
        self._matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
        small, self._ref_factor = _small(reference)
        self._ref_kp, self._ref_desc = self._orb.detectAndCompute(small, None)

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

    def align(self, page: np.ndarray) -> tuple[np.ndarray, Alignment]:
        """``page`` warped onto the reference's pixel grid, and how it was aligned.
        Raises ``NotAligned`` when no orientation matches well enough."""
        small, factor = _small(page)
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
        to_small = np.diag([factor, factor, 1.0])
        from_small_ref = np.diag([1 / self._ref_factor, 1 / self._ref_factor, 1.0])
        full = from_small_ref @ homography @ _rotation_matrix(degrees, width, height) @ to_small
        ref_h, ref_w = self.reference.shape[:2]
        warped = cv2.warpPerspective(page, full, (ref_w, ref_h), flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255)
        scale = float(np.sqrt(abs(np.linalg.det(homography[:2, :2]))))
        return warped, Alignment(degrees, inliers, ratio, 1 / scale if scale else 0.0)


def _plausible(homography: np.ndarray) -> bool:
    """Scanners skew, shift and scale a little; a strong perspective means a photo at an angle."""
    h = homography / homography[2, 2]
    det = np.linalg.det(h[:2, :2])
    return 0.6 < det < 1.7 and abs(h[2, 0]) < 2e-4 and abs(h[2, 1]) < 2e-4
