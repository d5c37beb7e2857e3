"""Streamlit's icon font cut down to the icons Streamlit and this app can show.

Streamlit (1.67) draws its icons (the sidebar's arrows, an expander's chevron, a
button's ``:material/play_arrow:``) with Material Symbols Rounded: a font of 4,309 icons,
366 KB, each icon a ligature of its name (the text ``expand_more`` in that font is the
icon). A reader's browser fetches it whole before the first icon shows: on a phone
network (1.6 Mbit/s) that is nearly two seconds of the line, while the map's own files
wait behind it. Streamlit names only a few hundred icons anywhere in its front end, and
the app names its own in its source (``:material/…:``), so the copy nginx sends keeps
those and drops the rest, under the same file name (the page's stylesheet asks for it).

Which icons are kept, a safe superset of what can be shown:

- every ligature name that occurs as a word anywhere in Streamlit's JavaScript (its own
  icons are written there as ``:material/name:`` or as bare names; any word that happens
  to be an icon's name is kept too, which costs a few KB and never loses one);
- every ``:material/name:`` in Streamlit's Python package and in the app's source.

An icon named only at run time from text the app does not contain (a reader's input, a
data file) would show as its name in letters; the app names none that way.

The ligature table is pruned to the kept names before the font is subset: every icon's
name is spelt with the same letters, so a subset of the letters alone keeps all 4,309.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

import font_subset
from fontTools.ttLib import TTFont

#: The icon font's file in Streamlit's ``static/media`` (a hash follows the name).
FONT_GLOB = "MaterialSymbols-Rounded*.woff2"
#: ``:material/name:`` as Streamlit's API and Markdown take it.
ICON_REF = re.compile(r":material/([a-z0-9_]+):")
#: A word of JavaScript as icon names are spelt.
WORD = re.compile(r"[a-z0-9_]+")
#: GSUB lookup types: ligature substitution, and the extension that wraps it here.
LIGATURE, EXTENSION = 4, 7


def font_file(media: Path) -> Path | None:
    """The icon font in Streamlit's ``media`` folder, if this Streamlit has one."""
    return font_subset.font_file(media, FONT_GLOB)


def named_in_scripts(js_files: Iterable[Path]) -> set[str]:
    """Every word of the scripts (Streamlit's front end), icon or not."""
    words: set[str] = set()
    for path in js_files:
        words |= set(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def named_in_sources(py_files: Iterable[Path]) -> set[str]:
    """Every ``:material/name:`` in Python sources (Streamlit's, the app's)."""
    names: set[str] = set()
    for path in py_files:
        names |= set(ICON_REF.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _ligature_tables(font: TTFont) -> list:
    """The font's ligature substitution subtables (unwrapped from extension lookups)."""
    tables = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if lookup.LookupType == EXTENSION and sub.ExtensionLookupType == LIGATURE:
                tables.append(sub.ExtSubTable)
            elif lookup.LookupType == LIGATURE:
                tables.append(sub)
    return tables


def ligatures(font: TTFont) -> dict[str, str]:
    """Icon name -> its glyph, from the font's ligature table."""
    letter = {glyph: chr(code) for code, glyph in font.getBestCmap().items() if code < 128}
    names = {}
    for table in _ligature_tables(font):
        for first, ligs in table.ligatures.items():
            for lig in ligs:
                name = letter.get(first, "") + "".join(letter.get(g, "\0") for g in lig.Component)
                names[name] = lig.LigGlyph
    return names


def _prune(font: TTFont, keep: set[str]) -> None:
    """Drop every ligature whose name is not in ``keep``."""
    letter = {glyph: chr(code) for code, glyph in font.getBestCmap().items() if code < 128}
    for table in _ligature_tables(font):
        for first in list(table.ligatures):
            kept = [
                lig
                for lig in table.ligatures[first]
                if letter.get(first, "") + "".join(letter.get(g, "\0") for g in lig.Component)
                in keep
            ]
            if kept:
                table.ligatures[first] = kept
            else:
                del table.ligatures[first]


def subset_font(data: bytes, wanted: set[str]) -> tuple[bytes, list[str]]:
    """The font (woff2 bytes) with only the icons in ``wanted`` (names that are not icons
    are ignored); return the new font and the names kept, sorted."""
    font = TTFont(io.BytesIO(data))
    names = ligatures(font)
    keep = wanted & names.keys()
    _prune(font, keep)
    letters = [code for code in font.getBestCmap() if code < 128]
    # Every layout feature kept: the ligatures (rlig) are what makes the icons.
    small = font_subset.woff2_subset(
        font, glyphs=[names[n] for n in sorted(keep)], unicodes=letters
    )
    return small, sorted(keep)


def app_sources(root: Path) -> list[Path]:
    """The app's Python sources under ``root`` (a checkout): ``app.py`` and ``src/``."""
    return [p for p in [root / "app.py", *sorted((root / "src").rglob("*.py"))] if p.is_file()]


def wanted_names(static: Path, streamlit_package: Path, root: Path) -> set[str]:
    """The words that may name an icon Streamlit or the app shows (see the docstring)."""
    return (
        named_in_scripts(sorted((static / "js").glob("*.js")))
        | named_in_sources(sorted(streamlit_package.rglob("*.py")))
        | named_in_sources(app_sources(root))
    )


def subset_in_place(static: Path, wanted: set[str]) -> dict[str, int] | None:
    """Replace the icon font in a copy of Streamlit's ``static`` folder by its subset;
    return the sizes and count (None if this Streamlit has no such font)."""
    path = font_file(static / "media")
    if path is None:
        return None
    data = path.read_bytes()
    small, kept = subset_font(data, wanted)
    path.write_bytes(small)
    return {"icons_raw": len(data), "icons_subset": len(small), "icons_kept": len(kept)}
