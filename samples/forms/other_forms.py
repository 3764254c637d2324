"""Two more filled sample forms with other layouts, for proposing templates (``template new``):

- ``inu-touroku.pdf`` 犬の登録申請書: a ruled table, labels left of their value cells, a
  circled choice, a date in the Western calendar and a fee;
- ``shoumei-koufu.pdf`` 証明書交付申請書: no table — labels before underlines, ticked
  options and a consent-style checkbox.

``truth.json`` holds, per file, each field's label, type, page, box (where the value is, in
top-left-origin points) and its normalized value (docs/field-types.md). Like the other
generators this uses only the standard library and reportlab (never the library's code).

    python -m samples.forms.other_forms        # writes samples/forms/other/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportlab.pdfgen import canvas

from .generate import FILL_FONT, INK, PRINT_FONT, RULE, register_fonts, width_of
from .layout import PAGE_HEIGHT, PAGE_WIDTH

__all__ = ["OUT", "generate"]

OUT = Path(__file__).resolve().parent / "other"


def _y(top: float) -> float:
    return PAGE_HEIGHT - top


def _canvas(path: Path, title: str) -> canvas.Canvas:
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("jichitai-rpa samples")
    return c


def _printed(c: canvas.Canvas, text: str, x: float, baseline: float, size: float = 10.5) -> None:
    c.setFillColorRGB(*RULE)
    c.setFont(PRINT_FONT, size)
    c.drawString(x, _y(baseline), text)


def _filled(c: canvas.Canvas, text: str, x: float, baseline: float, size: float = 11.0) -> None:
    c.setFillColorRGB(*INK)
    c.setFont(FILL_FONT, size)
    c.drawString(x, _y(baseline), text)


def _rect(c: canvas.Canvas, x0: float, top: float, x1: float, bottom: float) -> None:
    c.setStrokeColorRGB(*RULE)
    c.setLineWidth(0.8)
    c.rect(x0, _y(bottom), x1 - x0, bottom - top, stroke=1, fill=0)


def _field(label: str, type_: str, box: list[float], value: object, page: int = 1) -> dict:
    return {"label": label, "type": type_, "page": page, "box": [round(v, 2) for v in box], "value": value}


# --- 犬の登録申請書 (a ruled table) ------------------------------------------------------------
INU_ROWS = [  # (top, bottom, [(x0, x1, label or None, field, written, type, normalized)])
    (120, 150, [(50, 150, "申請日", "request_date", "令和6年5月10日", "wareki_date", "2024-05-10")]),
    (150, 175, [(50, 150, "フリガナ", "owner_kana", "サトウ ハナコ", "katakana", "サトウ\u3000ハナコ")]),
    (175, 210, [(50, 150, "所有者氏名", "owner_name", "佐藤 花子", "name", "佐藤\u3000花子")]),
    (210, 240, [(50, 150, "郵便番号", "postal_code", "330-0063", "postal_code", "3300063"),
                (290, 360, "電話番号", "phone", "048-123-4567", "phone", "048-123-4567")]),
    (240, 280, [(50, 150, "住所", "address", "埼玉県さいたま市浦和区高砂３－１５－１", "address", "埼玉県さいたま市浦和区高砂3-15-1")]),
    (280, 310, [(50, 150, "犬の名前", "dog_name", "ポチ", "text", "ポチ"),
                (290, 360, "種類", "breed", "柴犬", "text", "柴犬")]),
    (310, 340, [(50, 150, "毛色", "color", "茶", "text", "茶")]),
    (340, 370, [(50, 150, "犬の生年月日", "dog_birth_date", "2021年4月5日", "date", "2021-04-05")]),
    (370, 400, [(50, 150, "手数料", "fee", "3,000円", "money", 3000)]),
]
SEX_ROW = (310, 340, 290, 360, "性別", ("オス", "メス"), "オス")


def _inu(path: Path) -> dict:
    c = _canvas(path, "犬の登録申請書（サンプル）")
    _printed(c, "犬の登録申請書", 230, 80, 18)
    _printed(c, "（あて先）見本市長", 50, 108, 10)
    fields: dict[str, dict] = {}
    for top, bottom, spans in INU_ROWS:
        ends = [s[0] for s in spans[1:]] + [SEX_ROW[2] if top == SEX_ROW[0] else 545]
        for (x0, x1, label, name, written, type_, value), end in zip(spans, ends, strict=False):
            _rect(c, x0, top, x1, bottom)
            _rect(c, x1, top, end, bottom)
            _printed(c, label, x0 + 6, (top + bottom) / 2 + 4)
            _filled(c, written, x1 + 6, (top + bottom) / 2 + 4.5)
            fields[name] = _field(label, type_, [x1 + 2, top + 2, end - 2, bottom - 2], value)
    top, bottom, x0, x1, label, options, chosen = SEX_ROW
    _rect(c, x0, top, x1, bottom)
    _rect(c, x1, top, 545, bottom)
    _printed(c, label, x0 + 6, (top + bottom) / 2 + 4)
    x = x1 + 30
    boxes = []
    for index, option in enumerate(options):
        if index:
            _printed(c, "・", x, (top + bottom) / 2 + 4, 11)
            x += width_of("・", 11) + 8
        width = width_of(option, 11)
        _printed(c, option, x, (top + bottom) / 2 + 4, 11)
        boxes.append([x - 2, top + 6, x + width + 2, bottom - 6])
        if option == chosen:
            c.setStrokeColorRGB(*INK)
            c.ellipse(x - 6, _y(bottom - 3), x + width + 6, _y(top + 3), stroke=1, fill=0)
        x += width + 8
    fields["sex"] = _field(label, "choice", [min(b[0] for b in boxes), top + 2, max(b[2] for b in boxes), bottom - 2], chosen)
    fields["sex"]["options"] = list(options)
    c.showPage()
    c.save()
    return fields


# --- 証明書交付申請書 (labels before underlines) -----------------------------------------------
SHOUMEI_LINES = [  # (baseline, label, field, written, type, normalized)
    (150, "申請日", "request_date", "令和6年6月3日", "wareki_date", "2024-06-03"),
    (185, "氏名", "name", "鈴木 一郎", "name", "鈴木\u3000一郎"),
    (220, "生年月日", "birth_date", "昭和55年1月20日", "wareki_date", "1980-01-20"),
    (255, "住所", "address", "東京都八王子市元本郷町３－２４－１", "address", "東京都八王子市元本郷町3-24-1"),
    (290, "電話番号", "phone", "090-1111-2222", "phone", "090-1111-2222"),
    (360, "通数", "copies", "2", "number", 2),
    (395, "使用目的", "purpose", "銀行提出用", "text", "銀行提出用"),
]
LINE_X0, LINE_X1 = 140.0, 520.0
CERTS = ("住民票の写し", "印鑑登録証明書", "課税証明書")
CERT_CHOSEN = "印鑑登録証明書"
CERT_BASELINE = 325.0
CONSENT = "窓口で本人確認書類を提示しました"
CONSENT_BASELINE = 440.0


def _square(c: canvas.Canvas, x: float, baseline: float) -> list[float]:
    top = baseline - 9.5
    _rect(c, x, top, x + 10, top + 10)
    return [x - 1, top - 1, x + 11, top + 11]


def _tick(c: canvas.Canvas, box: list[float]) -> None:
    c.setStrokeColorRGB(*INK)
    c.setLineWidth(1.2)
    x0, top, x1, bottom = box[0] + 2.5, box[1] + 2.5, box[2] - 2.5, box[3] - 2.5
    c.line(x0, _y(top), x1, _y(bottom))
    c.line(x0, _y(bottom), x1, _y(top))


def _shoumei(path: Path) -> dict:
    c = _canvas(path, "証明書交付申請書（サンプル）")
    _printed(c, "証明書交付申請書", 220, 80, 18)
    _printed(c, "次のとおり証明書の交付を申請します。", 50, 112, 10)
    fields: dict[str, dict] = {}
    for baseline, label, name, written, type_, value in SHOUMEI_LINES:
        _printed(c, label, 60, baseline)
        c.setStrokeColorRGB(*RULE)
        c.setLineWidth(0.6)
        c.line(LINE_X0, _y(baseline + 3), LINE_X1, _y(baseline + 3))
        _filled(c, written, LINE_X0 + 6, baseline)
        fields[name] = _field(label, type_, [LINE_X0, baseline - 18, LINE_X1, baseline + 3], value)
    _printed(c, "必要な証明書", 60, CERT_BASELINE)
    x, boxes = LINE_X0, []
    for option in CERTS:
        box = _square(c, x, CERT_BASELINE)
        boxes.append(box)
        _printed(c, option, x + 15, CERT_BASELINE)
        if option == CERT_CHOSEN:
            _tick(c, box)
        x += 15 + width_of(option, 10.5) + 20
    fields["certificate"] = _field("必要な証明書", "choice", [boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3]], CERT_CHOSEN)
    fields["certificate"]["options"] = list(CERTS)
    box = _square(c, 60, CONSENT_BASELINE)
    _printed(c, CONSENT, 76, CONSENT_BASELINE)
    _tick(c, box)
    fields["id_checked"] = _field(CONSENT, "checkbox", box, True)
    c.showPage()
    c.save()
    return fields


def generate(out: Path = OUT) -> Path:
    """Write both forms and truth.json into ``out``; returns the truth file."""
    out.mkdir(parents=True, exist_ok=True)
    truth = {"inu-touroku.pdf": {"title": "犬の登録申請書", "fields": _inu(out / "inu-touroku.pdf")},
             "shoumei-koufu.pdf": {"title": "証明書交付申請書", "fields": _shoumei(out / "shoumei-koufu.pdf")}}
    path = out / "truth.json"
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
