"""Sample inputs of the shareable 児童手当 scenario package, with the records they must
produce (scenarios/jidou-teate-nintei/samples/). Ground truth: standard library and
reportlab only, never robots/connectors/shared.

Their My Numbers come from the documented test range (the first four digits are 0000,
see docs/sharing.md), so that a package never carries a real-looking number.

    .venv/bin/python -m samples.forms.package_samples
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from .generate import SCENARIO_DIR, register_fonts, write_form
from .records import load_postal, make_claim, my_number_check_digit

__all__ = ["TEST_MY_NUMBER_PREFIX", "test_my_number", "write_package_samples"]

TEST_MY_NUMBER_PREFIX = "0000"
DEFAULT_OUT = SCENARIO_DIR / "samples"
COUNT = 3


def test_my_number(rng: random.Random) -> str:
    """A My Number with a valid check digit from the documented test range."""
    first11 = TEST_MY_NUMBER_PREFIX + "".join(rng.choice("0123456789") for _ in range(7))
    return first11 + str(my_number_check_digit(first11))


def write_package_samples(out: Path = DEFAULT_OUT, count: int = COUNT, seed: int = 11) -> list[Path]:
    """Write ``sample-N.pdf`` and ``sample-N.expected.json`` pairs into ``out``."""
    register_fonts()
    out.mkdir(parents=True, exist_ok=True)
    postal = load_postal()
    written = []
    for index in range(1, count + 1):
        rng = random.Random(f"{seed}:package:{index}")
        claim = make_claim(rng, postal)
        number = test_my_number(rng)
        claim.set("my_number", number, number)
        claim.digits_fullwidth = False
        pdf = out / f"sample-{index}.pdf"
        write_form(pdf, claim, random.Random(f"{seed}:package-marks:{index}"))
        expected = out / f"sample-{index}.expected.json"
        expected.write_text(json.dumps(claim.values, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written += [pdf, expected]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.forms.package_samples", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args(argv)
    for path in write_package_samples(args.out, args.count):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
