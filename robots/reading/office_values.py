"""One field of an Excel/Word form: the raw value found at its binding, normalized by the
field's type, with the place it was read named in every problem. ``read: ticked`` reads
which printed option has a ticked box in the text (「■国内　□国外」); a field the template
leaves unbound reads as empty."""

from __future__ import annotations

from connectors.office import CellValue, has_marks, read_ticks
from shared.config.scenario import FieldSpec
from shared.config.template import FieldBinding
from shared.fields import FieldStatus, FieldValue, normalize
from shared.messages import Msg

__all__ = ["from_cell", "from_raw", "located", "unbound"]


def located(result: FieldValue, where: Msg) -> FieldValue:
    """``result`` with its problem message prefixed by where the value was read."""
    return result.explained("office.field_at", where=where)


def _problem(original: str | None, status: FieldStatus, where: Msg, reason: Msg) -> FieldValue:
    return FieldValue(original, None, status, "office.field_at", {"where": where, "reason": reason})


def _ticked(text: str | None, options: list[str], spec: FieldSpec, where: Msg) -> FieldValue:
    """The one printed option whose box is ticked; none (required), several, or an option
    the text does not print after a box are flagged, naming the options."""
    if text is None or not text.strip():
        return located(normalize(spec.type, None, required=spec.required, options=spec.options), where)
    ticks = read_ticks(text, options)
    if ticks.missing:
        reason = (Msg("office.ticks_option_missing", option="・".join(ticks.missing)) if has_marks(text)
                  else Msg("office.ticks_no_boxes", options="・".join(options)))
        return _problem(text, "invalid", where, reason)
    if len(ticks.ticked) > 1:
        return _problem(text, "invalid", where, Msg("office.ticks_many", options="・".join(ticks.ticked)))
    if not ticks.ticked:
        if not spec.required:
            return normalize(spec.type, None, options=spec.options)
        return _problem(text, "missing", where, Msg("office.ticks_none", options="・".join(options)))
    return located(normalize(spec.type, ticks.ticked[0], required=spec.required, options=spec.options), where)


def from_raw(raw: str | bool | None, binding: FieldBinding, spec: FieldSpec, where: Msg) -> FieldValue:
    """Normalize ``raw`` (text, or a check box's state) read at ``binding``."""
    if binding.read == "ticked" and isinstance(binding.options, list):
        text = raw if isinstance(raw, str) or raw is None else None
        return _ticked(text, binding.options, spec, where)
    return located(normalize(spec.type, raw, required=spec.required, options=spec.options), where)


def from_cell(cell: CellValue | None, binding: FieldBinding, spec: FieldSpec, where: Msg) -> FieldValue:
    """The field read from a workbook cell (``None``: no such cell)."""
    if cell is None:
        return _problem(None, "missing", where, Msg("office.not_found"))
    if cell.formula_without_value:
        return _problem(None, "needs_review", Msg("office.where.cell", sheet=cell.sheet, cell=cell.cell),
                        Msg("xlsx.formula_no_value"))
    raw: str | bool | None = cell.value if isinstance(cell.value, bool) else cell.text
    return from_raw(raw, binding, spec, Msg("office.where.cell", sheet=cell.sheet, cell=cell.cell))


def unbound(spec: FieldSpec, template: str) -> FieldValue:
    """A field the template does not bind: empty (an optional field), or missing, naming
    the template, when it is required (``validate`` refuses such a template)."""
    if spec.required:
        return FieldValue(None, None, "missing", "office.field_unbound", {"template": template})
    return normalize(spec.type, None, options=spec.options)
