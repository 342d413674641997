"""Subset KERN's Fira Sans to what the portal's pages need, and write its @font-face CSS.

    scripts/subset_fonts.py SOURCE_DIR DEST_DIR

SOURCE_DIR holds the full FiraSans-*.woff2 files as @kern-ux/native ships them;
scripts/fetch_vendor.sh calls this after fetching. DEST_DIR (static/vendor/kern/fonts) gets
fira-sans/FiraSans-<Weight>-<range>.woff2 and fira-sans.css. Needs fonttools and brotli.

Why these choices:
- Weights: the CSS uses 400 (body), 500 (sublines), 600 (headings, labels, links in the
  navigation) and 700 (the brand, <strong>); no italic face (nothing sets italic text but two
  small notes, which the browser slants itself).
- Ranges: German needs only "latin"; "latin-ext" (Turkish, names in the directory) and
  "cyrillic" (the Ukrainian and Russian surveys) are separate files behind unicode-range, so
  a browser only fetches them for a page that has such characters. Fira Sans has no Arabic:
  Arabic and Persian surveys use the system's font, and load Latin only for the German header.
- font-display: swap, and a fallback face on a local system font whose size-adjust and
  ascent/descent overrides make it take the room Fira Sans will take, so the swap moves
  nothing. The fallback widths were measured on the sample text below (Arial's with the
  metric-compatible Liberation Sans, Roboto's with Debian's fonts-roboto-unhinted).
"""

import argparse
import logging
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

WEIGHTS = {400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold"}
PRELOAD = 400  # the body text and the largest paint of every page: base.html preloads it

# The ranges of Google Fonts' Fira Sans, so that a page needs the same files there and here.
RANGES = {
    "latin": (
        "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, "
        "U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212, U+2215, U+FEFF, "
        "U+FFFD"
    ),
    "latin-ext": (
        "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, "
        "U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, "
        "U+2113, U+2C60-2C7F, U+A720-A7FF"
    ),
    "cyrillic": "U+0301, U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116, U+20B4",
}
# OpenType features kept besides fontTools' defaults (kern, liga, locl, ...): tabular figures
# for the results tables (befragung-ergebnisse.css).
EXTRA_FEATURES = ["tnum", "lnum", "pnum"]

SAMPLE = (
    "Die Gemeinwesenarbeit in Langenhagen bringt Menschen in ihren Quartieren zusammen. "
    "Hier finden Sie Termine, Befragungen und Angebote für Ihr Quartier – Bürgerinnen und "
    "Bürger können sich beteiligen, Fragen stellen und Rückmeldungen geben. Zum Inhalt "
    "springen. 2025"
)
# Average advance width (em) of SAMPLE in the local fonts the fallback faces use.
FALLBACKS = {
    "Fira Sans Fallback": {
        "local": ["Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo", "Helvetica"],
        "local_bold": [
            "Arial Bold",
            "Arial-BoldMT",
            "Liberation Sans Bold",
            "LiberationSans-Bold",
            "Arimo Bold",
            "Helvetica Bold",
        ],
        "width": 0.46851,
        "width_bold": 0.50134,
    },
    "Fira Sans Fallback Roboto": {
        "local": ["Roboto", "Roboto-Regular"],
        "local_bold": ["Roboto Bold", "Roboto-Bold"],
        "width": 0.46320,
        "width_bold": 0.47226,
    },
}
KERN_FAMILIES = (
    '"Noto Sans", "SF Pro Text", "Segoe UI", SegoeUI, Roboto, Arial, Helvetica, sans-serif'
)


def parse_ranges(text):
    codepoints = set()
    for part in text.split(","):
        part = part.strip().removeprefix("U+")
        first, _, last = part.partition("-")
        codepoints.update(range(int(first, 16), int(last or first, 16) + 1))
    return codepoints


def subset_file(source, target, codepoints):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = [*options.layout_features, *EXTRA_FEATURES]
    # Hints are a third of the file, and only Windows reads them (it renders well without).
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and the licence (OFL)
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def sample_width(path):
    font = TTFont(path)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return sum(hmtx[cmap[ord(c)]][0] for c in SAMPLE) / len(SAMPLE) / font["head"].unitsPerEm


def percent(value):
    return f"{value * 100:.2f}%"


def fallback_faces(source_dir):
    """@font-face rules of the local fonts, scaled to the metrics of Fira Sans."""
    regular = TTFont(source_dir / "FiraSans-Regular.woff2")
    upem = regular["head"].unitsPerEm
    ascent, descent = regular["hhea"].ascent / upem, -regular["hhea"].descent / upem
    line_gap = regular["hhea"].lineGap / upem
    width = sample_width(source_dir / "FiraSans-Regular.woff2")
    width_bold = sample_width(source_dir / "FiraSans-SemiBold.woff2")
    rules = []
    for family, spec in FALLBACKS.items():
        for weight, names, size in (
            ("100 550", spec["local"], width / spec["width"]),
            ("551 900", spec["local_bold"], width_bold / spec["width_bold"]),
        ):
            src = ", ".join(f'local("{name}")' for name in names)
            rules.append(
                "@font-face {\n"
                f'  font-family: "{family}";\n'
                f"  src: {src};\n"
                f"  font-weight: {weight};\n"
                f"  size-adjust: {percent(size)};\n"
                f"  ascent-override: {percent(ascent / size)};\n"
                f"  descent-override: {percent(descent / size)};\n"
                f"  line-gap-override: {percent(line_gap / size)};\n"
                "}\n"
            )
    return rules


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="folder with the full FiraSans-*.woff2")
    parser.add_argument("dest", type=Path, help="static/vendor/kern/fonts")
    args = parser.parse_args()
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # notes on the source's OS/2 bits

    out_dir = args.dest / "fira-sans"
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.woff2"):
        old.unlink()
    faces = []
    for weight, name in WEIGHTS.items():
        for range_name, ranges in RANGES.items():
            target = out_dir / f"FiraSans-{name}-{range_name}.woff2"
            subset_file(args.source / f"FiraSans-{name}.woff2", target, parse_ranges(ranges))
            print(f"{target.name}: {target.stat().st_size / 1024:.1f} KiB")
            faces.append(
                "@font-face {\n"
                '  font-family: "Fira Sans";\n'
                f'  src: url("./fira-sans/{target.name}") format("woff2");\n'
                f"  font-weight: {weight};\n"
                "  font-style: normal;\n"
                "  font-display: swap;\n"
                f"  unicode-range: {ranges};\n"
                "}\n"
            )
    family = f'"Fira Sans", {", ".join(f"{chr(34)}{f}{chr(34)}" for f in FALLBACKS)}'
    css = (
        "/* Generated by scripts/subset_fonts.py -- do not edit by hand.\n"
        "   Fira Sans (SIL Open Font License 1.1, see OFL.txt), subset per script. */\n"
        + "".join(faces)
        + "".join(fallback_faces(args.source))
        + ":root {\n"
        f"  --kern-typography-font-family-default: {family}, {KERN_FAMILIES};\n"
        "}\n"
    )
    (args.dest / "fira-sans.css").write_text(css)
    print(f"{args.dest / 'fira-sans.css'}: {len(WEIGHTS)} weights x {len(RANGES)} ranges")
    return 0


if __name__ == "__main__":
    sys.exit(main())
