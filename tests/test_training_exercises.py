"""The trainer pack's exercises (docs/training/exercises/NN/README.md), followed as a trainee
would: the commands of each README are run as printed; the starting scenario fails the way the
README says (exit code and the lines shown); the answer passes ``scenario test``; and where the
exercise is done with a command (--update-expected, rename-field), doing it turns the starting
scenario into exactly the answer's files.

Markers in the READMEs (HTML comments, invisible to a reader) say what each block is:
``run`` / ``do`` / ``check`` before a ```sh block, ``exit N`` before a ```text block (the last
command's exit code and lines of its output, ``…`` standing for any text), ``answer y`` (what the
trainee types at the prompt), ``replace PATH OLD NEW`` (an edit the README asks for in words)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from cli_runner import cli
from conftest import REPO

EXERCISES = REPO / "docs" / "training" / "exercises"
MARKED_BLOCK = re.compile(r"<!-- exercise: (?P<marker>[^>]*?) -->\s*(?:```(?P<lang>\w+)\n(?P<body>.*?)```)?", re.S)


def steps(readme: Path) -> list[tuple[str, str]]:
    return [(m["marker"], m["body"] or "") for m in MARKED_BLOCK.finditer(readme.read_text(encoding="utf-8"))]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def shown(line: str, output: str) -> bool:
    pattern = ".*?".join(re.escape(part.strip()) for part in line.split("…"))
    return re.search(pattern, output) is not None


class Trainee:
    def __init__(self, work: Path, answer: str | None) -> None:
        self.work, self.answer = work, answer
        self.exit_code, self.output = 0, ""

    def run(self, block: str) -> None:
        for line in block.strip().splitlines():
            words = shlex.split(line)
            if words[:2] == ["cp", "-r"]:
                shutil.copytree(REPO / words[2], self.work / words[3])
                continue
            assert words[0] == "robot-runner", line
            result = cli(*words[1:], input=f"{self.answer}\n" if self.answer else None)
            self.exit_code, self.output = result.exit_code, result.output


@pytest.mark.parametrize("number", sorted(p.name for p in EXERCISES.iterdir() if p.is_dir()))
def test_each_exercise_goes_as_its_readme_says(tmp_path, monkeypatch, number):
    exercise = EXERCISES / number
    answer_folder = exercise / "answer"
    marked = steps(exercise / "README.md")
    answers = [marker.split()[1] for marker, _ in marked if marker.startswith("answer ")]
    trainee = Trainee(tmp_path, answers[0] if answers else None)
    monkeypatch.chdir(tmp_path)
    done_by_command = any(marker == "do" for marker, _ in marked)
    work = None
    for marker, body in marked:
        if marker == "run":
            trainee.run(body)
            work = next(p for p in tmp_path.iterdir() if p.is_dir())
        elif marker.startswith("exit "):
            assert trainee.exit_code == int(marker.split()[1]), trainee.output
            for line in body.strip().splitlines():
                assert shown(line, trainee.output), (line, trainee.output)
        elif marker.startswith("replace "):
            _, path, old, new = marker.split()
            target = tmp_path / path
            text = target.read_text(encoding="utf-8")
            assert old in text
            target.write_text(text.replace(old, new), encoding="utf-8")
        elif marker == "do":
            trainee.run(body)
            assert trainee.exit_code == 0, trainee.output
        elif marker == "check":
            assert work is not None
            if not done_by_command:  # the README's edit in words: the answer's files
                for name, data in files(answer_folder).items():
                    (work / name).write_bytes(data)
            trainee.run(body)
            assert trainee.exit_code == 0, trainee.output
            assert "合格 1 件 / 不合格 0 件" in trainee.output
    assert work is not None and any(marker == "check" for marker, _ in marked)
    if done_by_command:
        assert files(work) == files(answer_folder)  # the command made exactly the answer
    result = cli("scenario", "test", answer_folder)
    assert result.exit_code == 0 and "不合格 0 件" in result.output
    start = cli("scenario", "test", exercise / "start")
    assert start.exit_code != 0
