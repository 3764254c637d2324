"""A CP932 CSV is never dropped for one character: the robot's own texts carry the
documented substitute 〓U+XXXX, and a record's value that CP932 cannot hold leaves out
that row only, named in the run's output problems."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import SCENARIO_DIR

from connectors.office.csvfile import LeftOut, fit_rows, substitute
from robots.outputs.writer import write_outputs
from shared.config import load_scenario
from shared.config.scenario import OutputSpec
from shared.errors import BusinessError
from shared.ledger import Item, State


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    ("見本銀行", "cp932", "見本銀行"),
    ("剝", "cp932", "〓U+525D"),
    ("「剝」があります", "cp932", "「〓U+525D」があります"),
    ("𠮷田", "cp932", "〓U+20BB7田"),  # outside the BMP: five hex digits
    ("髙橋 﨑", "cp932", "髙橋 﨑"),  # CP932 holds these (NEC/IBM extensions)
    ("剝𠮷", "cp932", "〓U+525D〓U+20BB7"),
    ("剝", "utf-8-sig", "剝"),
    ("", "cp932", ""),
])
def test_substitute(text, encoding, expected):
    assert substitute(text, encoding) == expected
    substitute(text, encoding).encode(encoding)  # never raises


@pytest.mark.parametrize(("rows", "exact", "fitted", "left_out"), [
    ([[1, "理由: 剝"]], (), [[1, "理由: 〓U+525D"]], []),
    ([[1, "", "剝野銀行"]], (2,), [], [LeftOut(0, "金融機関名", "U+525D")]),
    ([[1, "剝", "見本銀行"], [2, "ok", "剝野銀行"], [3, "ok", "ok"]], (2,),
     [[1, "〓U+525D", "見本銀行"], [3, "ok", "ok"]], [LeftOut(1, "金融機関名", "U+525D")]),
    ([[1, None, 12]], (1, 2), [[1, None, 12]], []),  # not text: as it is
])
def test_fit_rows(rows, exact, fitted, left_out):
    header = ["No", "理由", "金融機関名"][: len(rows[0])]  # exact column 2: a record's value
    header_out, rows_out, problems = fit_rows(header, rows, "cp932", exact=exact)
    assert header_out == header and rows_out == fitted and problems == left_out


def test_fit_rows_substitutes_in_the_header():
    header, _, _ = fit_rows(["No", "剝離の有無"], [], "cp932")
    assert header == ["No", "〓U+525D離の有無"]


def _item(number: int, reason: str = "", bank: str = "見本銀行") -> Item:
    return Item(number, "jidou-teate-nintei", f"claim-{number:03d}.pdf", "0" * 64, State.FAILED_BUSINESS,
                reason_params={"message": reason, "message_en": reason},
                public={"request_date": "2024-11-03", "bank_name": bank}, updated_at=dt.datetime.now(dt.UTC))


def test_one_character_never_drops_the_csv(tmp_path):
    scenario = load_scenario(SCENARIO_DIR).scenario
    output = OutputSpec(kind="csv", file="一覧.csv", encoding="cp932", columns=["request_date", "bank_name"])
    scenario = scenario.model_copy(update={"outputs": [output]})
    items = [_item(1), _item(2, reason="「請求者氏名」に対象システムで使えない文字「剝」があります"),
             _item(3, bank="剝野銀行"), _item(4)]
    problems: list[str] = []
    [path] = write_outputs(scenario, items, tmp_path, problems=problems)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp932"), newline="")))
    assert [row[0] for row in rows[1:]] == ["1", "2", "4"]  # only the row with the exact value left out
    assert rows[2][4] == "「請求者氏名」に対象システムで使えない文字「〓U+525D」があります"
    [problem] = problems
    assert "No.3" in problem and "claim-003.pdf" in problem and "金融機関名" in problem and "U+525D" in problem
    assert "剝" not in problem  # the value's character is named by its code point only

    with pytest.raises(BusinessError) as caught:  # without a problems list, the first problem is raised
        write_outputs(scenario, items, tmp_path)
    assert caught.value.key == "csv.row_left_out"
