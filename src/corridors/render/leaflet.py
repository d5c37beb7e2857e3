"""The folium (Leaflet) map of a view. Pure: no Streamlit, no network.

The map is split in two so the dashboard can keep the user's view while filters change:
a *base map* that depends only on the outlines and the assets (stable across reruns), and
*layer groups* that depend on the view. :func:`build_map` joins them for exports.
"""

from __future__ import annotations

import base64
import math
from dataclasses import asdict, dataclass
from html import escape
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from corridors.config import COUNTRIES, drawing_order
from corridors.i18n import Tr, translator
from corridors.kinds import OWN_KINDS, legend_rows
from corridors.render.assets import AssetLinks
from corridors.render.geojson import CONTEXT_DIGITS, layer_data, to_geojson
from corridors.render.live import pack
from corridors.render.popups import popup_words
from corridors.render.styles import (
    BACKGROUND,
    LINE_STATUSES,
    NEIGHBOUR_STYLE,
    OUTLINE_STYLE,
    STATUS_DASH,
    trade_legend,
)
from corridors.selection import layer_title
from corridors.status import status_label
from corridors.view import View


class FeatureLayer(folium.map.Layer):
    """A GeoJSON layer whose style, tooltip and popup come precomputed in each feature.

    Styles and (escaped) HTML are computed in Python, so the browser only binds them:
    nothing from the data is interpreted as markup on the way. A click opens one popup
    listing every feature under the pointer (lines A and B share a route, summits sit on
    capitals), so every feature can be reached, not only the one drawn on top.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.packed %}
        var {{ this.get_name() }} = L.featureGroup().addTo({{ this._parent.get_name() }});
        corridorsLayers.addPacked({{ this.get_name() }}, {{ this.packed|tojson }},
            {{ this.interactive|tojson }});
        {% else %}
        var {{ this.get_name() }} = corridorsLayers.layer(
            {{ this.data|tojson }}, {{ this.interactive|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endif %}
        {% if not this.interactive %}
        corridorsLayers.addContext({{ this.get_name() }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict[str, Any],
        name: str | None = None,
        interactive: bool = True,
        packed: bool = False,
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        self._name = "FeatureLayer"
        self.data = data
        # Packed: base64 of gzip JSON, a fifth of the bytes (a 10,000-line layer's 6.2 MB
        # standalone file becomes 1.6 MB), unpacked by the browser; for standalone files.
        self.packed = base64.b64encode(pack(data)).decode("ascii") if packed else None
        self.interactive = interactive


class Legend(MacroElement):
    """A static legend control: kinds by colour, statuses by line pattern, trade classes."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorsExtras.addLegend({{ this._parent.get_name() }}, {{ this.html|tojson }},
            {{ this.narrow_px }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.narrow_px = NARROW_PX


class Words(MacroElement):
    """The map's own words in the reader's language: the scale bar's units (Leaflet writes
    "km" and "m") and "{n} features here" in each plural category, for the popup script.

    Part of the map's script (not the page's), so streamlit-folium's live map gets it too.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.corridorsWords = {{ this.words|tojson }};
        corridorsLayers.attach({{ this._parent.get_name() }});
        corridorsExtras.addScale({{ this._parent.get_name() }}, {{ this.units|tojson }},
            {{ this.imperial|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, tr: Tr):
        super().__init__()
        self._name = "Words"
        # Every word the popups say, "{n} features here" with them (one place, one language).
        self.words = {
            **popup_words(tr),
            "here": here_words(tr),
            "failed": tr("The map's features could not be loaded: reload the page."),
        }
        self.units = {"km": tr("km"), "m": tr("m")}
        # Miles for English readers only; Chinese and Russian maps are metric.
        self.imperial = tr.lang == "en"


@dataclass(frozen=True)
class LiveSource:
    """The library file a live map fetches (:mod:`corridors.render.live`): its URL
    (relative to the map's frame) and its digest (a selection's codes name it)."""

    url: str
    digest: str


class LiveFeatures(MacroElement):
    """The live map's features: the library fetched once, then each selection's codes
    shown by ``window.corridorsLive.show`` (``render/js/live.js``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.corridorsLive = corridorsLiveFeatures(
            {{ this._parent.get_name() }}, {{ this.source|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, source: LiveSource):
        super().__init__()
        self._name = "LiveFeatures"
        self.source = asdict(source)


class Labels(MacroElement):
    """Names on the live map, kept readable: countries first, then places.

    Each zoom or pan, labels are shown in priority order and one is hidden when it would
    cover a feature's marker or a label already shown; so the map reads at every zoom
    without names sitting on markers. Text is set with textContent: never markup.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorsLabels.addLabels({{ this._parent.get_name() }}, {{ this.labels|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[tuple[str, float, float, str, bool]]):
        super().__init__()
        self._name = "Labels"
        self.labels = labels


def label_points(
    outlines: gpd.GeoDataFrame,
    places: pd.DataFrame,
    neighbours: gpd.GeoDataFrame | None,
    tr: Tr | None = None,
) -> list[tuple[str, float, float, str, bool]]:
    """(name, lat, lon, class, English stand-in) of every label, in priority order: the six
    countries, the big neighbours, then the gazetteer's places (each named once).

    Country names are CLDR's in ``tr``'s language; a place's is the gazetteer's
    ``name_zh``/``name_ru``, or the English one, flagged, where the sources give none.
    """
    tr = tr or translator()
    out = []
    for iso3, geom in zip(outlines["iso3"], outlines.geometry, strict=True):
        point = geom.representative_point()
        out.append((tr.country(iso3, COUNTRIES.get(iso3)), point.y, point.x, "country", False))
    if neighbours is not None and len(neighbours):
        km2 = neighbours.geometry.to_crs(EQUAL_AREA).area / 1e6
        big = neighbours[km2 > NEIGHBOUR_LABEL_MIN_KM2]
        for code, name, geom in zip(big["iso_n3"], big["name"], big.geometry, strict=True):
            point = geom.representative_point()
            out.append((tr.country(code, str(name)), point.y, point.x, "neighbour", False))
    if len(places):
        for row in places.drop_duplicates("place").to_dict("records"):
            name, fallback = tr.name({**row, "name": row["place"]})
            out.append((name, float(row["lat"]), float(row["lon"]), "place", fallback))
    return out


class FitView(MacroElement):
    """Open the map on an extent, minding the screen: on a wide map the legend's column
    is left free; on a narrow one (a phone) the default view is Central Asia alone, so the
    map does not open on half the globe."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorsExtras.fitView({{ this._parent.get_name() }}, {{ this.view|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self, extent: tuple[float, ...], narrow_extent: tuple[float, ...], leave_legend: bool
    ):
        super().__init__()
        self._name = "FitView"
        self.view = {
            "bounds": _latlng_bounds(extent),
            "narrow_bounds": _latlng_bounds(narrow_extent),
            "leave_legend": leave_legend,
            "pad": LEGEND_WIDTH_PX,
            "narrow_px": NARROW_PX,
        }


def _latlng_bounds(extent: tuple[float, ...]) -> list[list[float]]:
    minlon, minlat, maxlon, maxlat = extent
    return [[minlat, minlon], [maxlat, maxlon]]


class TitleBlock(MacroElement):
    """A standalone map's title block (top left) and credits (in Leaflet's attribution).

    The same words as the static map's title block and footer; all text is escaped here,
    so the template only places it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorsExtras.addTitle({{ this._parent.get_name() }}, {{ this.html|tojson }},
            {{ this.credits|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, lines: list[str], credits: str):
        super().__init__()
        self._name = "TitleBlock"
        title, *rest = [escape(line) for line in lines]
        self.html = f"<h1>{title}</h1>" + "".join(f"<p>{line}</p>" for line in rest)
        self.credits = escape(credits)


#: Compact controls: the layer list and legend should not cover the corridors they explain.
MAP_CSS = (
    ".leaflet-control-layers{font:12px/1.45 system-ui,sans-serif}"
    ".leaflet-control-layers-expanded{padding:4px 8px 4px 6px}"
    ".leaflet-popup-content{font:13px/1.4 system-ui,sans-serif;max-height:320px;overflow:auto}"
    ".corridors-popup .names{color:#555}.corridors-popup .desc{margin:6px 0}"
    ".corridors-popup .sources{font-size:12px}"
    ".corridors-here{font:600 12px system-ui,sans-serif;color:#555;margin-bottom:4px}"
    ".corridors-label{white-space:nowrap;font:11px/1.2 system-ui,sans-serif;color:#333;"
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}"
    ".corridors-label.country{font:600 13px/1.2 system-ui,sans-serif;letter-spacing:.04em;"
    "text-transform:uppercase;color:#555}"
    ".corridors-label.neighbour{font:12px/1.2 system-ui,sans-serif;color:#8a8a8a}"
    ".corridors-label.fallback{font-style:italic}.corridors-popup .fallback{color:#777}"
    ".corridors-title{background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px/1.35 system-ui,sans-serif;max-width:60vw}"
    ".corridors-title h1{font-size:18px;margin:0 0 2px}.corridors-title p{margin:0;color:#444}"
    ".corridors-popup .milestones ul{margin:4px 0;padding-left:16px}"
    ".corridors-popup .milestones li{margin:2px 0}.corridors-popup .src{font-size:11px}"
    ".corridors-error{background:#fff3f3;border:1px solid #c0392b;color:#7b1d12;padding:6px 10px;"
    "border-radius:4px;font:13px/1.35 system-ui,sans-serif;max-width:320px}"
)
LEGEND_WIDTH_PX = 170
#: Neighbours large enough on the map to name (their area within the clip box), measured
#: on an equal-area projection (EPSG:6933), not in square degrees.
NEIGHBOUR_LABEL_MIN_KM2 = 300_000
EQUAL_AREA = "EPSG:6933"
#: Below this map width (px) the map is laid out for a phone.
NARROW_PX = 600
#: What a phone opens on when no extent is asked for: the five and Xinjiang's edge.
NARROW_BBOX = (46.0, 35.0, 88.0, 56.0)
LEGEND_CSS = (
    "background:rgba(255,255,255,.92);padding:5px 7px;border-radius:4px;font:11px/1.3 "
    "system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:180px"
)
_SWATCH = "display:inline-block;vertical-align:middle;margin-right:6px"


def _kind_swatch(colour: str, edge: str | None, marker: bool) -> str:
    if marker:
        border = edge or colour
        return (
            f'<span style="{_SWATCH};width:10px;height:10px;border-radius:50%;'
            f'background:{colour};border:2px solid {border};box-shadow:0 0 0 1px #999"></span>'
        )
    return f'<span style="{_SWATCH};width:18px;height:4px;background:{colour}"></span>'


def legend_html(tr: Tr | None = None, own_layers: bool = False) -> str:
    """The legend's HTML in ``tr``'s language (all labels are ours, still escaped); the row
    of a user's own layers only when there are some."""
    tr = tr or translator()
    head = escape(tr("Kind"))
    rows = [f'<div style="font-weight:600">{head}</div>']
    for row in legend_rows():
        if row.kinds <= OWN_KINDS and not own_layers:
            continue
        swatch = _kind_swatch(row.colour, row.edge, row.marker)
        rows.append(f"<div>{swatch}{escape(tr(row.label))}</div>")
    head = escape(tr("Status (lines)"))
    rows.append(f'<div style="font-weight:600;margin-top:4px">{head}</div>')
    for status in LINE_STATUSES:
        dash = STATUS_DASH[status]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        svg = (
            '<svg width="24" height="6" style="vertical-align:middle;margin-right:6px">'
            f'<line x1="0" y1="3" x2="24" y2="3" stroke="#333" stroke-width="3"'
            f"{dash_attr}/></svg>"
        )
        rows.append(f"<div>{svg}{escape(status_label(status, tr))}</div>")
    head = escape(tr("Trade with China, US$ bn"))
    rows.append(f'<div style="font-weight:600;margin-top:4px">{head}</div>')
    for label, colour in trade_legend(tr):
        rows.append(
            f'<div><span style="{_SWATCH};width:12px;height:12px;background:{colour};'
            f'border:1px solid #999"></span>{escape(label)}</div>'
        )
    if tr.lang != "en":
        note = escape(
            tr("Names in italics: English, where the sources give none in this language.")
        )
        rows.append(f'<div style="margin-top:4px;color:#555;max-width:170px">{note}</div>')
    body = "".join(rows)
    title = escape(tr("Legend"))
    return (
        f'<details open style="{LEGEND_CSS}"><summary style="cursor:pointer;font-weight:600">'
        f"{title}</summary>{body}</details>"
    )


def here_words(tr: Tr) -> dict[str, str]:
    """ "{n} features here" in every CLDR plural category of ``tr``'s language, for the
    map's script (which picks one with the browser's ``Intl.PluralRules``)."""
    return tr.by_plural_category(lambda n: tr.ngettext("{n} feature here", "{n} features here", n))


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
    m = folium.Map(
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
            style = dict(NEIGHBOUR_STYLE)
            data = to_geojson(
                neighbours.simplify(0.03),
                [{"_style": style} for _ in range(len(neighbours))],
                CONTEXT_DIGITS,
            )
            FeatureLayer(data, name="Neighbours", interactive=False, control=False).add_to(m)
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


def _rough_zoom(extent: tuple[float, ...], width_px: int = 900) -> int:
    """The zoom at which ``extent`` about fills a map ``width_px`` wide (Web Mercator)."""
    span = max(extent[2] - extent[0], 1e-6)
    return max(2, min(12, int(math.log2(360 * width_px / 256 / span))))


def layer_groups(
    data: dict[str, dict[str, Any]], tr: Tr | None = None, packed: bool = False
) -> list[folium.FeatureGroup]:
    """One toggleable group per layer, choropleth first so lines draw on top of it;
    ``packed``: each layer's data gzipped in the page (see :class:`FeatureLayer`)."""
    tr = tr or translator()
    groups = []
    for layer in drawing_order(data):
        group = folium.FeatureGroup(name=layer_title(layer, tr))
        FeatureLayer(data[layer], packed=packed).add_to(group)
        groups.append(group)
    return groups


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
        own_layers=bool(set(view.features["kind"]) & OWN_KINDS) if len(view.features) else False,
    )
    for group in layer_groups(layer_data(view), view.tr, packed=True):
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if title:
        TitleBlock(title, credits).add_to(m)
    return m
