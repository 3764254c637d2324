"""docs/tutorial.md, followed literally: every command it prints is run as printed, in order, by
the installed ``robot-runner`` of this virtual environment (on PATH, as after ``activate``), in
a fresh folder, in an 80-column console; every edit it asks for is made from the doc's own text;
what it says a command prints is compared with what the command printed. The run ends with a
record in the sample legacy system.

What the doc's Markdown says to do (an HTML comment just before a fenced block):

- a ```` ```sh ```` block: each line is a command, run as a process (no shell: the same line works in
  PowerShell). ``<!-- tutorial: exit N -->`` before it: its commands exit N (default 0).
- ``<!-- tutorial: output -->`` then a ```` ```text ```` block: lines of what the last command printed,
  in order; ``…`` stands for any text.
- ``<!-- tutorial: shows PATH -->`` then a fenced block: its lines are consecutive lines of PATH.
- ``<!-- tutorial: append PATH -->`` then a fenced block: added at the end of PATH.
- ``<!-- tutorial: replace PATH -->`` then two fenced blocks (the prose between says "を、次のように"):
  the first, which must be in PATH exactly once (from the start of a line), becomes the second.
- ``<!-- tutorial: server url=URL user=U password=P -->`` then a ```` ```sh ```` block: one command that
  serves until stopped (the sample system opened by hand); it is started, logged into at URL
  with U and P, and stopped.
- ``<!-- tutorial: setup linux|windows -->``: creating the virtual environment; checked against
  pyproject.toml and the venv this test runs in, not run (it would install the package again).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tomllib
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from samples.legacy_app import fetch_records

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
TUTORIAL = REPO / "docs" / "tutorial.md"
VENV_BIN = Path(sys.executable).parent
TOKEN = re.compile(r"<!-- tutorial: (?P<marker>[a-z]+)(?: (?P<arg>[^>]*?))? -->|```(?P<lang>[a-z]*)\n(?P<body>.*?)```", re.S)


@dataclass(frozen=True)
class Step:
    """One thing the doc says to do: run, output, shows, append, replace, server or setup."""

    kind: str
    text: str
    arg: str = ""
    new: str = ""
    exit_code: int = 0


def tutorial_steps(text: str) -> list[Step]:
    """The doc's steps in order: a marker applies to the fenced block after it (``replace`` to two)."""
    steps: list[Step] = []
    marker, arg, blocks = None, "", []
    for token in TOKEN.finditer(text):
        if token["marker"]:
            marker, arg, blocks = token["marker"], (token["arg"] or "").strip(), []
            continue
        body = token["body"]
        if marker == "replace":
            blocks.append(body)
            if len(blocks) == 2:
                steps.append(Step("replace", blocks[0], arg, blocks[1]))
                marker = None
            continue
        if marker in ("output", "shows", "append", "server", "setup"):
            steps.append(Step(marker, body, arg))
        elif token["lang"] == "sh":
            exit_code = int(arg) if marker == "exit" else 0
            steps += [Step("run", line, exit_code=exit_code) for line in body.splitlines() if line.strip()]
        marker = None
    return steps


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "RPA_LANG", "VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join([str(VENV_BIN), env.get("PATH", "")])  # as after `activate`
    env["COLUMNS"] = "80"  # the smallest terminal the doc's output must fit
    return env


def matches(expected: str, line: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in expected.split("…"))
    return re.fullmatch(pattern, line) is not None


def in_order(expected: list[str], lines: list[str]) -> bool:
    found = iter(lines)
    return all(any(matches(want, line) for line in found) for want in expected)


def follow(steps: list[Step], folder: Path) -> Iterator[tuple[Step, str]]:
    """Do the steps in ``folder``; yields each step with what it printed. Fails (AssertionError)
    on the first step that does not do what the doc says."""
    env = environment()
    printed = ""
    for step in steps:
        if step.kind == "run":
            argv = shlex.split(step.text)
            assert argv[0] == "robot-runner", f"not the installed entry point: {step.text}"
            command = shutil.which("robot-runner", path=env["PATH"])
            assert command and Path(command).parent == VENV_BIN
            done = subprocess.run([command, *argv[1:]], cwd=folder, env=env, capture_output=True, text=True,
                                  encoding="utf-8", timeout=600)
            printed = done.stdout + done.stderr
            assert done.returncode == step.exit_code, f"{step.text}: exit {done.returncode}\n{printed}"
        elif step.kind == "output":
            expected = step.text.splitlines()
            assert in_order(expected, printed.splitlines()), f"the doc says it prints\n{step.text}\nit printed\n{printed}"
        elif step.kind == "shows":
            assert step.text in (folder / step.arg).read_text(encoding="utf-8"), f"{step.arg} has no\n{step.text}"
        elif step.kind == "append":
            with (folder / step.arg).open("a", encoding="utf-8") as file:
                file.write(step.text)
        elif step.kind == "replace":
            path = folder / step.arg
            text = path.read_text(encoding="utf-8")
            assert ("\n" + text).count("\n" + step.text) == 1, f"{step.arg} does not have exactly once\n{step.text}"
            head, _, tail = ("\n" + text).partition("\n" + step.text)
            path.write_text((head + "\n" + step.new + tail)[1:], encoding="utf-8")
        elif step.kind == "server":
            printed = serve(step, folder, env)
        yield step, printed


def serve(step: Step, folder: Path, env: dict[str, str]) -> str:
    """Start the doc's server command as printed, log in as the doc says, stop it."""
    settings = dict(part.split("=", 1) for part in step.arg.split())
    argv = shlex.split(step.text.strip())
    assert argv[:3] == ["python", "-m", "samples.legacy_app"], step.text
    command = shutil.which("python", path=env["PATH"])
    assert command and Path(command).parent == VENV_BIN
    server = subprocess.Popen([command, *argv[1:]], cwd=folder, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # the app prints one line once it listens
        assert line.strip() == "LISTENING " + settings["url"].rstrip("/"), f"{step.text}: {line!r} (is the port taken?)"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = urllib.parse.urlencode({"user_id": settings["user"], "password": settings["password"]},
                                       encoding="shift_jis").encode()
        with opener.open(settings["url"] + "login", data=login, timeout=30) as reply:
            page = reply.read().decode("shift_jis")
        assert "左のメニューから業務を選択してください" in page and settings["user"] in page
        return line
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def work_folder(tmp_path: Path) -> Path:
    for name in ("samples", "scenarios"):  # the user works in the repository folder
        (tmp_path / name).symlink_to(REPO / name)
    return tmp_path


def test_the_tutorial_shows_the_whole_path_with_the_installed_command():
    steps = tutorial_steps(TUTORIAL.read_text(encoding="utf-8"))
    commands = " ".join(s.text for s in steps if s.kind == "run")
    for needed in ("template new", "validate", "scenario test", "--web", "demo --present"):
        assert needed in commands
    assert all(s.text.startswith("robot-runner ") for s in steps if s.kind == "run")
    assert [s.kind for s in steps].count("replace") >= 4 and any(s.kind == "server" for s in steps)
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert "robot-runner" in scripts


def test_the_setup_lines_name_what_exists():
    text = TUTORIAL.read_text(encoding="utf-8")
    setups = {s.arg: s.text.splitlines() for s in tutorial_steps(text) if s.kind == "setup"}
    assert set(setups) == {"linux", "windows"}
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for system, lines in setups.items():
        assert re.fullmatch(r"(python3|py -3\.11) -m venv \.venv", lines[0]), (system, lines[0])
        activate = {"linux": ". .venv/bin/activate", "windows": r".venv\Scripts\Activate.ps1"}[system]
        assert lines[1] == activate and (VENV_BIN / Path(activate.replace("\\", "/")).name).is_file()
        install = re.fullmatch(r'pip install -e "\.\[(?P<extras>[a-z0-9,]+)\]"', lines[2])
        assert install and set(install["extras"].split(",")) <= set(extras), (system, lines[2])
        assert "make" not in " ".join(lines)


def test_the_pictures_the_tutorial_shows_are_there():
    sys.path.insert(0, str(REPO / "docs" / "pictures"))
    from make_tutorial_screens import SCREENS

    shown = re.findall(r"!\[[^\]]+\]\((images/[^)]+)\)", TUTORIAL.read_text(encoding="utf-8"))
    assert sorted(Path(p).name for p in shown) == sorted(SCREENS)
    assert all((TUTORIAL.parent / p).is_file() for p in shown)


def test_the_pictures_are_current(tmp_path: Path):
    """``make screenshots`` takes them from the running system; taken again now, each is the same size."""
    import struct

    sys.path.insert(0, str(REPO / "docs" / "pictures"))
    from make_tutorial_screens import take

    def size(path: Path) -> tuple[int, int]:
        width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the PNG's IHDR
        return width, height

    for fresh in take(tmp_path):
        assert size(fresh) == size(REPO / "docs" / "images" / fresh.name), f"run make screenshots: {fresh.name}"


def test_a_doc_that_says_the_wrong_thing_fails(tmp_path: Path):
    folder = work_folder(tmp_path)
    (folder / "tutorial").mkdir()
    (folder / "tutorial" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    wrong = [
        "```sh\nrobot-runner valdate tutorial/nintei\n```\n",  # no such command
        "```sh\npython robot_runner.py --help\n```\n",  # not the installed command
        "```sh\nrobot-runner --help\n```\n<!-- tutorial: output -->\n```text\n問題はありません\n```\n",
        "<!-- tutorial: replace tutorial/a.yaml -->\n```yaml\nx: 2\n```\nを\n```yaml\nx: 3\n```\n",
        "<!-- tutorial: exit 1 -->\n```sh\nrobot-runner --help\n```\n",
    ]
    for doc in wrong:
        steps = tutorial_steps(doc)
        assert steps, doc
        with pytest.raises(AssertionError):
            for _ in follow(steps, folder):
                pass


def test_the_tutorial_followed_literally_ends_with_a_record_in_the_legacy_system(tmp_path: Path):
    folder = work_folder(tmp_path)
    steps = tutorial_steps(TUTORIAL.read_text(encoding="utf-8"))
    done = list(follow(steps, folder))
    assert len(done) == len(steps)
    records = fetch_records(folder / "tutorial" / "demo" / "legacy" / "legacy.sqlite3")
    assert len(records) == 1 and str(records[0]["receipt_no"]).startswith("JT-")
    assert list((folder / "tutorial" / "demo" / "work" / "videos").rglob("*.webm"))
    assert (folder / "tutorial" / "legacy.sqlite3").is_file()  # the system opened by hand kept its database there
