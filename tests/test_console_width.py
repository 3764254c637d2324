"""What the commands print is never cut at an 80-column terminal: table cells fold onto more
lines (they used to end in "…", hiding the advice of a failed step), and a line of ``echo``
stays whole for the terminal to wrap."""

from __future__ import annotations

import io
import re

from rich.console import Console

from robots.cli import console as cli_console

ADVICE = ("ステップ entry[5] fill「フリカナ」 の項目・ボタンが画面「児童手当 認定請求 登録（/entry）」に見つかりません。"
          "画面の表示とシナリオの label / click / selector を見比べてください（末尾の「：」「※」や前後の空白は無視して探しています）。")
BOX = re.compile(r"[\s│┃┏┓┗┛┡┩└┘━─┳┻╇┴┬]")


def terminal(width: int = 80) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, force_terminal=True, color_system=None, highlight=False), out


def test_a_long_cell_is_folded_within_80_columns_and_kept_whole():
    console, out = terminal()
    cli_console.table(["サンプル", "結果", "内容"], [("samples/sample-1.pdf", "不合格", "25 項目が期待どおり / " + ADVICE)],
                      out=console)
    lines = out.getvalue().splitlines()
    assert max(console.measure(line).maximum for line in lines) <= 80
    assert "…" not in out.getvalue()
    assert BOX.sub("", ADVICE) in BOX.sub("", out.getvalue())


def test_echo_leaves_a_long_line_whole(monkeypatch):
    console, out = terminal()
    monkeypatch.setattr(cli_console, "console", console)
    cli_console.echo("tutorial/nintei/scenario.yaml:30:11: fields.birth_date.type: " + ADVICE)
    assert out.getvalue() == "tutorial/nintei/scenario.yaml:30:11: fields.birth_date.type: " + ADVICE + "\n"
