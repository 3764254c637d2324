"""Build ``kanji_readings.tsv`` from KANJIDIC2 (EDRDG, CC BY-SA 4.0).

Usage::

    python shared/japanese/data/build_kanji_readings.py [kanjidic2.xml.gz]

The default source is Debian's ``kanjidic-xml`` package (/usr/share/edict/kanjidic2.xml.gz);
the same file is published at https://www.edrdg.org/kanjidic/kanjidic2.xml.gz. Each line
of the output is a kanji, a tab, its readings in katakana separated by spaces: on, kun
(with the okurigana split off as ``stem.okurigana``) and nanori (readings used in names),
a tab, and ``name`` when the kanji may be used in a given name (常用漢字 and 人名用漢字,
KANJIDIC2 grades 1-10). The output is sorted, so rebuilding from the same source gives the
same file.
"""

from __future__ import annotations

import gzip
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SOURCE = Path("/usr/share/edict/kanjidic2.xml.gz")
OUTPUT = Path(__file__).resolve().parent / "kanji_readings.tsv"


def _katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def build(source: Path = SOURCE, output: Path = OUTPUT) -> int:
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rb") as stream:
        root = ET.parse(stream).getroot()
    lines = []
    for character in root.iter("character"):
        literal = character.findtext("literal")
        readings = [r.text for r in character.iter("reading") if r.get("r_type") in ("ja_on", "ja_kun") and r.text]
        readings += [n.text for n in character.iter("nanori") if n.text]
        cleaned = sorted({_katakana(r.strip("-")) for r in readings if r.strip("-")})
        grade = character.findtext("misc/grade")
        usable = "name" if grade and 1 <= int(grade) <= 10 else ""
        if literal and cleaned:
            lines.append(f"{literal}\t{' '.join(cleaned)}\t{usable}")
    lines.sort()
    header = "# kanji readings from KANJIDIC2 (EDRDG, CC BY-SA 4.0); built by build_kanji_readings.py\n"
    output.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    count = build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
    print(f"{count} kanji -> {OUTPUT}")
