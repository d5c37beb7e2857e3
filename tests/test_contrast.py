"""Contrast of our colours (WCAG 2.1 AA, issue 24): text 4.5:1 against what it is read on
(WCAG 1.4.3), a legend's swatch rims 3:1 (1.4.11), and a map page the reader may zoom
(1.4.4). The browser audit (tests/e2e/test_a11y.py) checks the rendered page; these check
the colours where they are chosen, including the map's labels, whose halo axe cannot read.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.i18n import LANGUAGES, translator
from corridors.render.assets import AssetLinks
from corridors.render.leaflet import LABEL_HALO, MAP_CSS, base_map, build_map, legend_html
from corridors.selection import Selection
from corridors.ui.map_view import QUIET_TEXT
from corridors.view import view_of

ROOT = Path(__file__).resolve().parents[1]
WHITE = "#ffffff"
#: Streamlit's sidebar background in the light theme (1.67).
SIDEBAR = "#f8f8f7"
#: CSS ``color:`` values (not ``background-color:``) in our map's CSS and HTML.
TEXT_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b")
#: The map's boxes with their own background: their text is checked against it.
OWN_BACKGROUND = {"#7b1d12": "#fff3f3"}  # the error box


def rgb(colour: str) -> tuple[float, float, float]:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def over(colour: str, background: str, alpha: float) -> str:
    """``colour`` at ``alpha`` over ``background``, as the browser composites it."""
    mixed = [a * alpha + b * (1 - alpha) for a, b in zip(rgb(colour), rgb(background), strict=True)]
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_matches_wcags_own_examples():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#767676", "#fff") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast("#777777", "#fff") < 4.5


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_text_colour_on_the_map_reads_on_white(lang: str):
    """Popups, the legend, the title block and the labels are read on white: popups and
    boxes are white, and a label's halo is (LABEL_HALO)."""
    assert LABEL_HALO.count("#fff") >= 4  # solid round the letters, not only a soft glow
    css = MAP_CSS + legend_html(translator(lang), own_layers=True)
    colours = set(TEXT_COLOUR.findall(css))
    assert len(colours) >= 5, colours
    low = {
        c: round(contrast(c, OWN_BACKGROUND.get(c.lower(), WHITE)), 2)
        for c in colours
        if contrast(c, OWN_BACKGROUND.get(c.lower(), WHITE)) < 4.5
    }
    assert not low, f"text below 4.5:1: {low}"


def test_legend_swatches_have_a_rim_that_stands_out():
    """The palest trade class is all but white: its swatch's rim carries it (3:1)."""
    html = legend_html(translator("en"))
    rims = set(re.findall(r"border:1px solid (#\w+)|0 0 0 1px (#\w+)", html))
    assert rims
    assert all(contrast(c, WHITE) >= 3 for pair in rims for c in pair if c)


def test_the_page_theme_reads():
    """Streamlit draws a chosen pill's text in the primary colour on a 10 % tint of it, and
    captions in the text colour at 60 % (Streamlit 1.67); both must read at 4.5:1, in the
    page and in the sidebar."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    primary, text = theme["primaryColor"], theme["textColor"]
    for background in (WHITE, SIDEBAR):
        assert contrast(primary, background) >= 4.5
        assert contrast(primary, over(primary, background, 0.2)) >= 4.5
        assert contrast(over(text, background, 0.6), background) >= 4.5
    assert contrast(QUIET_TEXT, WHITE) >= 4.5  # the year line's "(in English…)"


VIEWPORT = re.compile(r'<meta name="viewport" content="([^"]*)"')


def test_the_map_page_lets_the_reader_zoom():
    """folium's page forbids zooming (``maximum-scale=1.0, user-scalable=no``): the live
    map's frame (its header) and a standalone file must not."""
    from streamlit_folium import _get_header

    ds = load_dataset(DEFAULT_DATA_DIR)
    live = base_map(ds.outlines, AssetLinks(js=(), css=()), (46, 30, 120, 56))
    live.get_root().render()
    page = build_map(view_of(ds, Selection()), AssetLinks(js=(), css=())).get_root().render()
    for html in (_get_header(live), page):
        (content,) = VIEWPORT.findall(html)
        assert "width=device-width" in content
        assert "user-scalable" not in content and "maximum-scale" not in content
