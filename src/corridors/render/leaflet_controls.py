"""The map's furniture as folium elements: legend, words and scale bar, labels, opening
view and a standalone file's title block. Pure: no Streamlit, no network.

Each one's template is a single call into ``render/js/`` (``corridorsExtras``,
``corridorsLabels``, ``corridorsLayers``) with values as JSON; its HTML (legend, title) is
ours and escaped here.
"""

from __future__ import annotations

from html import escape

import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from corridors.config import COUNTRIES
from corridors.i18n import Tr, translator
from corridors.kinds import OWN_KINDS, legend_rows
from corridors.render.popups import popup_words
from corridors.render.styles import (
    CASINGS,
    LINE_STATUSES,
    STATUS_SWATCH,
    cased_dash,
    dash_list,
    has_casing,
    trade_legend,
)
from corridors.status import status_label
from corridors.view import in_region


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
    "km" and "m"), "{n} features here" in each plural category, for the popup script, and
    the names of the map and its buttons (Leaflet's are English), for screen readers.

    Part of the map's script (not the page's), so streamlit-folium's live map gets it too.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.corridorsWords = {{ this.words|tojson }};
        corridorsLayers.attach({{ this._parent.get_name() }});
        corridorsExtras.addScale({{ this._parent.get_name() }}, {{ this.units|tojson }},
            {{ this.imperial|tojson }});
        corridorsExtras.nameControls({{ this._parent.get_name() }}, window.corridorsWords);
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
            "year_shown": tr("The year the map shows"),
            "map": tr("Map of the corridors"),
            "zoom_in": tr("Zoom in"),
            "zoom_out": tr("Zoom out"),
            "close": tr("Close"),
        }
        self.units = {"km": tr("km"), "m": tr("m")}
        # Miles for English readers only; Chinese and Russian maps are metric.
        self.imperial = tr.lang == "en"


class YearOnMap(MacroElement):
    """The year a standalone map shows, on the map (the live map says each selection's
    year itself: ``corridorsExtras.showYear`` from ``render/js/live.js``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorsExtras.showYear({{ this._parent.get_name() }}, {{ this.year|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, year: int):
        super().__init__()
        self._name = "YearOnMap"
        self.year = year


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
        near = in_region(neighbours)  # the rest of the world is an unnamed backdrop
        km2 = near.geometry.to_crs(EQUAL_AREA).area / 1e6
        big = near[km2 > NEIGHBOUR_LABEL_MIN_KM2]
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
        corridorsExtras.openOn({{ this._parent.get_name() }}, {{ this.view|tojson }});
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
#: A swatch's rim: 4.5:1 on the legend's white, so even the palest class (#eff3ff, 1.1:1
#: alone) reads as a box (WCAG 1.4.11 asks 3:1; the #999 it replaces gave 2.8:1).
SWATCH_EDGE = "#767676"


#: A cased symbol's casings as CSS shadows (innermost first, as CSS stacks them), so a
#: legend swatch has the edge its symbol has on the map.
CASING_SHADOW = ",".join(f"0 0 0 {c.extra:g}px {c.colour}" for c in reversed(CASINGS))


def _kind_swatch(colour: str, edge: str | None, marker: bool, cased: bool) -> str:
    # An uncased symbol (the capital's white ring) gets a grey rim to show on white.
    shadow = CASING_SHADOW if cased else f"0 0 0 1px {SWATCH_EDGE}"
    if marker:
        border = edge or colour
        return (
            f'<span style="{_SWATCH};width:10px;height:10px;border-radius:50%;'
            f'background:{colour};border:2px solid {border};box-shadow:{shadow}"></span>'
        )
    return (
        f'<span style="{_SWATCH};width:18px;height:4px;border-radius:2px;'
        f'background:{colour};box-shadow:{shadow}"></span>'
    )


def _status_swatch(status: str, width: float = 3.0) -> str:
    """A status's line pattern as the map draws a line in it: grey, over its casings (each
    dash cased), in an SVG the height of the widest."""
    dash = dash_list(status)
    strokes = [
        (c.colour, width + 2 * c.extra, cased_dash(dash, c.extra, butt=True) if c.dashed else None)
        for c in CASINGS
    ]
    lines = []
    for colour, wide, pattern in [*strokes, (STATUS_SWATCH, width, dash)]:
        dash_attr = f' stroke-dasharray="{" ".join(f"{v:g}" for v in pattern)}"' if pattern else ""
        lines.append(
            f'<line x1="1" y1="4" x2="25" y2="4" stroke="{colour}" stroke-width="{wide:g}"'
            f"{dash_attr}/>"
        )
    return (
        '<svg width="26" height="8" style="vertical-align:middle;margin-right:4px">'
        f"{''.join(lines)}</svg>"
    )


def legend_html(tr: Tr | None = None, own_layers: bool = False) -> str:
    """The legend's HTML in ``tr``'s language (all labels are ours, still escaped); the row
    of a user's own layers only when there are some.

    Every row says what it stands for (``data-kinds``, ``data-status``, ``data-trade``), so
    the map's script shows only the rows of what the map draws now
    (``corridorsExtras.refreshLegend``): the kinds present, the statuses of the lines
    drawn, the trade classes only while the choropleth is shown.
    """
    tr = tr or translator()
    kinds = []
    for row in legend_rows():
        if row.kinds <= OWN_KINDS and not own_layers:
            continue
        cased = all(has_casing(kind) for kind in row.kinds)
        swatch = _kind_swatch(row.colour, row.edge, row.marker, cased)
        names = " ".join(sorted(row.kinds))
        kinds.append(f'<div data-kinds="{names}">{swatch}{escape(tr(row.label))}</div>')
    statuses = []
    for status in LINE_STATUSES:
        svg = _status_swatch(status)
        statuses.append(
            f'<div data-status="{status}">{svg}{escape(status_label(status, tr))}</div>'
        )
    trade = []
    classes = trade_legend(tr)
    for i, (label, colour) in enumerate(classes):
        what = "none" if i == len(classes) - 1 else "class"  # the last row: "no figure"
        trade.append(
            f'<div data-trade="{what}"><span style="{_SWATCH};width:12px;height:12px;'
            f'background:{colour};border:1px solid {SWATCH_EDGE}"></span>{escape(label)}</div>'
        )
    partner = escape(tr("Dashed edge: the country's own figure (China's is missing)"))
    trade.append(
        f'<div data-trade="partner"><span style="{_SWATCH};width:10px;height:10px;'
        f'border:2px dashed #222"></span>{partner}</div>'
    )
    body = (
        _legend_section(tr("Kind"), kinds)
        + _legend_section(tr("Status (lines)"), statuses)
        + _legend_section(tr("Trade with China, US$ bn"), trade)
    )
    if tr.lang != "en":
        note = escape(
            tr("Names in italics: English, where the sources give none in this language.")
        )
        body += f'<div style="margin-top:4px;color:#555;max-width:170px">{note}</div>'
    title = escape(tr("Legend"))
    return (
        f'<details open style="{LEGEND_CSS}"><summary style="cursor:pointer;font-weight:600">'
        f"{title}</summary>{body}</details>"
    )


def _legend_section(head: str, rows: list[str]) -> str:
    """A heading and its rows, hidden by the map's script when none of its rows is shown."""
    heading = f'<div style="font-weight:600;margin-top:4px">{escape(head)}</div>'
    return f"<div data-section>{heading}{''.join(rows)}</div>"


def here_words(tr: Tr) -> dict[str, str]:
    """ "{n} features here" in every CLDR plural category of ``tr``'s language, for the
    map's script (which picks one with the browser's ``Intl.PluralRules``)."""
    return tr.by_plural_category(lambda n: tr.ngettext("{n} feature here", "{n} features here", n))
