"""The fonts sample forms can be filled in, as TrueType files reportlab can embed.

    >>> font_file("vl-gothic")                     # an installed TrueType font: used as it is
    PosixPath('/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf')
    >>> font_file("noto-sans-cjk-jp", cache)       # CFF outlines in a collection: converted once

reportlab embeds TrueType outlines only. Noto Sans CJK JP ships as a collection of CFF
(PostScript-outline) fonts, so its Japanese member is cut down to the characters a Japanese
form can hold (JIS X 0208/0213, kana, ASCII, the symbols the samples draw) and its curves
turned into TrueType quadratics (fontTools' cu2qu), once, into a cache folder. A font that
lacks a few characters the samples write (Seto has no ㋿ and no 剝) gets them from IPAex
Gothic, so the truth stays what is on the page. Ground truth: uses fontTools only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FONTS", "FillFont", "font_file", "installed_fonts", "missing_glyphs"]

IPAEX_GOTHIC = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
# Characters the samples write beyond JIS X 0213: era ligatures, ticks, circled numbers.
EXTRA = "㋿㍻㍼㍽㍾✓✔■□○◯〇〒－―‐–—ｰ・ー"


@dataclass(frozen=True)
class FillFont:
    """A font the values may be filled in: where Debian installs it and what it is."""

    name: str
    title: str
    paths: tuple[str, ...]
    package: str  # the Debian package that installs it
    member: str | None = None  # the font's full name inside a collection (.ttc)
    tuned: bool = False  # the reader was tuned on forms filled in this font
    handwriting: bool = False


FONTS: dict[str, FillFont] = {f.name: f for f in (
    FillFont("ipaex-gothic", "IPAex Gothic", (IPAEX_GOTHIC, "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
             "fonts-ipaexfont-gothic", tuned=True),
    FillFont("ipaex-mincho", "IPAex Mincho", ("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",),
             "fonts-ipaexfont-mincho"),
    FillFont("vl-gothic", "VL Gothic", ("/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",),
             "fonts-vlgothic"),
    FillFont("noto-sans-cjk-jp", "Noto Sans CJK JP", ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",),
             "fonts-noto-cjk", member="Noto Sans CJK JP"),
    FillFont("seto", "Seto (handwriting style)", ("/usr/share/fonts/truetype/seto/setofont.ttf",),
             "fonts-seto", handwriting=True),
)}


def _installed(font: FillFont) -> Path | None:
    return next((Path(p) for p in font.paths if Path(p).is_file()), None)


def installed_fonts() -> list[str]:
    """The names in ``FONTS`` whose files are on this machine."""
    return [name for name, font in FONTS.items() if _installed(font) is not None]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jichitai-rpa" / "fonts"


def font_file(name: str, cache: Path | None = None) -> Path:
    """A TrueType file of font ``name`` (a key of ``FONTS``, or a path to a .ttf) holding every
    character the samples write; converted or completed into ``cache`` once when needed."""
    if name not in FONTS:
        path = Path(name)
        if not path.is_file():
            raise FileNotFoundError(f"フォントがありません / no such font: {name} (one of {', '.join(FONTS)})")
        return path
    font = FONTS[name]
    source = _installed(font)
    if source is None:
        raise FileNotFoundError(f"{font.title} がありません / not installed: apt-get install {font.package}")
    cache = Path(cache) if cache else _cache_dir()
    target = cache / f"{name}-{source.stat().st_size}.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTCollection, TTFont

    if font.member is not None:
        collection = TTCollection(str(source))
        chosen = next((f for f in collection.fonts if f["name"].getDebugName(4) == font.member), None)
        if chosen is None:
            raise FileNotFoundError(f"{source}: no member {font.member!r}")
        result = _subset(chosen)
        if "CFF " in result:
            _to_truetype(result)
    else:
        if font.tuned or font.name == "ipaex-mincho":
            return source  # the IPAex fonts hold every character and embed as they are
        result = TTFont(str(source))
        for tag in ("vhea", "vmtx"):  # vertical metrics: unused here, and short in Seto (fontTools refuses them)
            if tag in result:
                del result[tag]
        missing = _missing(result)
        if not missing:
            return source
        _add_glyphs(result, TTFont(IPAEX_GOTHIC), missing)
        result = _subset(result)  # a smaller file: reportlab reads and embeds it faster
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    result.save(str(partial))
    partial.replace(target)
    return target


def _wanted() -> set[int]:
    """Code points a Japanese form may hold: ASCII, JIS X 0208/0213 (which include cp932's
    kanji and half-width kana) and ``EXTRA``."""
    points = set(range(0x20, 0x7F)) | {ord(c) for c in EXTRA}
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        char = chr(cp)
        for codec in ("euc_jis_2004", "cp932"):
            try:
                char.encode(codec)
            except UnicodeEncodeError:
                continue
            points.add(cp)
            break
    return points


def missing_glyphs(path: Path | str) -> list[str]:
    """The characters a Japanese form may hold that the TrueType font at ``path`` draws
    nothing for (and IPAex Gothic does)."""
    from fontTools.ttLib import TTFont

    return [chr(cp) for cp in _missing(TTFont(str(path)))]


def _missing(font) -> list[int]:
    """The characters the samples write that ``font`` has no outline for (not mapped, or
    mapped to an empty glyph) and IPAex Gothic has."""
    cmap, glyf = font.getBestCmap(), font["glyf"]
    donor = _ipaex_cmap()
    return sorted(cp for cp in _wanted() if cp in donor and not chr(cp).isspace()
                  and (cp not in cmap or glyf[cmap[cp]].numberOfContours == 0))


def _ipaex_cmap() -> dict[int, str]:
    from fontTools.ttLib import TTFont

    return TTFont(IPAEX_GOTHIC, lazy=True).getBestCmap()


def _subset(font, unicodes: set[int] | None = None):
    """``font`` cut down to ``unicodes`` (default: what a Japanese form may hold)."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    options.drop_tables += ["FFTM", "mort", "morx", "vhea", "vmtx"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_wanted() if unicodes is None else unicodes)
    subsetter.subset(font)
    return font


def _to_truetype(font, max_err: float = 1.0) -> None:
    """CFF outlines → TrueType quadratic outlines (as fontTools' otf2ttf snippet does)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\000\001\000\000"


def _add_glyphs(font, donor, points: list[int]) -> None:
    """Copy the glyphs of ``points`` from ``donor`` into ``font``, scaled to its em."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    scale = font["head"].unitsPerEm / donor["head"].unitsPerEm
    donor_cmap, donor_glyphs = donor.getBestCmap(), donor.getGlyphSet()
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    for cp in points:
        source = donor_cmap[cp]
        recording = DecomposingRecordingPen(donor_glyphs)
        donor_glyphs[source].draw(recording)
        pen = TTGlyphPen(None)
        recording.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)))
        name = f"uni{cp:04X}" if cp <= 0xFFFF else f"u{cp:05X}"
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        if name in glyf.glyphs:  # an empty glyph of that name: replaced
            name = f"{name}.ipaex"
        glyf[name] = glyph
        order.append(name)
        hmtx[name] = (round(donor["hmtx"][source][0] * scale), getattr(glyph, "xMin", 0))
        for table in font["cmap"].tables:
            if table.isUnicode() and (cp <= 0xFFFF or table.format in (12, 13)):
                table.cmap[cp] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["maxp"].numGlyphs = len(order)
