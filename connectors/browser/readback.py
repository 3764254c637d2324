"""Reading back what form controls hold, in one round trip to the browser: after steps
typed, chose or ticked something, the robot compares the screen with what it meant to
enter (Playwright's ``fill`` obeys ``maxlength`` and says nothing when it cuts a value).

    state = read_control(page.get_by_label("氏名", exact=True))
    state.value, state.max_length, state.selected, state.checked

    states = read_controls(name.or_(address).or_(number))   # every control at once, in page order
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ControlState", "read_control", "read_controls", "utf16_length"]

# One evaluate: the element's own value (or text, for a contenteditable), its maxlength
# (-1 when none), the labels of the selected options (what select_option(label=...) matches),
# and the checked state (a native checkbox or radio, or aria-checked).
_READ_ONE = """(el) => {
  const tag = el.tagName.toLowerCase();
  const aria = el.getAttribute('aria-checked');
  const editable = !('value' in el) && el.isContentEditable;
  return {
    tag: tag,
    type: (el.getAttribute('type') || '').toLowerCase(),
    value: editable ? el.innerText : (typeof el.value === 'string' ? el.value : ''),
    maxLength: typeof el.maxLength === 'number' ? el.maxLength : -1,
    selected: tag === 'select' ? Array.from(el.selectedOptions).map(o => o.label) : [],
    checked: ('checked' in el && (el.type === 'checkbox' || el.type === 'radio')) ? el.checked
             : (aria === null ? null : aria === 'true'),
  };
}"""
_READ_ALL = f"(els) => els.map({_READ_ONE})"


@dataclass(frozen=True)
class ControlState:
    """What a form control holds now. ``max_length`` is None when it has no ``maxlength``;
    ``checked`` is None for a control that cannot be checked."""

    tag: str
    type: str
    value: str
    max_length: int | None
    selected: tuple[str, ...]
    checked: bool | None

    @property
    def single_line(self) -> bool:
        """An ``<input>``: the browser drops line breaks from what is typed into it."""
        return self.tag == "input"

    @property
    def key(self) -> tuple[str, object]:
        """What the control holds, as one comparable value: ("s", selected labels) for a
        select, ("c", checked) for a box, ("v", value) for the rest."""
        if self.tag == "select":
            return ("s", self.selected)
        if self.checked is not None:
            return ("c", self.checked)
        return ("v", self.value)


def _state(raw: dict[str, Any]) -> ControlState:
    max_length = int(raw["maxLength"])
    return ControlState(tag=str(raw["tag"]), type=str(raw["type"]), value=str(raw["value"]),
                        max_length=max_length if max_length >= 0 else None,
                        selected=tuple(str(s) for s in raw["selected"]), checked=raw["checked"])


def read_control(locator: Any) -> ControlState:
    """The state of the one element ``locator`` finds (Playwright's errors pass through:
    the step that called it translates them)."""
    return _state(locator.evaluate(_READ_ONE))


def read_controls(locator: Any) -> list[ControlState]:
    """The states of every element ``locator`` finds now (none: an empty list), in page order,
    in one round trip; it does not wait for elements to appear."""
    return [_state(raw) for raw in locator.evaluate_all(_READ_ALL)]


def utf16_length(text: str) -> int:
    """The length a browser counts for ``maxlength``: UTF-16 code units (𠮷 counts as 2)."""
    return len(text.encode("utf-16-le")) // 2
