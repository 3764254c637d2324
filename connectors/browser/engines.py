"""Selector engines that find elements the way a clerk reads the screen, registered with
Playwright by the launchers of this package (``install``) before any page is made.

    page.locator("rpa_label=" + engine_text("氏名"))   # the input that 氏名 names
    page.locator("rpa_click=" + engine_text("検索"))   # what a person clicks to 検索

Both run inside the page as one query (no round trip per rule) and are re-run by
Playwright's own auto-waiting until the element is there; more than one match fails the
action (Playwright's strictness) instead of picking one.

Texts are compared after NFKC (full-width letters, digits and the ideographic space fold),
with runs of spaces made one, and leading/trailing spaces, a trailing ``:``/``：`` and
required marks (``※``, ``*``, ``＊``) left out.

``rpa_label`` — the form control (input, select, textarea) named by a text, in this order
(the first rule that finds anything decides):

1. a ``<label>`` with that text (its control), an ``aria-label``, or ``aria-labelledby``;
2. visible text followed by its control: the control after the text in the same cell or
   block (text in parentheses, such as ``（全角）``, may stand between), the next cell of
   the row (``th`` → ``td``), a checkbox or radio button just before its text, or — in a
   header row without controls — the cell below in the next row.

Any other text between the label and a control stops the search, so a label never takes
the control of the next one. Visible matches win over hidden ones (a hidden one is still
found, so the action waits for it to be shown and the robot can say it is hidden).

``rpa_click`` — the clickable element whose visible text (a button's value, an image's
alt, else ``aria-label`` or ``title``) is the text: buttons, links, ``summary``,
``[role=button]``/``link``/``menuitem``/``tab``, ``input[type=button|submit|reset|image]``
and any element with an ``onclick`` attribute (an old screen's clickable cell); of nested
matches the innermost. A body ``button:TEXT`` or ``link:TEXT`` limits it to buttons or links.

``rpa_url`` — the document itself when the frame's address matches a pattern (``*`` for any
characters; the path and query, or the whole URL when the pattern has ``://``): a locator that
"appears" when the system sends the robot to, say, its session-expired page.
"""

from __future__ import annotations

import weakref
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Error as PlaywrightError

__all__ = ["CLICK_ENGINE", "LABEL_ENGINE", "URL_ENGINE", "engine_text", "install"]

LABEL_ENGINE = "rpa_label"
CLICK_ENGINE = "rpa_click"
URL_ENGINE = "rpa_url"

_COMMON = r"""
  const MARKS = /^[\s※*]+|[\s※*:]+$/g;
  const norm = (s) => (s || '').normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, ' ').replace(MARKS, '').trim();
  // text that stops the search for a label's control: anything but spaces, marks and (notes)
  const meaningful = (s) => norm((s || '').normalize('NFKC').replace(/\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】/g, '')) !== '';
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'OPTGROUP', 'SELECT', 'TEXTAREA']);
  const visible = (el) => {
    if (!el) return false;
    if (el.checkVisibility) return el.checkVisibility({visibilityProperty: true});
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  };
  const textOf = (node) => {
    if (node.nodeType === 3) return node.data;
    if (node.nodeType !== 1 || SKIP.has(node.tagName)) return '';
    let out = '';
    for (const child of node.childNodes) out += textOf(child);
    return out;
  };
  const innermostFirst = (els) => els.filter((el) => !els.some((other) => other !== el && el.contains(other)));
  const unique = (els) => Array.from(new Set(els));
  const preferVisible = (els) => { const shown = els.filter(visible); return shown.length ? shown : els; };
  const decode = (body) => decodeURIComponent(body);
"""

_LABEL_JS = (
    "(() => {" + _COMMON + r"""
  const isControl = (el) => {
    if (!el || el.nodeType !== 1) return false;
    if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return true;
    if (el.tagName === 'INPUT') return !['hidden', 'button', 'submit', 'reset', 'image'].includes((el.type || '').toLowerCase());
    return el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable);
  };
  const CONTROLS = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
  const controlsIn = (el) => el.nodeType === 1 ? Array.from(el.querySelectorAll(CONTROLS)).filter(isControl) : [];
  const hasControl = (el) => isControl(el) || controlsIn(el).length > 0;
  const byLabels = (root, wanted) => {
    const found = [];
    for (const label of root.querySelectorAll('label')) {
      if (label.control && isControl(label.control) && norm(textOf(label)) === wanted) found.push(label.control);
    }
    for (const el of root.querySelectorAll('[aria-label]')) {
      if (isControl(el) && norm(el.getAttribute('aria-label')) === wanted) found.push(el);
    }
    for (const el of root.querySelectorAll('[aria-labelledby]')) {
      if (!isControl(el)) continue;
      const doc = el.ownerDocument;
      const text = el.getAttribute('aria-labelledby').split(/\s+/).map((id) => doc.getElementById(id))
        .filter(Boolean).map(textOf).join(' ');
      if (norm(text) === wanted) found.push(el);
    }
    return unique(found);
  };
  // units: the outermost elements without controls whose text is the label, and the text
  // nodes that are the label inside mixed content (氏名：<input> カナ：<input>)
  const NOT_UNITS = new Set(['TR', 'TBODY', 'THEAD', 'TFOOT', 'TABLE', 'FORM', 'BODY', 'HTML']);
  const units = (root, wanted) => {
    const elements = [];
    for (const el of root.querySelectorAll('*')) {
      if (SKIP.has(el.tagName) || NOT_UNITS.has(el.tagName) || isControl(el)) continue;
      const text = el.textContent;
      if (!text || text.length > wanted.length * 4 + 40) continue;
      if (norm(textOf(el)) === wanted && !hasControl(el)) elements.push(el);
    }
    const outer = elements.filter((el) => !elements.some((other) => other !== el && other.contains(el)));
    const walker = (root.ownerDocument || root).createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.tagName) || norm(node.data) !== wanted) continue;
      if (!outer.some((el) => el.contains(node))) texts.push(node);
    }
    return [...outer, ...texts];
  };
  const parentOf = (node) => node.parentElement;
  const ROW = 'TR';
  const after = (node, bound) => {
    for (; node && node !== bound; node = node.parentNode) if (node.nextSibling) return node.nextSibling;
    return null;
  };
  const inOrder = (node, bound) =>
    node.firstChild && !(node.nodeType === 1 && SKIP.has(node.tagName)) ? node.firstChild : after(node, bound);
  // the control after the unit within its row (or the nearest block that holds a control),
  // with no other text between them
  const following = (unit) => {
    let bound = parentOf(unit);
    while (bound && bound.tagName !== ROW && !hasControl(bound) && bound.parentElement) bound = bound.parentElement;
    if (!bound) return null;
    for (let node = after(unit, bound); node; node = inOrder(node, bound)) {
      if (node.nodeType === 3) { if (meaningful(node.data)) return null; continue; }
      if (isControl(node)) return node;
    }
    return null;
  };
  const cellOf = (node) => {
    for (let el = node.nodeType === 1 ? node : node.parentElement; el; el = el.parentElement) {
      if (el.tagName === 'TD' || el.tagName === 'TH') return el;
      if (el.tagName === 'TR' || el.tagName === 'TABLE') return null;
    }
    return null;
  };
  const columnOf = (cell) => {
    let col = 0;
    for (let c = cell.previousElementSibling; c; c = c.previousElementSibling) col += c.colSpan || 1;
    return col;
  };
  const cellAt = (row, col) => {
    let at = 0;
    for (const c of row.cells) { if (col >= at && col < at + (c.colSpan || 1)) return c; at += c.colSpan || 1; }
    return null;
  };
  const nextRow = (row) => {
    if (row.nextElementSibling) return row.nextElementSibling;
    const section = row.parentElement && row.parentElement.nextElementSibling;
    return section && section.rows ? section.rows[0] || null : null;
  };
  // a header row without controls: the cell below, in the next row
  const below = (unit) => {
    const cell = cellOf(unit);
    if (!cell) return null;
    const row = cell.parentElement;
    if (!row || row.tagName !== ROW || hasControl(row)) return null;
    const next = nextRow(row);
    const target = next && next.cells ? cellAt(next, columnOf(cell)) : null;
    return target ? controlsIn(target)[0] || null : null;
  };
  // a checkbox or radio button just before its text (<input type=checkbox> 同意する)
  const preceding = (unit) => {
    let node = unit.previousSibling;
    while (node && node.nodeType === 3 && !meaningful(node.data)) node = node.previousSibling;
    if (node && node.nodeType === 1 && isControl(node) && ['checkbox', 'radio'].includes(node.type)) return node;
    return null;
  };
  const byText = (root, wanted) => {
    const found = [];
    for (const unit of units(root, wanted)) {
      const control = preceding(unit) || following(unit) || below(unit);
      if (control) found.push(control);
    }
    return unique(found);
  };
  const all = (root, body) => {
    const wanted = norm(decode(body));
    if (!wanted) return [];
    const labelled = byLabels(root, wanted);
    return preferVisible(labelled.length ? labelled : byText(root, wanted));
  };
  return { query(root, body) { return all(root, body)[0] || null; }, queryAll: all };
})()"""
)

_CLICK_JS = (
    "(() => {" + _COMMON + r"""
  const BUTTONS = 'button, summary, [role=button], input[type=button], input[type=submit], input[type=reset], input[type=image], [onclick]:not(a)';
  const LINKS = 'a[href], a[onclick], [role=link]';
  const OTHERS = '[role=menuitem], [role=tab]';
  const nameOf = (el) => {
    if (el.tagName === 'INPUT') return el.type === 'image' ? el.alt || el.value : el.value;
    const text = norm(textOf(el));
    if (text) return text;
    return el.getAttribute('aria-label') || el.getAttribute('title') || (el.querySelector('img[alt]') || {}).alt || '';
  };
  const all = (root, body) => {
    let role = 'any', text = body;
    const colon = body.indexOf(':');
    if (colon > 0 && ['button', 'link', 'any'].includes(body.slice(0, colon))) { role = body.slice(0, colon); text = body.slice(colon + 1); }
    const wanted = norm(decode(text));
    if (!wanted) return [];
    const selector = role === 'button' ? BUTTONS : role === 'link' ? LINKS : [BUTTONS, LINKS, OTHERS].join(', ');
    const matches = Array.from(root.querySelectorAll(selector)).filter((el) => norm(nameOf(el)) === wanted);
    return preferVisible(innermostFirst(matches));
  };
  return { query(root, body) { return all(root, body)[0] || null; }, queryAll: all };
})()"""
)

_URL_JS = r"""(() => {
  const escape = (piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const all = (root, body) => {
    const pattern = decodeURIComponent(body);
    const doc = root.ownerDocument || root;
    const where = doc.location || location;
    const url = pattern.includes('://') ? where.href.split('#')[0] : where.pathname + where.search;
    const regex = new RegExp('^' + pattern.split('*').map(escape).join('.*') + '$');
    return regex.test(url) && doc.documentElement ? [doc.documentElement] : [];
  };
  return { query(root, body) { return all(root, body)[0] || null; }, queryAll: all };
})()"""

_INSTALLED_ON: weakref.WeakSet[Any] = weakref.WeakSet()


def engine_text(text: str) -> str:
    """``text`` as an engine's body (percent-encoded: no quote, space or ``>>`` to escape)."""
    return quote(text, safe="")


def install(playwright: Any) -> None:
    """Register the engines with ``playwright`` (once per Playwright instance; before its
    first page)."""
    if playwright in _INSTALLED_ON:
        return
    for name, script in ((LABEL_ENGINE, _LABEL_JS), (CLICK_ENGINE, _CLICK_JS), (URL_ENGINE, _URL_JS)):
        try:
            playwright.selectors.register(name, script=script, content_script=True)
        except PlaywrightError as exc:
            if "already registered" not in str(exc):
                raise
    _INSTALLED_ON.add(playwright)
