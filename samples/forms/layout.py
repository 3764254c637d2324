"""Layout of the sample 児童手当 認定請求書 — the one source for the PDFs and the template.

Every coordinate here is in PDF points with a top-left origin (pdfplumber's convention:
``x0``/``x1`` from the left edge, ``top``/``bottom`` from the top edge). The drawing code
flips ``top`` to reportlab's bottom-left origin; ``template_fields()`` writes the same
boxes into ``scenarios/jidou-teate-nintei/template.yaml``.

Only the standard library is used here, so the layout can be read without reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_WIDTH = 595.2755905511812  # A4 (210 mm)
PAGE_HEIGHT = 841.8897637795277  # A4 (297 mm)

TABLE_X0 = 50.0
TABLE_X1 = 545.0
LABEL_X1 = 150.0

LABEL_SIZE = 10.0  # printed labels (IPAex Mincho)
VALUE_INSET = 2.0  # a value box is its cell minus this much on every side
VALUE_PAD = 4.0  # filled text keeps at least this far from the value box edge
DIGIT_BOX_WIDTH = 22.0
DIGIT_BOX_HEIGHT = 26.0
DIGIT_SIZE = 13.0
TICK_SQUARE = 10.0
OPTION_PAD = 2.0  # a printed option's box is its glyphs' box plus this much
TICK_BOX_PAD = 1.0  # a tick option's box is its printed square plus this much

# pdfminer puts a glyph's box from baseline + descent*size up to size above that;
# IPAex fonts have descent -0.12 em, so the box spans baseline-0.88*size .. baseline+0.12*size
GLYPH_ASCENT = 0.88
GLYPH_DESCENT = 0.12

TITLE = "児童手当 認定請求書"
SUBTITLE = "（サンプル様式）"
FORM_CODE = "様式第1号"
KEYWORDS = ("児童手当", "認定請求書")
CONSENT_TEXT = "上記のとおり請求します。記載内容に相違ありません。"
CHILDREN_HEADING = "請求者が養育している児童"
CHILD_ROWS = 3


@dataclass(frozen=True)
class Box:
    """A rectangle in top-left-origin points: ``[x0, top, x1, bottom]``."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.top + self.bottom) / 2)

    def inset(self, d: float) -> Box:
        return Box(self.x0 + d, self.top + d, self.x1 - d, self.bottom - d)

    def as_list(self) -> list[float]:
        return [round(v, 2) for v in (self.x0, self.top, self.x1, self.bottom)]


# --- what a cell holds ---------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A printed label, left-aligned in its cell."""

    text: str


@dataclass(frozen=True)
class Printed:
    """Printed text centred in its cell (table headings, row numbers)."""

    text: str
    size: float = LABEL_SIZE


@dataclass(frozen=True)
class Text:
    """A hand-filled text value; the value box is the cell inset by ``VALUE_INSET``."""

    field: str
    size: float = 11.0  # preferred size; long values shrink to fit


@dataclass(frozen=True)
class Circled:
    """Printed options separated by ``・``; the chosen one is circled."""

    field: str
    options: tuple[str, ...]
    size: float = 11.0


@dataclass(frozen=True)
class Ticked:
    """A printed square before each option; the chosen one is ticked."""

    field: str
    options: tuple[str, ...]
    size: float = 10.5
    pitch: float = 128.0


@dataclass(frozen=True)
class Digits:
    """A row of printed boxes (マス目), one digit per box."""

    field: str
    count: int


@dataclass(frozen=True)
class Cell:
    box: Box
    content: Label | Printed | Text | Circled | Ticked | Digits | None


@dataclass(frozen=True)
class Line:
    """Printed text outside the table."""

    text: str
    x: float
    baseline: float
    size: float
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Checkbox:
    """A printed square with a sentence after it (the consent line)."""

    field: str
    square: Box
    text: str
    size: float = 10.5


@dataclass(frozen=True)
class Page:
    number: int
    cells: tuple[Cell, ...]
    lines: tuple[Line, ...]
    checkboxes: tuple[Checkbox, ...] = ()


def _row(top: float, bottom: float, *spans: tuple[float, float, object]) -> list[Cell]:
    return [Cell(Box(x0, top, x1, bottom), content) for x0, x1, content in spans]


def _page1() -> Page:
    cells: list[Cell] = []
    L, X1 = TABLE_X0, TABLE_X1
    M = LABEL_X1
    cells += _row(120, 150, (L, M, Label("請求日")), (M, X1, Text("request_date")))
    cells += _row(150, 175, (L, M, Label("フリガナ")), (M, X1, Text("claimant_kana", 10.5)))
    cells += _row(175, 215, (L, M, Label("請求者氏名")), (M, X1, Text("claimant_name", 15)))
    cells += _row(
        215,
        250,
        (L, M, Label("生年月日")),
        (M, 340, Text("birth_date")),
        (340, 400, Label("性別")),
        (400, X1, Circled("sex", ("男", "女"))),
    )
    cells += _row(250, 290, (L, M, Label("個人番号")), (M, X1, Digits("my_number", 12)))
    cells += _row(
        290,
        320,
        (L, M, Label("郵便番号")),
        (M, 290, Text("postal_code")),
        (290, 360, Label("電話番号")),
        (360, X1, Text("phone")),
    )
    cells += _row(320, 365, (L, M, Label("住所")), (M, X1, Text("address")))
    cells += _row(
        365,
        400,
        (L, M, Label("加入している年金")),
        (M, X1, Ticked("pension", ("厚生年金", "国民年金", "共済組合"))),
    )
    cells += _row(
        400,
        435,
        (L, M, Label("金融機関名")),
        (M, 330, Text("bank_name")),
        (330, 400, Label("支店名")),
        (400, X1, Text("branch_name")),
    )
    cells += _row(
        435,
        475,
        (L, M, Label("預金種別")),
        (M, 290, Circled("account_type", ("普通", "当座"))),
        (290, 360, Label("口座番号")),
        (360, X1, Digits("account_number", 7)),
    )
    cells += _row(475, 505, (L, M, Label("口座名義（カナ）")), (M, X1, Text("account_holder_kana", 10.5)))

    center = PAGE_WIDTH / 2
    lines = (
        Line(FORM_CODE, L, 48, 9),
        Line(TITLE, center, 78, 18, "center"),
        Line(SUBTITLE, center, 96, 10, "center"),
        Line("（あて先）見本市長", L, 112, 10),
        Line("記入上の注意", L, 530, 9),
        Line("1 個人番号欄には、請求者の個人番号（12桁）を1マスに1字ずつ記入してください。", L + 6, 546, 8),
        Line("2 性別・預金種別は該当するものを○で囲み、加入している年金は該当する□に印を付けてください。", L + 6, 560, 8),
        Line("3 請求者が養育している児童は、2枚目に記入してください。", L + 6, 574, 8),
        Line("（1／2）", center, 815, 8, "center"),
    )
    return Page(1, tuple(cells), lines)


CHILD_COLUMNS = ((50.0, 85.0), (85.0, 235.0), (235.0, 395.0), (395.0, 545.0))
CHILD_HEADER = (120.0, 142.0)
CHILD_ROW_HEIGHT = 40.0


def _page2() -> Page:
    (n0, n1), (a0, a1), (k0, k1), (d0, d1) = CHILD_COLUMNS
    top, bottom = CHILD_HEADER
    cells = _row(
        top,
        bottom,
        (n0, n1, Printed("番号", 9)),
        (a0, a1, Printed("氏名")),
        (k0, k1, Printed("フリガナ")),
        (d0, d1, Printed("生年月日")),
    )
    for i in range(1, CHILD_ROWS + 1):
        t = bottom + (i - 1) * CHILD_ROW_HEIGHT
        cells += _row(
            t,
            t + CHILD_ROW_HEIGHT,
            (n0, n1, Printed(str(i))),
            (a0, a1, Text(f"child{i}_name", 12)),
            (k0, k1, Text(f"child{i}_kana", 10.5)),
            (d0, d1, Text(f"child{i}_birth_date", 10.5)),
        )
    center = PAGE_WIDTH / 2
    lines = (
        Line("児童手当 認定請求書（2枚目）", TABLE_X0, 48, 9),
        Line(CHILDREN_HEADING, TABLE_X0, 90, 13),
        Line("（18歳到達後最初の3月31日までの間にある児童を記入してください。）", TABLE_X0, 108, 8),
        Line("（2／2）", center, 815, 8, "center"),
    )
    consent = Checkbox("consent", Box(50, 300, 50 + 12, 312), CONSENT_TEXT)
    return Page(2, tuple(cells), lines, (consent,))


PAGES: tuple[Page, ...] = (_page1(), _page2())


# --- derived geometry -------------------------------------------------------------------


def baseline_for(box: Box, size: float) -> float:
    """The baseline that centres a glyph box of ``size`` vertically in ``box``."""
    mid = (box.top + box.bottom) / 2
    return mid + (GLYPH_ASCENT - 0.5) * size


def value_box(cell: Cell) -> Box:
    return cell.box.inset(VALUE_INSET)


def digit_boxes(cell: Cell) -> list[Box]:
    assert isinstance(cell.content, Digits)
    n = cell.content.count
    x = cell.box.x0 + 10
    top = (cell.box.top + cell.box.bottom - DIGIT_BOX_HEIGHT) / 2
    return [Box(x + i * DIGIT_BOX_WIDTH, top, x + (i + 1) * DIGIT_BOX_WIDTH, top + DIGIT_BOX_HEIGHT) for i in range(n)]


def digit_row(cell: Cell) -> Box:
    boxes = digit_boxes(cell)
    return Box(boxes[0].x0, boxes[0].top, boxes[-1].x1, boxes[-1].bottom)


@dataclass(frozen=True)
class PlacedOption:
    option: str
    x: float  # left edge of the printed text
    baseline: float
    width: float  # printed text width
    box: Box  # what the template calls the option's box
    square: Box | None = None  # tick square (Ticked only)


def circled_options(cell: Cell, width_of) -> tuple[list[PlacedOption], list[tuple[float, float]]]:
    """Printed options and the ``・`` separators between them.

    ``width_of(text, size)`` measures printed text (reportlab's stringWidth in Mincho).
    Returns the options and the (x, baseline) of each separator.
    """
    c = cell.content
    assert isinstance(c, Circled)
    widths = [width_of(o, c.size) for o in c.options]
    pitch = max(widths) + 2 * c.size + 4
    cx, _ = cell.box.center
    first = cx - pitch * (len(c.options) - 1) / 2
    baseline = baseline_for(cell.box, c.size)
    placed = []
    for i, (option, w) in enumerate(zip(c.options, widths, strict=False)):
        ox = first + i * pitch - w / 2
        glyphs = Box(ox, baseline - GLYPH_ASCENT * c.size, ox + w, baseline + GLYPH_DESCENT * c.size)
        placed.append(PlacedOption(option, ox, baseline, w, glyphs.inset(-OPTION_PAD)))
    dot_w = width_of("・", c.size)
    seps = [(first + (i + 0.5) * pitch - dot_w / 2, baseline) for i in range(len(c.options) - 1)]
    return placed, seps


def ticked_options(cell: Cell, width_of) -> list[PlacedOption]:
    c = cell.content
    assert isinstance(c, Ticked)
    _, cy = cell.box.center
    baseline = baseline_for(cell.box, c.size)
    placed = []
    for i, option in enumerate(c.options):
        sx = cell.box.x0 + 12 + i * c.pitch
        square = Box(sx, cy - TICK_SQUARE / 2, sx + TICK_SQUARE, cy + TICK_SQUARE / 2)
        tx = sx + TICK_SQUARE + 5
        placed.append(
            PlacedOption(option, tx, baseline, width_of(option, c.size), square.inset(-TICK_BOX_PAD), square)
        )
    return placed


def checkbox_box(cb: Checkbox) -> Box:
    return cb.square.inset(-TICK_BOX_PAD)


def template_fields(width_of) -> dict[str, dict]:
    """The ``fields`` mapping of the template, in form order."""
    fields: dict[str, dict] = {}
    for page in PAGES:
        for cell in page.cells:
            c = cell.content
            if isinstance(c, Text):
                fields[c.field] = {"page": page.number, "box": value_box(cell).as_list()}
            elif isinstance(c, Digits):
                fields[c.field] = {"page": page.number, "box": digit_row(cell).as_list()}
            elif isinstance(c, Circled):
                placed, _ = circled_options(cell, width_of)
                fields[c.field] = {
                    "page": page.number,
                    "read": "circled",
                    "options": {p.option: p.box.as_list() for p in placed},
                }
            elif isinstance(c, Ticked):
                fields[c.field] = {
                    "page": page.number,
                    "read": "ticked",
                    "options": {p.option: p.box.as_list() for p in ticked_options(cell, width_of)},
                }
        for cb in page.checkboxes:
            fields[cb.field] = {"page": page.number, "read": "checkbox", "box": checkbox_box(cb).as_list()}
    return fields


def field_names() -> list[str]:
    names = []
    for page in PAGES:
        for cell in page.cells:
            if isinstance(cell.content, (Text, Digits, Circled, Ticked)):
                names.append(cell.content.field)
        names += [cb.field for cb in page.checkboxes]
    return names
