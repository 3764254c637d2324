"""Pure helpers of the PP-OCR recognizer: the classes a field kind may read, the CTC greedy
decode over those classes only, and the space rule that puts back the family/given space
the model drops.

    allowed = allowed_classes(characters, "katakana")       # bool mask over the classes
    chars = greedy_decode(probabilities, allowed, characters)  # [DecodedChar(char, confidence, first, last)]
    chars = drop_ghosts(chars, inked_columns, STRIDE, GHOST_REACH)
    text = with_spaces([c for c in chars if c.char not in " \\u3000"], gaps, peaks, em, "\\u3000", one=True)

No model and no image library here: plain arrays in, plain data out (table tests in
tests/test_ocr_ppocr.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

__all__ = ["DecodedChar", "allowed_classes", "drop_ghosts", "greedy_decode", "in_jis", "spaces_between", "with_spaces"]

_DIGITS = "0123456789"
_FULLWIDTH_DIGITS = "０１２３４５６７８９"
_KATAKANA = "".join(map(chr, range(0x30A1, 0x30F7))) + "ー・"
_SPACES = (" ", "\u3000")
_NO_SPACE_BESIDE = "・･-－ー‐−"
# The space rule (``spaces_between``). Measured on the committed corpus (IPAex, furigana
# lines squeezed to fit their box) and on lines rendered in IPAex Gothic and Mincho: the
# family/given space is a blank 0.43-1.7 em wide; the characters of a word leave 0.1-0.4 em
# (ウ, ロ, 山 the most); the model's space class peaks at 0.4-0.8 where it sees a space and
# stays under 0.15 elsewhere. A name without a space can still get one: the scan reader
# uses this reading only when another engine agrees.
SPACE_PROBABILITY = 0.3
MIN_GAP_EM = 0.42
HEARD_GAP_EM = 0.25  # where the model reads a space, a narrower blank will do
WIDEST_LEAD = 1.15
SPACE_GAP_EM = 0.6
MEDIAN_LEAD = 2.0


@dataclass(frozen=True)
class DecodedChar:
    """One character of a CTC greedy decode: its text, its confidence (the highest
    probability over its frames), and the first and last frame it was read at."""

    char: str
    confidence: float
    first: int
    last: int


@cache
def in_jis(char: str) -> bool:
    """A character of JIS X 0208 or JIS X 0213 (planes 1 and 2), of Windows' CP932 (its
    extensions hold 髙 and 﨑), or ASCII: what a Japanese name or address is written in
    (simplified Chinese 见 and 亿 are not)."""
    for codec in ("euc_jis_2004", "cp932"):
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            continue
        return True
    return False


def allowed_classes(characters: Sequence[str], kind: str, whitelist: str | None = None) -> np.ndarray:
    """A bool mask over the model's classes (``characters[0]`` is the CTC blank, always
    allowed): ``digits`` 0-9; ``katakana`` full-width katakana, ー and ・; ``name``,
    ``address``, ``text`` and ``mixed`` the characters of JIS X 0208/0213. A ``whitelist``
    replaces the kind's characters (``""``: every class). Spaces are allowed except for
    digits."""
    if whitelist == "":
        accepted = list(characters)
    elif whitelist is not None:
        accepted = [c for c in characters if c in set(whitelist)]
    elif kind == "digits":
        accepted = [c for c in characters if c in _DIGITS or c in _FULLWIDTH_DIGITS]
    elif kind == "katakana":
        accepted = [c for c in characters if c in _KATAKANA]
    else:
        accepted = [c for c in characters if in_jis(c)]
    chosen = set(accepted)
    space = kind != "digits" and (whitelist is None or whitelist == "" or any(s in whitelist for s in _SPACES))
    mask = np.fromiter(((c in _SPACES and space) or (c not in _SPACES and c in chosen) for c in characters),
                       dtype=bool, count=len(characters))
    mask[0] = True
    return mask


def greedy_decode(probabilities: np.ndarray, allowed: np.ndarray, characters: Sequence[str]) -> list[DecodedChar]:
    """The CTC greedy decode of ``probabilities`` (frames x classes, softmax output) over
    the ``allowed`` classes only: the best allowed class at each frame, repeats collapsed,
    blanks (class 0) dropped. Space classes are kept as characters (``with_spaces`` decides)."""
    masked = np.where(allowed[np.newaxis, :], probabilities, -1.0)
    best = masked.argmax(axis=1)
    chars: list[DecodedChar] = []
    previous = 0
    for frame, index in enumerate(best.tolist()):
        if index != 0 and index == previous and chars:
            last = chars[-1]
            chars[-1] = DecodedChar(last.char, max(last.confidence, float(probabilities[frame, index])),
                                    last.first, frame)
        elif index != 0:
            chars.append(DecodedChar(characters[index], float(probabilities[frame, index]), frame, frame))
        previous = index
    return chars


def drop_ghosts(chars: Sequence[DecodedChar], inked_columns: np.ndarray, stride: int, reach: int) -> list[DecodedChar]:
    """``chars`` less those read where the image holds no ink within ``reach`` columns of
    their frames (``inked_columns[x]``: ink in input column ``x``; frame ``f`` covers columns
    ``f * stride`` to ``(f + 1) * stride``): CTC now and then reads a stray kanji (邨) in a
    wide space, 11 to 17 columns from the nearest ink at height 48 (from the frame's centre),
    while a character of apart strokes (川) is read on the blank between them, up to 4
    columns from its ink."""
    return [c for c in chars if c.char in _SPACES
            or inked_columns[max(0, c.first * stride - reach):(c.last + 1) * stride + reach].any()]


def spaces_between(gaps: Sequence[float], peaks: Sequence[float], em: float, *, one: bool) -> list[bool]:
    """Whether a space stands at each of the ``gaps`` between two neighbouring characters
    (the widest blank run of columns between their centres), given the space class's
    highest probability there (``peaks``) and the writing's height ``em`` (same unit).

    ``one`` (a name or its furigana: family and given name): at most one space, where the
    model reads one (``peaks`` ≥ ``SPACE_PROBABILITY`` on a gap of ``HEARD_GAP_EM``), else at
    the widest gap when it is ``MIN_GAP_EM`` wide and ``WIDEST_LEAD`` times the next
    widest. Otherwise (an address, free text): a space at every gap of ``SPACE_GAP_EM`` that
    is ``MEDIAN_LEAD`` times the median gap."""
    count = len(gaps)
    out = [False] * count
    if count == 0 or em <= 0:
        return out
    if one:
        heard = [i for i in range(count) if peaks[i] >= SPACE_PROBABILITY and gaps[i] >= HEARD_GAP_EM * em]
        if heard:
            out[max(heard, key=lambda i: peaks[i])] = True
            return out
        order = sorted(range(count), key=lambda i: gaps[i], reverse=True)
        widest = order[0]
        runner_up = gaps[order[1]] if count > 1 else 0.0
        if gaps[widest] >= MIN_GAP_EM * em and gaps[widest] >= WIDEST_LEAD * runner_up:
            out[widest] = True
        return out
    median = float(np.median(gaps))
    return [g >= SPACE_GAP_EM * em and g >= MEDIAN_LEAD * median for g in gaps]


def with_spaces(letters: Sequence[DecodedChar], gaps: Sequence[float], peaks: Sequence[float], em: float,
                space: str, *, one: bool) -> str:
    """The text of ``letters`` (no space among them) with ``space`` where ``spaces_between``
    finds one (none when ``space`` is empty)."""
    found = spaces_between(gaps, peaks, em, one=one) if space else [False] * max(0, len(letters) - 1)
    for index in range(len(found) if not one else 0):  # ・ and dashes stand in room of their own (メゾン・ド, 4-16)
        if letters[index].char in _NO_SPACE_BESIDE or letters[index + 1].char in _NO_SPACE_BESIDE:
            found[index] = False
    text = []
    for index, c in enumerate(letters):
        text.append(c.char)
        if index < len(found) and found[index]:
            text.append(space)
    return "".join(text)
