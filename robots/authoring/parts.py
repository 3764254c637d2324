"""Values written in several boxes on one line: a phone number in three boxes with dashes
between them, a postal code in two after 〒, a name in a 氏 box and a 名 box. Each is one
composite field; ``template new`` names its parts by the field's type."""

from __future__ import annotations

from robots.authoring.geometry import Box, height, inside, same_row, union
from robots.authoring.words import Mark, PageView, Word

__all__ = ["PART_NAMES", "find_split_boxes", "name_parts"]

SEPARATORS = set("-－ー−‐–—(（)）")
SUBLABELS = {"氏": "family", "姓": "family", "名": "given", "（氏）": "family", "（名）": "given", "(氏)": "family",
             "(名)": "given"}
GAP = (3.0, 48.0)  # the room between two boxes of one value, holding a dash or a sub-label
PART_NAMES = {"phone": ("area", "local", "number"), "postal_code": ("first", "last"), "name": ("family", "given")}


def _between(words: list[Word], left: Box, right: Box) -> list[Word]:
    return [w for w in words if w.printed and left[2] - 1 <= w.box[0] and w.box[2] <= right[0] + 1
            and same_row(w.box, left, 0.3)]


def _sublabel(words: list[Word], box: Box) -> Word | None:
    """A printed 氏 or 名 just before ``box`` on its line."""
    before = [w for w in words if w.printed and w.text in SUBLABELS and w.box[2] <= box[0] + 1
              and box[0] - w.box[2] <= 12 and same_row(w.box, box, 0.3)]
    return max(before, key=lambda w: w.box[2], default=None)


def find_split_boxes(view: PageView, taken: set[int]) -> list[Mark]:
    """Rows of two or three boxes joined by dashes (or each after 氏 / 名); the boxes are
    taken out of ``view.rects``."""
    rects = sorted((r for r in view.rects if height(r) <= 40), key=lambda r: (r[1], r[0]))
    words = [w for w in view.words if id(w) not in taken]
    marks: list[Mark] = []
    used: set[Box] = set()
    for start in rects:
        if start in used:
            continue
        row, made_of = [start], []
        while len(row) < 3:
            last = row[-1]
            follow = [r for r in rects if r not in used and r not in row and GAP[0] <= r[0] - last[2] <= GAP[1]
                      and abs(r[1] - last[1]) <= 2 and abs(r[3] - last[3]) <= 2]
            if not follow:
                break
            nxt = min(follow, key=lambda r: r[0])
            between = _between(words, last, nxt)
            if between and all(w.text in SEPARATORS for w in between):
                made_of += between
            elif not (_sublabel(words, nxt) and _sublabel(words, row[0])):
                break
            row.append(nxt)
        if len(row) < 2:
            continue
        subs = [_sublabel(words, r) for r in row]
        named = len(row) == 2 and all(subs) and {SUBLABELS[s.text] for s in subs if s} == {"family", "given"}
        if not named and not made_of:
            continue
        made_of += [s for s in subs if s] if named else []
        used.update(row)
        value = "".join(w.text for w in sorted(view.words, key=lambda w: w.box[0])
                        if not w.printed and any(inside(w.center, r) for r in row)) or None
        marks.append(Mark("split", union(row), value=value, words=made_of,
                          parts={"boxes": row, "named": named}))
        taken.update(id(w) for w in made_of)
    view.rects[:] = [r for r in view.rects if r not in used]
    return marks


def name_parts(mark: Mark, field_type: str) -> dict[str, dict] | None:
    """The parts of a split value for a field of ``field_type`` (None when they do not fit:
    then the field is read as one box over all of them)."""
    boxes = (mark.parts or {}).get("boxes", [])
    names = PART_NAMES.get(field_type)
    if (mark.parts or {}).get("named"):
        names = PART_NAMES["name"] if field_type in ("name", "text", "katakana") else None
    if names is None or len(names) != len(boxes):
        return None
    return {name: {"box": box} for name, box in zip(names, boxes, strict=True)}
