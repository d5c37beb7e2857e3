"""The folium (Leaflet) map of a view. Pure: no Streamlit, no network.

The map is split in two so the dashboard can keep the user's view while filters change:
a *base map* that depends only on the outlines and the assets (stable across reruns), and
*layer groups* that depend on the view. :func:`build_map` joins them for exports.
"""

from __future__ import annotations

import math
import re

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element
from shapely.geometry import box

from corridors.config import CONTEXT_BOX
from corridors.i18n import Tr, translator
from corridors.kinds import OWN_KINDS
from corridors.render.assets import AssetLinks
from corridors.render.geojson import CONTEXT_DIGITS, layer_data, to_geojson
from corridors.render.leaflet_controls import (
    NARROW_BBOX,
    FitView,
    Labels,
    Legend,
    TitleBlock,
    Words,
    YearOnMap,
    here_words,
    label_points,
    legend_html,
)
from corridors.render.leaflet_layers import FeatureLayer, LiveFeatures, LiveSource, layer_groups
from corridors.render.styles import (
    BACKGROUND,
    NEIGHBOUR_STYLE,
    OUTLINE_STYLE,
)
from corridors.view import View

#: A label's white halo: solid round the letters (four offsets), soft beyond, so the text
#: is read against white (WCAG 1.4.3: 4.5:1) whatever is under it, even the darkest trade
#: class; the text colours below are checked against white in tests/test_leaflet.py.
LABEL_HALO = "-1px -1px 0 #fff,1px -1px 0 #fff,-1px 1px 0 #fff,1px 1px 0 #fff,0 0 3px #fff"
#: Compact controls: the layer list and legend should not cover the corridors they explain.
MAP_CSS = (
    ".leaflet-control-layers{font:12px/1.45 system-ui,sans-serif}"
    ".leaflet-control-layers-expanded{padding:4px 8px 4px 6px}"
    # Height and width come from the popup's options (render/js/popups.js: popupOptions),
    # fitted to the map; a long URL or name breaks rather than widening the popup.
    ".leaflet-popup-content{font:13px/1.4 system-ui,sans-serif;overflow-wrap:anywhere}"
    ".corridors-popup .names{color:#555}.corridors-popup .desc{margin:6px 0}"
    ".corridors-popup .sources{font-size:12px}"
    ".corridors-popup .sources ul{margin:2px 0;padding-left:16px}"
    ".corridors-popup .citation{overflow-wrap:anywhere}"
    ".corridors-popup .byline{color:#555}"
    ".corridors-here{font:600 12px system-ui,sans-serif;color:#555;margin-bottom:4px}"
    # max-content: a label's width is its text's even before Leaflet's stylesheet (which
    # makes it absolute) has loaded; measured as a block, it was the map's width.
    ".corridors-label{white-space:nowrap;width:max-content;font:11px/1.2 system-ui,sans-serif;"
    f"color:#333;text-shadow:{LABEL_HALO}}}"
    ".corridors-label.country{font:600 13px/1.2 system-ui,sans-serif;letter-spacing:.04em;"
    "text-transform:uppercase;color:#555}"
    ".corridors-label.neighbour{font:12px/1.2 system-ui,sans-serif;color:#707070}"
    ".corridors-label.fallback{font-style:italic}.corridors-popup .fallback{color:#666}"
    ".corridors-title{background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px/1.35 system-ui,sans-serif;max-width:60vw}"
    ".corridors-title h1{font-size:18px;margin:0 0 2px}.corridors-title p{margin:0;color:#444}"
    ".corridors-popup .milestones ul{margin:4px 0;padding-left:16px}"
    ".corridors-popup .milestones li{margin:2px 0}.corridors-popup .src{font-size:11px}"
    ".corridors-trade table{border-collapse:collapse;margin:4px 0;font-size:12px}"
    ".corridors-trade th,.corridors-trade td{padding:1px 4px;text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".corridors-trade th:first-child,.corridors-trade td:first-child{text-align:left;"
    "padding-left:0}.corridors-trade th{font-weight:600;color:#444}"
    ".corridors-trade .note{font-size:11px;color:#555;margin-top:3px}"
    ".corridors-gap{display:block;white-space:normal;width:260px;font-size:11px;color:#555;"
    "margin-top:3px}"
    ".corridors-year{background:rgba(255,255,255,.92);padding:1px 9px;border-radius:4px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);font:700 20px/1.3 system-ui,sans-serif;color:#222}"
    ".corridors-error{background:#fff3f3;border:1px solid #c0392b;color:#7b1d12;padding:6px 10px;"
    "border-radius:4px;font:13px/1.35 system-ui,sans-serif;max-width:320px}"
)


#: folium's page header forbids zooming the page (``maximum-scale=1.0, user-scalable=no``):
#: against WCAG 1.4.4 (axe's ``meta-viewport``), and on a phone the reader cannot enlarge
#: small labels. Ours lets the reader zoom.
FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*user-scalable=no[^>]*>')
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


class Map(folium.Map):
    """folium's map with a page header that lets the reader zoom (the live map's frame and
    a standalone file alike: both take the map's header)."""

    def render(self, **kwargs) -> None:
        super().render(**kwargs)
        header = self.get_root().header
        name = self.get_name()
        text, n = FOLIUM_VIEWPORT.subn(VIEWPORT, header._children[name].render())
        if n != 1:  # folium changed its header: look again rather than ship a locked page
            raise RuntimeError(f"folium's viewport tag not found once in its header ({n})")
        header.add_child(Element(text), name=name)


def base_map(
    outlines: gpd.GeoDataFrame,
    links: AssetLinks,
    extent: tuple[float, float, float, float],
    basemap: str = "outlines",
    neighbours: gpd.GeoDataFrame | None = None,
    narrow_default: bool = True,
    places: pd.DataFrame | None = None,
    tr: Tr | None = None,
    own_layers: bool = False,
    live: LiveSource | None = None,
) -> folium.Map:
    """The map with what never changes with the filters: outlines, legend, scale, assets.

    The neighbouring countries are drawn in quiet grey under the six, so the region does
    not float in the sea; under OpenStreetMap tiles they are left out, the outlines kept.
    ``narrow_default``: a phone opens on Central Asia (off when an extent was asked for).
    ``live``: where the live map fetches its features from (the dashboard's; exports embed
    theirs in layer groups instead).
    """
    m = Map(
        # Open near the extent (FitView then fits it exactly): the view the map reports
        # before the fit is then close to the final one, not the whole world.
        location=[(extent[1] + extent[3]) / 2, (extent[0] + extent[2]) / 2],
        zoom_start=_rough_zoom(extent),
        tiles=None,
        control_scale=False,  # our own scale bar (Words), in the reader's units
        zoom_snap=0.25,
        min_zoom=2,
        max_zoom=12,
        world_copy_jump=False,
        # Canvas draws the ~50 features and the choropleth several times faster than SVG,
        # which is most of the time from a filter change to the redrawn map.
        prefer_canvas=True,
    )
    tr = tr or translator()
    m.get_root().header.add_child(folium.Element(f"<style>{MAP_CSS}</style>"), name="corridors_css")
    Words(tr).add_to(m)  # first: it attaches the map the others' scripts work on

    m.default_js = [(f"asset_js_{i}", url) for i, url in enumerate(links.js)]
    m.default_css = [(f"asset_css_{i}", url) for i, url in enumerate(links.css)]
    if basemap == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(m)
        # Outlines over the tiles, unfilled: without the internet the tiles stay grey, and
        # the countries still show where they are.
        style = {**OUTLINE_STYLE, "fillOpacity": 0.0, "weight": 1.5, "color": "#555555"}
        data = to_geojson(outlines, [{"iso3": c, "_style": style} for c in outlines["iso3"]])
        FeatureLayer(data, name="Country outlines", interactive=False, control=False).add_to(m)
    else:
        m.get_root().header.add_child(
            folium.Element(f"<style>.leaflet-container{{background:{BACKGROUND}}}</style>")
        )
        if neighbours is not None and len(neighbours):
            for name, rows, tolerance, digits in context_layers(neighbours):
                style = dict(NEIGHBOUR_STYLE)
                data = to_geojson(
                    rows.simplify(tolerance), [{"_style": style} for _ in range(len(rows))], digits
                )
                FeatureLayer(data, name=name, interactive=False, control=False).add_to(m)
        style = dict(OUTLINE_STYLE)
        data = to_geojson(outlines, [{"iso3": c, "_style": style} for c in outlines["iso3"]])
        FeatureLayer(data, name="Country outlines", interactive=False, control=False).add_to(m)
    if live is not None:
        LiveFeatures(live).add_to(m)
    Legend(legend_html(tr, own_layers)).add_to(m)
    Labels(
        label_points(outlines, places if places is not None else pd.DataFrame(), neighbours, tr)
    ).add_to(m)
    # Leave the legend's column free (bottom-left), so it does not cover the corridors.
    # A shared extent is what that map showed, legend and all: fit it exactly.
    FitView(extent, NARROW_BBOX if narrow_default else extent, narrow_default).add_to(m)
    return m


def context_layers(neighbours: gpd.GeoDataFrame) -> list[tuple[str, gpd.GeoDataFrame, float, int]]:
    """The grey land as drawn: (layer name, rows, simplification in degrees, decimals).

    The countries reaching into the region to about 3 km and 0.01° (they meet the six,
    seen up close); the rest of the world, only ever seen zoomed out, about 10 km and 0.1°
    (a pixel at zoom 4): a quarter fewer bytes in the base map and the standalone export.
    """
    near = neighbours.intersects(box(*CONTEXT_BOX))
    return [
        (name, rows, tolerance, digits)
        for name, rows, tolerance, digits in (
            ("Neighbours", neighbours[near], 0.03, CONTEXT_DIGITS),
            ("The rest of the world", neighbours[~near], 0.1, CONTEXT_DIGITS - 1),
        )
        if len(rows)
    ]


def _rough_zoom(extent: tuple[float, ...], width_px: int = 900) -> int:
    """The zoom at which ``extent`` about fills a map ``width_px`` wide (Web Mercator)."""
    span = max(extent[2] - extent[0], 1e-6)
    return max(2, min(12, int(math.log2(360 * width_px / 256 / span))))


def build_map(
    view: View, links: AssetLinks, title: list[str] | None = None, credits: str = ""
) -> folium.Map:
    """The whole map of a view, for exports and tests; ``title`` lines and ``credits`` add
    the standalone file's title block and attribution. Its layers are packed (gzip in
    the page): a standalone file is sent and kept, so its size is what its reader feels."""
    sel = view.selection
    m = base_map(
        view.outlines,
        links,
        sel.extent,
        neighbours=view.neighbours,
        narrow_default=sel.bbox is None,
        places=view.places,
        tr=view.tr,
        own_layers=bool(set(view.on_map["kind"]) & OWN_KINDS) if len(view.on_map) else False,
    )
    for group in layer_groups(layer_data(view), view.tr, packed=True):
        group.add_to(m)
    YearOnMap(sel.year).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if title:
        TitleBlock(title, credits).add_to(m)
    return m


__all__ = ["LiveSource", "base_map", "build_map", "here_words", "layer_groups", "legend_html"]
