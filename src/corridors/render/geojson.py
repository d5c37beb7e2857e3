"""A view as plain GeoJSON per layer, each feature carrying its style, tooltip and popup.

Plain data: cacheable by the dashboard, compared by the tests, and handed to Leaflet by
:mod:`corridors.render.leaflet`. Nothing from the data reaches HTML unescaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

import geopandas as gpd
import pandas as pd

from corridors.citation import Registry
from corridors.config import COUNTRIES
from corridors.data.trade_basis import PARTNER_SERIES
from corridors.i18n import Tr, translator
from corridors.kinds import draw_order
from corridors.render.popups import popup_model, trade_popup_model
from corridors.render.styles import PARTNER_EDGE, feature_style, trade_colour
from corridors.view import View, on_map

COORD_DIGITS = 4  # ~10 m: far finer than any line here is drawn, a third of the bytes


#: Context (the neighbouring countries) needs ~1 km, not ~10 m: a third of the bytes.
CONTEXT_DIGITS = 2


def to_geojson(
    gdf: gpd.GeoDataFrame, properties: list[dict[str, Any]], digits: int = COORD_DIGITS
) -> dict[str, Any]:
    """A FeatureCollection of ``gdf``'s geometry with the given properties, coordinates rounded."""
    geoms = gdf.geometry.set_precision(10**-digits) if len(gdf) else gdf.geometry
    features = [
        {"type": "Feature", "properties": props, "geometry": geom.__geo_interface__}
        for props, geom in zip(properties, geoms, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def feature_collection(
    selected: gpd.GeoDataFrame, year: int, tr: Tr | None = None, registry: Registry | None = None
) -> dict[str, Any]:
    """The selected features as GeoJSON, each carrying its popup's values (``_p``).

    Styles are per kind, status and shape (:func:`style_key`), sent once in the
    collection's ``styles``, not once per feature; ``year`` is the year the statuses are
    for (the popups say it). Points are ordered by their kind's draw order: big markers
    first, so small ones on the same spot stay on top and clickable.
    """
    tr = tr or translator()
    selected = selected.sort_values("kind", key=lambda kinds: kinds.map(draw_order), kind="stable")
    props, styles = [], {}
    selected = on_map(selected)
    for row, geom in zip(selected.to_dict("records"), selected.geometry, strict=True):
        status = row["status_in_year"]
        key = style_key(row["kind"], status, geom.geom_type)
        styles.setdefault(key, feature_style(row["kind"], status, geom.geom_type))
        props.append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "status": status,
                "_p": popup_model(row, tr, registry),
            }
        )
    return {**to_geojson(selected, props), "year": year, "styles": styles}


def style_key(kind: str, status: str, geom_type: str) -> str:
    """The key of a feature's style in its collection's ``styles`` (the map's script makes
    the same key from the feature's kind, status and geometry type)."""
    return f"{kind}|{status}|{'P' if geom_type.endswith('Point') else 'L'}"


def choropleth_collection(view: View) -> dict[str, Any]:
    """The selected Central Asian countries coloured by trade with China in the view's year:
    China's figure, else the country's own (a dashed edge says so), else grey with where
    the figure was looked for. Hovering says the total; a click opens both sides' figures."""
    tr = view.tr
    table = view.trade_table.set_index("iso3")
    shown = view.outlines[view.outlines["iso3"].isin(table.index)]
    year = view.selection.year
    props = []
    for iso3 in shown["iso3"]:
        row = table.loc[iso3]
        value = None if pd.isna(row["total"]) else float(row["total"])
        style = {
            "color": "#555555",
            "weight": 1,
            "fillColor": trade_colour(value),
            # Opaque: the colour on the map is exactly its legend swatch's.
            "fillOpacity": 1.0,
        }
        if row["series"] == PARTNER_SERIES:
            style.update(PARTNER_EDGE)
        props.append(
            {
                "id": f"trade-{iso3.lower()}",
                "layer": "trade",
                "iso3": iso3,
                # What the legend lists (corridorsExtras.legendShows): "no figure" and the
                # partner's dashed edge only when a country shown is so.
                "figure": value is not None,
                "partner": row["series"] == PARTNER_SERIES,
                "_style": style,
                "_tooltip": trade_tooltip(iso3, value, row["series"], row["gap"], year, tr),
                # A click's popup: both sides of each flow (built in the browser with
                # textContent only, like every popup: render/js/popups.js).
                "_trade": trade_popup_model({**row.to_dict(), "iso3": iso3}, tr, view.registry),
            }
        )
    return to_geojson(shown, props)


def trade_tooltip(iso3: str, value: float | None, series: str, gap: str, year: int, tr: Tr) -> str:
    """A country's trade in ``year`` as the choropleth's tooltip says it (escaped HTML):
    the figure and whose it is, or the dash and where the figure was looked for."""
    country = tr.country(iso3, COUNTRIES[iso3])
    figure = tr.money(value) if value is not None else "— " + tr("no sourced figure")
    line = escape(tr("Trade with China {year}: {figure}").format(year=year, figure=figure))
    if series == PARTNER_SERIES:
        note = tr("Partner-reported: {country}'s own statistics; China's figure is missing.")
        line += f"<br><i>{escape(note.format(country=country))}</i>"
    elif value is None and gap:
        said = escape(tr("Searched:"))
        line += f'<span class="corridors-gap">{said} <span lang="en">{escape(gap)}</span></span>'
    return f"<b>{escape(country)}</b><br>{line}"


def layer_data(view: View) -> dict[str, dict[str, Any]]:
    """GeoJSON per selected layer (plain data: cacheable, and what tests compare)."""
    data = {}
    features = view.on_map
    for layer in view.selection.layers:
        if layer == "trade":
            data[layer] = choropleth_collection(view)
        else:
            data[layer] = feature_collection(
                features[features["layer"] == layer], view.selection.year, view.tr, view.registry
            )
    return data
