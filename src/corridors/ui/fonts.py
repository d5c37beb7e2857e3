"""Slanted names in the year's caption without a second font file.

Streamlit's text face, Source Sans, comes as two files, upright and italic; the italic
one (138 KB) is fetched the first time italic text shows. On the first screen only the
year's caption has italics (the names of the features a milestone is about), and that
file was about a tenth of a first visit's bytes, fetched while the map's own files were on
their way (0.7 s at 1.6 Mbit/s). Here those names use a family declared with the
upright file only, which the page has already loaded: the browser slants it itself
(a synthesized oblique) and asks for nothing. The next family is the system's sans-serif,
not Source Sans: a Chinese name (no glyph in either face) made the browser fetch Source
Sans's italic face only to look for one there. Where the installed Streamlit has no such
file, the rule is left out and the names are set in true italics as before.
"""

from __future__ import annotations

from functools import cache

from corridors.ui.streamlit_chunks import streamlit_front_end

FAMILY = "Corridors Oblique"


@cache
def upright_face() -> str | None:
    """The URL (relative to the page, as Streamlit's own preload has it) of Streamlit's
    upright Source Sans file, or None if there is not exactly one."""
    try:
        media = streamlit_front_end() / "static" / "media"
    except FileNotFoundError:
        return None
    found = sorted(media.glob("SourceSansVF-Upright.ttf.*.woff2"))
    return f"./static/media/{found[0].name}" if len(found) == 1 else None


def oblique_css(selector: str) -> str:
    """A style element setting the italics under ``selector`` in the upright face,
    slanted by the browser; empty when the face is not found."""
    url = upright_face()
    if url is None:
        return ""
    return (
        f'<style>@font-face{{font-family:"{FAMILY}";font-weight:100 900;font-style:normal;'
        f'src:url({url}) format("woff2")}}'
        f'{selector}{{font-family:"{FAMILY}",sans-serif}}</style>'
    )
