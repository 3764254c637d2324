"""Pairing labels with value areas. Value areas (slots) come from the drawing — an empty
cell, the free part of a cell under or after its label, a box, an underline, a mark (option
group, tick boxes, マス目, date line) — and each takes the label that fits it best: its own
(a check box's sentence), a label in the same cell, the label cell left of it or above it,
a label printed just above it, or one before it on its line. Each label serves one slot,
except a table's column heading, which serves every numbered row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from robots.authoring.geometry import Box, center, contains, height, pad, same_column, same_row
from robots.authoring.guess import is_label_like
from robots.authoring.marks import CLOSE_BRACKETS, OPEN_BRACKETS
from robots.authoring.nonfields import OFFICE_WORDS, captioned, office_caption, seal, stamp_box
from robots.authoring.regions import Phrase, build_regions, is_decoration, phrases_of
from robots.authoring.words import Mark, PageView, Region, Slot, Word

__all__ = ["Pairing", "pair_page"]

INSET = 2.0  # a cell's value box: the cell less this much on each side
ADJACENT = 2.5  # cells sharing an edge are at most this far apart
ABOVE_REACH = 14.0  # a label printed this close above a box is its label
LEFT_REACH = 220.0  # a label this far left of a value on its line may be its label
GAP_MIN = 40.0  # room after a label (with nothing drawn) to write a value in
CORNER_ROOM = 14.0  # room under a label in a cell's corner to write a value in
UNDERLINE_HEIGHT = 18.0
UNLABELLED = {"date": "年月日", "era_date": "年月日", "digits": "番号"}  # the label of a mark printed without one


@dataclass
class Pairing:
    """A slot and the label it took (``row``: the row number in a numbered table)."""

    slot: Slot
    label: str
    row: int | None = None


def _row_number(text: str) -> int | None:
    match = re.fullmatch(r"[（(]?([0-9０-９]{1,2})[)）]?", text)
    return int(match.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))) if match else None


def _text(words: list[Word]) -> str | None:
    ordered = sorted(words, key=lambda w: (round(w.box[1] / 6), w.box[0]))
    return "".join(w.text for w in ordered) or None


def _value_box(region: Region) -> Box:
    """A cell's value box: the cell inset, less a 〒 printed at its left or a unit at its right."""
    x0, top, x1, bottom = pad(region.box, -INSET)
    for word in region.printed:
        if not is_decoration(word.text):
            continue
        if word.box[0] - region.box[0] < 0.3 * (region.box[2] - region.box[0]):
            x0 = max(x0, word.box[2] + INSET)
        else:
            x1 = min(x1, word.box[0] - 1)
    return (x0, top, x1, bottom)


class _Pairer:
    def __init__(self, view: PageView, marks: list[Mark], taken: set[int]) -> None:
        self.view = view
        self.regions = build_regions(view.rects, view.words, marks, taken)
        self.slots: list[Slot] = []
        self.phrases: list[Phrase] = []
        self.candidates: list[tuple[float, int, Slot, Phrase, int | None]] = []
        self.order = 0
        in_regions = {id(w) for r in self.regions for w in r.words}
        loose_words = [w for w in view.words if id(w) not in taken and id(w) not in in_regions]
        in_region = {id(m) for r in self.regions for m in r.marks}
        self.loose = phrases_of(loose_words, None)
        self.phrases += self.loose
        self.label_cells: dict[int, Phrase] = {}
        office = [r for r in self.regions if any(word in w.text for w in r.words for word in OFFICE_WORDS)]
        office += captioned(self.regions, [p for p in self.loose if office_caption(p.text)])
        self.regions = [r for r in self.regions if not any(o is r or contains(o.box, r.box) for o in office)]
        self.region_phrases = {id(region): self._phrases(region) for region in self.regions}
        for region in self.regions:
            self._region(region)
        for mark in marks:
            if id(mark) not in in_region:
                self._loose_mark(mark)
        self._underlines(marks)
        self._brackets(marks)
        self._loose_gaps(loose_words)

    def offer(self, cost: float, slot: Slot, phrase: Phrase, row: int | None = None) -> None:
        self.order += 1
        self.candidates.append((cost, self.order, slot, phrase, row))

    # --- slots ---------------------------------------------------------------------
    @staticmethod
    def _filled(region: Region) -> list[Word]:
        """What is written in a region outside its marks."""
        return [w for w in region.filled if not any(m.box[0] <= w.center[0] <= m.box[2] for m in region.marks)]

    def _phrases(self, region: Region) -> list[Phrase]:
        """A region's phrases; the lines of one label wrapped in a label cell are one phrase."""
        phrases = phrases_of(region.words, region)
        alone = not region.marks and not self._filled(region) and not region.children
        if len(phrases) > 1 and alone and _one_label(phrases):
            phrases = [_joined(phrases)]
        if len(phrases) == 1 and alone:
            phrases[0].only = True
            self.label_cells[id(region)] = phrases[0]
        self.phrases += phrases
        return phrases

    def _region(self, region: Region) -> None:
        phrases = self.region_phrases[id(region)]
        filled = self._filled(region)
        if not phrases:
            if any(w.vertical for w in region.words) and not region.marks:
                return  # a heading written top to bottom: its cell is no value area
            for mark in region.marks:
                self._adjacent(self._slot(mark.box, "mark", region, mark=mark, value=mark.value), region)
            if not region.marks and not region.children and not seal(region):
                self._adjacent(self._slot(_value_box(region), "cell", region, value=_text(filled)), region)
            return
        for mark in region.marks:
            slot = self._slot(mark.box, "mark", region, mark=mark, value=mark.value)
            self._same_region(slot, phrases)
            self._adjacent(slot, region)
        if not region.marks and not region.children and len(phrases) == 1 and "。" not in phrases[0].text:
            self._corner(region, phrases[0], filled)  # (a heading over notes is no label)
        for phrase in phrases:
            self._gap(phrase, region.box, phrases, region, filled)

    def _slot(self, box: Box, how: str, region: Region | None = None, **kw) -> Slot:
        slot = Slot(box, how, region, **kw)
        self.slots.append(slot)
        mark = slot.mark
        if mark is not None and mark.label:
            self.offer(-1, slot, Phrase(mark.label, mark.box, 0, region, []))
        elif mark is not None and mark.kind in UNLABELLED:  # a date or a number to write is a field even unlabelled
            self.offer(9.0, slot, Phrase(UNLABELLED[mark.kind], mark.box, 0, region, []))
        return slot

    def _corner(self, region: Region, phrase: Phrase, filled: list[Word]) -> None:
        """A label in a cell's top-left corner with room under it: the value goes below."""
        x0, top, x1, bottom = region.box
        if phrase.box[1] - top > max(6.0, 0.25 * (bottom - top)) or phrase.box[0] - x0 > 0.25 * (x1 - x0) + 6:
            return
        if any(_bare(n) for n in (self._neighbour(region, "right"), self._neighbour(region, "below")) if n):
            return  # a label cell beside its value cell
        if bottom - phrase.box[3] < max(CORNER_ROOM, 1.2 * height(phrase.box)):
            return
        below = [w for w in filled if w.center[1] > phrase.box[3]]
        slot = self._slot((x0 + INSET, phrase.box[3] + 1, x1 - INSET, bottom - INSET), "inner", region, value=_text(below))
        self.offer(0.3 if below else 0.5, slot, phrase)

    def _gap(self, phrase: Phrase, bounds: Box, others: list[Phrase], region: Region | None, filled: list[Word]) -> None:
        """Room after a label on its line (to the next printed thing or the edge)."""
        if phrase.only and phrase.box[0] - bounds[0] > max(12.0, 0.2 * (bounds[2] - bounds[0])):
            return  # a heading centred in its cell, not a label with room after it
        row = lambda box: same_row(box, phrase.box, 0.4)  # noqa: E731
        stops = [p.box[0] for p in others if p is not phrase and row(p.box) and p.box[0] >= phrase.box[2]]
        stops += [w.box[0] for w in (region.printed if region else []) if is_decoration(w.text) and w.text != "〒"
                  and row(w.box) and w.box[0] >= phrase.box[2]]
        stops += [m.box[0] for m in (region.marks if region else []) if row(m.box) and m.box[0] >= phrase.box[2]]
        end = min([*stops, bounds[2]]) - INSET
        if end - phrase.box[2] < GAP_MIN:
            return
        box = (phrase.box[2] + INSET, max(bounds[1] + INSET, phrase.box[1] - 5), end,
               min(bounds[3] - INSET, phrase.box[3] + 5))
        inside_gap = [w for w in filled if box[0] <= w.center[0] <= box[2] and box[1] <= w.center[1] <= box[3]]
        if not inside_gap and not is_label_like(phrase.text):
            return
        slot = self._slot(box, "gap", region, value=_text(inside_gap))
        self.offer(0.8 if inside_gap else 6.0, slot, phrase)

    def _loose_mark(self, mark: Mark) -> None:
        slot = self._slot(mark.box, "mark", None, mark=mark, value=mark.value)
        if not mark.label:
            self._near(slot, mark.box, left_cost=1.0)

    def _underlines(self, marks: list[Mark]) -> None:
        for line in self.view.underlines:
            box = (line[0], line[1] - UNDERLINE_HEIGHT, line[2], line[1] + 1)
            if any(same_row(m.box, box, 0.3) and m.box[0] < box[2] and m.box[2] > box[0] for m in marks):
                continue  # a date line or options written on the rule
            on_line = [p for p in self.phrases if p.region is None and same_row(p.box, box, 0.5)
                       and -2 <= p.box[0] - line[0] <= 30 and p.box[2] < line[2] - GAP_MIN]
            if on_line:  # the label is written on the rule, at its start: the value is after it
                box = (on_line[0].box[2] + INSET, box[1], box[2], box[3])
            value = _text([w for w in self.view.words if not w.printed and box[0] <= w.center[0] <= box[2]
                           and box[1] <= w.center[1] <= box[3]])
            slot = self._slot(box, "underline", value=value)
            if on_line:
                self.offer(0.5, slot, on_line[0])
            self._near(slot, box, left_cost=1.0)

    def _brackets(self, marks: list[Mark]) -> None:
        """Room inside printed brackets after an option or a label (「その他（　　　）」): a text
        to write, labelled by what stands before the bracket."""
        printed = [w for w in self.view.words if w.printed and not w.vertical]
        for opening in printed:
            if not opening.text.endswith(tuple(OPEN_BRACKETS)):
                continue
            line = opening.box

            def row(box: Box, line: Box = line) -> bool:
                return same_row(box, line, 0.5)

            after = sorted((w for w in printed if row(w.box) and w.box[0] >= opening.box[2] - 1), key=lambda w: w.box[0])
            if not after or not after[0].text.startswith(tuple(CLOSE_BRACKETS)):
                continue
            closing = after[0]
            if closing.box[0] - opening.box[2] < GAP_MIN:
                continue
            before = opening.text.rstrip(OPEN_BRACKETS).strip()
            if not before:
                options = [(name, box) for m in marks if m.options for name, box in m.options.items()]
                words = [(w.text, w.box) for w in printed] + options
                near = [(text, box) for text, box in words if row(box) and 0 <= opening.box[0] - box[2] <= 30]
                before = max(near, key=lambda n: n[1][2])[0] if near else ""
            if not before:
                continue
            box = (opening.box[2] + 1, opening.box[1] - 4, closing.box[0] - 1, opening.box[3] + 4)
            value = _text([w for w in self.view.words if not w.printed and box[0] <= w.center[0] <= box[2]
                           and box[1] <= w.center[1] <= box[3]])
            self.offer(0.4, self._slot(box, "gap", value=value), Phrase(f"{before}の内容", box, opening.size, None, []))

    def _loose_gaps(self, loose_words: list[Word]) -> None:
        """A value written after a label with nothing drawn (seen on filled samples only)."""
        used = [s.box for s in self.slots]
        free = [w for w in loose_words if not w.printed and not any(b[0] <= w.center[0] <= b[2] and b[1] <= w.center[1] <= b[3]
                                                                     for b in used)]
        for phrase in self.loose:
            after = sorted((w for w in free if same_row(w.box, phrase.box, 0.4) and 0 <= w.box[0] - phrase.box[2] <= LEFT_REACH),
                           key=lambda w: w.box[0])
            if after:
                box = (phrase.box[2] + INSET, min(w.box[1] for w in after) - 3, after[-1].box[2] + 40,
                       max(w.box[3] for w in after) + 3)
                self.offer(0.9, self._slot(box, "gap", value=_text(after)), phrase)

    # --- labels for a slot ---------------------------------------------------------------
    def _same_region(self, slot: Slot, phrases: list[Phrase]) -> None:
        for phrase in phrases:
            if phrase.box[2] <= slot.box[0] + 2 and same_row(phrase.box, slot.box, 0.3):
                self.offer(0.0 + (slot.box[0] - phrase.box[2]) / 1000, slot, phrase)
            elif 0 <= slot.box[1] + 2 - phrase.box[3] <= 32 and phrase.box[0] < slot.box[2] and \
                    phrase.box[2] > slot.box[0] - 24:
                cost = 0.2 if slot.region is not None and not slot.region.children else 2.5  # a cell's corner label
                self.offer(cost + (slot.box[1] - phrase.box[3]) / 1000, slot, phrase)

    def _adjacent(self, slot: Slot, region: Region) -> None:
        left = self._neighbour(region, "left")
        if left is not None and id(left) in self.label_cells and _row_number(self.label_cells[id(left)].text) is None:
            self.offer(1.0, slot, self.label_cells[id(left)])
        elif left is not None:
            self._numbered_row(slot, region, left)
        above = self._neighbour(region, "above")
        if above is not None and id(above) in self.label_cells:
            self.offer(2.0, slot, self.label_cells[id(above)])
        self._near(slot, region.box)

    def _neighbour(self, region: Region, side: str) -> Region | None:
        for other in self.regions:
            if other is region or other.children:
                continue
            if side == "left" and abs(other.box[2] - region.box[0]) <= ADJACENT and same_row(other.box, region.box, 0.5):
                return other
            if side == "above" and abs(other.box[3] - region.box[1]) <= ADJACENT and \
                    same_column(other.box, region.box, 0.5):
                return other
            if side == "right" and abs(other.box[0] - region.box[2]) <= ADJACENT and same_row(other.box, region.box, 0.5):
                return other
            if side == "below" and abs(other.box[1] - region.box[3]) <= ADJACENT and \
                    same_column(other.box, region.box, 0.5):
                return other
        return None

    def _numbered_row(self, slot: Slot, region: Region, left: Region) -> None:
        """In a table whose rows start with a number, a value cell's label is its column's
        heading with the row number."""
        start: Region | None = left
        while start is not None and id(start) not in self.label_cells:
            start = self._neighbour(start, "left")
        number = _row_number(self.label_cells[id(start)].text) if start is not None else None
        if number is None:
            return
        above = [r for r in self.regions if id(r) in self.label_cells and r.box[3] <= region.box[1] + 1
                 and same_column(r.box, region.box)]
        for heading in sorted(above, key=lambda r: -r.box[3]):
            phrase = self.label_cells[id(heading)]
            if _row_number(phrase.text) is None:
                self.offer(0.5, slot, phrase, number)
                return

    def _near(self, slot: Slot, box: Box, left_cost: float = 4.0) -> None:
        """Labels printed just above ``box`` or before it on its line."""
        for phrase in self.phrases:
            if phrase.only and phrase.region is not slot.region and self._beside(phrase.region, slot.region):
                continue  # a label cell's label goes to the cell it borders
            gap_above = box[1] - phrase.box[3]
            if -2 <= gap_above <= ABOVE_REACH and box[0] - 24 <= phrase.box[0] < box[2] and phrase.box[2] > box[0]:
                self.offer(3.0 + gap_above / 100, slot, phrase)
            gap_left = box[0] - phrase.box[2]
            if -2 <= gap_left <= LEFT_REACH and box[1] - 2 <= center(phrase.box)[1] <= box[3] + 2:
                self.offer(left_cost + gap_left / 1000, slot, phrase)

    @staticmethod
    def _beside(a: Region | None, b: Region | None) -> bool:
        if a is None or b is None:
            return False
        return (abs(a.box[2] - b.box[0]) <= ADJACENT and same_row(a.box, b.box, 0.5)) or \
            (abs(a.box[3] - b.box[1]) <= ADJACENT and same_column(a.box, b.box, 0.5))

    def pairings(self) -> list[Pairing]:
        done: dict[int, Pairing | None] = {}  # None: a slot that is no field (a stamp or photo box)
        used: set[int] = set()
        for _, _, slot, phrase, row in sorted(self.candidates, key=lambda c: (c[0], c[1])):
            if id(slot) in done or (id(phrase) in used and row is None):
                continue
            if slot.mark is None and any(o is not None and _covers(o.slot, slot) for o in done.values()):
                continue
            done[id(slot)] = None if stamp_box(slot, phrase.text) else Pairing(slot, phrase.text, row)
            used.add(id(phrase))  # a column heading still serves its other numbered rows
        return sorted((p for p in done.values() if p is not None), key=lambda p: (round(p.slot.box[1] / 4), p.slot.box[0]))


def _one_label(phrases: list[Phrase]) -> bool:
    """Whether the phrases are the lines of one label wrapped in its cell (close together,
    one under the other)."""
    ordered = sorted(phrases, key=lambda p: p.box[1])
    return len(ordered) <= 3 and all(0 <= b.box[1] - a.box[3] <= 0.8 * a.size and min(a.box[2], b.box[2]) > max(a.box[0], b.box[0])
                                     for a, b in zip(ordered, ordered[1:], strict=False))


def _joined(phrases: list[Phrase]) -> Phrase:
    ordered = sorted(phrases, key=lambda p: p.box[1])
    words = [w for p in ordered for w in p.words]
    box = (min(p.box[0] for p in ordered), ordered[0].box[1], max(p.box[2] for p in ordered), ordered[-1].box[3])
    return Phrase("".join(p.text for p in ordered), box, max(p.size for p in ordered), ordered[0].region, words)


def _bare(region: Region) -> bool:
    """A cell with nothing printed in it but decorations (a value cell)."""
    return not region.children and not any(not is_decoration(w.text) for w in region.printed) and \
        not any(w.vertical for w in region.words)


def _covers(a: Slot, b: Slot) -> bool:
    """Whether two slots are mostly the same area (a gap inside a cell already taken)."""
    shared = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0]), min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    if shared[0] <= 0 or shared[1] <= 0:
        return False
    smaller = min((a.box[2] - a.box[0]) * (a.box[3] - a.box[1]), (b.box[2] - b.box[0]) * (b.box[3] - b.box[1]))
    return shared[0] * shared[1] > 0.5 * max(1.0, smaller)


def pair_page(view: PageView, marks: list[Mark], taken: set[int]) -> list[Pairing]:
    """The value areas of a page paired with their labels, in reading order."""
    return _Pairer(view, marks, taken).pairings()
