"""docs/api.md's first example runs as printed, on the sample claim."""

from __future__ import annotations

import contextlib
import io
import os
import re

from robots.demo import REPO


def test_the_read_one_form_example_runs_as_printed():
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(example, "docs/api.md", "exec"), {})  # the documentation's own code
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith(" ok") and lines[1] == "[]" and lines[2] in ("男", "女"), lines
