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
from matplotlib import patheffects
from matplotlib.colors import to_hex

from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.data.schema import GEOMETRY_TYPES_BY_LAYER
from corridors.i18n import LANGUAGES, translator
from corridors.kinds import KINDS
from corridors.render.assets import AssetLinks
from corridors.render.leaflet import LABEL_HALO, MAP_CSS, base_map, build_map, legend_html
from corridors.render.leaflet_controls import CASING_SHADOW
from corridors.render.styles import (
    BACKGROUND,
    CASING,
    HALO,
    LINE_STATUSES,
    NEIGHBOUR_STYLE,
    NO_DATA_COLOUR,
    OUTLINE_STYLE,
    STATUS_DASH,
    STATUS_SWATCH,
    TRADE_COLOURS,
    cased_dash,
    dash_list,
    feature_style,
    has_casing,
    paper_dash_points,
)
from corridors.selection import Selection
from corridors.status import ALL_STATUSES, NOT_ANNOUNCED, status_in
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


# --- Map symbols against what they sit on (WCAG 1.4.11: 3:1 for graphical objects) -----

#: Everything a feature's symbol can be drawn on, read from the style tables: the six's
#: land, the neighbours' grey, the sea, each trade class and "no figure" (the choropleth is
#: opaque), and white (the legend; a paper map's margin is outside the frame, never under
#: a symbol, but a legend swatch is on white). The OpenStreetMap basemap is not ours.
SYMBOL_BACKGROUNDS: dict[str, str] = {
    "land": OUTLINE_STYLE["fillColor"],
    "neighbours": NEIGHBOUR_STYLE["fillColor"],
    "sea": BACKGROUND,
    "white": WHITE,
    **{f"trade class {i + 1}": c for i, c in enumerate(TRADE_COLOURS)},
    "no figure": NO_DATA_COLOUR,
}
SHAPES = ("Point", "LineString")


def shapes_of(kind: str) -> tuple[str, ...]:
    """The shapes a feature of ``kind`` can have (the schema's; both for an unknown kind)."""
    if kind not in KINDS:
        return SHAPES
    allowed = GEOMETRY_TYPES_BY_LAYER[KINDS[kind].layer]
    return tuple(s for s in SHAPES if any(t.endswith(s) for t in allowed))


def statuses_of(kind: str) -> set[str]:
    """Every status a feature of ``kind`` can be shown in: its years in every combination
    (a capital only exists; an event is planned or held)."""
    out = set()
    for mask in range(16):
        years = {key: 2000 if mask >> i & 1 else None for i, key in enumerate(YEARS)}
        out.add(status_in({"kind": kind, **years}, 2001))
    return out - {NOT_ANNOUNCED}


YEARS = ("announced", "construction_start", "suspended_from", "opened")


def symbol_bands(style: dict, background: str) -> list[str]:
    """A symbol's colours from its outer edge inwards, as drawn over ``background``: its
    casings (drawn beneath, widest first), then a marker's stroke and its fill (at its
    opacity, over the background it shows through), or a line's stroke (at its opacity,
    over the casing beneath it, or the background when there is none)."""
    casings = [c["color"] for c in style.get("casings", [])]
    under = casings[-1] if casings else background
    if "fillColor" in style:  # a circle marker
        fill = over(style["fillColor"], background, style["fillOpacity"])
        return [*casings, style["color"], fill]
    return [*casings, over(style["color"], under, style.get("opacity", 1.0))]


def edge_contrast(bands: list[str], background: str) -> float:
    """How well a symbol's edge stands out: the best band that contrasts with the
    background and with every band outside it (a band that merges into the background
    becomes part of it: a white halo on the land, a dark casing on the darkest class)."""
    return max(
        min(contrast(band, other) for other in [background, *bands[:i]])
        for i, band in enumerate(bands)
    )


def symbol_contrasts() -> dict[tuple[str, str, str, str], float]:
    """(kind, shape, status, background) → the symbol's edge contrast there."""
    out = {}
    for kind in [*KINDS, "unknown kind"]:
        for shape in shapes_of(kind):
            for status in statuses_of(kind):
                style = feature_style(kind, status, shape)
                for name, background in SYMBOL_BACKGROUNDS.items():
                    bands = symbol_bands(style, background)
                    out[kind, shape, status, name] = edge_contrast(bands, background)
    return out


def test_edge_contrast_reads_a_symbol_as_a_reader_would():
    land, dark = SYMBOL_BACKGROUNDS["land"], TRADE_COLOURS[-1]
    # A plain fill is its own edge.
    assert edge_contrast(["#56B4E9"], land) == pytest.approx(contrast("#56B4E9", land))
    # A white halo vanishes on the land: the dark casing inside it is the edge there ...
    assert edge_contrast(["#ffffff", "#333333", "#56B4E9"], land) == pytest.approx(
        contrast("#333333", land)
    )
    # ... and on the darkest class the halo itself is.
    assert edge_contrast(["#ffffff", "#333333", "#56B4E9"], dark) == pytest.approx(
        contrast("#ffffff", dark)
    )
    # A band is no edge if it merges into a band outside it.
    assert edge_contrast(["#ffffff", "#fefefe"], "#fdfdfd") < 1.1


def test_every_kind_is_checked_in_each_status_it_can_be_in():
    assert statuses_of("capital") == {"existing"}
    assert statuses_of("summit") == {"planned", "held"}
    assert statuses_of("railway") == {"planned", "under_construction", "suspended", "operating"}
    assert "undated" in statuses_of("own")
    assert shapes_of("capital") == ("Point",)
    assert shapes_of("railway") == ("LineString",)
    assert shapes_of("dry_port") == SHAPES


def test_every_symbol_stands_out_against_everything_it_sits_on():
    """Each kind, shape and status has an edge of 3:1 on the land, the neighbours, the sea,
    white and every trade class (WCAG 1.4.11); the paper map and the legends draw the same
    styles (tested where they are drawn)."""
    low = {key: round(ratio, 2) for key, ratio in symbol_contrasts().items() if ratio < 3}
    assert not low, f"{len(low)} symbol edges below 3:1, e.g. {dict(list(low.items())[:8])}"


def dash_intervals(pattern: list[float], length: float) -> list[tuple[float, float]]:
    """The drawn stretches of a dash ``pattern`` along a line ``length`` long (butt caps)."""
    out, at, k = [], 0.0, 0
    while at < length:
        step = pattern[k % len(pattern)]
        if k % 2 == 0 and step > 0:
            if out and abs(out[-1][1] - at) < 1e-9:  # a zero gap joins two dashes
                out[-1] = (out[-1][0], at + step)
            else:
                out.append((at, at + step))
        at += step
        k += 1
    return out


@pytest.mark.parametrize("status", [s for s in ALL_STATUSES if STATUS_DASH.get(s)])
@pytest.mark.parametrize("extra", [1.0, 1.6])
def test_a_casing_cases_each_dash_at_its_ends_too(status: str, extra: float):
    """Over a dashed line the casing is dashed too, each casing dash ``extra`` longer at
    both ends than its dash (a solid dark casing would join the dashes into one line)."""
    dash = dash_list(status)
    period = sum(dash)
    fills = dash_intervals(dash, 5 * period)
    casings = dash_intervals(cased_dash(dash, extra, butt=True), 5 * period)
    casings = [c for c in casings if c[0] < fills[-1][1]]  # not the next period's first
    assert sum(cased_dash(dash, extra, butt=True)) == pytest.approx(period)
    # Every dash but the first (whose start is the line's) has its casing round it.
    for (a, b), (c, d) in zip(fills[1:], casings[1:], strict=False):
        assert (c, d) == (pytest.approx(a - extra), pytest.approx(b + extra))
    assert len(casings) == len(fills)  # gaps stay gaps
    # Round caps already reach past each dash: the same pattern, wider, cases it.
    assert cased_dash(dash, extra, butt=False) == dash
    assert cased_dash(None, extra, butt=True) is None


def test_a_dash_too_short_to_case_is_refused():
    with pytest.raises(ValueError, match="too short"):
        cased_dash([4.0, 2.0], 1.0, butt=True)


def test_the_screen_legend_draws_the_maps_casings():
    """A kind's swatch has its symbol's casing and halo (CSS rings, as the map's strokes);
    a status's line is cased dash by dash, as on the map."""
    html = legend_html(translator("en"), own_layers=True)
    rows = dict(re.findall(r'<div data-kinds="([^"]+)">(.*?)</div>', html))
    assert rows
    for kinds, swatch in rows.items():
        cased = all(has_casing(k) for k in kinds.split())
        assert (CASING_SHADOW in swatch) == cased, kinds
    assert f"0 0 0 1px {CASING}" in CASING_SHADOW and HALO in CASING_SHADOW
    for status in LINE_STATUSES:
        (row,) = re.findall(rf'<div data-status="{status}">(.*?)</div>', html)
        strokes = re.findall(
            r'stroke="(#\w+)" stroke-width="([\d.]+)"(?: stroke-dasharray="([^"]+)")?', row
        )
        assert [s[0] for s in strokes] == [HALO, CASING, STATUS_SWATCH]
        halo, casing, line = ([float(v) for v in s[2].split()] if s[2] else None for s in strokes)
        assert halo is None and line == dash_list(status)
        assert casing == cased_dash(dash_list(status), 1.0, butt=True)


def casing_colours(artist) -> list[str]:
    """The colours of the strokes a paper artist draws under itself (its path effects)."""
    return [
        to_hex(effect._gc["foreground"])
        for effect in artist.get_path_effects()
        if isinstance(effect, patheffects.Stroke)
    ]


@pytest.fixture(scope="module")
def paper_page():
    import matplotlib

    from corridors.render.paper import PRESETS
    from corridors.render.static import _RC, draw_static

    ds = load_dataset(DEFAULT_DATA_DIR)
    with matplotlib.rc_context(_RC):
        yield draw_static(view_of(ds, Selection(year=2025), "en"), PRESETS["default"])


def test_paper_symbols_are_cased_as_on_screen(paper_page):
    """Every line and marker on a printed map has the screen's halo and casing beneath it
    (the capital: its own white ring), and so does its legend row."""
    features = load_dataset(DEFAULT_DATA_DIR).features()
    kind_of = dict(zip(features["id"], features["kind"], strict=True))
    drawn = {
        artist.get_gid().removeprefix("feature-"): artist
        for artist in [*paper_page.map.lines, *paper_page.map.collections]
        if (artist.get_gid() or "").startswith("feature-")
    }
    assert len(drawn) >= 30
    for fid, artist in drawn.items():
        assert casing_colours(artist) == ([HALO, CASING] if has_casing(kind_of[fid]) else []), fid
    cased = [h for h in paper_page.legend.legend_handles if casing_colours(h)]
    assert len(cased) >= 9  # the cased kinds drawn, and the statuses of the lines
    assert all(casing_colours(h) == [HALO, CASING] for h in cased)


def test_many_paper_lines_are_cased_too():
    """Beyond LINES_ONE_BY_ONE, lines are drawn as one collection per kind and status, over
    one per casing (round caps: the casing's pattern is the line's, wider)."""
    import geopandas as gpd
    from matplotlib.figure import Figure
    from shapely import LineString

    from corridors.render.static_draw import _draw_line_collections

    lines = gpd.GeoDataFrame(
        {"id": ["a", "b"], "kind": ["railway"] * 2, "status_in_year": ["planned"] * 2},
        geometry=[LineString([(0, 0), (1, 1)]), LineString([(1, 0), (0, 1)])],
    )
    ax = Figure().add_subplot()
    _draw_line_collections(ax, lines, 1.0)
    halo, casing, line = ax.collections
    assert [to_hex(c.get_edgecolor()[0]) for c in ax.collections] == [
        HALO,
        CASING,
        to_hex(KINDS["railway"].colour),
    ]
    assert halo.get_linestyle() == [(0, None)]
    ((_, casing_dash),) = casing.get_linestyle()
    ((_, line_dash),) = line.get_linestyle()
    assert list(casing_dash) == pytest.approx(paper_dash_points("planned"))
    assert list(line_dash) == pytest.approx(paper_dash_points("planned"))
    assert halo.get_linewidth()[0] > casing.get_linewidth()[0] > line.get_linewidth()[0]
