"""Legacy Word form fields (FORMTEXT, FORMCHECKBOX, FORMDROPDOWN) read from raw field XML in
real .docx files made with python-docx, and the same documents after LibreOffice saved them
again (another writer's XML for the same fields)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from office_render import soffice  # noqa: F401  (fixture)

from connectors.office import open_document
from robots.reading.office_form import read_word_form
from shared.config.scenario import FieldSpec
from shared.config.template import FormTemplate

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
EN_SPACES = "\u2002" * 5


def run(text: str, deleted: bool = False) -> str:
    r = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f'<w:del w:id="90" w:author="x">{r.replace("w:t ", "w:delText ").replace("</w:t>", "</w:delText>")}</w:del>' \
        if deleted else r


def field(kind: str, ff: str, result: str | None = None, name: str | None = None, bookmark: str | None = None) -> str:
    props = (f'<w:name w:val="{name}"/>' if name else "") + f'<w:enabled/><w:calcOnExit w:val="0"/>{ff}'
    xml = (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData>{props}</w:ffData></w:fldChar></w:r>'
           f'<w:r><w:instrText xml:space="preserve"> {kind} </w:instrText></w:r>')
    if result is not None:
        xml += f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
    xml += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    if bookmark:
        xml = f'<w:bookmarkStart w:id="7" w:name="{bookmark}"/>{xml}<w:bookmarkEnd w:id="7"/>'
    return xml


def text_field(name: str | None, result: str, **kw: str) -> str:
    return field("FORMTEXT", "<w:textInput/>", result, name, **kw)


def checkbox(name: str | None, state: str) -> str:
    return field("FORMCHECKBOX", f"<w:checkBox><w:sizeAuto/>{state}</w:checkBox>", None, name)


def dropdown(name: str | None, chosen: str, entries: tuple[str, ...] = ("男", "女")) -> str:
    listed = "".join(f'<w:listEntry w:val="{e}"/>' for e in entries)
    return field("FORMDROPDOWN", f"<w:ddList>{chosen}{listed}</w:ddList>", "", name)


def docx(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    doc.add_paragraph("旧形式フォームの試験")
    for body in paragraphs:
        doc.element.body[-1].addprevious(parse_xml(f"<w:p {NS}>{body}</w:p>"))
    doc.save(str(path))
    return path


@pytest.mark.parametrize("body, kind, text, checked", [
    (text_field("氏名", run("山田") + run("　太郎")), "text", "山田　太郎", None),  # the result over two runs
    (text_field("氏名", run(EN_SPACES)), "text", None, None),  # Word's empty text field
    (text_field("氏名", run("山田") + run("川", deleted=True) + run("太郎")), "text", "山田太郎", None),  # tracked deletion
    (checkbox("c", '<w:default w:val="0"/><w:checked/>'), "checkbox", None, True),
    (checkbox("c", '<w:default w:val="0"/><w:checked w:val="1"/>'), "checkbox", None, True),
    (checkbox("c", '<w:default w:val="0"/><w:checked w:val="false"/>'), "checkbox", None, False),
    (checkbox("c", '<w:default w:val="1"/>'), "checkbox", None, True),  # checked by default, never touched
    (checkbox("c", '<w:default w:val="1"/><w:checked w:val="0"/>'), "checkbox", None, False),  # the default overridden
    (checkbox("c", ""), "checkbox", None, False),
    (dropdown("d", '<w:result w:val="1"/>'), "dropdown", "女", None),
    (dropdown("d", '<w:default w:val="1"/>'), "dropdown", "女", None),  # no result: the default
    (dropdown("d", '<w:result w:val="0"/><w:default w:val="1"/>'), "dropdown", "男", None),  # the result wins
    (dropdown("d", ""), "dropdown", "男", None),  # untouched: the first entry
    (dropdown("d", '<w:result w:val="5"/>'), "dropdown", None, None),  # an index past the list
])
def test_each_kind_of_form_field(tmp_path, body, kind, text, checked):
    with open_document(docx(tmp_path / "f.docx", body)) as doc:
        [found] = doc.form_fields
        assert (found.kind, found.text, found.checked) == (kind, text, checked)


def test_names_places_and_text_as_word_shows_it(tmp_path):
    path = docx(tmp_path / "f.docx",
                run("氏名：") + text_field("氏名", run("見本　花子")),
                run("フリガナ：") + text_field(None, run("ミホン　ハナコ"), bookmark="Text2"),  # named by its bookmark
                text_field(None, run("名前なし")),
                checkbox("同意", "<w:checked/>") + run(" 同意します"),
                run("性別：") + dropdown("性別", '<w:result w:val="1"/>'),
                checkbox(None, "<w:checked/>") + run("あり　") + checkbox(None, "") + run("なし"))
    with open_document(path) as doc:
        assert [f.name for f in doc.form_fields] == ["氏名", "Text2", None, "同意", "性別", None, None]
        assert [f.index for f in doc.form_fields] == [1, 2, 3, 4, 5, 6, 7]
        assert doc.find_form_fields(name="Text2")[0].text == "ミホン　ハナコ"
        assert doc.find_form_fields(index=3)[0].text == "名前なし"
        assert doc.find_form_fields(index=8) == [] and doc.find_form_fields(name="ない") == []
        # anchors and the document's text see what Word shows: the result, ☑/☐, the entry picked
        assert doc.beside_label("性別", "right") == ["女"]
        assert doc.beside_label("氏名", "right") == ["見本　花子"]
        assert "☑同意します" in doc.text() and "☑あり☐なし" in doc.text()


BINDINGS = {
    "name": {"form_field": {"name": "氏名"}},
    "kana": {"form_field": {"index": 2}},
    "sex": {"form_field": {"name": "性別"}},
    "consent": {"form_field": {"name": "同意"}, "read": "checkbox"},
    "sibling": {"anchor": {"label": "在園"}, "read": "ticked", "options": ["あり", "なし"]},
}


def template(**bindings: object) -> FormTemplate:
    return FormTemplate.model_validate({"format": "docx", "id": "t", "title": "試験様式",
                                        "fingerprint": {"keywords": ["旧形式フォーム"]}, "fields": {**BINDINGS, **bindings}})


TEMPLATE = template()
FIELDS = {
    "name": FieldSpec(label="氏名", type="name", required=True),
    "kana": FieldSpec(label="フリガナ", type="katakana", required=True),
    "sex": FieldSpec(label="性別", type="choice", options=["男", "女"], required=True),
    "consent": FieldSpec(label="同意", type="checkbox", required=True),
    "sibling": FieldSpec(label="在園", type="choice", options=["あり", "なし"], required=True),
    "note": FieldSpec(label="備考", type="text"),  # not in the template: read as empty
}


def _form(tmp_path: Path, *, consent: str = "<w:checked/>", sibling: tuple[str, str] = ("<w:checked/>", ""),
          kana: str = "ミホン　ハナコ") -> Path:
    return docx(tmp_path / "form.docx",
                run("氏名：") + text_field("氏名", run("見本　花子")),
                run("フリガナ：") + text_field(None, run(kana)),
                run("性別：") + dropdown("性別", '<w:result w:val="1"/>'),
                run("在園：") + checkbox(None, sibling[0]) + run("あり　") + checkbox(None, sibling[1]) + run("なし"),
                checkbox("同意", consent) + run(" 記載内容に相違ありません"))


def test_a_template_reads_legacy_fields(tmp_path):
    record = read_word_form(_form(tmp_path), TEMPLATE, FIELDS)
    assert record.ok, {k: v.message() for k, v in record.problems.items()}
    assert record.json_values() == {"name": "見本\u3000花子", "kana": "ミホン\u3000ハナコ", "sex": "女", "consent": True,
                                    "sibling": "あり", "note": None}


@pytest.mark.parametrize("change, field, words", [
    ({"consent": ""}, "consent", ["フォームフィールド「同意」"]),  # a required box not ticked
    ({"sibling": ("<w:checked/>", "<w:checked/>")}, "sibling", ["ラベル「在園」", "複数", "あり・なし"]),
    ({"sibling": ("", "")}, "sibling", ["どれにも印"]),
    ({"kana": "見本"}, "kana", ["2番目のフォームフィールド", "カタカナ"]),
])
def test_bad_legacy_fields_are_flagged_naming_the_field(tmp_path, change, field, words):
    record = read_word_form(_form(tmp_path, **change), TEMPLATE, FIELDS)
    assert list(record.problems) == [field]
    message = record.problems[field].message("ja")
    assert all(w in message for w in words), message


def test_a_missing_form_field_names_it(tmp_path):
    record = read_word_form(_form(tmp_path), template(name={"form_field": {"name": "申請者氏名"}}), FIELDS)
    message = record.problems["name"].message("ja")
    assert "フォームフィールド「申請者氏名」" in message and "見つかりません" in message


def test_libreoffice_saves_the_same_fields_again(tmp_path, soffice):
    """LibreOffice writes form fields its own way (empty ffData names, its own runs); the
    kinds, texts and states read from its copy are those of the original."""
    original = _form(tmp_path)
    out = tmp_path / "lo"
    out.mkdir()
    copy = soffice(original, "docx:MS Word 2007 XML", out)
    with open_document(original) as before, open_document(copy) as after:
        assert len(before.form_fields) == 6
        assert [(f.kind, f.text, f.checked) for f in after.form_fields] == \
            [(f.kind, f.text, f.checked) for f in before.form_fields]
        assert after.beside_label("在園", "right") == before.beside_label("在園", "right") == ["☑あり\u3000☐なし"]
