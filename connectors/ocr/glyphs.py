"""Tell look-alike characters apart by their shape: a character cut from a scan is
compared with each candidate drawn in the fonts forms are printed in.

    matcher = GlyphMatcher(default_fonts())
    matcher.choose(glyph, "高髙")      # ('髙', 0.07): the best candidate and its lead

OCR models fold variant kanji into the common form (髙 → 高, 﨑 → 崎) and read rare
symbols as any kanji (the era ligature ㍻ as 翌). When the candidates are few and known,
drawing them and comparing shapes decides what the model cannot. The lead over the
runner-up says how sure that is; a candidate no font can draw is never chosen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from shared.japanese.text import katakana_to_halfwidth, katakana_to_hiragana

__all__ = ["GlyphMatcher", "character_cells", "default_fonts", "split_at_gaps"]

SIZE = 48  # glyphs are compared as SIZE x SIZE images
LINE_HEIGHT = 40  # lines are compared at this height
RENDER_PX = 128
BLUR_SIGMA = 1.5
# The fonts shapes are compared in: the IPAex fonts, the ones the scan pipeline was measured
# on (samples/scans). A form printed in another font scores lower against them, and the
# scan reader then decides nothing by shape (see robots.reading.scan.reader.FAMILIAR_FONT).
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "C:/Windows/Fonts/ipaexg.ttf",
    "C:/Windows/Fonts/ipaexm.ttf",
    "~/AppData/Local/Microsoft/Windows/Fonts/ipaexg.ttf",
    "~/AppData/Local/Microsoft/Windows/Fonts/ipaexm.ttf",
    "~/Library/Fonts/ipaexg.ttf",
    "~/Library/Fonts/ipaexm.ttf",
)


def default_fonts() -> list[Path]:
    """The fonts of ``FONT_CANDIDATES`` found on this computer."""
    windows = os.environ.get("WINDIR")
    found = []
    for name in FONT_CANDIDATES:
        path = Path(name).expanduser()
        if sys.platform == "win32" and windows and name.startswith("C:/Windows"):
            path = Path(windows) / name[len("C:/Windows/"):]
        if path.is_file() and path not in found:
            found.append(path)
    return found


def _normalized(ink: np.ndarray) -> np.ndarray | None:
    """A boolean ink image cut to its ink, centred in a square, scaled to SIZE, blurred
    and scaled to unit length (so a dot product is a cosine similarity)."""
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return None
    ink = ink[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1]
    side = max(ink.shape)
    square = np.zeros((side, side), np.float32)
    top, left = (side - ink.shape[0]) // 2, (side - ink.shape[1]) // 2
    square[top: top + ink.shape[0], left: left + ink.shape[1]] = ink
    small = cv2.resize(square, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), BLUR_SIGMA)
    norm = float(np.linalg.norm(small))
    return small / norm if norm else None


def _blurred(ink: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    small = cv2.resize(ink.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), BLUR_SIGMA)
    norm = float(np.linalg.norm(small))
    return small / norm if norm else small


def split_at_gaps(line: np.ndarray, count: int) -> list[np.ndarray] | None:
    """A one-line grayscale image cut at its ``count - 1`` widest blank gaps (the spaces
    between the parts of a name); ``None`` when it has too few gaps."""
    columns = glyph_ink(line).any(axis=0)
    inked = np.nonzero(columns)[0]
    if len(inked) == 0:
        return None
    gaps = [(right - left, left, right) for left, right in zip(inked[:-1], inked[1:], strict=True) if right - left > 1]
    if len(gaps) < count - 1:
        return None
    cuts = sorted(left + (right - left) // 2 for _, left, right in sorted(gaps, reverse=True)[: count - 1])
    bounds = [int(inked[0]), *cuts, int(inked[-1]) + 1]
    return [line[:, a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def glyph_ink(image: np.ndarray) -> np.ndarray:
    """Dark pixels of a grayscale crop (Otsu's threshold)."""
    _, ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink > 0


class GlyphMatcher:
    """Compares character images with candidates drawn in ``fonts``."""

    def __init__(self, fonts: Iterable[Path]) -> None:
        self.fonts = [ImageFont.truetype(str(path), RENDER_PX) for path in fonts]

    @lru_cache(maxsize=8192)  # noqa: B019 -- one matcher per OCR engine, kept for its lifetime
    def drawings(self, char: str) -> tuple[np.ndarray, ...]:
        """``char`` drawn in each font that has it, normalized."""
        found = []
        for font in self.fonts:
            if not _has_glyph(font, char):
                continue
            canvas = Image.new("L", (RENDER_PX * 2, RENDER_PX * 2), 255)
            ImageDraw.Draw(canvas).text((RENDER_PX // 2, RENDER_PX // 2), char, font=font, fill=0)
            normalized = _normalized(np.asarray(canvas) < 128)
            if normalized is not None:
                found.append(normalized)
        return tuple(found)

    def scores(self, glyph: np.ndarray, candidates: Sequence[str]) -> dict[str, float]:
        """Similarity (0..1) of the grayscale ``glyph`` to each drawable candidate: the
        best over the fonts."""
        shape = _normalized(glyph_ink(glyph))
        if shape is None:
            return {}
        result = {}
        for char in candidates:
            drawn = self.drawings(char)
            if drawn:
                result[char] = max(float((shape * d).sum()) for d in drawn)
        return result

    @lru_cache(maxsize=4096)  # noqa: B019 -- as above
    def _line_drawings(self, text: str) -> tuple[np.ndarray, ...]:
        found = []
        for font in self.fonts:
            if not all(_has_glyph(font, char) for char in set(text) if not char.isspace()):
                continue
            width = int(font.getlength(text)) + RENDER_PX
            canvas = Image.new("L", (width, RENDER_PX * 2), 255)
            ImageDraw.Draw(canvas).text((RENDER_PX // 2, RENDER_PX // 2), text, font=font, fill=0)
            ink = np.asarray(canvas) < 128
            ys, xs = np.nonzero(ink)
            if len(xs):
                found.append(ink[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1])
        return tuple(found)

    @lru_cache(maxsize=256)  # noqa: B019 -- as above; a line is compared with the same texts again
    def _line_blurred(self, text: str, size: tuple[int, int]) -> tuple[np.ndarray, ...]:
        return tuple(_blurred(drawn, size) for drawn in self._line_drawings(text))

    def text_scores(self, line: np.ndarray, texts: Sequence[str]) -> dict[str, float]:
        """Similarity (0..1) of a grayscale image of one line to each text drawn in each
        font, as written, in half-width kana (ﾀﾞ) and in hiragana: the best. The drawing is stretched to the
        line's size, so a text of other length or width scores low."""
        ink = glyph_ink(line)
        ys, xs = np.nonzero(ink)
        if len(xs) == 0:
            return {}
        ink = ink[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1]
        size = (max(1, round(ink.shape[1] * LINE_HEIGHT / ink.shape[0])), LINE_HEIGHT)
        target = _blurred(ink, size)
        result = {}
        for text in texts:
            forms = {text, katakana_to_halfwidth(text), katakana_to_hiragana(text)}
            scores = [float((target * drawn).sum()) for form in forms for drawn in self._line_blurred(form, size)]
            if scores:
                result[text] = max(scores)
        return result

    def character_scores(self, line: np.ndarray, text: str) -> list[float]:
        """How closely each character of ``text`` (read from the one-line ``line``, full-width
        characters) matches its own drawing: high when the line is printed in a font drawn
        here. Empty when the line does not split into one cell per character."""
        chars = [char for char in text if not char.isspace()]
        cells = character_cells(line)
        if cells is None or len(cells) != len(chars):
            return []
        scores = []
        for char, (left, right) in zip(chars, cells, strict=True):
            found = self.scores(line[:, left:right], [char])
            if found:
                scores.append(found[char])
        return scores

    def choose(self, glyph: np.ndarray, candidates: Sequence[str]) -> tuple[str | None, float]:
        """The candidate ``glyph`` looks most like and its lead over the runner-up (0 when
        nothing could be compared; the whole score when only one candidate is drawable)."""
        ranked = sorted(self.scores(glyph, candidates).items(), key=lambda item: -item[1])
        if not ranked:
            return None, 0.0
        lead = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)
        return ranked[0][0], lead


@lru_cache(maxsize=64)
def _missing_mask(font: ImageFont.FreeTypeFont) -> bytes:
    return bytes(font.getmask("\U0010fffd"))


@lru_cache(maxsize=16384)
def _has_glyph(font: ImageFont.FreeTypeFont, char: str) -> bool:
    """Whether the font draws ``char`` itself rather than its 'missing' box (asked for every
    character of every line compared, so remembered)."""
    mask = font.getmask(char)
    return mask.size[0] > 0 and bytes(mask) != _missing_mask(font)


def character_cells(line: np.ndarray) -> list[tuple[int, int]] | None:
    """Split a one-line grayscale image of full-width characters into column ranges
    ``(left, right)``, one per character: runs of ink columns, neighbours merged while they
    fit in one square cell (a kanji of separate parts, 川 or 明). ``None`` without ink."""
    ink = glyph_ink(line)
    rows = np.nonzero(ink.any(axis=1))[0]
    if len(rows) == 0:
        return None
    height = rows[-1] - rows[0] + 1
    columns = np.asarray(ink.any(axis=0))
    runs, start = [], None
    for x, has_ink in enumerate([*columns, False]):
        if has_ink and start is None:
            start = x
        elif not has_ink and start is not None:
            runs.append([start, x])
            start = None
    merged: list[list[int]] = []
    for run in runs:
        if merged and run[1] - merged[-1][0] <= 1.1 * height:
            merged[-1][1] = run[1]
        else:
            merged.append(run)
    return [(left, right) for left, right in merged]
