"""The review sheet (確認シート): one row per doubtful field, with the image of that field
from the scan next to the value the robot kept (the same text the Excel ledger, CSV and
report show) and the reason (with the raw text read). Staff type the right value in the
next column, or leave it blank to keep the value shown, save, and run ``review import``;
items whose fields are then all right continue to entry (or, without ``web``, end read).
The audit records who corrected which field, never the value."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from openpyxl import Workbook, load_workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.protection import SheetProtection

from robots.core.context import masked_fields
from shared.audit import AuditStore
from shared.config.scenario import FieldSpec, Scenario
from shared.errors import BusinessError
from shared.fields import FieldValue, normalize
from shared.files import ensure_private_file, make_private
from shared.identity import key_hash
from shared.ledger import Ledger, State
from shared.messages import t

__all__ = ["CORRECT_COLUMN", "SUGGESTION_COLUMN", "ReviewRow", "import_review_sheet", "write_review_sheet"]

SHEET = "確認シート"
COLUMNS = ("item_id", "field", "ledger.col.file", "review.col.label", "review.col.read", "review.col.suggestion",
           "review.col.reason", "review.col.image", "review.col.correct")
SUGGESTION_COLUMN, IMAGE_COLUMN, CORRECT_COLUMN = 6, 8, 9
MAX_IMAGE_WIDTH = 420  # pixels shown in the sheet


@dataclass(frozen=True)
class ReviewRow:
    item_id: int
    field: str
    source: str
    label: str
    read: str
    reason: str
    image: np.ndarray | None
    suggestion: str = ""  # the second OCR engine's reading, where it differs from the value kept


def _png(image: np.ndarray) -> io.BytesIO:
    factor = min(1.0, MAX_IMAGE_WIDTH / max(1, image.shape[1]))
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else image
    ok, data = cv2.imencode(".png", small)
    assert ok
    return io.BytesIO(data.tobytes())


def write_review_sheet(path: Path, rows: Iterable[ReviewRow]) -> Path:
    """Write the sheet (owner-only when the platform allows)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([t(c) if "." in c else c for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
    ws.column_dimensions["A"].hidden = ws.column_dimensions["B"].hidden = True  # ids for the import
    for letter, width in zip("CDEFGHI", (22, 18, 30, 30, 40, 62, 30), strict=False):
        ws.column_dimensions[letter].width = width
    for index, row in enumerate(rows, start=2):
        ws.append([row.item_id, row.field, row.source, row.label, row.read, row.suggestion, row.reason, "", ""])
        ws.cell(index, CORRECT_COLUMN).fill = PatternFill("solid", fgColor="FFF2CC")
        ws.cell(index, SUGGESTION_COLUMN + 1).alignment = Alignment(wrap_text=True, vertical="top")
        if row.image is not None and row.image.size:
            picture = SheetImage(_png(row.image))
            ws.add_image(picture, f"H{index}")
            ws.row_dimensions[index].height = max(30, min(picture.height * 0.75 + 6, 300))
    ws.freeze_panes = "C2"
    ws.protection = SheetProtection(sheet=False)
    ensure_private_file(path)  # openpyxl writes into the owner-only file made here
    wb.save(path)
    return make_private(path)


_UNTICKED = ("", "☐", "□", "0", "false", "いいえ", "無")


def _kept(spec: FieldSpec, stored: object) -> FieldValue:
    """A blank correction: the value the robot kept (its mended reading, as the sheet's
    "value read" column, the CSV and the report show it), never the raw text read again."""
    if stored is None or stored == "":
        return normalize(spec.type, None, required=spec.required, options=spec.options)
    return FieldValue(None, stored, "ok")


def _corrected(spec: FieldSpec, text: str) -> FieldValue:
    """The value a person typed, checked like a value read from a form. A choice may be
    typed as its option text or, where options map to codes, as the code the sheet shows."""
    if spec.type == "checkbox":
        return normalize("checkbox", text.strip() not in _UNTICKED, required=spec.required)
    if spec.type == "choice" and isinstance(spec.options, dict):
        by_code = {code: option for option, code in spec.options.items()}
        text = by_code.get(text.strip(), text)
    return normalize(spec.type, text, required=spec.required, options=spec.options)


def import_review_sheet(path: Path, scenario: Scenario, ledger: Ledger, audit: AuditStore, by: str, *,
                        item_key: bytes | None = None) -> dict[str, int]:
    """Apply the corrections in a saved sheet. Returns counts: items released to entry,
    items still needing review, fields corrected.

    A typed correction is checked like a value read from the form; a blank one keeps the
    value the robot kept. The item's values and its public copy (what the Excel ledger, CSV
    and report show) both take the result; with ``item_key`` (the site's key for item
    hashes) the item's key hash follows corrected key fields, so duplicates are still found."""
    try:
        ws = load_workbook(path)[SHEET]
    except (KeyError, OSError, ValueError) as exc:
        raise BusinessError("review.bad_sheet", file=Path(path).name) from exc
    if ws.cell(1, CORRECT_COLUMN).value in (None, ""):
        # a sheet of another layout (an older version's): its corrections would be read from
        # the wrong column and every blank one would keep the robot's value
        raise BusinessError("review.bad_sheet", file=Path(path).name)
    rows: dict[int, list[tuple[str, str | None]]] = {}
    for item_id, field_name, *_shown, correct in ws.iter_rows(min_row=2, max_col=CORRECT_COLUMN, values_only=True):
        if item_id is None or field_name is None:
            continue
        if str(field_name) not in scenario.fields:
            raise BusinessError("review.unknown_field", file=Path(path).name, field=str(field_name))
        text = None if correct is None or str(correct).strip() == "" else str(correct)
        rows.setdefault(int(item_id), []).append((str(field_name), text))
    masked = masked_fields(scenario)
    released = still = corrected = 0
    for item_id, fields in rows.items():
        try:
            item = ledger.get(item_id)
        except KeyError:
            raise BusinessError("queue.no_such_item", item=str(item_id)) from None
        if item.state != State.NEEDS_REVIEW or item.values is None:
            continue
        values = dict(item.values)
        problems = []
        for field_name, correction in fields:
            spec = scenario.fields[field_name]
            value = _kept(spec, values.get(field_name)) if correction is None else _corrected(spec, correction)
            if value.ok:
                values[field_name] = value.json_value()
                corrected += correction is not None
            else:
                problems.append(field_name)
        audit.append("item_reviewed", item_id=item_id, key_hash=item.key_hash, person=by,
                     corrected=[f for f, c in fields if c is not None], still_doubtful=problems)
        changes: dict[str, object] = {"values": values, "public": {k: v for k, v in values.items() if k not in masked}}
        if item_key is not None:
            changes["key_hash"] = key_hash(item_key, scenario.id, scenario.key, values)
        ledger.update(item_id, **changes)
        if problems:
            still += 1
        else:
            ledger.transition(item_id, State.NEW, reason_key=None, reason_params={})
            released += 1
    return {"released": released, "still": still, "corrected": corrected}
