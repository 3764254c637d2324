"""保育所入所申込書 as a Word document made the old way: legacy form fields (FORMTEXT,
FORMCHECKBOX, FORMDROPDOWN, written as raw field XML the way Word saves them), options
ticked as text in a table cell (「■就労　□求職活動」), two check boxes followed by their
option texts, a date-picker content control and a label paragraph with ■/□ options.
Ground truth: the standard library, python-docx and the sample value helpers only."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path
from xml.sax.saxutils import escape

from samples.office import word
from samples.procedures import values as V

REASONS = ("就労", "妊娠・出産", "疾病・障害", "介護・看護", "求職活動", "就学")
HOURS = ("保育標準時間", "保育短時間")
FACILITY_PROMPT = "（選択してください）"
FACILITIES = (FACILITY_PROMPT, *V.NURSERIES)
TICKS = (("■", "□"), ("☑", "☐"), ("レ", "□"))
EN_SPACES = "\u2002" * 5  # what Word shows in an empty text form field
FIELDS = ("request_date", "guardian_name", "guardian_kana", "address", "phone", "child_name", "child_kana",
          "child_birth_date", "child_sex", "reason", "sibling", "facility", "start_date", "care_hours", "consent", "note")


class Fields:
    """Writes legacy form fields; bookmark ids are unique within one document."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids = itertools.count()

    def _wrap(self, name: str | None, ff_data: str, instruction: str, result: str = "") -> str:
        bookmark = next(self.ids)
        begin = (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData>{ff_data}</w:ffData></w:fldChar></w:r>'
                 f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>')
        separate = f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}' if result else ""
        field = f'{begin}{separate}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if name is None:
            return field
        return (f'<w:bookmarkStart w:id="{bookmark}" w:name="{escape(name)}"/>{field}'
                f'<w:bookmarkEnd w:id="{bookmark}"/>')

    @staticmethod
    def _props(name: str | None) -> str:
        return (f'<w:name w:val="{escape(name)}"/>' if name else "") + '<w:enabled/><w:calcOnExit w:val="0"/>'

    def text(self, name: str | None, value: str | None) -> str:
        """FORMTEXT; the typed text sometimes split over two runs (as Word does after edits)."""
        shown = value if value else EN_SPACES
        cut = self.rng.randint(1, len(shown) - 1) if len(shown) > 1 and self.rng.random() < 0.5 else len(shown)
        result = word.run_xml(shown[:cut]) + (word.run_xml(shown[cut:]) if cut < len(shown) else "")
        return self._wrap(name, self._props(name) + "<w:textInput/>", "FORMTEXT", result)

    def checkbox(self, name: str | None, checked: bool) -> str:
        """FORMCHECKBOX: checked by w:checked, or by its default; unchecked by default, or a
        default of on overridden by w:checked off."""
        how = self.rng.choice(("explicit", "default"))
        if checked:
            state = '<w:default w:val="0"/><w:checked/>' if how == "explicit" else '<w:default w:val="1"/>'
        else:
            state = '<w:default w:val="0"/>' if how == "explicit" else '<w:default w:val="1"/><w:checked w:val="0"/>'
        return self._wrap(name, self._props(name) + f"<w:checkBox><w:sizeAuto/>{state}</w:checkBox>", "FORMCHECKBOX")

    def dropdown(self, name: str | None, entries: tuple[str, ...], index: int) -> str:
        """FORMDROPDOWN: the entry picked as w:result (as Word saves it); none when untouched."""
        chosen = f'<w:result w:val="{index}"/>' if index else ""
        listed = "".join(f'<w:listEntry w:val="{escape(e)}"/>' for e in entries)
        return self._wrap(name, self._props(name) + f"<w:ddList>{chosen}{listed}</w:ddList>", "FORMDROPDOWN")


def date_picker(tag: str, value: dt.date, shown: str) -> str:
    """A date-picker content control (w:date) showing ``shown``."""
    return (f'<w:sdt {word.NS}><w:sdtPr><w:tag w:val="{tag}"/><w:date w:fullDate="{value.isoformat()}T00:00:00Z">'
            '<w:dateFormat w:val="ggge年M月d日"/><w:lid w:val="ja-JP"/><w:storeMappedDataAs w:val="dateTime"/>'
            f'<w:calendar w:val="japan"/></w:date></w:sdtPr><w:sdtContent><w:p>{word.run_xml(shown)}</w:p></w:sdtContent>'
            "</w:sdt>")


def paragraph(*parts: str) -> str:
    return f"<w:p {word.NS}>{''.join(parts)}</w:p>"


def application(rng: random.Random, postal: dict[str, str]) -> tuple[dict[str, object], dict[str, object]]:
    """(what is put into the document, the truth) for one application."""
    home = V.household(rng, postal)
    guardian = V.adult(rng, dt.date(1980, 1, 1), dt.date(2000, 12, 31), family=home.family)
    child = V.child(rng, home.family, dt.date(2020, 4, 2), dt.date(2024, 9, 30))
    request = V.rand_date(rng, dt.date(2024, 10, 1), dt.date(2025, 1, 31))
    start = dt.date(2025, rng.choice((4, 5, 6)), 1)
    g_name, g_kana = guardian.name(rng), guardian.kana(rng, ("full", "ascii_space", "half"))
    c_name, c_kana = child.name(rng), child.kana(rng, ("full", "hiragana"))
    address, phone = V.address(rng, home.town), V.phone(rng, home.postal)
    has_phone = rng.random() < 0.8
    birth = V.wareki_text(child.birth, rng, ("kanji", "kanji_fw", "short_dot", "letter_dot"))
    requested = V.wareki_text(request, rng, ("kanji", "kanji_fw"))
    reason, sibling, facility, hours = rng.choice(REASONS), rng.choice(("あり", "なし")), rng.randint(1, 5), rng.choice(HOURS)
    put: dict[str, object] = {
        "request_date": requested.original, "guardian_name": g_name.original, "guardian_kana": g_kana.original,
        "address": address.original, "phone": phone.original if has_phone else None, "child_name": c_name.original,
        "child_kana": c_kana.original, "child_birth_date": birth.original, "child_sex": child.sex,
        "reason": {reason}, "sibling": sibling, "facility": facility, "start_date": start, "care_hours": hours,
        "consent": True,
    }
    truth: dict[str, object] = {
        "request_date": requested.value, "guardian_name": g_name.value, "guardian_kana": g_kana.value,
        "address": address.value, "phone": phone.value if has_phone else None, "child_name": c_name.value,
        "child_kana": c_kana.value, "child_birth_date": birth.value, "child_sex": child.sex,
        "reason": reason, "sibling": sibling, "facility": FACILITIES[facility], "start_date": start.isoformat(),
        "care_hours": hours, "consent": True, "note": None,
    }
    return put, truth


def document(put: dict[str, object], rng: random.Random, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    fields = Fields(rng)
    on, off = rng.choice(TICKS)
    doc = Document()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.set_font(title.add_run("保育所入所申込書"), 16, bold=True)
    word.set_font(doc.add_paragraph().add_run("（Word版サンプル様式・旧形式のフォーム）　灰色の欄に入力してください。"))
    body = doc.element.body
    sect = body[-1]  # keep w:sectPr last

    def add(xml: str) -> None:
        sect.addprevious(parse_xml(xml))

    add(paragraph(word.run_xml("申込日："), fields.text("申込日", str(put["request_date"]))))
    word.set_font(doc.add_paragraph().add_run("1　保護者"), bold=True)  # tables never touch: Word would join them
    guardian = doc.add_table(rows=4, cols=2)
    guardian.style = "Table Grid"
    rows = (("保護者氏名", fields.text("保護者氏名", str(put["guardian_name"]))),
            ("フリガナ", fields.text(None, str(put["guardian_kana"]))),  # no name: found by its place
            ("住所", fields.text("住所", str(put["address"]))),
            ("電話番号", fields.text("電話番号", put["phone"] and str(put["phone"]))))
    for row, (label, xml) in zip(guardian.rows, rows, strict=True):
        word.label_cell(row.cells[0], label)
        word.replace_cell(row.cells[1], paragraph(xml))
    word.set_font(doc.add_paragraph().add_run("2　入所を希望する児童"), bold=True)
    child = doc.add_table(rows=4, cols=2)
    child.style = "Table Grid"
    rows = (("児童氏名", fields.text("児童氏名", str(put["child_name"]))),
            ("児童フリガナ", fields.text("児童フリガナ", str(put["child_kana"]))),
            ("生年月日", fields.text("児童生年月日", str(put["child_birth_date"]))),
            ("性別", fields.dropdown("児童性別", ("男", "女"), ("男", "女").index(str(put["child_sex"])))))
    for row, (label, xml) in zip(child.rows, rows, strict=True):
        word.label_cell(row.cells[0], label)
        word.replace_cell(row.cells[1], paragraph(xml))
    word.set_font(doc.add_paragraph().add_run("3　申込の内容"), bold=True)
    need = doc.add_table(rows=4, cols=2)
    need.style = "Table Grid"
    chosen = put["reason"]
    assert isinstance(chosen, set)
    reasons = "　".join(f"{on if r in chosen else off}{r}" for r in REASONS)
    sibling = "".join(fields.checkbox(f"在園{o}", put["sibling"] == o) + word.run_xml(f" {o}　") for o in ("あり", "なし"))
    start = put["start_date"]
    assert isinstance(start, dt.date)
    rows = (("保育を必要とする理由", paragraph(word.run_xml(reasons))),
            ("きょうだいの在園", paragraph(sibling)),
            ("第1希望の保育所", paragraph(fields.dropdown("第1希望", FACILITIES, int(str(put["facility"]))))),
            ("入所希望日", date_picker("start_date", start, V.write_wareki(start, "kanji"))))
    for row, (label, xml) in zip(need.rows, rows, strict=True):
        word.label_cell(row.cells[0], label)
        word.replace_cell(row.cells[1], xml)
    hours = "　".join(f"{on if h == put['care_hours'] else off}{h}" for h in HOURS)
    add(paragraph(word.run_xml(f"保育の必要量：{hours}")))
    add(paragraph(fields.checkbox("同意", bool(put["consent"])), word.run_xml(" 記載内容に相違ありません。")))
    doc.save(str(path))


def forms(out: Path, rng: random.Random, postal: dict[str, str]) -> dict[str, dict]:
    truth: dict[str, dict] = {}
    for n in range(1, 7):
        put, fields = application(rng, postal)
        name = f"hoiku-word-{n:03d}.docx"
        document(put, rng, out / name)
        truth[name] = {"procedure": "hoiku", "status": "valid", "fields": fields}
    for name, change, field, problem in (
        ("hoiku-bad-two-reasons.docx", {"reason": {"就労", "求職活動"}}, "reason", "office.ticks_many"),
        ("hoiku-bad-facility-unselected.docx", {"facility": 0}, "facility", "field.choice.not_in_options"),
    ):
        put, fields = application(rng, postal)
        put.update(change)
        fields[field] = None  # what a person decides
        document(put, rng, out / name)
        truth[name] = {"procedure": "hoiku", "status": "flagged", "fields": fields, "problem_field": field,
                       "problem": problem}
    return truth
