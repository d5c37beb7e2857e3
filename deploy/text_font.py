"""Streamlit's text font cut down to the scripts a page of this app can hold.

Streamlit (1.67) sets its text in Source Sans (a variable font, every weight in one
file): 170 KB of woff2, which the page preloads before anything else, so on a phone
network (1.6 Mbit/s) it takes most of a second of the line before the first map, and
compression cannot shrink it (woff2 is compressed already). Nearly a third of it is Greek
(with polytonic Greek), the phonetic alphabet (IPA) and the Latin letters of Vietnamese
and other stacked-accent alphabets (Latin Extended Additional), none of which any text of
the app's interface, data or catalogues uses. The copy nginx sends keeps the rest, under
the same name (the page's stylesheet and preload ask for it by that name), with every
weight and every layout feature: 119 KB.

What is kept: Latin with all of Latin-1 and Latin Extended-A and -B (Kazakh, Uzbek and
Turkmen in Latin letters, transliterations), the spacing modifier letters (the Uzbek ʻ)
and combining accents (a quote's Russian stress marks), Cyrillic with its supplement
(Russian, Kazakh, Kyrgyz, Tajik), punctuation, super- and subscripts, currency,
letterlike symbols (№), number forms, arrows, mathematical operators, technical symbols,
shapes and dingbats (✓). A character outside these, in a reader's own layer, is still
shown: the browser draws it from another font. ``tests/test_deploy.py`` checks that every
character of the app's own text the font had is still in the copy.
"""

from __future__ import annotations

import io
from pathlib import Path

import font_subset
from fontTools.ttLib import TTFont

#: The text font's upright face in Streamlit's ``static/media`` (a hash follows the name;
#: the italic is fetched only where the page sets italic type, which it does not before
#: the map).
FONT_GLOB = "SourceSansVF-Upright*.woff2"
#: Unicode blocks kept (first, last), inclusive. See the module's docstring.
KEPT = (
    (0x0000, 0x024F),  # Basic Latin, Latin-1 Supplement, Latin Extended-A and -B
    (0x02B0, 0x036F),  # spacing modifier letters, combining diacritical marks
    (0x0400, 0x052F),  # Cyrillic, Cyrillic Supplement
    (0x2000, 0x23FF),  # punctuation .. currency, letterlike, number forms, arrows, maths
    (0x25A0, 0x27BF),  # geometric shapes, miscellaneous symbols, dingbats
    (0xFB00, 0xFB06),  # Latin ligatures (fi, fl)
)


def font_file(media: Path) -> Path | None:
    """The text font in Streamlit's ``media`` folder, if this Streamlit has it."""
    return font_subset.font_file(media, FONT_GLOB)


def kept(code: int) -> bool:
    return any(first <= code <= last for first, last in KEPT)


def subset_font(data: bytes) -> bytes:
    """The font (woff2 bytes) with only the characters of :data:`KEPT`."""
    font = TTFont(io.BytesIO(data))
    # Every layout feature kept: kerning, ligatures, the forms of every language kept.
    return font_subset.woff2_subset(font, unicodes=[c for c in font.getBestCmap() if kept(c)])


def subset_in_place(static: Path) -> dict[str, int] | None:
    """Replace the text font in a copy of Streamlit's ``static`` folder by its subset;
    return the sizes (None if this Streamlit has no such font)."""
    path = font_file(static / "media")
    if path is None:
        return None
    data = path.read_bytes()
    small = subset_font(data)
    path.write_bytes(small)
    return {"text_font_raw": len(data), "text_font_subset": len(small)}
