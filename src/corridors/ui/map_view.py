"""The map: a stable base map plus the selection's layer groups.

Only the layer groups change with the filters, so streamlit-folium swaps them inside the
live map: the user's pan and zoom survive a filter change, and panning itself reruns
nothing (``returned_objects=[]``).
"""

from __future__ import annotations

from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from corridors.loader import Dataset
from corridors.maps import base_map, layer_groups
from corridors.selection import REGION_BBOX
from corridors.ui import assets

MAP_HEIGHT = 560


def render(ds: Dataset, view: dict[str, Any], basemap: str) -> None:
    """Draw the map of the current view."""
    links = assets.register()
    base = base_map(ds.outlines, links, REGION_BBOX, basemap=basemap)
    focus = st.session_state.get("map_focus")
    st_folium(
        base,
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=layer_groups(view["layers"]),
        layer_control=folium.LayerControl(collapsed=False),
        center=focus["center"] if focus else None,
        zoom=focus["zoom"] if focus else None,
    )
