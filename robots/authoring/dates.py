"""Dates printed as a frame to write in: 「令和　年　月　日」 (a date line: one field, one box
over the whole line) and 「明・大・昭・平・令　□年□月□日」 (a circled era with year, month
and day parts: one composite field). Found from the printed 年・月・日 with room between them."""

from __future__ import annotations

from robots.authoring.geometry import Box, center, height, inside, union
from robots.authoring.words import Mark, PageView, Word

__all__ = ["find_dates"]

PART_ROOM = (6.0, 90.0)  # the room between 年 and 月 (and 月 and 日) to write in
YEAR_ROOM = 48.0  # the year's room when nothing printed bounds it on the left
ERA_REACH = 40.0  # an era printed this close before the year's room belongs to the date
LINE_ABOVE, LINE_BELOW = 4.0, 3.0  # a date line's box: its text and this much above and below
ERA_NAMES = {"明治", "大正", "昭和", "平成", "令和", "明", "大", "昭", "平", "令"}


def _next(words: list[Word], after: Word, text: str) -> Word | None:
    """The printed ``text`` right of ``after`` on its line, with room to write between."""
    candidates = [w for w in words if w.text == text and abs(center(w.box)[1] - center(after.box)[1]) < 0.6 * after.size
                  and PART_ROOM[0] <= w.box[0] - after.box[2] <= PART_ROOM[1]]
    return min(candidates, key=lambda w: w.box[0], default=None)


def _boxes_in(room: Box, boxes: list[Box]) -> list[Box]:
    return [b for b in boxes if room[0] - 2 <= b[0] and b[2] <= room[2] + 2 and inside(center(b), room, 6)]


def _part(room: Box, boxes: list[Box]) -> Box:
    """A part's box: the printed boxes in its room, else the room itself."""
    inner = _boxes_in(room, boxes)
    return union(inner) if inner else (room[0] + 1, room[1], room[2] - 1, room[3])


def _before(words: list[Word], year: Word, circled: list[Mark]) -> tuple[str, object | None]:
    """What is printed just before the year's room: a circled era group, an era name, or
    something else (a label), with it."""
    row = lambda box: abs(center(box)[1] - center(year.box)[1]) < 0.8 * year.size  # noqa: E731
    groups = [m for m in circled if row(m.box) and m.box[2] <= year.box[0] and set(m.options or {}) <= ERA_NAMES]
    left = [w for w in words if row(w.box) and w.box[2] <= year.box[0] - 2]
    nearest = max(left, key=lambda w: w.box[2], default=None)
    group = max(groups, key=lambda m: m.box[2], default=None)
    if group is not None and (nearest is None or group.box[2] >= nearest.box[2] - 1):
        return "circled", group
    if nearest is not None and nearest.text in ("西暦", *ERA_NAMES) and year.box[0] - nearest.box[2] <= ERA_REACH + 60:
        return "era", nearest
    return "other", nearest


def find_dates(view: PageView, printed: list[Word], circled: list[Mark], marks: list[Mark],
               taken: set[int]) -> tuple[list[Mark], list[Mark]]:
    """Date lines and circled-era dates; returns them and the option groups left over. The
    printed words and boxes a date is made of are taken (``taken``, ``view.rects``)."""
    words = [w for w in printed if id(w) not in taken]
    boxes = list(view.rects) + [m.box for m in marks if m.kind == "digits"]
    dates: list[Mark] = []
    for year in sorted((w for w in words if w.text == "年"), key=lambda w: (w.box[1], w.box[0])):
        month = _next(words, year, "月")
        day = _next(words, month, "日") if month is not None else None
        if month is None or day is None:
            continue
        top, bottom = min(w.box[1] for w in (year, month, day)), max(w.box[3] for w in (year, month, day))
        kind, before = _before(words, year, circled)
        start = before.box[2] if isinstance(before, (Word, Mark)) else year.box[0] - YEAR_ROOM
        start = max(start, year.box[0] - YEAR_ROOM - (60 if kind == "era" else 0))
        band = (top - LINE_ABOVE, bottom + LINE_BELOW)
        rooms = {"year": (start, band[0], year.box[0], band[1]), "month": (year.box[2], band[0], month.box[0], band[1]),
                 "day": (month.box[2], band[0], day.box[0], band[1])}
        parts = {name: _part(room, boxes) for name, room in rooms.items()}
        used = [b for room in rooms.values() for b in _boxes_in(room, boxes)]
        value = "".join(w.text for w in sorted(view.words, key=lambda w: w.box[0])
                        if not w.printed and any(inside(w.center, p, 2) for p in parts.values())) or None
        made_of = [year, month, day]
        if kind == "circled" and isinstance(before, Mark):
            circled = [m for m in circled if m is not before]
            made_of += before.words
            era = {"read": "circled", "options": before.options, "value": before.value}
            box = union([before.box, *parts.values()])
            mark = Mark("era_date", box, parts={"era": era, **{k: {"box": v} for k, v in parts.items()}},
                        value=value, words=made_of)
        else:
            left = before.box[0] - 1 if kind == "era" and isinstance(before, Word) else parts["year"][0]
            if kind == "era" and isinstance(before, Word):
                made_of.append(before)
            box = (left, min(band[0], *(p[1] for p in parts.values())), day.box[2] + 1,
                   max(band[1], *(p[3] for p in parts.values())))
            mark = Mark("date", box, value=value, words=made_of,
                        gregorian=kind == "era" and isinstance(before, Word) and before.text == "西暦")
        if height(mark.box) > 3 * (bottom - top) + 20:
            continue  # boxes far taller than the printed words are not this date's parts
        taken.update(id(w) for w in made_of)
        view.rects[:] = [r for r in view.rects if r not in used]
        dates.append(mark)
    return dates, circled
