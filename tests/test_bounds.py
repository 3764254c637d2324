"""Issue #17, points 3 and 4: bounded templates and bounded files. Each probe someone sent in
a shared scenario ends refused, in Japanese (English with --lang en), naming the file, the line
and the rule — by ``validate``, ``scenario lint`` and ``scenario install`` alike.

The capped renders finish at once: a test asserts on the refusal, never on the time (if a
limit were missing, the render would take gigabytes and the test would not finish)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import SCENARIO_DIR
from typer.testing import CliRunner

from robots.cli import app
from shared.config import validate_all
from shared.config.site import SiteProfile
from shared.errors import ConfigError
from shared.messages import t
from shared.packages import MANIFEST_FILE, PackageError, install_package, lint_folder, pack
from shared.packages.archive import open_package
from shared.packages.lint import _scan_line
from shared.templating import TemplateRenderError, evaluate, render

runner = CliRunner()
RECORD = {"record": {"bank_name": "みどり銀行"}, "site": {}, "secret": {}}
BANK = 'value: "{{ record.bank_name }}"'

TEMPLATE_PROBES = {  # the probes that used to pass validate and lint and then take > 3 GB or > 20 s
    "repeat": ("{{ 'a' * 10**9 }}", "template.too_large"),
    "percent_width": ("{{ '%0999999999d' % 1 }}", "template.width_too_large"),
    "format_width": ("{{ '{:>999999999}'.format(1) }}", "template.width_too_large"),
    "ljust": ("{{ record.bank_name.ljust(10**9) }}", "template.too_large"),
}
MORE_AMPLIFIERS = [  # the same doors, other handles
    ("{{ 'a'.center(10**9) }}", "template.too_large"),
    ("{{ '0'.zfill(10**9) }}", "template.too_large"),
    ("{{ '\t'.expandtabs(10**9) }}", "template.too_large"),
    ("{{ '{x:>999999999}'.format_map({'x': 1}) }}", "template.width_too_large"),
    ("{{ '{:{}}'.format(1, 999999999) }}", "template.width_too_large"),
    ("{{ '%*d' % (999999999, 1) }}", "template.width_too_large"),
    ("{{ '%.999999999f' % 1.0 }}", "template.width_too_large"),
    ("{{ 2 ** (10 ** 10) }}", "template.too_large"),
    ("{{ [1] * 10**9 }}", "template.too_large"),
    ("{{ ('a' * 1000).join('b' * 1000) }}", "template.too_large"),
    ("{{ 'ab'.replace('', 'x' * 1000) * 1 ~ 'a'.replace('a', 'b' * 99) * 2000 }}", "template.too_large"),
    ("{{ 'a' | replace('a', 'aaaaaaaaaa') | replace('a', 'aaaaaaaaaa') | replace('a', 'aaaaaaaaaa')"
     " | replace('a', 'aaaaaaaaaa') | replace('a', 'aaaaaaaaaa') | replace('a', 'aaaaaaaaaa') }}", "template.too_large"),
    ("{% set x = 'a' * 90000 %}{{ x ~ x }}", "template.too_large"),
    ("{% set x = 'a' * 60000 %}{{ x }}{{ x }}", "template.too_large"),
    ("{% set x = 'a' * 99999 %}{{ ('{0}' * 30000).format(x) }}", "template.too_large"),
    ("{% set x = 'a' * 99999 %}{{ ('%s' * 30000) % ((x,) * 30000) }}", "template.too_large"),
    ("{% set x = 'a' * 60000 %}{{ ('%(a)s' * 30000) % {'a': x} }}", "template.too_large"),
    ("{% set x = 'a' * 99999 %}{{ [x] * 50000 }}", "template.too_large"),
    ("{% set x = 'a' * 60000 %}{{ [x, x] | string }}", "template.too_large"),
    ("{% set x = 'a' * 60000 %}{{ {'a': x, 'b': x} }}", "template.too_large"),
    ("{{ 'ab'.translate({97: 'x'}) }}", "template.method_not_allowed"),
    ("{% for c in record.bank_name %}{{ c }}{% endfor %}", "template.statement_not_allowed"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "template.statement_not_allowed"),
    ("{{ " + "(" * 50_000 + "1" + ")" * 50_000 + " }}", "template.too_deep"),
]


def copy_scenario(tmp_path: Path, *replacements: tuple[str, str], file: str = "scenario.yaml") -> Path:
    """The sample scenario without its samples (validate and lint need none), with changes."""
    folder = tmp_path / "shared-in"
    shutil.copytree(SCENARIO_DIR, folder, ignore=shutil.ignore_patterns("samples"))
    path = folder / file
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return folder


def line_of(path: Path, marker: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line)


def validate(folder: Path, *lang: str):
    return runner.invoke(app, [*lang, "validate", str(folder)])


def lint_codes(folder: Path) -> set[tuple[str, int, str]]:
    return {(f.file, f.line, f.code) for f in lint_folder(folder)}


def japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" for c in text)


# --- 3. bounded templates -------------------------------------------------------------------

@pytest.mark.parametrize("name", TEMPLATE_PROBES)
def test_template_probe_is_refused_when_rendered(name):
    source, key = TEMPLATE_PROBES[name]
    with pytest.raises(TemplateRenderError) as caught:
        render(source, RECORD)
    assert caught.value.key == key
    assert "上限" in t(caught.value.key, **caught.value.params)


@pytest.mark.parametrize("source, key", MORE_AMPLIFIERS)
def test_other_amplifiers_are_refused_when_rendered(source, key):
    with pytest.raises(TemplateRenderError) as caught:
        render(source, RECORD)
    assert caught.value.key == key


def test_a_when_expression_is_bounded_too():
    with pytest.raises(TemplateRenderError) as caught:
        evaluate("record.bank_name * 10**9", RECORD)
    assert caught.value.key == "template.too_large"


def test_ordinary_templates_still_render():
    text = "{{ '%05d' % 42 }}|{{ '{:>5}'.format(1) }}|{{ record.bank_name.ljust(7, '-') }}|{{ 'ab' * 3 }}|" \
           "{{ record.bank_name | replace('みどり', 'あおば') }}|{% if record.bank_name %}有{% endif %}|{{ 2 ** 10 }}|" \
           "{% set a, b = 1, 2 %}{{ a + b }}|{{ [1, 2, 3] | length }}|{{ '%s-%s' % (1, 2) }}|{{ {'k': 'v'}['k'] }}"
    assert render(text, RECORD) == "00042|    1|みどり銀行--|ababab|あおば銀行|有|1024|3|3|1-2|v"


@pytest.mark.parametrize("name", TEMPLATE_PROBES)
def test_template_probe_is_refused_by_validate_naming_file_line_and_rule(tmp_path, name):
    source, key = TEMPLATE_PROBES[name]
    folder = copy_scenario(tmp_path, (BANK, f'value: "{source}"'))
    line = line_of(folder / "scenario.yaml", source)
    result = validate(folder)
    assert result.exit_code == 1, result.output
    assert f"scenario.yaml:{line}:" in result.output
    assert "上限" in result.output and ("大きすぎます" in result.output)
    english = validate(folder, "--lang", "en")
    assert english.exit_code == 1 and "too large" in english.output


@pytest.mark.parametrize("name", TEMPLATE_PROBES)
def test_template_probe_is_found_by_lint(tmp_path, name):
    source, _ = TEMPLATE_PROBES[name]
    folder = copy_scenario(tmp_path, (BANK, f'value: "{source}"'))
    assert ("scenario.yaml", line_of(folder / "scenario.yaml", source), "template_too_large") in lint_codes(folder)
    assert japanese(t("lint.template_too_large"))


def test_python_internals_are_refused_by_validate_as_by_lint(tmp_path):
    source = "{{ ''.__class__.__mro__ }}"
    folder = copy_scenario(tmp_path, (BANK, f'value: "{source}"'))
    line = line_of(folder / "scenario.yaml", "__mro__")
    result = validate(folder)
    assert result.exit_code == 1, result.output
    assert f"scenario.yaml:{line}:" in result.output and "Pythonの内部" in result.output
    assert "問題はありません" not in result.output
    assert ("scenario.yaml", line, "template_internals") in lint_codes(folder)


def test_a_password_by_subscript_into_a_plain_field_is_refused(tmp_path):
    folder = copy_scenario(tmp_path, (BANK, "value: \"{{ secret['legacy_password'] }}\""))
    line = line_of(folder / "scenario.yaml", "secret['legacy_password']")
    result = validate(folder)
    assert result.exit_code == 1, result.output
    assert f"scenario.yaml:{line}:" in result.output
    assert "legacy_password" in result.output and "secret: true" in result.output
    assert ("scenario.yaml", line, "template_secret_plain_field") in lint_codes(folder)


def test_a_password_into_a_password_label_without_secret_true_is_refused(tmp_path):
    folder = copy_scenario(tmp_path, ('value: "{{ secret.legacy_password }}"\n        secret: true',
                                      'value: "{{ secret.legacy_password }}"'))
    result = validate(folder)
    assert result.exit_code == 1 and "secret: true" in result.output, result.output


@pytest.mark.parametrize("old, new, code", [
    ("    - click: ログイン\n", "    - click: \"{{ secret.legacy_user }}\"\n", "template_secret_outside_fill"),
    ("    - click: ログイン\n", "    - {when: \"secret.legacy_password\", click: ログイン}\n", "template_secret_outside_fill"),
    (BANK, 'value: "{{ secret[record.bank_name] }}"', "template_secret_unnamed"),
])
def test_secrets_only_where_a_fill_types_them(tmp_path, old, new, code):
    folder = copy_scenario(tmp_path, (old, new))
    result = validate(folder)
    assert result.exit_code == 1 and "秘密情報" in result.output, result.output
    assert code in {c for _, _, c in lint_codes(folder)}


def test_a_secret_user_id_in_a_plain_field_is_still_fine(tmp_path):
    folder = copy_scenario(tmp_path)  # the sample types {{ secret.legacy_user }} into ユーザーID
    assert validate(folder).exit_code == 0


def test_huge_literal_is_flagged(tmp_path):
    folder = copy_scenario(tmp_path, (BANK, 'value: "{{ \'' + "x" * 1200 + '\' }}"'))
    result = validate(folder)
    assert result.exit_code == 1 and "大きすぎる定数" in result.output, result.output
    assert "template_literal" in {c for _, _, c in lint_codes(folder)}


def test_a_loop_is_refused_by_validate_and_lint(tmp_path):
    folder = copy_scenario(tmp_path, (BANK, 'value: "{% for c in record.bank_name %}{{ c }}{% endfor %}"'))
    result = validate(folder)
    assert result.exit_code == 1 and "{% for %}" in result.output, result.output
    assert "template_statement" in {c for _, _, c in lint_codes(folder)}


# --- 4. bounded files -------------------------------------------------------------------------

def test_yaml_nested_50000_deep_is_refused_not_a_crash(tmp_path):
    folder = copy_scenario(tmp_path)
    with (folder / "scenario.yaml").open("a", encoding="utf-8") as out:
        out.write("extra: " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = validate(folder)
    assert result.exit_code == 1, result.output  # not 3, 「予期しないエラー」
    assert "scenario.yaml:" in result.output and "入れ子が深すぎます" in result.output
    assert "nested too deeply" in validate(folder, "--lang", "en").output
    assert "yaml_too_deep" in {c for f, _, c in lint_codes(folder) if f == "scenario.yaml"}


def test_block_yaml_nested_deep_is_refused(tmp_path):
    folder = copy_scenario(tmp_path)
    with (folder / "scenario.yaml").open("a", encoding="utf-8") as out:
        out.write("extra:\n" + "".join(" " * (i + 1) + "-\n" for i in range(1000)))
    with pytest.raises(ConfigError) as caught:
        validate_all(folder, None)
    assert "入れ子が深すぎます" in str(caught.value)


def test_lint_refuses_an_oversized_file_before_scanning_it(tmp_path):
    folder = copy_scenario(tmp_path)
    with (folder / "README.md").open("a", encoding="utf-8") as out:
        out.write("a@b.jp " * 300_000)  # 2.1 MB of matches: the old scan never ended
    result = runner.invoke(app, ["scenario", "lint", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'README.md'}:1:1: ファイルが大きすぎるため検査しませんでした" in result.output
    assert ("README.md", 1, "email") not in lint_codes(folder)


def test_the_line_scan_is_linear_in_the_matches():
    line = "a@b.jp " * 20_000  # 20,000 findings on one line: the old scan compared each with all before it
    found = _scan_line("README.md", 1, line)
    assert len(found) == 20_000 and {f.code for f in found} == {"email"}


def _symlink(link: Path, target: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):
        pytest.skip("this system does not let us create symbolic links")


def test_validate_refuses_a_scenario_file_that_is_a_link(tmp_path):
    folder = copy_scenario(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    (folder / "scenario.yaml").rename(outside)
    _symlink(folder / "scenario.yaml", outside)
    result = validate(folder)
    assert result.exit_code == 1, result.output
    assert "scenario.yaml:1:1:" in result.output and "リンク" in result.output
    assert ("scenario.yaml", 1, "link") in lint_codes(folder)


def test_validate_refuses_a_template_that_is_a_link(tmp_path):
    folder = copy_scenario(tmp_path)
    outside = tmp_path / "template-elsewhere.yaml"
    (folder / "template.yaml").rename(outside)
    _symlink(folder / "template.yaml", outside)
    result = validate(folder)
    assert result.exit_code == 1 and "リンク" in result.output, result.output
    assert "path_escape" in {c for f, _, c in lint_codes(folder) if f == "scenario.yaml"}


def test_blank_form_outside_the_folder_is_refused_by_validate_and_lint(tmp_path):
    folder = copy_scenario(tmp_path, ("blank_form: forms/blank.pdf", "blank_form: ../../../../etc/passwd"),
                           file="template.yaml")
    line = line_of(folder / "template.yaml", "blank_form:")
    result = validate(folder)
    assert result.exit_code == 1, result.output
    assert f"template.yaml:{line}:" in result.output and "相対パス" in result.output
    assert ("template.yaml", line, "path_escape") in lint_codes(folder)


def test_blank_form_through_a_link_is_refused(tmp_path):
    folder = copy_scenario(tmp_path)
    (folder / "forms" / "blank.pdf").unlink()
    _symlink(folder / "forms" / "blank.pdf", tmp_path / "secret.pdf")
    result = validate(folder)
    assert result.exit_code == 1 and "template.yaml:" in result.output and "リンク" in result.output, result.output


def test_notice_template_through_a_link_is_refused(tmp_path):
    folder = copy_scenario(tmp_path)
    outside = tmp_path / "notice.docx"
    (folder / "notice.docx").rename(outside)
    _symlink(folder / "notice.docx", outside)
    result = validate(folder)
    assert result.exit_code == 1 and "notice.docx" in result.output and "リンク" in result.output, result.output


# --- install: the same checks before a package is placed -------------------------------------

@pytest.fixture(scope="module")
def clean_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("clean")
    with open_package(pack(SCENARIO_DIR, folder / "clean.zip", licence="CC-BY-4.0")) as reader:
        return {name: reader.read(name) for name in reader.names}


def _package(path: Path, files: dict[str, bytes], changes: dict[str, bytes]) -> Path:
    """The clean package with ``changes``, its manifest's hashes matching (unsigned)."""
    files = {**files, **changes}
    manifest = json.loads(files.pop(MANIFEST_FILE))
    manifest["files"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in files.items()}
    files[MANIFEST_FILE] = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


SITE = SiteProfile.model_validate({"name": "b-city", "allowed_hosts": ["127.0.0.1"],
                                   "systems": {"kikan": {"base_url": "http://127.0.0.1:8080/"}}})


@pytest.mark.parametrize("file, old, new, key", [
    ("scenario.yaml", BANK, "value: \"{{ 'a' * 10**9 }}\"", "packages.content_refused"),
    ("scenario.yaml", BANK, "value: \"{{ secret['legacy_password'] }}\"", "packages.content_refused"),
    ("template.yaml", "blank_form: forms/blank.pdf", "blank_form: ../../../../etc/passwd", "packages.content_refused"),
])
def test_install_refuses_the_probe_naming_the_file(clean_files, tmp_path, file, old, new, key):
    text = clean_files[file].decode()
    assert old in text
    hostile = _package(tmp_path / "hostile.zip", clean_files, {file: text.replace(old, new, 1).encode()})
    scenarios = tmp_path / "scenarios"
    with pytest.raises(PackageError) as caught:
        install_package(hostile, scenarios, SITE, allow_unsigned=True)
    assert caught.value.key == key
    assert f"{file}:" in str(caught.value) and japanese(str(caught.value))
    assert not any(scenarios.iterdir())  # nothing placed, nothing left behind
