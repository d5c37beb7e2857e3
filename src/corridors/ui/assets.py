"""Serve Leaflet from the pinned npm package through Streamlit's own component server.

Streamlit's static folder serves .js and .css as text/plain (browsers refuse to run
them), but a declared component's folder is served with real content types. Declaring
one over ``node_modules/leaflet/dist`` gives the map iframe same-origin URLs for Leaflet.
"""

from __future__ import annotations

import streamlit.components.v1 as components

from corridors.render.assets import AssetLinks, leaflet_dir, served_links


def register() -> AssetLinks:
    """Register the asset folder (each run: registration is per script run) and link it."""
    component = components.declare_component("leaflet", path=str(leaflet_dir()))
    # Relative to the streamlit-folium iframe at /component/<its name>/index.html, so it
    # also works under a server.baseUrlPath.
    return served_links(f"../{component.name}")
