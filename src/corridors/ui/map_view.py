"""The map: a stable base map plus the selection's layer groups, and the view's downloads.

Only the layer groups change with the filters, so streamlit-folium swaps them inside the
live map: the user's pan and zoom survive a filter change. The map runs in a fragment:
panning reruns only the fragment (to learn the extent the exports use), not the page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from corridors.selection import Selection, SelectionError, check_bbox
from corridors.ui import assets, cache, downloads
from corridors.ui.folium_component import base_strings, layer_strings, show_map

MAP_HEIGHT = 620


def bbox_from_bounds(bounds: Any) -> tuple[float, float, float, float] | None:
    """Leaflet's bounds as a bbox clipped to the globe; None when absent or unusable."""
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        bbox = (
            max(float(sw["lng"]), -180.0),
            max(float(sw["lat"]), -90.0),
            min(float(ne["lng"]), 180.0),
            min(float(ne["lat"]), 90.0),
        )
        check_bbox(bbox)
    except (KeyError, TypeError, ValueError, SelectionError):
        return None
    return bbox


@st.fragment
def render(key: cache.DataKey, sel: Selection, basemap: str) -> None:
    """Draw the map of the current view, then its download buttons.

    ``key`` comes from the page's run, so a pan (a fragment rerun) draws the same data the
    rest of the page shows, without fingerprinting the folder again.
    """
    links = assets.register()
    focus = st.session_state.get("map_focus")
    state = show_map(
        base_strings(key, links, basemap),
        layer_strings(key, sel, links, basemap),
        key="map",
        height=MAP_HEIGHT,
        returned_objects=["bounds"],
        center=focus["center"] if focus else None,
        zoom=focus["zoom"] if focus else None,
    )
    bbox = bbox_from_bounds((state or {}).get("bounds"))
    downloads.render(key, replace(sel, bbox=bbox) if bbox else sel)
