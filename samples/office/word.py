"""Word files of the samples: the claim form with content controls (some inside tables) and
the notice template with placeholders in the text, a table, the header and the footer.
python-docx builds the document; content controls (w:sdt) are written as raw XML because
python-docx has no API for them. Ground truth: never imports the project's packages."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')
MINCHO = "ＭＳ 明朝"
PLACEHOLDER_TEXT = "ここをクリックして入力"


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.name = MINCHO
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), MINCHO)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _run(text: str) -> str:
    return (f'<w:r><w:rPr><w:rFonts w:ascii="{MINCHO}" w:eastAsia="{MINCHO}" w:hAnsi="{MINCHO}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def sdt(tag: str | None, value: str | None, *, title: str | None = None, block: bool = False,
        dropdown: list[str] | None = None) -> str:
    """A text (or drop-down) content control; an empty one shows its placeholder text."""
    props = "".join([
        f'<w:alias w:val="{escape(title)}"/>' if title else "",
        f'<w:tag w:val="{escape(tag)}"/>' if tag else "",
        "<w:showingPlcHdr/>" if value is None else "",
        ("<w:dropDownList>" + "".join(f'<w:listItem w:displayText="{escape(o)}" w:value="{escape(o)}"/>' for o in dropdown)
         + "</w:dropDownList>") if dropdown else "<w:text/>",
    ])
    runs = _run(PLACEHOLDER_TEXT if value is None else value)
    content = f"<w:p>{runs}</w:p>" if block else runs
    return f"<w:sdt {NS}><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def checkbox_sdt(tag: str, checked: bool) -> str:
    mark = "☒" if checked else "☐"
    return (f'<w:sdt {NS}><w:sdtPr><w:tag w:val="{tag}"/><w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
            f"</w14:checkbox></w:sdtPr><w:sdtContent>{_run(mark)}</w:sdtContent></w:sdt>")


def _cell_control(cell, xml: str) -> None:
    """Replace the cell's content with a block content control."""
    for paragraph in list(cell._tc.findall(qn("w:p"))):
        cell._tc.remove(paragraph)
    cell._tc.append(parse_xml(xml))


def _label(cell, text: str) -> None:
    cell.text = ""
    _font(cell.paragraphs[0].add_run(text))


FORM_ROWS = (  # (label, field, how): how = tag | title | plain (table cell) | dropdown
    ("請求日", "request_date", "tag"),
    ("フリガナ", "claimant_kana", "tag"),
    ("請求者氏名", "claimant_name", "title"),
    ("生年月日", "birth_date", "tag"),
    ("性別", "sex", "dropdown"),
    ("個人番号", "my_number", "tag"),
    ("郵便番号", "postal_code", "tag"),
    ("住所", "address", "tag"),
    ("加入している年金", "pension", "dropdown"),
    ("金融機関名", "bank_name", "plain"),
    ("支店名", "branch_name", "plain"),
    ("預金種別", "account_type", "tag"),
    ("口座番号", "account_number", "tag"),
    ("口座名義（カナ）", "account_holder_kana", "tag"),
)
DROPDOWNS = {"sex": ["男", "女"], "pension": ["厚生年金", "国民年金", "共済組合"]}


def claim_form(claim, path: Path) -> None:
    """The Word version of the claim form, filled with ``claim``'s written values."""
    w = claim.written
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("児童手当　認定請求書"), 16, bold=True)
    _font(doc.add_paragraph().add_run("（Word版サンプル様式）　灰色の欄に記入してください。"))
    table = doc.add_table(rows=len(FORM_ROWS), cols=2)
    table.style = "Table Grid"
    for row, (label, field, how) in zip(table.rows, FORM_ROWS, strict=False):
        _label(row.cells[0], label)
        value = w[field]
        if how == "plain":
            _label(row.cells[1], value or "")
        elif how == "title":
            _cell_control(row.cells[1], sdt(None, value, title=label, block=True))
        else:
            _cell_control(row.cells[1], sdt(field, value, block=True, dropdown=DROPDOWNS.get(field)))
    phone = doc.add_paragraph()
    _font(phone.add_run(f"電話番号：{w['phone']}"))
    _font(doc.add_paragraph().add_run("児童（18歳到達後の最初の3月31日までの間にある子）"))
    children = doc.add_table(rows=4, cols=3)
    children.style = "Table Grid"
    for cell, text in zip(children.rows[0].cells, ("児童の氏名", "児童のフリガナ", "児童の生年月日"), strict=False):
        _label(cell, text)
    for i in (1, 2, 3):
        for cell, part in zip(children.rows[i].cells, ("name", "kana", "birth_date"), strict=False):
            _cell_control(cell, sdt(f"child{i}_{part}", w[f"child{i}_{part}"], block=True))
    consent = doc.add_paragraph()
    consent._p.append(parse_xml(checkbox_sdt("consent", bool(claim.values["consent"]))))
    _font(consent.add_run(" 記載内容を確認しました"))
    doc.save(path)


def notice_template(path: Path, missing: str | None) -> None:
    """The notice template (認定通知書). ``missing``: a placeholder left out (a broken template)."""
    doc = Document()
    section = doc.sections[0]
    _font(section.header.paragraphs[0].add_run("サンプル市　こども家庭課"), 9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(footer.add_run("発行日 {{ today }}　受付番号 {{ receipt_no }}"), 9)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("児童手当　認定通知書"), 16, bold=True)
    addressee = doc.add_paragraph()
    if missing != "claimant_name":
        _font(addressee.add_run("{{ claimant_name }}"), 12)
        _font(addressee.add_run("　様"), 12)
    else:
        _font(addressee.add_run("請求者　様"), 12)
    body = doc.add_paragraph()
    _font(body.add_run("{{ request_date }} 付けで請求のあった児童手当について、下記のとおり認定したので通知します。"))
    receipt = doc.add_paragraph()
    _font(receipt.add_run("受付番号："))
    # Word often splits a placeholder over runs of different formatting; the template does too.
    _font(receipt.add_run("{{ rece"), bold=True)
    _font(receipt.add_run("ipt_no }}"), bold=True)
    table = doc.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    rows = (("支払金融機関", "{{ bank_name }}　{{ branch_name }}"), ("預金種別", "{{ account_type }}"),
            ("個人番号", "{{ my_number }}"), ("加入している年金", "{{ pension }}"))
    for row, (label, value) in zip(table.rows, rows, strict=False):
        _label(row.cells[0], label)
        _label(row.cells[1], value)
    _font(doc.add_paragraph().add_run("この処分に不服がある場合は、通知を受けた日の翌日から3か月以内に審査請求をすることができます。"), 9)
    doc.save(path)


# public names for the other sample documents (samples/office/hoiku.py)
run_xml = _run
set_font = _font
label_cell = _label
replace_cell = _cell_control
