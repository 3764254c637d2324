"""The ledger and a notice open in LibreOffice headless and render to a page with ink:
proof that the files are valid for the programs staff use. Skipped without soffice."""

from __future__ import annotations

import pdfplumber
from office_render import ink_ratio, render_png, soffice  # noqa: F401  (fixture)

from connectors.office import render_notice
from connectors.office.ledger_book import LedgerRow, append_ledger
from robots.demo.runner import REPO

NOTICE = REPO / "samples" / "office" / "files" / "notice-template.docx"


def test_ledger_renders_in_libreoffice(tmp_path, soffice):
    path = tmp_path / "台帳.xlsx"
    header = {"_no": "No", "_file": "入力ファイル", "_state": "状態", "_receipt": "受付番号", "sex": "性別"}
    rows = [LedgerRow(f"k{i}", "台帳", {"_no": i, "_file": f"claim-{i:03d}.pdf", "_state": "登録済",
                                       "_receipt": f"JT-{i:06d}", "sex": "女"}) for i in range(1, 6)]
    append_ledger(path, header, rows, {"sex": ["男", "女"]})
    pdf = soffice(path, "pdf", tmp_path)
    png = render_png(pdf, tmp_path / "ledger.png")
    assert ink_ratio(png) > 0.002
    with pdfplumber.open(pdf) as document:
        text = document.pages[0].extract_text()
    assert "JT-000005" in text and "受付番号" in text
    # a ledger saved again by LibreOffice is still appended to, without duplicates
    resaved_dir = tmp_path / "resaved"
    resaved_dir.mkdir()
    resaved = soffice(path, "xlsx", resaved_dir)
    assert append_ledger(resaved, header, rows) == 0
    assert append_ledger(resaved, header, [*rows, LedgerRow("k6", "台帳", {"_no": 6})]) == 1


def test_notice_renders_in_libreoffice(tmp_path, soffice):
    values = {"claimant_name": "＊＊＊＊", "receipt_no": "JT-000123", "bank_name": "見本銀行", "branch_name": "本店",
              "request_date": "令和6年11月3日", "account_type": "普通", "my_number": "＊＊＊＊", "pension": "厚生年金",
              "today": "令和8年11月23日"}
    docx = render_notice(NOTICE, values, tmp_path / "認定通知書_JT-000123.docx")
    pdf = soffice(docx, "pdf", tmp_path)
    png = render_png(pdf, tmp_path / "notice.png")
    assert ink_ratio(png) > 0.002
    with pdfplumber.open(pdf) as document:
        text = "".join(document.pages[0].extract_text().split())
    assert "認定通知書" in text and "JT-000123" in text and "見本銀行" in text and "{{" not in text
