"""A font of Streamlit's front end cut down to what is kept, as the same kind of file.

The icon font (``icons.py``) and the text font (``text_font.py``) are cut the same way:
fontTools' subsetter, every layout feature, name and language kept (ligatures make the
icons; kerning and marks set the text), saved as woff2 under the file's own name.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont


def font_file(media: Path, pattern: str) -> Path | None:
    """The font matching ``pattern`` in Streamlit's ``media`` folder (a hash follows its
    name), if this Streamlit has one."""
    found = sorted(media.glob(pattern))
    return found[0] if found else None


def woff2_subset(font: TTFont, glyphs: Iterable[str] = (), unicodes: Iterable[int] = ()) -> bytes:
    """``font`` with only ``glyphs`` and the characters ``unicodes``, as woff2 bytes."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=list(glyphs), unicodes=list(unicodes))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()
