"""Reading order inside a box (shared.text_order): characters grouped into lines by where
they are, lines top to bottom, characters left to right, spaces from gaps — whatever order
they come in. Table tests on plain data; tests/test_pdf_reading_order.py draws real PDFs."""

from __future__ import annotations

import random

import pytest

from shared.fields import normalize
from shared.text_order import arrange, lines_of

EM = 10.0


def row(text: str, x: float = 0.0, top: float = 0.0, size: float = EM, gaps: dict[int, float] | None = None):
    """The characters of ``text`` side by side from ``x`` (a space character is a gap of its
    own width; ``gaps`` adds room before the character at an index)."""
    chars, gaps = [], gaps or {}
    for index, char in enumerate(text):
        x += gaps.get(index, 0.0)
        width = size / 2 if char.isascii() else size
        chars.append((char, (x, top, x + width, top + size)))
        x += width
    return chars


def column(text: str, x: float, top: float = 0.0, size: float = EM):
    return [(char, (x, top + i * size, x + size, top + (i + 1) * size)) for i, char in enumerate(text)]


def shuffled(chars, seed: int = 3):
    chars = list(chars)
    random.Random(seed).shuffle(chars)
    return chars


DATE_LINE = row("令和", 0) + row("8", 30) + row("年", 45) + row("7", 65) + row("月", 80) + row("16", 100) + row("日", 115)

CASES = [
    # (what, characters in drawing order, direction, text in reading order)
    ("a date line, values drawn after the printed words",
     row("令和") + row("年", 45) + row("月", 80) + row("日", 115) + row("16", 100) + row("7", 65) + row("8", 30),
     "horizontal", "令和 8 年 7 月 16 日"),
    ("the same line drawn last glyph first", list(reversed(DATE_LINE)), "horizontal", "令和 8 年 7 月 16 日"),
    ("a shuffled line", shuffled(row("山田太郎")), "horizontal", "山田太郎"),
    ("a written ideographic space", shuffled(row("山田\u3000太郎")), "horizontal", "山田\u3000太郎"),
    ("a written ASCII space", shuffled(row("ﾔﾏﾀﾞ ﾀﾛｳ")), "horizontal", "ﾔﾏﾀﾞ ﾀﾛｳ"),
    ("room left between words", row("山田太郎", gaps={2: 4.0}), "horizontal", "山田 太郎"),
    ("characters edge to edge", row("1234567"), "horizontal", "1234567"),
    ("a narrow gap is no space", row("12", gaps={1: 1.0}), "horizontal", "12"),
    ("two lines, the second drawn first",
     row("コーポ例野A棟", top=20) + row("東京都千代田区"), "horizontal", "東京都千代田区\nコーポ例野A棟"),
    ("a smaller value on the printed line's baseline",
     row("令和", size=10.5) + row("元", 30, top=0.5, size=9.5) + row("年", 45, size=10.5), "horizontal",
     "令和\u3000元 年"),
    ("digits one per box (マス目)",
     [(d, (i * 20 + 6, 2, i * 20 + 12, 14)) for i, d in reversed(list(enumerate("0000")))], "horizontal", "0 0 0 0"),
    ("縦書き: columns right to left, each top to bottom",
     shuffled(column("東京都", 20) + column("港区", 0)), "vertical", "東京都\n港区"),
    ("縦書き in one column", list(reversed(column("やまだ", 0))), "vertical", "やまだ"),
    ("nothing", [], "horizontal", ""),
    ("white space only", [(" ", (0, 0, 5, 10))], "horizontal", ""),
]


@pytest.mark.parametrize("chars, direction, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_arrange_reads_in_reading_order(chars, direction, expected):
    assert arrange(chars, direction) == expected


def test_every_drawing_order_of_a_date_line_reads_the_same():
    for seed in range(20):
        assert arrange(shuffled(DATE_LINE, seed)) == "令和 8 年 7 月 16 日"


def test_lines_of_groups_characters_and_leaves_spaces_out():
    lines = lines_of(shuffled(row("東京都 港区", top=0) + row("一丁目", top=14)))
    assert ["".join(text for text, _ in line) for line in lines] == ["東京都港区", "一丁目"]


# A gap with no space character in it: pdfium keeps no U+3000 of a digital PDF (it makes up an
# ASCII space in its place, which connectors/pdf leaves out), so the gap alone tells the two apart.
GAPS = [
    # (what, characters, text)
    ("a full-width gap between full-width characters (a U+3000 typed there)",
     shuffled(row("サンプル信用金庫本店", gaps={8: EM})), "サンプル信用金庫\u3000本店"),
    ("most of a full-width character between kanji", row("山田太郎", gaps={2: 0.8 * EM}), "山田\u3000太郎"),
    ("half an em between kanji (an ASCII space in a monospaced Japanese font)", row("山田太郎", gaps={2: 0.5 * EM}),
     "山田 太郎"),
    ("a full-width gap between ASCII letters", row("ABCD", gaps={2: EM}), "AB CD"),
    ("a full-width gap between a kanji and an ASCII digit", row("令和8年", gaps={2: EM, 3: EM}), "令和 8 年"),
    ("a full-width gap between half-width kana", row("ﾔﾏﾀﾞﾀﾛｳ", gaps={4: EM}), "ﾔﾏﾀﾞ ﾀﾛｳ"),
    ("a full-width gap between full-width digits", row("１２３４５６７", gaps={3: EM}), "１２３\u3000４５６７"),
    ("a written ASCII space in a wide gap stays what was typed",
     row("例野信用組合", gaps={}) + [(" ", (60, 0, 63, EM))] + row("中央支店", 70), "例野信用組合 中央支店"),
    ("a written U+3000 in a narrow gap stays what was typed",
     row("山田") + [("\u3000", (20, 0, 22, EM))] + row("太郎", 23), "山田\u3000太郎"),
    ("a smaller full-width value between printed words", row("令和", size=10.5) + row("６", 30, top=0.5, size=9.5),
     "令和\u3000６"),
]


@pytest.mark.parametrize("chars, expected", [c[1:] for c in GAPS], ids=[c[0] for c in GAPS])
def test_a_gap_reads_as_the_space_a_writer_would_type_there(chars, expected):
    assert arrange(chars) == expected


# Every field type but ``text`` folds white space: a gap read as U+3000 or as ' ' gives one value.
FOLDED = [
    ("name", "山田 太郎"), ("katakana", "ヤマダ タロウ"), ("address", "東京都千代田区千代田１ー２ー３ サンプル館101"),
    ("digits", "１２３ ４５６７"), ("my_number", "1234 5678 9018"), ("postal_code", "〒１００ ０００１"),
    ("phone", "０３ １２３４ ５６７８"), ("wareki_date", "令和 元 年 ５ 月 １ 日"), ("date", "２０２４ 年 ４ 月 １ 日"),
    ("wareki_date", "申請日 令和 ６ 年 ４ 月 １ 日"), ("wareki_date", "令和  年  月  日"), ("money", "１,２００ 円"),
    ("number", " １２ "), ("choice", "男"),
]


@pytest.mark.parametrize("field_type, text", FOLDED, ids=[f"{t}:{v}" for t, v in FOLDED])
def test_field_types_read_either_space_alike(field_type, text):
    options = {"options": ["男", "女"]} if field_type == "choice" else {}
    ascii_space = normalize(field_type, text, required=True, **options)
    ideographic = normalize(field_type, text.replace(" ", "\u3000"), required=True, **options)
    assert (ideographic.status, ideographic.value) == (ascii_space.status, ascii_space.value)
    assert ascii_space.status in ("ok", "missing")


def test_text_keeps_the_space_read():
    assert normalize("text", "サンプル信用金庫\u3000本店").value == "サンプル信用金庫\u3000本店"
    assert normalize("text", "例野信用組合 中央支店").value == "例野信用組合 中央支店"
