"""Reading order inside a box (shared.text_order): characters grouped into lines by where
they are, lines top to bottom, characters left to right, spaces from gaps — whatever order
they come in. Table tests on plain data; tests/test_pdf_reading_order.py draws real PDFs."""

from __future__ import annotations

import random

import pytest

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
     row("令和", size=10.5) + row("元", 30, top=0.5, size=9.5) + row("年", 45, size=10.5), "horizontal", "令和 元 年"),
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
