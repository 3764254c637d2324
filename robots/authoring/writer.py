"""Write a proposed template as files a person edits: template.yaml and a scenario.yaml
skeleton (both with Japanese comments, checked by ``validate``) and an inspection picture
of the sample with the proposed boxes drawn. The filled sample itself is not copied (it may
hold personal data; the folder is meant to be shared once edited)."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from robots.authoring.proposal import Proposal
from robots.authoring.yaml_text import block, scalar
from shared.config import LoadedScenario, load_scenario
from shared.config.template import FieldBinding
from shared.errors import RpaError

__all__ = ["parts_supported", "scenario_id", "template_yaml", "write_proposal"]

# Field types in Japanese, for the comments.
TYPE_WORDS = {
    "text": "文字", "name": "氏名", "katakana": "カタカナ", "number": "数", "money": "金額", "digits": "数字の並び",
    "date": "日付（西暦）", "wareki_date": "日付（和暦・西暦）", "my_number": "個人番号", "postal_code": "郵便番号",
    "phone": "電話番号", "address": "住所", "choice": "選択（○囲み・チェック）", "checkbox": "チェック欄",
}
PERSONAL_TYPES = frozenset({"name", "katakana", "my_number", "postal_code", "address", "phone"})
PERSONAL_LABELS = ("生年月日", "口座番号", "記号番号", "被保険者番号", "証番号")
"""Labels of personal fields whose type alone does not tell (a bank account number is ``digits``)."""


def scenario_id(path: Path) -> str:
    """An identifier from the file name (``new-form`` when it has no ASCII letters)."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug if slug and slug[0].isalpha() else "new-form"


PART_WORDS = {"era": "元号（○で囲む）", "year": "年", "month": "月", "day": "日", "area": "市外局番", "local": "市内局番",
              "number": "番号", "first": "前3桁", "last": "後4桁", "family": "氏", "given": "名"}


def parts_supported() -> bool:
    """Whether the template model reads composite fields (``parts``)."""
    return "parts" in FieldBinding.model_fields


def template_yaml(proposal: Proposal, ident: str, *, flat: bool = False) -> str:
    """The template as YAML; ``flat`` reads each composite field as one box over its parts."""
    lines = [
        f"# 「{proposal.title}」のフォームテンプレート（案）",
        f"# template new が{'白紙の様式' if proposal.blank else '記入済みの見本'} {proposal.source.name} から作りました。"
        "必ず確かめて直してください:",
        "#   - 項目名（英字）は scenario.yaml の fields と同じにします",
        "#   - box は [左, 上, 右, 下]（PDFのポイント、用紙の左上が原点）。template inspect で枠を確かめられます",
        "#   - read: circled = ○で囲む選択肢、ticked = □に印を付ける選択肢、checkbox = 1つのチェック欄",
        "#   - parts = いくつかの枠を組み合わせて1つの項目として読みます（元号を○で囲む日付、氏と名など）",
        "schema_version: 1",
        f"id: {scalar(ident + '-form')}",
        f"title: {scalar(proposal.title)}",
        f"pages: {proposal.pages}",
        "fingerprint:",
        f"  keywords: {scalar(proposal.keywords)}  # この語が1ページ目にあれば、この様式と判断します",
        "fields:",
    ]
    for field in proposal.fields:
        lines.append(f"  # {field.label}（{field.page}ページ、推定した型: {TYPE_WORDS[field.type]}）")
        if field.parts and not flat:
            lines.append(f"  #   組み合わせる枠: {'・'.join(PART_WORDS.get(p, p) for p in field.parts)}")
        lines += block(field.name, field.flat_binding() if flat else field.binding(), 1)
    return "\n".join(lines) + "\n"


def scenario_yaml(proposal: Proposal, ident: str) -> str:
    key = ", ".join(_key(proposal))
    lines = [
        f"# 「{proposal.title}」のシナリオの下書き（template new が作りました）。",
        "# 項目の label・type・required を確かめ、入力先システムの操作（web:）と出力（outputs:）を書き足してください。",
        "# 個人情報の項目には mask: true を付けています（ログ・レポート・画面キャプチャに値を残しません）。",
        "schema_version: 1",
        f"id: {ident}",
        f"title: {scalar(proposal.title)}",
        "version: 0.1.0",
        "author: （作成者を書いてください）",
        "inputs:",
        "  - kind: pdf",
        f"    glob: {scalar(ident + '/*.pdf')}",
        "    template: template.yaml",
        "fields:",
    ]
    for field in proposal.fields:
        spec = field.spec()
        if _is_personal(field.type, field.name, field.label):
            spec["mask"] = True
        note = "白紙の様式から（型は項目名から推定）" if proposal.blank else "見本に記入あり" if field.filled else "見本では空欄"
        lines += block(field.name, spec, 1, note)
    lines.append(f"key: [{key}]  # 同じ申請を二重に登録しないための識別項目")
    return "\n".join(lines) + "\n"


def _is_personal(kind: str, name: str, label: str) -> bool:
    """Whether a proposed field is personal data (``mask: true`` in the draft)."""
    return (kind in PERSONAL_TYPES or "birth" in name or name.startswith("account_number")
            or any(word in label for word in PERSONAL_LABELS))


def _key(proposal: Proposal) -> list[str]:
    """My Number when the form has one; else the first name with the first birth date."""
    by_type: dict[str, str] = {}
    for field in proposal.fields:
        by_type.setdefault(field.type, field.name)
    if "my_number" in by_type:
        return [by_type["my_number"]]
    birth = next((f.name for f in proposal.fields if "birth" in f.name), None)
    if "name" in by_type:
        return [by_type["name"], birth] if birth else [by_type["name"]]
    return [next((f.name for f in proposal.fields if f.filled), proposal.fields[0].name)]


def write_proposal(proposal: Proposal, out: Path, *, with_sample: bool = False, force: bool = False) -> list[Path]:
    """Write the draft into folder ``out`` (the scenario's id is the folder's name); returns
    the files written. The folder is then a scenario that ``validate`` accepts. With
    ``with_sample``, the filled sample and what the draft reads from it become the
    scenario's first test sample (samples/sample-1.pdf and .expected.json, for ``scenario
    test``) — only for fictitious samples: it holds what was written on the form.

    Files a person has edited since (they differ from this draft) are not overwritten unless
    ``force``: the folder is refused, naming them."""
    ident = scenario_id(out)
    template = out / "template.yaml"
    scenario = out / "scenario.yaml"
    drafts = {template: template_yaml(proposal, ident), scenario: scenario_yaml(proposal, ident)}
    if with_sample:
        drafts[out / "samples" / "sample-1.expected.json"] = ""  # written later; refused when present
    edited = [path for path, text in drafts.items() if path.exists() and path.read_text(encoding="utf-8") != text]
    if edited and not force:
        raise RpaError("template_new.would_overwrite", file=str(out),
                          files="、".join(str(path.relative_to(out)) for path in edited))
    out.mkdir(parents=True, exist_ok=True)
    template.write_text(drafts[template], encoding="utf-8")
    scenario.write_text(drafts[scenario], encoding="utf-8")
    loaded = _check(proposal, ident, out)  # the draft must load: a bug here must not reach a person
    from robots.authoring.inspection import inspect_form

    written = [template, scenario, *inspect_form(proposal.source, loaded.templates["template.yaml"], out, out)]
    if with_sample:
        written += _sample(proposal, out, loaded)
    return written


def _check(proposal: Proposal, ident: str, out: Path) -> LoadedScenario:
    """The draft as loaded. While the template model has no ``parts``, a draft with composite
    fields is checked (and drawn) with each read as one box over its parts."""
    if parts_supported() or not any(f.parts for f in proposal.fields):
        return load_scenario(out)
    with tempfile.TemporaryDirectory(prefix="template-new-") as temp:
        folder = Path(temp) / out.name
        folder.mkdir()
        (folder / "template.yaml").write_text(template_yaml(proposal, ident, flat=True), encoding="utf-8")
        shutil.copyfile(out / "scenario.yaml", folder / "scenario.yaml")
        return load_scenario(folder)


def _sample(proposal: Proposal, out: Path, loaded) -> list[Path]:
    from robots.reading.pdf_form import read_form

    folder = out / "samples"
    folder.mkdir(exist_ok=True)
    pdf = folder / "sample-1.pdf"
    shutil.copyfile(proposal.source, pdf)
    record = read_form(pdf, loaded.templates["template.yaml"], loaded.scenario.fields)
    expected = folder / "sample-1.expected.json"
    expected.write_text(json.dumps(record.json_values(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [pdf, expected]
