"""Ruled regions and the printed phrases in them: each word and mark goes to the smallest
ruled rectangle holding it; printed words on a line close together form a phrase (a label
candidate); 〒, units and brackets printed inside a value area are decorations, not labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from robots.authoring.geometry import Box, area, contains, inside, union
from robots.authoring.words import Mark, Region, Word

__all__ = ["Phrase", "build_regions", "is_decoration", "phrases_of"]

PHRASE_GAP = 2.2  # sizes of a character: words further apart on a line are separate phrases
_DECORATION = re.compile(r"^(〒|[円歳人回枚通件本個部日年月分%％]|時間|[かヶケ]月|[（）()\-－ー~〜／/：:、,]+|[¥￥]|印|㊞)$")


@dataclass
class Phrase:
    """Printed words read together: a label, a heading or a note."""

    text: str
    box: Box
    size: float
    region: Region | None
    words: list[Word]
    only: bool = False  # the only printed content of a leaf region (a label cell)


def is_decoration(text: str) -> bool:
    """〒, a unit (円, 歳 …) or brackets and dashes printed in a value area."""
    return bool(_DECORATION.match(text.strip()))


def _smallest(box: Box, regions: list[Region]) -> Region | None:
    holders = [r for r in regions if inside(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), r.box)]
    return min(holders, key=lambda r: area(r.box), default=None)


def build_regions(rects: list[Box], words: list[Word], marks: list[Mark], taken: set[int]) -> list[Region]:
    """Regions of the ruled rectangles, each with the words (not taken by a mark) and the
    marks that lie directly in it (in no smaller region)."""
    unique = list(dict.fromkeys(rects))
    regions = [Region(box) for box in unique]
    for region in regions:
        inner = [r for r in regions if contains(region.box, r.box)]
        region.children = [r for r in inner if not any(contains(o.box, r.box) for o in inner)]
    for word in words:
        if id(word) in taken:
            continue
        holder = _smallest(word.box, regions)
        if holder is not None:
            holder.words.append(word)
    for mark in marks:
        holders = [r for r in regions if contains(r.box, mark.box, 2)]
        holder = min(holders, key=lambda r: area(r.box), default=None)
        if holder is not None:
            holder.marks.append(mark)
    return regions


def _line_groups(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        for line in lines:
            box = union(w.box for w in line)
            shared = min(box[3], word.box[3]) - max(box[1], word.box[1])
            if shared > 0.5 * min(box[3] - box[1], word.box[3] - word.box[1]):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def phrases_of(words: list[Word], region: Region | None) -> list[Phrase]:
    """The phrases of printed ``words`` (none taken by a mark), decorations left out."""
    phrases: list[Phrase] = []
    printed = [w for w in words if w.printed and not w.vertical and not is_decoration(w.text)]
    for line in _line_groups(printed):
        current = [line[0]]
        for word in line[1:]:
            if word.box[0] - current[-1].box[2] <= PHRASE_GAP * max(word.size, current[-1].size):
                current.append(word)
            else:
                phrases.append(_phrase(current, region))
                current = [word]
        phrases.append(_phrase(current, region))
    return phrases


def _phrase(words: list[Word], region: Region | None) -> Phrase:
    return Phrase("".join(w.text for w in words), union(w.box for w in words), max(w.size for w in words), region, words)
