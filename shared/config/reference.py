"""Write docs/reference.md: every key of the scenario, template and site profile formats and
every step kind, generated from the pydantic models so the reference never drifts.

    python -m shared.config.reference docs/reference.md     # also run by `make schema`

Japanese explanations come from ``JA`` where one is written; otherwise the model's own
(English) description is shown.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from shared.config.reference_ja import JA, MODEL_TITLES, STEP_EXAMPLES
from shared.config.scenario import FIELD_TYPE_NAMES, Scenario
from shared.config.site import SiteProfile
from shared.config.steps import STEP_KINDS, Step
from shared.config.template import FormTemplate

__all__ = ["reference_text", "write_reference"]

ROOTS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("シナリオ（scenario.yaml）", Scenario),
    ("フォームテンプレート（template.yaml）", FormTemplate),
    ("サイトプロファイル（site.yaml）", SiteProfile),
)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _type_text(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is type(None):
        return "null"
    if origin is typing.Annotated:
        return _type_text(args[0])
    if origin is typing.Literal:
        return " / ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        return "、または ".join(_type_text(a) for a in args if a is not type(None))
    if origin in (list, tuple):
        if origin is tuple and len(args) == 4 and all(a is float for a in args):
            return "枠 [左, 上, 右, 下]"
        return f"一覧（{_type_text(args[0])}）" if args else "一覧"
    if origin is dict:
        return f"対応表（{_type_text(args[0])} → {_type_text(args[1])}）"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{MODEL_TITLES.get(annotation.__name__, annotation.__name__)}](#{annotation.__name__.lower()})"
    names = {str: "文字", int: "整数", float: "数値", bool: "true / false"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "必須"
    if info.default_factory is not None:
        return "省略可"
    if info.default is None or info.default is PydanticUndefined:
        return "省略可"
    if info.default == "":
        return "省略可（既定は空）"
    value = str(info.default).lower() if isinstance(info.default, bool) else info.default
    return f"省略可（既定 `{value}`）"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _model_section(model: type[BaseModel]) -> list[str]:
    title = MODEL_TITLES.get(model.__name__, model.__name__)
    doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    lines = [f"### {title}", "", f"<a id=\"{model.__name__.lower()}\"></a>`{model.__name__}` — {_cell(doc)}", "",
             "| キー | 型 | 必須・既定 | 説明 |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        text = JA.get(f"{model.__name__}.{name}") or info.description or ""
        lines.append(f"| `{key}` | {_cell(_type_text(info.annotation))} | {_default(info)} | {_cell(text)} |")
    return [*lines, ""]


def _walk(model: type[BaseModel], seen: list[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.append(model)
    for info in model.model_fields.values():
        for nested in _models_in(info.annotation):
            _walk(nested, seen)


def _steps_section() -> list[str]:
    lines = ["## 手順の種類（web.login / web.entry / web.lookup の各ステップ）", "",
             "1つのステップは、次の種類のどれか1つと、必要なら `name`（レポートや発表モードで表示する説明）、"
             "`when`（条件）、`final`（最後の登録操作）を持ちます。画面の項目は、表示されている項目名"
             "（ラベル）やボタンの文字で探し、表示されるまで自動で待ちます。", "",
             "| 種類 | 引数 | 説明 | 例 |", "|---|---|---|---|"]
    for kind in STEP_KINDS:
        info = Step.model_fields[kind]
        text = JA.get(f"Step.{kind}") or info.description or ""
        example = STEP_EXAMPLES.get(kind, "")
        shown = _cell(f"`{example}`") if example else ""
        lines.append(f"| `{kind}` | {_cell(_type_text(info.annotation))} | {_cell(text)} | {shown} |")
    return [*lines, ""]


def reference_text() -> str:
    """The whole reference as Markdown."""
    lines = ["# シナリオ・テンプレート・サイトプロファイルの書き方（リファレンス）", "",
             "<!-- このファイルは python -m shared.config.reference docs/reference.md（make schema）が"
             "モデルから生成します。手で編集しないでください。 -->", "",
             "すべてのキーは、入力を検査する pydantic モデルから生成しています。知らないキーや型の誤りは "
             "`validate` が「ファイル:行:列」で知らせます。", "",
             "## 項目の型（fields の type）", "",
             " / ".join(f"`{name}`" for name in FIELD_TYPE_NAMES) + "（正規化の詳細は [field-types.md](field-types.md)）", "",
             *_steps_section()]
    seen_all: list[type[BaseModel]] = []
    for title, root in ROOTS:
        lines += [f"## {title}", ""]
        models: list[type[BaseModel]] = []
        _walk(root, models)
        for model in models:
            if model in seen_all:
                continue
            seen_all.append(model)
            lines += _model_section(model)
    return "\n".join(lines).rstrip() + "\n"


def write_reference(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(reference_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_reference(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/reference.md")))
