"""Printed areas that are no field, whatever their shape: boxes to stamp a seal in or paste
a copy or photo on (「登録する印鑑（印影）」, 「受付印」, 「写真」, 「…（貼付）」) and the areas the
office fills in (「※市使用欄」, 「職員記入欄」, a table under 「※教育委員会記入欄」). ``layout``
leaves them out; 「申請者記入欄」 names the applicant and stays."""

from __future__ import annotations

import re

from robots.authoring.geometry import Box
from robots.authoring.regions import Phrase
from robots.authoring.words import Region, Slot

__all__ = ["CAPTION_REACH", "OFFICE_CAPTION", "OFFICE_WORDS", "STAMP_MIN", "STAMP_WORDS", "TOUCH",
           "captioned", "office_caption", "seal", "stamp_box"]

TOUCH = 2.5  # cells of one table share an edge at most this far apart
CAPTION_REACH = 14.0  # a caption printed this close above a table is its caption
OFFICE_WORDS = ("使用欄", "処理欄", "記入しないで", "職員", "決裁", "受付印", "市記入", "町記入", "村記入", "区記入")
OFFICE_CAPTION = re.compile(r"(市|町|村|区|役所|役場|委員会|課|係|局|庁|センター|職員|担当|事務|受付)(記入|記載|処理|使用)?欄")
"""A caption naming the office as who fills the area in (「※教育委員会記入欄」, 「市役所処理欄」,
「受付欄」); 「申請者記入欄」, 「区分欄」 or 「使用目的欄」 name no office."""
STAMP_WORDS = ("印影", "押印", "捺印", "印鑑", "実印", "認印", "写真", "貼")  # a box to stamp, or paste a copy or photo on
STAMP_MIN = 30.0  # a stamp or photo box is at least this high


def seal(region: Region) -> bool:
    """A box to stamp a seal in: 印 printed in its middle."""
    middle = (region.box[0] + region.box[2]) / 2
    return any(w.text in ("印", "㊞") and abs(w.center[0] - middle) < 0.2 * (region.box[2] - region.box[0])
               for w in region.printed)


def stamp_box(slot: Slot, label: str) -> bool:
    """An empty box for a seal impression or a photo (「登録する印鑑（印影）」, 「受付印」,
    「写真」): about square, taller than a line of writing, labelled as such. Nothing is
    written in it, so it is no field."""
    if slot.how != "cell" or slot.value:
        return False
    w, h = slot.box[2] - slot.box[0], slot.box[3] - slot.box[1]
    squashed = re.sub(r"\s+", "", label)
    named = any(word in squashed for word in STAMP_WORDS) or squashed.rstrip("）)").endswith("印")
    return named and h >= STAMP_MIN and 0.6 <= w / h <= 1.67


def office_caption(text: str) -> bool:
    return any(word in text for word in OFFICE_WORDS) or bool(OFFICE_CAPTION.search(text))


def captioned(regions: list[Region], captions: list[Phrase]) -> list[Region]:
    """The cells of a table printed right under a caption that says the office fills it in
    (「市役所処理欄」, 「職員記入欄」): the cells just below the caption and every cell joined
    to them edge to edge."""
    table = [r for r in regions for c in captions
             if -2 <= r.box[1] - c.box[3] <= CAPTION_REACH and r.box[0] - 24 <= c.box[0] < r.box[2]]
    grown = True
    while grown:
        joined = [r for r in regions if r not in table and any(_touch(r.box, t.box) for t in table)]
        table += joined
        grown = bool(joined)
    return table


def _touch(a: Box, b: Box) -> bool:
    """Two cells sharing (part of) an edge."""
    across = min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(abs(a[1] - b[3]), abs(b[1] - a[3])) <= TOUCH
    along = min(a[3], b[3]) - max(a[1], b[1]) > 0 and min(abs(a[0] - b[2]), abs(b[0] - a[2])) <= TOUCH
    return across or along
