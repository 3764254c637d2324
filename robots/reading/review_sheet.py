"""The review sheet (確認シート): one row per doubtful field, with the image of that field
from the scan next to the value read and the reason. Staff type the right value in the next
column, save, and run ``review import``; items whose fields are then all right continue to
entry. The audit records who corrected which field, never the value."""

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

from shared.audit import AuditStore
from shared.config.scenario import Scenario
from shared.errors import BusinessError
from shared.fields import FieldValue, normalize
from shared.ledger import Ledger, State
from shared.messages import t

__all__ = ["ReviewRow", "import_review_sheet", "write_review_sheet"]

SHEET = "確認シート"
COLUMNS = ("item_id", "field", "ledger.col.file", "review.col.label", "review.col.read", "review.col.reason",
           "review.col.image", "review.col.correct")
IMAGE_COLUMN, CORRECT_COLUMN = 7, 8
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
    for letter, width in zip("CDEFGH", (22, 18, 30, 40, 62, 30), strict=False):
        ws.column_dimensions[letter].width = width
    for index, row in enumerate(rows, start=2):
        ws.append([row.item_id, row.field, row.source, row.label, row.read, row.reason, "", ""])
        ws.cell(index, CORRECT_COLUMN).fill = PatternFill("solid", fgColor="FFF2CC")
        ws.cell(index, 6).alignment = Alignment(wrap_text=True, vertical="top")
        if row.image is not None and row.image.size:
            picture = SheetImage(_png(row.image))
            ws.add_image(picture, f"G{index}")
            ws.row_dimensions[index].height = max(30, min(picture.height * 0.75 + 6, 300))
    ws.freeze_panes = "C2"
    ws.protection = SheetProtection(sheet=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def import_review_sheet(path: Path, scenario: Scenario, ledger: Ledger, audit: AuditStore, by: str) -> dict[str, int]:
    """Apply the corrections in a saved sheet. Returns counts: items released to entry,
    items still needing review, fields corrected."""
    try:
        ws = load_workbook(path)[SHEET]
    except (KeyError, OSError, ValueError) as exc:
        raise BusinessError("review.bad_sheet", file=Path(path).name) from exc
    rows: dict[int, list[tuple[str, str, str | None]]] = {}
    for item_id, field_name, _source, _label, read, _reason, _image, correct in ws.iter_rows(min_row=2, values_only=True):
        if item_id is None or field_name is None:
            continue
        text = None if correct in (None, "") else str(correct)
        rows.setdefault(int(item_id), []).append((str(field_name), "" if read is None else str(read), text))
    released = still = corrected = 0
    for item_id, fields in rows.items():
        item = ledger.get(item_id)
        if item.state != State.NEEDS_REVIEW or item.values is None:
            continue
        values = dict(item.values)
        problems = []
        for field_name, read, correction in fields:
            spec = scenario.fields[field_name]
            raw: str | bool | None = correction if correction is not None else (read or None)
            if spec.type == "checkbox":
                raw = None if raw is None else str(raw).strip() not in ("", "☐", "□", "0", "false", "いいえ", "無")
            value: FieldValue = normalize(spec.type, raw, required=spec.required, options=spec.options)
            if value.ok:
                values[field_name] = value.json_value()
                corrected += correction is not None
            else:
                problems.append(field_name)
        audit.append("item_reviewed", item_id=item_id, key_hash=item.key_hash, person=by,
                     corrected=[f for f, _, c in fields if c is not None], still_doubtful=problems)
        if problems:
            ledger.update(item_id, values=values)
            still += 1
        else:
            ledger.update(item_id, values=values)
            ledger.transition(item_id, State.NEW, reason_key=None, reason_params={})
            released += 1
    return {"released": released, "still": still, "corrected": corrected}
