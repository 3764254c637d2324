"""`scenario lint`: what must not be in a shareable scenario folder, with file:line.

Checks every file: nothing local (absolute paths, URLs, host names, e-mail addresses, user
names, passwords, tokens), no real-looking My Numbers (a valid check digit outside the
documented test range), only data files, none larger than the YAML limit (refused before it
is read) and no links; and the structure: no unknown keys, steps from the vocabulary only,
templates with a fingerprint, files named (templates, blank forms, notices) inside the folder,
templates that pass ``shared.config.template_checks`` (as ``validate`` checks them), and
sample inputs with their expected records.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from shared.config.confine import confinement_problem, is_link
from shared.config.loader import SCENARIO_FILE
from shared.config.scenario import Scenario
from shared.config.steps import STEP_KINDS
from shared.config.template import FormTemplate
from shared.config.yamlio import MAX_DEPTH, MAX_NODES, MAX_YAML_BYTES, YamlDocument, load_yaml
from shared.errors import ConfigError
from shared.japanese.identifiers import my_number_is_valid
from shared.messages import t
from shared.packages.archive import DATA_SUFFIXES
from shared.packages.content import template_issues
from shared.packages.manifest import EXPECTED_SUFFIX, GENERATED, SAMPLES_DIR

__all__ = ["Finding", "TEST_MY_NUMBERS", "TEST_MY_NUMBER_PREFIX", "is_real_looking_my_number", "lint_folder"]

TEST_MY_NUMBER_PREFIX = "0000"
TEST_MY_NUMBERS = frozenset({"123456789018"})
STEP_KEYS = frozenset({*STEP_KINDS, "name", "when", "final"})
TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".md", ".txt", ".csv"})
USER_WORDS = ("ユーザーid", "ユーザー名", "ログインid", "利用者id", "職員番号", "user", "login")
PASSWORD_WORDS = ("パスワード", "password", "暗証")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is and what it is (``code`` is stable, for tests and tools)."""

    file: str
    line: int
    column: int
    code: str

    def message(self) -> str:
        return t(f"lint.{self.code}")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message()}"


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("url", re.compile(r"\b(?:https?|ftp|file|smb)://[^\s\"'<>）」]+", re.I)),
    ("absolute_path", re.compile(
        r"(?<![\w.{])(?:[A-Za-z]:[\\/](?=\w)|\\\\[\w.-]+\\|~/|/(?:home|Users|usr|var|etc|opt|srv|mnt|media|tmp|root|data|share)/)"
    )),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),  # starts a run only: linear
    ("host", re.compile(
        r"(?<![\w@.-])(?:localhost|(?:\d{1,3}\.){3}\d{1,3}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
        r"(?:jp|com|net|org|local|lan|internal|intra|corp|gov|io|info|biz|home|test|example))(?![\w-])", re.I)),
    ("token", re.compile(
        r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abprs]-[\w-]{10,}|AKIA[0-9A-Z]{16}|"
        r"eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*|sk-[A-Za-z0-9]{20,})|\bbearer\s+[\w.~+/-]{16,}", re.I)),
    ("token", re.compile(
        r"(?i)\b(?:token|api[_-]?key|secret|access[_-]?key|client[_-]?secret|トークン)\s*[:=：]\s*(?![\"']?\{\{)[\"']?[\w.~+/-]{6,}")),
    ("token", re.compile(r"(?<![\w/+-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}(?![\w/+-])")),
    ("password", re.compile(
        r"(?i)(?:password|passwd|pwd|パスワード|暗証番号)\s*[:=：]\s*(?![\"']?\{\{)(?![\"']?(?:env|file|keyring):)[\"']?[^\s\"'{}]{3,}")),
    ("user_name", re.compile(
        r"(?i)^\s*(?:user|username|user_name|userid|user_id|login|login_id|ユーザーID|ユーザー名)\s*[:=：]\s*(?![\"']?\{\{)(?![\"']?(?:env|file|keyring):)[\"']?\w{2,}")),
]


def _scan_line(file: str, number: int, line: str) -> list[Finding]:
    found: list[Finding] = []
    covered = bytearray(len(line) + 1)  # 1 where an earlier finding's match lies: linear, not matches²
    for code, pattern in _PATTERNS:
        for match in pattern.finditer(line):
            start, end = match.span()
            if covered[start]:
                continue  # a host inside a URL or an e-mail address is one problem, not two
            covered[start:end] = b"\x01" * (end - start)
            found.append(Finding(file, number, start + 1, code))
    return found


def is_real_looking_my_number(digits: str) -> bool:
    """12 digits with a valid check digit, outside the documented test range."""
    if digits in TEST_MY_NUMBERS or digits.startswith(TEST_MY_NUMBER_PREFIX):
        return False
    return my_number_is_valid(digits)


_TWELVE = re.compile(r"(?<!\d)\d{12}(?!\d)")
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[ \u3000\-‐−－](?=\d)")


def _my_numbers(file: str, number: int, line: str) -> list[Finding]:
    text = _BETWEEN_DIGITS.sub("", unicodedata.normalize("NFKC", line))
    return [Finding(file, number, 1, "my_number") for m in _TWELVE.finditer(text) if is_real_looking_my_number(m.group())]


def _pdf_lines(path: Path) -> list[tuple[int, str]]:
    from shared.pdfcheck import page_texts  # the connector's checks; pypdfium2 loads only when a folder has PDFs

    try:
        texts = page_texts(path)
    except Exception:  # an unreadable sample is reported by `scenario test`, not here
        return []
    return [(page, line) for page, text in enumerate(texts, start=1) for line in text.splitlines()]


def _scan_files(folder: Path) -> list[Finding]:
    findings: list[Finding] = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name in GENERATED or any(part.startswith(".") for part in name.split("/")):
            continue
        if path.is_symlink() or (path.is_file() and path.suffix.lower() not in DATA_SUFFIXES):
            findings.append(Finding(name, 1, 1, "link" if path.is_symlink() else "not_data"))
            continue
        if not path.is_file():
            continue
        if path.suffix.lower() in TEXT_SUFFIXES and path.stat().st_size > MAX_YAML_BYTES:
            findings.append(Finding(name, 1, 1, "too_large"))  # refused before it is read: no scan of 50 MB
            continue
        if path.suffix.lower() == ".pdf":
            findings += [f for page, line in _pdf_lines(path) for f in _my_numbers(name, page, line)]
        elif path.suffix.lower() in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), start=1):
                findings += _scan_line(name, number, line) + _my_numbers(name, number, line)
    return findings


def _problem_findings(folder: Path, exc: ConfigError) -> list[Finding]:
    """A file that does not load: the rule it broke when it is one of the YAML limits, else
    ``invalid_file`` (``validate`` says the detail)."""
    rules = {t("config.too_deep", limit=MAX_DEPTH): "yaml_too_deep", t("config.file_too_large", limit=MAX_YAML_BYTES):
             "too_large", t("config.too_many_nodes", limit=MAX_NODES): "yaml_too_many_nodes"}
    out = []
    for problem in exc.problems:
        file = Path(problem.file)
        name = file.relative_to(folder).as_posix() if file.is_relative_to(folder) else file.name
        out.append(Finding(name, problem.line, problem.column, rules.get(problem.message, "invalid_file")))
    return out


def _step_findings(doc: YamlDocument, name: str) -> list[Finding]:
    findings = []
    web = doc.data.get("web") if isinstance(doc.data, dict) else None

    def walk(steps: object, loc: tuple) -> None:
        for index, step in enumerate(steps if isinstance(steps, list) else []):
            here = (*loc, index)
            if not isinstance(step, dict):
                continue
            for key in step:
                if key not in STEP_KEYS:
                    findings.append(Finding(name, *doc.locate((*here, key)), "step_vocabulary"))
            fill = step.get("fill")
            if isinstance(fill, dict) and isinstance(fill.get("value"), str) and "{{" not in fill["value"]:
                target = str(fill.get("label") or fill.get("selector") or "").lower()
                if any(w in target for w in PASSWORD_WORDS) or fill.get("secret"):
                    findings.append(Finding(name, *doc.locate((*here, "fill", "value")), "password"))
                elif any(w in target for w in USER_WORDS):
                    findings.append(Finding(name, *doc.locate((*here, "fill", "value")), "user_name"))
            frame = step.get("in_frame")
            if isinstance(frame, dict):
                walk(frame.get("steps"), (*here, "in_frame", "steps"))

    if isinstance(web, dict):
        for part in ("login", "entry", "lookup"):
            walk(web.get(part), ("web", part))
    return findings


def _template_findings(doc: YamlDocument, name: str) -> list[Finding]:
    return [Finding(name, *doc.locate(issue.loc), f"template_{issue.code}") for issue in template_issues(doc.data)]


def _path_findings(folder: Path, doc: YamlDocument, name: str, base: Path) -> list[Finding]:
    """Files a scenario or template names that lie outside the folder or behind a link."""
    data = doc.data if isinstance(doc.data, dict) else {}
    named: list[tuple[tuple, object]] = [(("blank_form",), data.get("blank_form"))]
    for part in ("inputs", "outputs"):
        entries = data.get(part)
        if not isinstance(entries, list):
            continue
        named += [((part, i, "template"), e.get("template")) for i, e in enumerate(entries) if isinstance(e, dict)]
    return [Finding(name, *doc.locate(loc), "path_escape") for loc, value in named
            if isinstance(value, str) and confinement_problem(folder, base, value) is not None]


def _model_findings(doc: YamlDocument, name: str, model: type[BaseModel], skip: set[int]) -> list[Finding]:
    try:
        model.model_validate(doc.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            position = doc.locate(loc)
            if position[0] in skip:
                continue  # the line is already reported (e.g. a step kind outside the vocabulary)
            if err["type"] == "extra_forbidden":
                out.append(Finding(name, *position, "unknown_key"))
            elif "path_not_relative" in str((err.get("ctx") or {}).get("error", "")):
                out.append(Finding(name, *position, "path_escape"))
            elif model is FormTemplate and loc[:1] == ("fingerprint",):
                out.append(Finding(name, 1, 1, "no_fingerprint"))
            else:
                out.append(Finding(name, *position, "invalid_file"))
        return out
    return []


def _structure(folder: Path) -> list[Finding]:
    findings: list[Finding] = []
    if is_link(folder / SCENARIO_FILE):
        return []  # reported as a link; what it points to is not read
    try:
        doc = load_yaml(folder / SCENARIO_FILE)
    except ConfigError as exc:
        return _problem_findings(folder, exc)
    steps = _step_findings(doc, SCENARIO_FILE)
    findings += steps + _template_findings(doc, SCENARIO_FILE) + _path_findings(folder, doc, SCENARIO_FILE, folder)
    findings += _model_findings(doc, SCENARIO_FILE, Scenario, {f.line for f in steps if f.code == "step_vocabulary"})
    templates = {i.get("template") for i in (doc.data.get("inputs") or []) if isinstance(i, dict)} \
        if isinstance(doc.data, dict) else set()
    for template in sorted(name for name in templates if isinstance(name, str)):
        path = folder / template
        if not path.is_file() or confinement_problem(folder, folder, template) is not None:
            continue  # a missing template is an invalid scenario, one outside a path_escape (reported above)
        try:
            tdoc = load_yaml(path)
        except ConfigError as exc:
            findings += _problem_findings(folder, exc)
            continue
        findings += _model_findings(tdoc, template, FormTemplate, set()) + _template_findings(tdoc, template)
        findings += _path_findings(folder, tdoc, template, path.parent)
    return findings


def _scenario_fields(folder: Path) -> set[str] | None:
    if is_link(folder / SCENARIO_FILE):
        return None
    try:
        data = load_yaml(folder / SCENARIO_FILE).data
    except ConfigError:
        return None
    fields = data.get("fields") if isinstance(data, dict) else None
    return set(fields) if isinstance(fields, dict) else None


def _samples(folder: Path) -> list[Finding]:
    fields = _scenario_fields(folder)
    samples = folder / SAMPLES_DIR
    inputs = sorted(p for p in samples.rglob("*") if p.is_file() and p.suffix.lower() != ".json") \
        if samples.is_dir() else []
    if not inputs:
        return [Finding(SAMPLES_DIR + "/", 1, 1, "no_samples")]
    findings = []
    for path in inputs:
        expected = path.with_name(path.name.rsplit(".", 1)[0] + EXPECTED_SUFFIX)
        name = path.relative_to(folder).as_posix()
        if not expected.is_file():
            findings.append(Finding(name, 1, 1, "no_expected"))
            continue
        expected_name = expected.relative_to(folder).as_posix()
        if is_link(expected) or expected.stat().st_size > MAX_YAML_BYTES:
            continue  # reported by the scan of the files (a link, too large)
        try:
            record = json.loads(expected.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            findings.append(Finding(expected_name, 1, 1, "expected_unreadable"))
            continue
        if not isinstance(record, dict):
            findings.append(Finding(expected_name, 1, 1, "expected_unreadable"))
        elif fields is not None:
            lines = expected.read_text(encoding="utf-8").splitlines()
            for key in sorted(set(record) - fields):
                line = next((i for i, text in enumerate(lines, start=1) if f'"{key}"' in text), 1)
                findings.append(Finding(expected_name, line, 1, "expected_unknown_field"))
    return findings


def lint_folder(folder: Path) -> list[Finding]:
    """Every problem that keeps ``folder`` from being shared, sorted by file and line."""
    folder = Path(folder).resolve()
    findings = _scan_files(folder) + _structure(folder) + _samples(folder)
    if not (folder / "README.md").is_file():
        findings.append(Finding("README.md", 1, 1, "no_readme"))
    return sorted(set(findings))
