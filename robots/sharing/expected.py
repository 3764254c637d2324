"""``scenario test --update-expected``: what each sample reads now against its expected record,
field by field, and the expected records written from it once a person has seen the
difference. A new sample without an expected record gets one.

    updates = expected_updates(folder)
    for update in updates:
        print(update.expected, [change.name for change in update.changes])
    write_expected(folder, updates)

The values shown are the samples' own (a package's samples are made-up people; the expected
records already hold the same values); they go to the screen only, never to a log."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from robots.reading.pdf_form import read_form
from robots.sharing.samples import cases_of
from shared.config import load_scenario
from shared.errors import RpaError
from shared.messages import Msg
from shared.packages.manifest import EXPECTED_SUFFIX, SAMPLES_DIR, SampleCase

__all__ = ["MISSING", "ExpectedUpdate", "FieldChange", "expected_text", "expected_updates", "write_expected"]

MISSING: object = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""A field the expected record (before) or the reading (after) does not have."""


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: object  # MISSING: a field new in the reading
    after: object   # MISSING: a field the reading no longer has
    doubt: Msg | None = None  # the reading's check failed: why (no value in it)


@dataclass
class ExpectedUpdate:
    """One sample: its expected file, the record read now and how it differs."""

    input: str
    expected: str
    new: bool
    record: dict[str, object] = field(default_factory=dict)
    changes: list[FieldChange] = field(default_factory=list)
    error: str | None = None  # the sample cannot be read (the reason, without values)

    @property
    def to_write(self) -> bool:
        return self.error is None and (self.new or bool(self.changes))


def expected_text(record: dict[str, object]) -> str:
    """An expected record as the samples hold it (``template new`` writes the same)."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _new_cases(folder: Path, known: list[SampleCase]) -> list[SampleCase]:
    """Sample inputs that have no expected record yet."""
    samples = folder / SAMPLES_DIR
    taken = {case.input for case in known}
    found = []
    for path in sorted(samples.rglob("*")) if samples.is_dir() else []:
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() != ".json" and name not in taken:
            found.append(SampleCase(input=name, expected=name.rsplit(".", 1)[0] + EXPECTED_SUFFIX))
    return found


def expected_updates(folder: Path) -> list[ExpectedUpdate]:
    """Each sample of the scenario in ``folder`` read now and compared with its expected
    record (nothing is written). Raises ``ConfigError`` when the scenario does not load."""
    folder = Path(folder)
    loaded = load_scenario(folder)
    known = cases_of(folder)
    updates = []
    for case in [*known, *_new_cases(folder, known)]:
        expected_path = folder / case.expected
        new = not expected_path.is_file()
        update = ExpectedUpdate(case.input, case.expected, new)
        updates.append(update)
        try:
            before = {} if new else json.loads(expected_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            before = {}
        template = loaded.templates.get(case.template)
        if template is None:
            update.error = Msg("scenario.expected.no_template", template=case.template).render()
            continue
        try:
            record = read_form(folder / case.input, template, loaded.scenario.fields)
        except RpaError as exc:
            update.error = str(exc)
            continue
        got = record.json_values()
        order = [*(name for name in before if name in got), *(name for name in got if name not in before)]
        update.record = {name: got[name] for name in order}
        for name in [*order, *(name for name in before if name not in got)]:
            old, now = before.get(name, MISSING), got.get(name, MISSING)
            if old != now:
                value = record.fields.get(name)
                doubt = Msg(value.code, **value.params) if value is not None and not value.ok and value.code else None
                update.changes.append(FieldChange(name, old, now, doubt))
    return updates


def write_expected(folder: Path, updates: list[ExpectedUpdate]) -> list[Path]:
    """Write the expected record of every update that changes one; each file is replaced
    whole. Returns the files written."""
    written = []
    for update in updates:
        if not update.to_write:
            continue
        path = Path(folder) / update.expected
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(expected_text(update.record).encode("utf-8"))
            if path.exists():
                os.chmod(temp, path.stat().st_mode & 0o777)
            else:
                os.chmod(temp, 0o644)  # a shareable file of the package, like the sample beside it
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
