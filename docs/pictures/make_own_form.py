"""docs/own-form.md, followed as a new user would: every command the guide shows is run in
order in a fresh folder (with the repository's ``samples/`` linked into it), every file it
says to write is written, every output it shows is compared with what the command printed,
and the guide's pictures are cut from the PNGs the commands wrote and saved, small, in
``docs/img/``.

    .venv/bin/python docs/pictures/make_own_form.py                 # check the guide, write the pictures
    .venv/bin/python docs/pictures/make_own_form.py --keep /tmp/own  # and keep the work folder

``tests/test_docs_own_form.py`` runs the same steps in-process (``guide_steps``, ``follow``).

What the guide's Markdown says to do (HTML comments just before a fenced block):

- a ```` ```sh ```` block: each line is a command, run in the work folder: ``python robot_runner.py …``
  (the real command line), ``mkdir -p DIR``, ``cp FILES… DIR`` or ``cp -r DIR NEW`` (done with pathlib here, so the
  guide's Windows readers may copy the files any way they like). ``<!-- own-form: exit N -->``
  before it: its commands are expected to exit N (default 0).
- ``<!-- own-form: output -->`` then a ```` ```text ```` block: what the last command printed. Each
  line must be a line of the real output, in order; ``…`` in a line stands for any text (a run
  id, a folder).
- ``<!-- own-form: write PATH -->`` / ``<!-- own-form: append PATH -->`` then a fenced block: its
  text is written to (appended to) PATH in the work folder.
- ``<!-- own-form: edit PATH -->`` then a fenced block of block-style YAML, the lines a reader
  changes with the keys above them: a line with a value replaces the one line of PATH with the
  same key at the same indentation inside the key above it; a key with no value (``fields:``,
  ``sex:``) only says inside which key the lines below it are (``edited``).
- ``<!-- own-form: shows PATH -->`` then a fenced block: its lines are lines of the file PATH a
  command wrote, in order (``…`` as above).
- ``<!-- own-form: ledger PATH -->`` then a Markdown table: the rows of the Excel ledger PATH
  (its first sheet), cell by cell (``…`` in a cell: any value).
"""

from __future__ import annotations

import argparse
import glob
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "own-form.md"
IMAGES = REPO / "docs" / "img"
MAX_PICTURE_BYTES = 150_000
PAGE_WIDTH_PT = 595.28  # A4: the pictures are cut by PDF points, as the templates' boxes are

_BLOCK = re.compile(r"(?:<!-- own-form: (?P<marker>[a-z]+)(?: (?P<arg>\S+))? -->\n)?"
                    r"(?:```(?P<lang>[a-z]*)\n(?P<body>.*?)```|(?P<table>(?:\|[^\n]*\n)+))", re.S)

Runner = Callable[[list[str]], tuple[int, str]]
"""Runs ``robot_runner.py ARGS`` in the work folder: (exit code, what it printed)."""


@dataclass(frozen=True)
class Step:
    """One thing the guide says to do: ``run`` a command line (expecting ``exit_code``),
    ``write`` or ``append`` ``text`` to ``target``, or ``output``: what the last command printed."""

    kind: str  # run, write, append, edit, output, shows, ledger
    text: str
    target: str | None = None
    exit_code: int = 0


@dataclass(frozen=True)
class Ran:
    """A command the guide shows, and what it did."""

    command: str
    exit_code: int
    output: str


def guide_steps(text: str | None = None) -> list[Step]:
    """The steps of the guide (``docs/own-form.md`` unless ``text`` is given), in order."""
    steps: list[Step] = []
    for match in _BLOCK.finditer(text if text is not None else GUIDE.read_text(encoding="utf-8")):
        marker, arg, lang, body = match["marker"], match["arg"], match["lang"], match["body"]
        if match["table"] is not None:
            if marker == "ledger":
                steps.append(Step("ledger", match["table"], arg))
        elif lang == "sh":
            code = int(arg) if marker == "exit" and arg else 0
            steps += [Step("run", line.strip(), exit_code=code) for line in body.splitlines()
                      if line.strip() and not line.lstrip().startswith("#")]
        elif marker == "output":
            steps.append(Step("output", body))
        elif marker in ("write", "append", "edit", "shows"):
            steps.append(Step(marker, body, arg))
    return steps


def missing_lines(expected: str, actual: str) -> list[str]:
    """The lines of ``expected`` not found, in order, among the lines of ``actual`` (``…``
    in an expected line matches any text)."""
    lines = [line.rstrip() for line in actual.splitlines()]
    position, missing = 0, []
    for wanted in (line.rstrip() for line in expected.splitlines()):
        if not wanted:
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in wanted.split("…")) + r"\Z")
        found = next((index for index in range(position, len(lines)) if pattern.match(lines[index])), None)
        if found is None:
            missing.append(wanted)
        else:
            position = found + 1
    return missing


def _cell_matches(wanted: str, value: object) -> bool:
    shown = "" if value is None else str(value)
    return re.fullmatch(".*".join(re.escape(part) for part in wanted.split("…")), shown) is not None


def ledger_differences(table: str, path: Path) -> list[str]:
    """Where the Markdown ``table`` (header, separator, rows) differs from the first sheet
    of the Excel ledger at ``path``."""
    import openpyxl

    wanted = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
    wanted = [row for row in wanted if not all(set(cell) <= set("-: ") for cell in row)]
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    differences = [f"{len(rows)} rows in the ledger, {len(wanted)} in the guide"] if len(rows) != len(wanted) else []
    for number, (want, row) in enumerate(zip(wanted, rows, strict=False), start=1):
        if len(want) != len(row) or not all(_cell_matches(w, v) for w, v in zip(want, row, strict=True)):
            differences.append(f"row {number}: the guide shows {want}, the ledger holds {row}")
    return differences


def _key(line: str) -> tuple[int, str, bool] | None:
    """(indentation, key, whether a value follows) of a block-style YAML line, None for a
    blank line, a comment or a list item."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", "- ")) or ":" not in stripped:
        return None
    key, _, rest = stripped.partition(":")
    value = rest.split(" #", 1)[0].strip() if not rest.strip().startswith("#") else ""
    return len(line) - len(line.lstrip(" ")), key.strip(), bool(value)


def _inside(result: list[str], parent: int | None) -> range:
    """The line numbers of ``result`` inside the key on line ``parent`` (the whole text for None)."""
    if parent is None:
        return range(len(result))
    indent = len(result[parent]) - len(result[parent].lstrip(" "))
    end = parent + 1
    while end < len(result):
        line = result[end]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) <= indent:
            break
        end += 1
    return range(parent + 1, end)


def edited(text: str, lines: str) -> str:
    """``text`` (block-style YAML) with each line of ``lines`` that has a value in place of the one
    line with the same key and indentation inside the keys without a value above it in ``lines``."""
    result = text.splitlines(keepends=True)
    parents: list[tuple[int, int, str]] = []  # (indentation, line number in ``result``, key)
    for line in lines.splitlines():
        found = _key(line)
        if found is None:
            if line.strip():
                raise AssertionError(f"an edit line must be a key and its value: {line!r}")
            continue
        indent, key, has_value = found
        while parents and parents[-1][0] >= indent:
            parents.pop()
        within = _inside(result, parents[-1][1] if parents else None)
        keys = {number: _key(result[number]) for number in within}
        places = [number for number, old in keys.items() if old is not None and old[:2] == (indent, key)]
        if len(places) != 1:
            where = " > ".join(name for *_, name in parents)
            raise AssertionError(f"{len(places)} lines with the key {key!r} at indentation {indent}"
                                 f"{' inside ' + where if where else ''}")
        if has_value:
            result[places[0]] = line + "\n"
        else:
            parents.append((indent, places[0], key))
    return "".join(result)


def _shell(argv: list[str], folder: Path) -> None:
    """The two file commands the guide uses, done the same way on every system."""
    if argv[:2] == ["mkdir", "-p"]:
        for name in argv[2:]:
            (folder / name).mkdir(parents=True, exist_ok=True)
        return
    if argv[:2] == ["cp", "-r"] and len(argv) == 4:
        shutil.copytree(folder / argv[2], folder / argv[3])
        return
    if argv[0] == "cp" and len(argv) >= 3:
        target = folder / argv[-1]
        sources = [Path(p) for pattern in argv[1:-1] for p in sorted(glob.glob(str(folder / pattern)))]
        if not sources:
            raise AssertionError(f"cp: nothing matches {argv[1:-1]}")
        for source in sources:
            shutil.copy2(source, target / source.name if target.is_dir() else target)
        return
    raise AssertionError(f"the guide may only run python robot_runner.py, mkdir -p and cp: {shlex.join(argv)}")


def follow(folder: Path, run: Runner, steps: list[Step] | None = None) -> list[Ran]:
    """Do every step of the guide in ``folder``; returns the commands run. Raises
    AssertionError naming the step when a command exits otherwise than the guide says or
    prints otherwise than the guide shows."""
    ran: list[Ran] = []
    for step in steps if steps is not None else guide_steps():
        if step.kind in ("write", "append"):
            assert step.target is not None
            target = folder / step.target
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("a" if step.kind == "append" else "w", encoding="utf-8", newline="\n") as file:
                file.write(step.text)
        elif step.kind == "edit":
            assert step.target is not None
            target = folder / step.target
            target.write_text(edited(target.read_text(encoding="utf-8"), step.text), encoding="utf-8", newline="\n")
        elif step.kind == "shows":
            assert step.target is not None
            missing = missing_lines(step.text, (folder / step.target).read_text(encoding="utf-8"))
            assert not missing, f"{step.target}: the guide shows lines the file does not hold: {missing}"
        elif step.kind == "ledger":
            assert step.target is not None
            differences = ledger_differences(step.text, folder / step.target)
            assert not differences, f"{step.target}: " + "; ".join(differences)
        elif step.kind == "output":
            assert ran, "an output block before any command"
            missing = missing_lines(step.text, ran[-1].output)
            assert not missing, f"{ran[-1].command}\nthe guide shows lines the command did not print: {missing}\n" \
                                f"--- it printed:\n{ran[-1].output}"
        else:
            argv = shlex.split(step.text)
            if argv[:2] == ["python", "robot_runner.py"]:
                code, output = run(argv[2:])
            else:
                _shell(argv, folder)
                code, output = 0, ""
            assert code == step.exit_code, f"{step.text}: exit {code}, the guide says {step.exit_code}\n{output}"
            ran.append(Ran(step.text, code, output))
    return ran


def prepare(folder: Path) -> None:
    """The work folder a reader starts in: the repository's sample forms, nothing else."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "samples"
    if not link.exists():
        link.symlink_to(REPO / "samples", target_is_directory=True)


def subprocess_runner(folder: Path) -> Runner:
    """The real command line, one process per command, in ``folder``."""
    def run(args: list[str]) -> tuple[int, str]:
        done = subprocess.run([sys.executable, str(REPO / "robot_runner.py"), *args], cwd=folder,
                              capture_output=True, text=True, encoding="utf-8", check=False)
        return done.returncode, done.stdout + done.stderr
    return run


# The pictures: (picture, PNG a command wrote, areas in PDF points [left, top, right, bottom] shown one
# above the other, greatest width in pixels)
PICTURES = [
    ("own-form-proposal.png", "mytown/inkan/filled-001-inspect-p1.png", [(30, 50, 565, 590)], 760),
    ("own-form-inspect.png", "mytown/inspect/filled-002-inspect-p1.png", [(40, 280, 565, 480)], 900),
    ("own-form-composite.png", "mytown/kokuho/filled-001-inspect-p1.png", [(40, 428, 330, 482)], 900),
    ("own-form-misaligned.png", "mytown/inspect-zure/sample-1-inspect-p1.png",
     [(340, 95, 550, 128), (280, 282, 490, 315)], 900),
]
GAP_PX = 12  # white space between the areas of one picture


def write_pictures(folder: Path, out_dir: Path = IMAGES) -> list[Path]:
    """Cut the guide's pictures from the PNGs the commands wrote in ``folder``: the areas
    shown one above the other, at most ``width`` pixels wide, as a palette PNG no larger
    than MAX_PICTURE_BYTES."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, source, boxes, width in PICTURES:
        with Image.open(folder / source) as page:
            scale = page.width / PAGE_WIDTH_PT
            rgb = page.convert("RGB")
            crops = [rgb.crop(tuple(round(v * scale) for v in box)) for box in boxes]
        area = Image.new("RGB", (max(c.width for c in crops), sum(c.height for c in crops) + GAP_PX * (len(crops) - 1)),
                         "white")
        top = 0
        for crop in crops:
            area.paste(crop, (0, top))
            top += crop.height + GAP_PX
        if area.width > width:
            area = area.resize((width, round(area.height * width / area.width)), Image.Resampling.LANCZOS)
        target = out_dir / name
        area.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(target, optimize=True)
        size = target.stat().st_size
        if size > MAX_PICTURE_BYTES:
            raise AssertionError(f"{target}: {size} bytes, more than {MAX_PICTURE_BYTES}")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=IMAGES, help="where the pictures go (default: docs/img)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="own-form-") as temporary:
        folder = args.keep or Path(temporary)
        if args.keep and (folder / "mytown").exists():
            shutil.rmtree(folder / "mytown")
        prepare(folder)
        for ran in follow(folder, subprocess_runner(folder)):
            print(f"$ {ran.command}  (exit {ran.exit_code})\n{ran.output}")
        for path in write_pictures(folder, args.out):
            print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
