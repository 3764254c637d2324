"""``scenario rename-field OLD NEW``: rename a record field everywhere a scenario folder names
it, so that a rename is one command instead of four places to remember:

- the scenario's ``fields``, ``key``, ``reading_of`` / ``postal_code_field``, the outputs'
  ``columns``, ``allow``, ``placeholders`` and ``{{ OLD }}`` in a notice's file name;
- every ``{{ record.OLD }}`` (and ``record['OLD']``) in the web steps and their ``when``
  conditions, found by the sandbox's own template lexer (a ``record.OLD`` in plain text or in
  a string literal is not a read, and stays);
- ``read_text: {into: OLD}``;
- the ``fields`` of every template the scenario's inputs name;
- every ``samples/*.expected.json``;
- ``{{ OLD }}`` in a Word notice template (its runs' formatting kept, ``render_notice``).

The YAML files keep their comments and style (``robots.authoring.yaml_edit``). What cannot be
edited here is named as a note (a manifest's hashes, comments and prose that mention OLD)."""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from connectors.office import render_notice
from robots.authoring.yaml_edit import Span, YamlEdit, YamlEditError
from robots.sharing.expected import expected_text
from shared.config import load_scenario
from shared.config.loader import SCENARIO_FILE
from shared.config.notice_check import PLACEHOLDER, notice_placeholders
from shared.config.scenario import NOTICE_NAMES
from shared.config.steps import STEP_KINDS, walk_steps
from shared.config.suggest import closest, hint
from shared.errors import RpaError
from shared.messages import Msg
from shared.packages.manifest import EXPECTED_SUFFIX, MANIFEST_FILE, SAMPLES_DIR
from shared.templating import TemplateRenderError, read_spans

__all__ = ["Change", "RenamePlan", "apply_rename", "plan_rename"]

NAME = re.compile(r"^[a-z][a-z0-9_\-]{0,63}$")  # shared.config.base.Identifier
TEMPLATE_KEYS = ("value", "label", "text", "selector")  # the step texts that are templates (loader.template_texts)
PROSE_SUFFIXES = (".md", ".txt", ".csv")


@dataclass(frozen=True)
class Change:
    """One place changed: the file (relative to the folder), its line, the text before and after."""

    file: str
    line: int
    before: str
    after: str


@dataclass
class RenamePlan:
    """What ``apply_rename`` writes: the new text of each file, the changes, and the notes on
    what a person must still do by hand."""

    folder: Path
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    texts: dict[Path, str] = field(default_factory=dict)
    notices: list[Path] = field(default_factory=list)  # Word notice templates holding {{ old }}
    notes: list[Msg] = field(default_factory=list)


def plan_rename(folder: Path, old: str, new: str) -> RenamePlan:
    """Every change renaming field ``old`` to ``new`` in the scenario ``folder`` makes; nothing
    is written. Raises ``ConfigError`` when the scenario does not load, ``RpaError`` when
    ``old`` is no field, ``new`` is taken or no valid name, or an edit cannot be made exactly."""
    folder = Path(folder)
    loaded = load_scenario(folder)
    fields = loaded.scenario.fields
    if old not in fields:
        raise RpaError("rename.unknown_field", name=old, hint=hint(closest(old, fields)))
    if not NAME.match(new):
        raise RpaError("rename.bad_name", name=new)
    stored = {step.read_text.into for step in _all_steps(loaded.scenario) if step.read_text is not None}
    if new in fields or new in stored or new in NOTICE_NAMES:
        raise RpaError("rename.exists", name=new)
    plan = RenamePlan(folder, old, new)
    try:
        _scenario(plan, folder / SCENARIO_FILE)
        for template in sorted({spec.template for spec in loaded.scenario.inputs}):
            _template(plan, folder / template)
    except YamlEditError as exc:
        raise RpaError("rename.unsafe", file=Path(str(exc)).name) from None
    except TemplateRenderError as exc:
        raise RpaError("rename.not_in_templates", name=new) from exc
    _expected(plan, folder)
    _notes(plan, loaded)
    plan.changes.sort(key=lambda change: (change.file != SCENARIO_FILE, change.file, change.line))
    return plan


def _all_steps(scenario) -> list:
    web = scenario.web
    if web is None:
        return []
    return [step for part in (web.login, web.entry, web.lookup) for _, step in walk_steps(part)]


def _whole(value: object, old: str) -> list[Span]:
    return [(0, len(old), "")] if value == old else []


def _record(edit: YamlEdit, plan: RenamePlan, node: yaml.Node, spans: list[Span], *, key: bool = False) -> None:
    """Change ``spans`` of ``node`` to the new name and remember what changed."""
    if not spans:
        return
    spans = [(start, end, plan.new) for start, end, _ in spans]
    before = str(node.value)
    edit.change(node, spans, key=key)
    after = before
    for start, end, text in sorted(spans, reverse=True):
        after = after[:start] + text + after[end:]
    plan.changes.append(Change(edit.path.relative_to(plan.folder).as_posix(), edit.line_of(node), before, after))


def _reads(source: object, plan: RenamePlan, *, expression: bool = False) -> list[Span]:
    """The reads of ``record.OLD`` in a template text; a new name with '-' cannot be read as
    ``record.NEW`` (only as ``record['NEW']``)."""
    if not isinstance(source, str) or ("{" not in source and not expression):
        return []
    spans = read_spans(source, "record", plan.old, expression=expression)
    if not plan.new.isidentifier() and any(source[start - 1] not in "'\"" for start, _ in spans):
        raise TemplateRenderError("template.rename_not_a_name", name=plan.new)
    return [(start, end, "") for start, end in spans]


def _steps(edit: YamlEdit, plan: RenamePlan, loc: tuple[str | int, ...]) -> None:
    steps = edit.node(loc)
    if not isinstance(steps, yaml.SequenceNode):
        return
    for index in range(len(steps.value)):
        here = (*loc, index)
        for key, node in edit.items(here):
            if key == "when" and isinstance(node, yaml.ScalarNode):
                _record(edit, plan, node, _reads(node.value, plan, expression=True))
            elif key in STEP_KINDS and isinstance(node, yaml.ScalarNode):
                _record(edit, plan, node, _reads(node.value, plan))
            elif key in STEP_KINDS:
                for arg, value in edit.items((*here, key)):
                    if not isinstance(value, yaml.ScalarNode):
                        continue
                    if arg in TEMPLATE_KEYS:
                        _record(edit, plan, value, _reads(value.value, plan))
                    elif key == "read_text" and arg == "into":
                        _record(edit, plan, value, _whole(value.value, plan.old))
        _steps(edit, plan, (*here, "in_frame", "steps"))


def _items(edit: YamlEdit, plan: RenamePlan, loc: tuple[str | int, ...]) -> None:
    """The items of the list at ``loc`` that are the old name."""
    items = edit.node(loc)
    if isinstance(items, yaml.SequenceNode):
        for item in items.value:
            if isinstance(item, yaml.ScalarNode):
                _record(edit, plan, item, _whole(item.value, plan.old))


def _scenario(plan: RenamePlan, path: Path) -> None:
    edit = YamlEdit.read(path)
    old = plan.old
    key = edit.key_node(("fields",), old)
    assert key is not None  # the scenario loaded with this field
    _record(edit, plan, key, _whole(key.value, old), key=True)
    for name, _ in list(edit.items(("fields",))):
        for ref in ("reading_of", "postal_code_field"):
            node = edit.node(("fields", name, ref))
            if isinstance(node, yaml.ScalarNode):
                _record(edit, plan, node, _whole(node.value, old))
    _items(edit, plan, ("key",))
    outputs = edit.node(("outputs",))
    for index in range(len(outputs.value) if isinstance(outputs, yaml.SequenceNode) else 0):
        for part in ("columns", "allow", "placeholders"):
            _items(edit, plan, ("outputs", index, part))
        file = edit.node(("outputs", index, "file"))
        if isinstance(file, yaml.ScalarNode):
            _record(edit, plan, file, [(m.start(1), m.end(1), "") for m in PLACEHOLDER.finditer(file.value)
                                       if m.group(1) == old])
    for part in ("login", "entry", "lookup"):
        _steps(edit, plan, ("web", part))
    plan.texts[path] = edit.result()


def _template(plan: RenamePlan, path: Path) -> None:
    edit = YamlEdit.read(path)
    key = edit.key_node(("fields",), plan.old)
    if key is None:
        return  # an Excel/Word template may leave an optional field out
    if edit.key_node(("fields",), plan.new) is not None:
        raise RpaError("rename.exists_in", name=plan.new, file=path.name)
    _record(edit, plan, key, _whole(key.value, plan.old), key=True)
    plan.texts[path] = edit.result()


def _expected(plan: RenamePlan, folder: Path) -> None:
    samples = folder / SAMPLES_DIR
    for path in sorted(samples.rglob("*" + EXPECTED_SUFFIX)) if samples.is_dir() else []:
        try:
            record = json.loads(path.read_bytes().decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise RpaError("rename.expected_unreadable", file=path.relative_to(folder).as_posix()) from None
        if not isinstance(record, dict) or plan.old not in record:
            continue
        if plan.new in record:
            raise RpaError("rename.exists_in", name=plan.new, file=path.relative_to(folder).as_posix())
        renamed = {plan.new if name == plan.old else name: value for name, value in record.items()}
        plan.texts[path] = expected_text(renamed)
        plan.changes.append(Change(path.relative_to(folder).as_posix(), 2 + list(record).index(plan.old),
                                   f'"{plan.old}"', f'"{plan.new}"'))


def _notes(plan: RenamePlan, loaded) -> None:
    """What the command cannot change itself."""
    folder, old = plan.folder, plan.old
    for output in loaded.scenario.outputs:
        if output.template and output.kind == "word_notice":
            try:
                placed = notice_placeholders(folder / output.template)
            except ValueError:
                continue
            if old in placed:
                plan.notices.append(folder / output.template)
                plan.changes.append(Change(output.template, 0, f"{{{{ {old} }}}}", f"{{{{ {plan.new} }}}}"))
    if (folder / MANIFEST_FILE).is_file():
        plan.notes.append(Msg("rename.note.manifest", file=MANIFEST_FILE))
    word = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    for path, text in sorted(plan.texts.items()):  # comments, labels, texts that are no template read
        lines = sorted({text.count("\n", 0, m.start()) + 1 for m in word.finditer(text)})
        if lines:
            plan.notes.append(Msg("rename.note.left", file=path.relative_to(folder).as_posix(),
                                  lines="、".join(map(str, lines)), old=old))
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in PROSE_SUFFIXES and path.is_file() and path not in plan.texts:
            if word.search(path.read_text(encoding="utf-8", errors="replace")):
                plan.notes.append(Msg("rename.note.prose", file=path.relative_to(folder).as_posix(), old=old))


def apply_rename(plan: RenamePlan) -> list[Path]:
    """Write the plan's files, each replaced whole (a file is either old or new, never half
    written); returns the files written."""
    written = []
    for path in plan.notices:
        renamed = path.with_name(f".{path.name}.renaming")
        render_notice(path, {plan.old: f"{{{{ {plan.new} }}}}"}, renamed)
        os.chmod(renamed, path.stat().st_mode & 0o777)  # the scenario's file, not a personal output
        os.replace(renamed, path)
        written.append(path)
    for path, text in plan.texts.items():
        data = text.encode("utf-8")
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temp, path.stat().st_mode & 0o777)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
